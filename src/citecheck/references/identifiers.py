"""DOI, ISBN and ISSN: reading them out of a .bib entry, and telling whether they are well formed.

ISBN and ISSN check digits are python-stdnum's (never hand-written arithmetic). A DOI has no check
digit, so "valid" means the syntax the DOI Handbook gives: ``10.`` + a numeric registrant code
(dot-separated) + ``/`` + a non-empty suffix without spaces. Suffixes of old DOIs hold ``<>``,
``()``, ``;`` and ``#``, so nothing else is demanded of the suffix: precision first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from citecheck.model import Reference

_DOI_PREFIXES = re.compile(r"^\s*(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_ARXIV_NEW = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(v\d+)?$", re.IGNORECASE)
_ARXIV_OLD = re.compile(r"^(?:arxiv:)?([a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Identifier:
    """One identifier an entry gives: which field, the value as written, and its normal form."""

    kind: str  # doi | isbn | issn | arxiv
    field: str  # the .bib field it was read from
    raw: str
    value: str  # normalised: DOI lower-cased without resolver prefix, ISBN-13 digits, ISSN NNNN-NNNC
    problem: str | None = None  # why it is not valid (None: valid)


def strip_doi(raw: str) -> str:
    """A DOI without ``doi:`` / resolver URL prefix, percent-decoding and trailing punctuation."""
    value = _DOI_PREFIXES.sub("", raw.strip())
    if value != raw.strip():
        value = unquote(value)
    return value.strip().rstrip(".,;")


def doi_problem(raw: str) -> str | None:
    """Why ``raw`` is not a DOI, or None when it is one."""
    value = strip_doi(raw)
    if not value:
        return "the DOI is empty"
    if re.search(r"\s", value):
        return "a DOI holds no spaces"
    if not value.startswith("10."):
        return "a DOI starts with `10.` (the directory indicator)"
    if "/" not in value:
        return "a DOI has a `/` between the prefix and the suffix"
    prefix, _, suffix = value.partition("/")
    if not re.fullmatch(r"10\.\d{4,9}(?:\.\d+)*", prefix):
        return f"the prefix `{prefix}` is not `10.` followed by a numeric registrant code"
    if not suffix:
        return "the suffix after `/` is empty"
    return None


def _stdnum_problem(module: object, value: str, what: str) -> str | None:
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

    try:
        module.validate(value)  # type: ignore[attr-defined]
    except InvalidChecksum:
        return f"the {what} check digit is wrong"
    except InvalidLength:
        return f"an {what} has {'10 or 13' if what == 'ISBN' else '8'} digits"
    except InvalidComponent:
        return f"the {what} has an impossible prefix"
    except InvalidFormat:
        return f"the {what} holds characters other than digits, hyphens and a final X"
    return None


def split_values(raw: str) -> list[str]:
    """The separate values of an isbn/issn field ("0-19-…(hbk), 0-19-…" → two values)."""
    values = []
    for part in re.split(r"[,;]|\s+and\s+", raw):
        part = re.sub(r"\([^)]*\)", " ", part)  # "(hbk)", "(pbk.)", "(online)"
        part = re.sub(r"(?i)\b(?:isbn|issn|e-?issn|p-?issn)(?:-1[03])?\s*:?", " ", part).strip()
        part = re.sub(r"(?i)\s*(?:hbk|pbk|hardcover|paperback|print|online|electronic)\.?$", "", part).strip()
        if part:
            values.append(part)
    return values


def isbn_problem(raw: str) -> str | None:
    """Why ``raw`` (one ISBN) is not a valid ISBN-10 or ISBN-13, or None."""
    from stdnum import isbn

    return _stdnum_problem(isbn, raw, "ISBN")


def issn_problem(raw: str) -> str | None:
    """Why ``raw`` (one ISSN) is not a valid ISSN, or None."""
    from stdnum import issn

    return _stdnum_problem(issn, raw, "ISSN")


def normal_isbn(raw: str) -> str:
    """ISBN-13 digits of a valid ISBN (ISBN-10 converted)."""
    from stdnum import isbn

    return isbn.to_isbn13(isbn.compact(raw)).replace("-", "")


def arxiv_id(raw: str) -> str | None:
    """The arXiv identifier in ``raw`` ("arXiv:1706.03762v5" → "1706.03762"), or None."""
    value = raw.strip()
    if "arxiv.org/" in value.lower():
        value = urlsplit(value).path.rsplit("/abs/", 1)[-1].rsplit("/pdf/", 1)[-1].removesuffix(".pdf")
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        m = pattern.match(value)
        if m:
            return m.group(1)
    return None


def identifiers(ref: Reference) -> list[Identifier]:
    """Every DOI, ISBN, ISSN and arXiv id the entry gives, each with its problem (if any)."""
    found: list[Identifier] = []
    doi = ref.fields.get("doi", "").strip()
    if doi:
        problem = doi_problem(doi)
        found.append(Identifier("doi", "doi", doi, "" if problem else strip_doi(doi).lower(), problem))
    url = ref.fields.get("url", "").strip()
    if url and not doi and re.match(r"(?i)^https?://(dx\.)?doi\.org/", url):
        problem = doi_problem(url)
        found.append(Identifier("doi", "url", url, "" if problem else strip_doi(url).lower(), problem))
    eprint = ref.fields.get("eprint", "").strip()
    kind = (ref.fields.get("eprinttype") or ref.fields.get("archiveprefix") or "").strip().lower()
    if eprint and kind == "doi" and not doi:
        problem = doi_problem(eprint)
        found.append(Identifier("doi", "eprint", eprint, "" if problem else strip_doi(eprint).lower(), problem))
    elif eprint and kind == "arxiv":
        ident = arxiv_id(eprint)
        if ident:
            found.append(Identifier("arxiv", "eprint", eprint, ident))
    if url and not any(i.kind == "arxiv" for i in found) and re.match(r"(?i)^https?://(www\.)?arxiv\.org/(abs|pdf)/", url):
        ident = arxiv_id(url)
        if ident:
            found.append(Identifier("arxiv", "url", url, ident))
    for name in ("isbn",):
        for value in split_values(ref.fields.get(name, "")):
            problem = isbn_problem(value)
            found.append(Identifier("isbn", name, value, "" if problem else normal_isbn(value), problem))
    for name in ("issn", "eissn"):
        for value in split_values(ref.fields.get(name, "")):
            problem = issn_problem(value)
            found.append(Identifier("issn", name, value, value.upper().replace(" ", ""), problem))
    return found


__all__ = ["Identifier", "arxiv_id", "doi_problem", "identifiers", "isbn_problem", "issn_problem",
           "normal_isbn", "split_values", "strip_doi"]
