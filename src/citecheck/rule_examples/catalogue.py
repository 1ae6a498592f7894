"""The examples themselves: rule name -> (bad example, fixed example).

The sources are stand-ins written for these examples (in the manner of examples/sources/), not
real texts; URLs use the reserved ``example.org`` domain.
"""

from __future__ import annotations

from citecheck.rule_examples import RuleExample
from citecheck.rule_examples.reference_catalogue import reference_examples

FREEZE = """\
@book{freeze2009russia,
  editor    = {Freeze, Gregory L.},
  title     = {Russia: A History},
  publisher = {Oxford University Press},
  year      = {2009},
  pagetotal = {556},
}
"""

CONGRESS_TEXT = """\
The Twentieth Congress of the Communist Party of the Soviet Union met in Moscow from 14 to 25
February 1956. It was attended by 1,436 delegates with a deciding vote.

On the last day of the congress Nikita Khrushchev addressed a closed session of the delegates.
In his speech he attacked the cult of Stalin's personality.

Sergei Kirov, the party leader in Leningrad, was shot on 1 December 1934.
"""

CONGRESS_BIB = """\
@misc{congress1956,
  author       = {{Historical Office}},
  title        = {The Twentieth Party Congress},
  howpublished = {Stand-in chronicle},
  year         = {2014},
  file         = {sources/congress.txt},
}
"""

CONGRESS_FILES = {"sources/congress.txt": CONGRESS_TEXT}
# What the congress source backs, the fixed essay of the claim rules.
CLOSED_SESSION = ("On the last day of the congress Khrushchev addressed a closed session of the delegates "
                  "[@congress1956].\n")

SPEECH_TEXT = """\
Speech by Nikita Khrushchev to a closed session of the Twentieth Party Congress.

Comrades! In December 1922, in a letter to the coming party congress, Lenin wrote that Stalin,
having become General Secretary, had gathered immeasurable power into his own hands, and that he
was not sure Stalin would always be able to use that power with enough care. We must abolish
the cult of the individual decisively, once and for all.
"""

SPEECH_BIB = """\
@misc{khrushchev1956cult,
  author             = {Khrushchev, Nikita S.},
  title              = {On the Cult of Personality and Its Consequences},
  howpublished       = {Speech at a closed session of the Twentieth Congress of the CPSU},
  year               = {1956},
  file               = {sources/speech.txt},
  citecheck-fulltext = {true},
}
"""

SPEECH_FILES = {"sources/speech.txt": SPEECH_TEXT}

PAGE_TEXT = (
    "A copy of Khrushchev's closed speech reached American intelligence in April 1956. "
    "The Department of State released the full text to the New York Times in June 1956."
)
GONE = "https://history.example.org/milestones/secret-speech"
CAPTURE = f"https://web.archive.org/web/20140301000000/{GONE}"
SNAPSHOT_DATE = "2026-03-01T09:00:00+00:00"


def _live(text: str = PAGE_TEXT, **fields: object) -> dict[str, object]:
    """A snapshot index entry for a live page (read back with status ``snapshot``)."""
    return {"status": "live", "http_status": 200, "content_type": "text/html", "fetched_at": SNAPSHOT_DATE,
            "text": text, **fields}


def _page_essay(url: str) -> str:
    return ("The Department of State released the full text to the New York Times in June 1956 "
            f"([source]({url})).\n")


EXAMPLES: dict[str, tuple[RuleExample, RuleExample]] = {
    "bib-syntax": (
        RuleExample(
            essay="The congress closed on 25 February 1956 (Freeze, 418).\n",
            bib=FREEZE.replace("Oxford University Press},", "Oxford University Press}"),
            note="The `publisher` field is not followed by a comma.",
        ),
        RuleExample(essay="The congress closed on 25 February 1956 (Freeze, 418).\n", bib=FREEZE,
                    note="The comma is back; the entry loads and the citation resolves."),
    ),
    "library-not-found": (
        RuleExample(
            essay="The closed speech was read at party meetings across the country [@taubman2003khrushchev].\n",
            note="No --bib, no `bibliography:` in front matter or configuration, no references.bib beside the essay.",
        ),
        RuleExample(
            essay="The closed speech was read at party meetings across the country [@taubman2003khrushchev].\n",
            bib="""\
@book{taubman2003khrushchev,
  author    = {Taubman, William},
  title     = {Khrushchev: The Man and His Era},
  publisher = {W. W. Norton},
  year      = {2003},
}
""",
            note="Put the library beside the essay as references.bib (or name it with --bib or `bibliography`).",
        ),
    ),
    "citation-undefined": (
        RuleExample(
            essay="Historians still argue about how far Stalin arranged the murder of Kirov (Taubman, 270).\n",
            bib=FREEZE,
            note="The library has no entry by Taubman.",
        ),
        RuleExample(
            essay="Historians still argue about how far Stalin arranged the murder of Kirov (Taubman, 270).\n",
            bib=FREEZE + """
@book{taubman2003khrushchev,
  author    = {Taubman, William},
  title     = {Khrushchev: The Man and His Era},
  publisher = {W. W. Norton},
  year      = {2003},
}
""",
            note="Add an entry for the work to the .bib (or correct the name in the citation).",
        ),
    ),
    "citation-ambiguous": (
        RuleExample(
            essay="The thaw that followed the congress was short (Freeze, 418).\n",
            bib=FREEZE + """
@book{freeze1997russia,
  editor    = {Freeze, Gregory L.},
  title     = {Russia: A History},
  publisher = {Oxford University Press},
  year      = {1997},
}
""",
            note="The library holds two editions edited by Freeze.",
        ),
        RuleExample(
            essay="The thaw that followed the congress was short (Freeze, 2009, p. 418).\n",
            bib=FREEZE + """
@book{freeze1997russia,
  editor    = {Freeze, Gregory L.},
  title     = {Russia: A History},
  publisher = {Oxford University Press},
  year      = {1997},
}
""",
            note="Give the year (or, in MLA, a short title: `(Freeze, Russia 418)` when the titles differ).",
        ),
    ),
    "citation-year-mismatch": (
        RuleExample(essay="The break with Stalin's memory was not complete (Freeze, 2001, p. 418).\n", bib=FREEZE,
                    note="The library's Freeze is from 2009."),
        RuleExample(essay="The break with Stalin's memory was not complete (Freeze, 2009, p. 418).\n", bib=FREEZE,
                    note="Cite the year of the edition you used, or add that edition to the .bib."),
    ),
    "citation-page-out-of-range": (
        RuleExample(essay="The same leaders crushed the Hungarian rising later that year (Freeze, 918).\n",
                    bib=FREEZE, note="The book has 556 pages."),
        RuleExample(essay="The same leaders crushed the Hungarian rising later that year (Freeze, 418).\n",
                    bib=FREEZE, note="Check the page in the book and correct it."),
    ),
    "reference-list-mismatch": (
        RuleExample(
            essay=("The thaw that followed the congress was short (Freeze 418).\n\n"
                   "## Works Cited\n\n"
                   "Freeze, Gregory L., editor. *Russia: A History*. Oxford UP, 1997.\n"),
            bib=FREEZE,
            note="The essay's Works Cited gives 1997; the .bib entry it is checked against is the 2009 edition.",
        ),
        RuleExample(
            essay=("The thaw that followed the congress was short (Freeze 418).\n\n"
                   "## Works Cited\n\n"
                   "Freeze, Gregory L., editor. *Russia: A History*. Oxford UP, 2009.\n"),
            bib=FREEZE,
            note="Give the same edition in the Works Cited and in the .bib.",
        ),
    ),
    "reference-unused": (
        RuleExample(
            essay="The thaw that followed the congress was short (Freeze, 418).\n",
            bib=FREEZE + """
@book{service2005stalin,
  author    = {Service, Robert},
  title     = {Stalin: A Biography},
  publisher = {Harvard University Press},
  year      = {2005},
}
""",
            note="No essay cites `service2005stalin`.",
        ),
        RuleExample(
            essay=("The thaw that followed the congress was short (Freeze, 418). "
                   "Stalin's heirs never agreed on how to judge him (Service, 590).\n"),
            bib=FREEZE + """
@book{service2005stalin,
  author    = {Service, Robert},
  title     = {Stalin: A Biography},
  publisher = {Harvard University Press},
  year      = {2005},
}
""",
            note="Cite the entry where the essay uses it, or remove it from the .bib.",
        ),
    ),
    "reference-incomplete": (
        RuleExample(
            essay="Stalin's heirs never agreed on how to judge him (Service, 590).\n",
            bib="""\
@book{service2005stalin,
  author    = {Service, Robert},
  title     = {Stalin: A Biography},
  year      = {2005},
}
""",
            note="A book needs a `publisher`.",
        ),
        RuleExample(
            essay="Stalin's heirs never agreed on how to judge him (Service, 590).\n",
            bib="""\
@book{service2005stalin,
  author    = {Service, Robert},
  title     = {Stalin: A Biography},
  publisher = {Harvard University Press},
  year      = {2005},
}
""",
            note="Fill in the fields the entry type needs (for `@online`: `url` and `urldate`).",
        ),
    ),
    "link-dead": (
        RuleExample(
            essay=_page_essay(GONE),
            snapshots={GONE: {"status": "dead", "http_status": 404, "reason": "HTTP 404 Not Found",
                              "fetched_at": SNAPSHOT_DATE}},
            note="The page answers 404 and the Wayback Machine has no capture of it.",
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/1953-1960/khrushchev-20th-congress"),
            snapshots={"https://history.example.org/milestones/1953-1960/khrushchev-20th-congress": _live()},
            note="Link the page's new address, an archived copy, or another source.",
        ),
    ),
    "link-malformed": (
        RuleExample(
            essay=_page_essay("https://history.example.org:80a/milestones/khrushchev"),
            note="The port `80a` is not a number, so the URL cannot be opened at all.",
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/1953-1960/khrushchev-20th-congress"),
            snapshots={"https://history.example.org/milestones/1953-1960/khrushchev-20th-congress": _live()},
            note="Correct the URL.",
        ),
    ),
    "link-archived-only": (
        RuleExample(
            essay=_page_essay(GONE),
            snapshots={GONE: {"status": "archived", "http_status": 410, "reason": "HTTP 410 Gone",
                              "archive_url": CAPTURE, "archive_timestamp": "20140301000000",
                              "fetched_at": SNAPSHOT_DATE, "content_type": "text/html", "text": PAGE_TEXT}},
            note="The page answers 410; the Wayback Machine has a capture of 2014.",
        ),
        RuleExample(
            essay=_page_essay(CAPTURE),
            snapshots={CAPTURE: _live()},
            note="Link the archived copy the finding names.",
        ),
    ),
    "link-drift": (
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/khrushchev"),
            snapshots={"https://history.example.org/milestones/khrushchev": _live(
                "This page is being revised. Our new series on the early Cold War begins next month.",
                archive_url="https://web.archive.org/web/20140301000000/https://history.example.org/milestones/khrushchev",
                archive_timestamp="20140301000000", archive_text=PAGE_TEXT)},
            note="Today's page no longer holds the passage; its 2014 capture does.",
        ),
        RuleExample(
            essay=_page_essay("https://web.archive.org/web/20140301000000/https://history.example.org/milestones/khrushchev"),
            snapshots={"https://web.archive.org/web/20140301000000/https://history.example.org/milestones/khrushchev":
                       _live()},
            note="Link the capture that backs the claim (or update the claim to what the page says now).",
        ),
    ),
    "link-redirected": (
        RuleExample(
            essay=_page_essay("http://history.example.org/old/secret-speech"),
            snapshots={"http://history.example.org/old/secret-speech": _live(
                final_url="https://history.example.org/milestones/secret-speech",
                redirects=["https://history.example.org/milestones/secret-speech"])},
            note="The address answers 301 Moved Permanently.",
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/secret-speech"),
            snapshots={"https://history.example.org/milestones/secret-speech": _live(
                final_url="https://history.example.org/milestones/secret-speech")},
            note="Cite the final URL.",
        ),
    ),
    "link-refused": (
        RuleExample(
            essay=_page_essay("http://169.254.169.254/latest/meta-data/"),
            note=("The address is link-local (a cloud metadata service); the address guard refuses it "
                  "before any request, online or offline."),
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/secret-speech"),
            snapshots={"https://history.example.org/milestones/secret-speech": _live()},
            note="Cite a public address, or set `allow-private` if you trust the essay.",
        ),
    ),
    "quote-not-found": (
        RuleExample(
            essay='Khrushchev called the cult "a total triumph of the will" [@khrushchev1956cult].\n',
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note="The speech's text (sources/speech.txt) has no such words.",
        ),
        RuleExample(
            essay=('Khrushchev asked the party to abolish the cult "decisively, once and for all" '
                   "[@khrushchev1956cult].\n"),
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note="Quote the source's words exactly, or paraphrase without quotation marks.",
        ),
    ),
    "quote-altered": (
        RuleExample(
            essay=('Lenin warned that Stalin "had gathered unlimited power into his own hands" '
                   "[@khrushchev1956cult].\n"),
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note='The speech has "had gathered immeasurable power into his own hands".',
        ),
        RuleExample(
            essay=('Lenin warned that Stalin "had gathered immeasurable power into his own hands" '
                   "[@khrushchev1956cult].\n"),
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note="Quote the source's words exactly.",
        ),
    ),
    "number-mismatch": (
        RuleExample(
            essay="The congress was attended by 1,536 delegates with a deciding vote [@congress1956].\n",
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="The source says 1,436 delegates.",
        ),
        RuleExample(
            essay="The congress was attended by 1,436 delegates with a deciding vote [@congress1956].\n",
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="Use the source's figure.",
        ),
    ),
    "date-mismatch": (
        RuleExample(
            essay="Sergei Kirov, the party leader in Leningrad, was shot on 1 December 1943 [@congress1956].\n",
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="The source says 1 December 1934.",
        ),
        RuleExample(
            essay="Sergei Kirov, the party leader in Leningrad, was shot on 1 December 1934 [@congress1956].\n",
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="Use the source's date.",
        ),
    ),
    "computed-mismatch": (
        RuleExample(
            essay="Khrushchev's speech ran to some 26,000 words [@khrushchev1956cult].\n",
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note="The entry's full text, `sources/speech.txt`, counts 72 words.",
        ),
        RuleExample(
            essay="Khrushchev's speech ran to some 72 words [@khrushchev1956cult].\n",
            bib=SPEECH_BIB, files=SPEECH_FILES,
            note="State the figure the full text yields, hedged as needed.",
        ),
    ),
    "claim-unsupported": (
        RuleExample(
            essay=("The Central Intelligence Agency paid an informer in Warsaw for its copy of the speech "
                   "[@congress1956].\n"),
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="The source never mentions the CIA, Warsaw or an informer.",
        ),
        RuleExample(
            essay=CLOSED_SESSION,
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="Cite a source that backs the claim, or state only what the cited source says.",
        ),
    ),
    "claim-partly-supported": (
        RuleExample(
            essay=("On the last day of the congress Khrushchev addressed a closed session of the delegates "
                   "in the Kremlin's Sverdlov Hall [@congress1956].\n"),
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="The source backs the closed session on the last day but never names the Kremlin or Sverdlov Hall.",
        ),
        RuleExample(
            essay=CLOSED_SESSION,
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="State only what the source says, or cite a source for the rest.",
        ),
    ),
    "claim-contradicted": (
        RuleExample(
            essay=("On the last day of the congress Khrushchev did not address the closed session of the "
                   "delegates [@congress1956].\n"),
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="The source says he addressed it: the essay adds a negation.",
        ),
        RuleExample(
            essay=CLOSED_SESSION,
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="Say what the source says.",
        ),
    ),
    "claim-uncited": (
        RuleExample(
            essay="The Twentieth Party Congress convened in Moscow in February 1956.\n",
            note="The sentence states a date and names an event, and nothing in its paragraph cites a source.",
        ),
        RuleExample(
            essay="The Twentieth Party Congress convened in Moscow in February 1956 [@congress1956].\n",
            bib=CONGRESS_BIB, files=CONGRESS_FILES,
            note="Cite a source in the sentence or at the end of its paragraph.",
        ),
    ),
    "source-unverifiable": (
        RuleExample(
            essay="The thaw that followed the congress was short (Freeze, 418).\n",
            bib=FREEZE,
            note="The entry is a print book with no `file`.",
        ),
        RuleExample(
            essay="The thaw that followed the congress was short (Freeze, 418).\n",
            bib=FREEZE.replace("  pagetotal = {556},\n", "  pagetotal = {556},\n  file      = {sources/freeze-ch12.txt},\n"),
            files={"sources/freeze-ch12.txt": "The thaw that followed the congress was short. Within a year "
                   "the same leaders had crushed the Hungarian rising.\n"},
            note="Add a `file` field naming a local text or PDF of the work (relative to the .bib).",
        ),
    ),
    "source-unreachable": (
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/secret-speech"),
            snapshots={"https://history.example.org/milestones/secret-speech": {
                "status": "unreachable", "reason": "timed out", "fetched_at": SNAPSHOT_DATE}},
            note="The page timed out when the snapshot was taken, and this run is offline.",
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/secret-speech"),
            snapshots={"https://history.example.org/milestones/secret-speech": _live()},
            note=("Re-run later, or record the page with `citecheck fetch --snapshots DIR` and commit the "
                  "directory; `check --offline --snapshots DIR` then reads it."),
        ),
    ),
    "source-unreadable": (
        RuleExample(
            essay=_page_essay("https://history.example.org/files/secret-speech-scan.pdf"),
            snapshots={"https://history.example.org/files/secret-speech-scan.pdf": {
                "status": "live", "http_status": 200, "content_type": "application/pdf",
                "fetched_at": SNAPSHOT_DATE, "reason": "PDF has no text layer"}},
            note="The link is a scanned PDF with no text layer.",
        ),
        RuleExample(
            essay=_page_essay("https://history.example.org/milestones/secret-speech"),
            snapshots={"https://history.example.org/milestones/secret-speech": _live()},
            note="Link a version with text (here the HTML page), or give the entry a text `file`.",
        ),
    ),
    "suppression-unused": (
        RuleExample(
            essay=("<!-- citecheck: ignore quote-altered -->\n"
                   "The thaw that followed the congress was short (Freeze, 418).\n"),
            bib=FREEZE,
            note="The paragraph has no quotation, so nothing is suppressed.",
        ),
        RuleExample(essay="The thaw that followed the congress was short (Freeze, 418).\n", bib=FREEZE,
                    note="Remove the comment."),
    ),
}


EXAMPLES.update(reference_examples())
