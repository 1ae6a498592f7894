"""citecheck: check the truth of an essay against the sources it cites.

The public API is :func:`check` (whole essays) and :func:`verify` (one claim against one
source text). Both are imported lazily so that ``citecheck --version`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "parse_reference", "parse_references", "verify"]


def check(*args: Any, **kwargs: Any) -> Any:
    """Check essays; see :func:`citecheck.api.check`."""
    from citecheck.api import check as _check

    return _check(*args, **kwargs)


def verify(*args: Any, **kwargs: Any) -> Any:
    """Verify one claim against one source text; see :func:`citecheck.verification.verify`."""
    from citecheck.verification import verify as _verify

    return _verify(*args, **kwargs)


def parse_reference(*args: Any, **kwargs: Any) -> Any:
    """Parse one reference-list entry; see :func:`citecheck.references.parse.parse_reference`."""
    from citecheck.references.parse import parse_reference as _parse

    return _parse(*args, **kwargs)


def parse_references(*args: Any, **kwargs: Any) -> Any:
    """Parse a whole reference list; see :func:`citecheck.references.parse.parse_references`."""
    from citecheck.references.parse import parse_references as _parse

    return _parse(*args, **kwargs)
