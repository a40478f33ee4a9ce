"""Editor and build tools: `python -m sitetools build|check|new`."""
