"""The `lintkit` program (the console script and `python -m lintkit`): lintkit.cli's
command, with Python's garbage collector set for a process that starts often.

The cyclic collector is paused while the command's modules load. They make only objects
that live as long as the process (modules, classes, functions, compiled patterns), so the
thirty-odd collections of young objects it ran during the imports found nothing and cost
5-6 ms of every start-up (measured with gc.callbacks). What the imports made is then frozen
(`gc.freeze`: no collection looks at it again) and the collector runs as usual for what
the command builds. Code that imports lintkit.cli as a library is not affected."""

from __future__ import annotations

import gc


def main() -> None:
    """Run the `lintkit` command (it ends the process)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as command
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    command()
