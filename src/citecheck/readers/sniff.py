"""What a submission really is, when its name says one thing and its bytes another.

Students rename files, export to the wrong format and submit damaged uploads. A reader that
fails on such a file should say what the file *is* ("a PDF document named .md: rename it to
.pdf"), and a file of bytes that are no text in any encoding should be called binary, not "a
legacy encoding". Two tests, both cheap and only run on the error path:

- :func:`known_format`: the first bytes of the formats a student is likely to hand in by
  mistake (PDF, Word .docx / .doc, OpenDocument, RTF, images, archives);
- :func:`reads_as_text`: whether bytes that are not UTF-8 read as text in some legacy
  encoding; charset-normalizer (already installed with requests) judges that by the "mess" of
  each candidate decoding, and finds none for random or compressed bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"mimetypeapplication/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class KnownFormat:
    """A file format recognised by its first bytes: what to call it, and what to do about it."""

    name: str
    suffix: str | None  # the suffix citecheck reads it under, when it reads it at all
    hint: str
    binary: bool = True  # False for a text format citecheck does not read (RTF)


_SAVE_AS = "save the essay as .docx, .pdf, .md or .txt and run citecheck again"


def known_format(data: bytes) -> KnownFormat | None:
    """The format ``data``'s first bytes announce, when it is one a submission is often by mistake."""
    head = data[:64]
    if head.lstrip()[:5] == b"%PDF-":
        return KnownFormat("a PDF document", ".pdf", "rename it to end in .pdf")
    if head.startswith(b"PK\x03\x04"):
        if head[30:30 + len(_ODT_MIME)] == _ODT_MIME:
            return KnownFormat("an OpenDocument text (.odt)", ".odt", "rename it to end in .odt")
        if b"word/" in data[:200_000]:
            return KnownFormat("a Word document (.docx)", ".docx", "rename it to end in .docx")
        return KnownFormat("a ZIP archive", None, "unpack it and give citecheck the essay inside")
    if head.startswith(_OLE2):
        return KnownFormat("a Word 97-2003 document (.doc) or another old Office file", None,
                           "open it in Word or LibreOffice and save it as .docx")
    if head.startswith(b"{\\rtf"):
        return KnownFormat("a Rich Text Format (.rtf) document", None,
                           "open it in Word or LibreOffice and save it as .docx", binary=False)
    for magic, name in ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
                        (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
                        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive")):
        if head.startswith(magic):
            return KnownFormat(name, None, _SAVE_AS)
    return None


def misnamed(data: bytes, suffix: str) -> KnownFormat | None:
    """The format ``data`` is, when it is a known one other than the one ``suffix`` names (a PDF
    named .docx); None otherwise. A ZIP package named .docx or .odt is left to its reader, which
    looks inside (a Word file's parts need not come first)."""
    found = known_format(data)
    suffix = suffix.lower()
    if found is None or found.suffix == suffix:
        return None
    if found.suffix is None and found.name == "a ZIP archive" and suffix in (".docx", ".odt"):
        return None
    return found


def reads_as_text(data: bytes) -> bool:
    """Whether bytes that failed to decode as UTF-8 read as text in some other encoding."""
    from charset_normalizer import from_bytes

    return from_bytes(data[:200_000]).best() is not None
