"""`lintkit serve`: lintkit behind LanguageTool's HTTP API, so the clients newsrooms already
run (the LanguageTool browser add-on, CMS plugins, language-tool-python) show its findings.

`ltapi` reads requests and writes matches (no web framework), `service` checks texts with
one linter built at start-up, `app` is the HTTP server. Starlette and uvicorn are imported
only here, and only by `lintkit serve`.
"""
