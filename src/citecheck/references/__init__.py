"""Reference lists and reference existence (Crossref, OpenAlex, Open Library look-ups)."""
