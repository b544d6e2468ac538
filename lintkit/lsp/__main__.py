"""`python -m lintkit.lsp [--config FILE]`: start the language server on stdio."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lintkit.lsp", description=__doc__)
    parser.add_argument("--config", type=Path, help="use this configuration file for every document")
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    args = parser.parse_args(argv)
    if args.config is not None and not args.config.is_file():
        parser.error(f"--config {args.config}: no such file")
    try:
        from .server import main
    except ImportError as exc:  # pygls is an optional dependency: the `lsp` extra
        sys.exit(f"lintkit lsp needs pygls ({exc}); install it with: pip install 'lintkit[lsp]'")
    main(args.config)


if __name__ == "__main__":
    run()
