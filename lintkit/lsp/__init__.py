"""`lintkit lsp`: a language server over standard input and output (pygls).

pygls is imported by `lintkit.lsp.server` only, so importing lintkit (or this package)
never needs it; `python -m lintkit.lsp [--config FILE]` starts the server.
"""
