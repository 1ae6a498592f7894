"""Reference lists and reference existence.

``parse`` turns reference-list entries into Reference objects (a CRF labels the tokens; public
as ``citecheck.parse_reference`` / ``citecheck.parse_references``); ``essay`` makes the essay's
own "Works Cited" / "References" section its library; ``exist``, ``clients``, ``match`` and
``identifiers`` look entries up (Crossref, OpenAlex, Open Library). Submodules are imported where
used, so importing this package stays cheap.
"""

from __future__ import annotations

__all__ = ["parse_reference", "parse_references"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from citecheck.references import parse

        return getattr(parse, name)
    raise AttributeError(name)
