"""Issue 8, item 4: figures in different units (claims/units.py), shares in words against
percentages and ranges against a figure inside them, end to end through ``citecheck.check``."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_verdicts_issue8 import findings, run, verdicts

from citecheck.claims import extract_quantities
from citecheck.claims.units import converted_matches, unit_after
from citecheck.model import Quantity

AGREE = [
    ("The bell in the tower of the cathedral weighs 500 kg and was cast in 1850",
     "The bell in the tower of the cathedral weighs 1,102 pounds and was cast in 1850."),
    ("The bell in the tower of the cathedral weighs 900 lb and was cast in 1850",
     "The bell in the tower of the cathedral weighs 408 kg and was cast in 1850."),
    ("The canal from the port to the city is 50 km long and was opened in 1911",
     "The canal from the port to the city is 31 miles long and was opened in 1911."),
    ("The pipe that carries water to the mill is 2 inches wide",
     "The pipe that carries water to the mill is 51 mm wide."),
    ("In the summer of 1976 the temperature in the valley reached 40 °C",
     "In the summer of 1976 the temperature in the valley reached 104 °F."),
    ("In the summer of 1976 the temperature in the valley reached 104 degrees Fahrenheit",
     "In the summer of 1976 the temperature in the valley reached 40°C."),
    ("Between 200 and 300 workers were employed at the mill when it closed in 1931",
     "Some 250 workers were employed at the mill when it closed in 1931."),
]

DIFFER = [
    ("The canal from the port to the city is 20 miles long and was opened in 1911",
     "The canal from the port to the city is 50 km long and was opened in 1911."),
    ("The bell in the tower of the cathedral weighs 500 kg and was cast in 1850",
     "The bell in the tower of the cathedral weighs 1,500 pounds and was cast in 1850."),
    ("In the summer of 1976 the temperature in the valley reached 40 °C",
     "In the summer of 1976 the temperature in the valley reached 90 °F."),
    ("A third of the town's voters supported the new charter in the referendum of 1921",
     "60 percent of the town's voters supported the new charter in the referendum of 1921."),
]


@pytest.mark.parametrize(("claim", "source"), AGREE)
def test_same_figure_in_another_unit_or_inside_a_range_is_supported(tmp_path: Path, claim: str,
                                                                     source: str) -> None:
    report = run(tmp_path, claim + " [@src].\n", source + "\n")
    assert findings(report) == [] and verdicts(report) == ["supported"]


@pytest.mark.parametrize(("claim", "source"), DIFFER)
def test_another_value_in_another_unit_is_a_mismatch(tmp_path: Path, claim: str, source: str) -> None:
    report = run(tmp_path, claim + " [@src].\n", source + "\n")
    mismatch = findings(report, "number-mismatch")
    assert len(mismatch) == 1 and verdicts(report) == ["contradicted"]


def test_share_in_words_names_both_figures(tmp_path: Path) -> None:
    report = run(tmp_path, DIFFER[3][0] + " [@src].\n", DIFFER[3][1] + "\n")
    mismatch = findings(report, "number-mismatch")[0]
    assert mismatch.found == "A third" and mismatch.expected == "60 percent"


def test_range_that_misses_the_figure_is_still_a_mismatch(tmp_path: Path) -> None:
    report = run(tmp_path, "Between 200 and 230 workers were employed at the mill when it closed in 1931 [@src].\n",
                 "Some 250 workers were employed at the mill when it closed in 1931.\n")
    assert verdicts(report) != ["supported"] and findings(report)


def test_unit_after_reads_symbols_and_names() -> None:
    assert unit_after("40 °C", 2) == "°C" and unit_after("40°F", 2) == "°F"
    assert unit_after("104 degrees Fahrenheit", 3) == "°F"
    assert unit_after("900 lb of", 3) == "lb" and unit_after("2 in the", 1) is None


def test_rounding_allowance_follows_the_source_figure() -> None:
    def q(text: str) -> Quantity:
        return next(x for x in extract_quantities(text) if not x.is_year)

    assert converted_matches(q("It is 50 km long."), q("It is 31 miles long."))
    assert not converted_matches(q("It is 50 km long."), q("It is 30 miles long."))
    # A small figure's rounding is capped at 5 % of it: "1 mile" (1.61 km) is not "1.4 km".
    assert not converted_matches(q("It is 1.4 km long."), q("It is 1 mile long."))
    assert converted_matches(q("It is 1.6 km long."), q("It is 1 mile long."))
    # One unit written two ways is compared as written, not with a rounding allowance.
    assert not converted_matches(q("It is 2 km long."), q("It is 2 kilometres long."))
