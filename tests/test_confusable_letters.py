"""Letters outside ASCII that a case-insensitive pattern matches as ASCII ones ("fiftieſ" with a long
s, "thırd" with a dotless i, a Kelvin sign for k): the figure and date readers look such a word up by
its ASCII spelling instead of failing the whole essay with an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import claims
from citecheck.claims.measures import shares
from citecheck.cli import main

WORDS = ["born in the fifties", "half of the 5 thousand residents", "a third of voters", "three quarters of the seats",
         "in the forties", "two thousand people", "one in four people"]
CONFUSABLE = {"s": "ſ", "i": "ı", "k": "\u212a"}


def _variants() -> list[str]:
    return [phrase.replace(ascii_letter, other) for phrase in WORDS for ascii_letter, other in CONFUSABLE.items()
            if ascii_letter in phrase]


@pytest.mark.parametrize("text", _variants())
def test_figures_and_dates_are_read_from_confusable_letters(text: str) -> None:
    dates = claims.extract_dates(text)
    quantities = claims.extract_quantities(text, dates=dates)
    plain = next(p for p in WORDS if len(p) == len(text) and all(a == b or b in CONFUSABLE.values()
                                                                 for a, b in zip(p, text)))
    # What the pattern matched is read as the plain spelling reads.
    plain_dates = claims.extract_dates(plain)
    assert [d.year for d in dates] == [d.year for d in plain_dates]
    # A digit figure with its scale word ("5 thouſand") keeps the scale.
    if "5 " in text:
        assert [q.value for q in quantities if q.value >= 1000] == [5000]
    assert [q.value for q in shares(text)] == [q.value for q in shares(plain)]


def test_an_essay_with_confusable_letters_is_checked(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("The council counted half of the 5 thousand residents in the fifties.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{src, title={Council}, author={Jones, A.}, year={2000}, "
                                       "file={source.txt}}\n", encoding="utf-8")
    lines = [f"The council counted {v} [@src].\n" for v in _variants()]
    essay = tmp_path / "essay.md"
    essay.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(essay), "--bib", str(tmp_path / "refs.bib"), "--offline",
                                       "--format", "json", "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)["documents"][0]
    assert document["error"] is None
    assert len(document["claims"]) == len(lines)
