"""The site's pages as Markdown, derived from a Release; no MkDocs here."""
