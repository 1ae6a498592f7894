"""``python -m citecheck.rule_examples [PATH]``: write the rule docs (docs/rules.md) to PATH or stdout."""

from __future__ import annotations

import sys
from pathlib import Path

from citecheck.checks.registry import rules_markdown


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if len(argv) > 1:
        print("usage: python -m citecheck.rule_examples [docs/rules.md]", file=sys.stderr)
        return 2
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
