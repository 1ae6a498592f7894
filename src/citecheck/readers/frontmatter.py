"""YAML front matter of a Markdown essay, read as untrusted input (no anchors, aliases or bombs)."""

from __future__ import annotations

import functools
from typing import Any

MAX_FRONT_MATTER = 256 * 1024  # characters; real front matter is a few hundred
MAX_FRONT_MATTER_DEPTH = 50


def _front_matter(content: str, path: str = "") -> tuple[dict[str, Any], list[str]]:
    """The essay's YAML front matter, read with a safe loader that refuses anchors and aliases.

    An essay is untrusted input: eight levels of aliases (364 bytes) expand to gigabytes, and a
    self-referencing alias (``a: &a [*a]``) recurses without end. Such front matter, and front
    matter nested deeper than 50 levels or longer than 256 KB, is an error on the essay that says
    so, and so is front matter that is not valid YAML, not a mapping, or whose ``bibliography`` is
not a path or a list of paths (ignoring it would silently drop the essay's library).
    """
    import yaml

    from citecheck.errors import InputError

    def refuse(what: str, line: int | None) -> InputError:
        return InputError(f"front matter {what}; citecheck refuses it (a YAML bomb guard)", path,
                          line=line, hint="write the front matter as plain keys and values")

    if len(content) > MAX_FRONT_MATTER:
        raise refuse(f"is longer than {MAX_FRONT_MATTER // 1024} KB", 1)
    loader = _strict_loader_class()(content)
    try:
        data = loader.get_single_data()
    except _Refused as exc:
        raise refuse(exc.what, exc.line + 2) from None  # +1 for 1-based lines, +1 for the opening ---
    except RecursionError:
        raise refuse("is nested too deeply", 1) from None
    except yaml.YAMLError as exc:
        # Ignoring it would silently drop its bibliography (every citation then undefined).
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        context = getattr(exc, "context", None)
        raise InputError(f"front matter is not valid YAML: {problem}{f' ({context})' if context else ''}", path,
                         line=mark.line + 2 if mark is not None else 1,
                         hint="fix the YAML between the --- lines (e.g. close brackets and quotes), "
                              "or remove the front matter") from None
    finally:
        loader.dispose()
    if data is None:  # empty front matter
        return {}, []
    if not isinstance(data, dict):
        raise InputError(f"front matter is a YAML {type(data).__name__}, not `key: value` pairs", path, line=2,
                         hint="write the front matter as `key: value` lines, e.g. `bibliography: refs.bib`")
    metadata = {str(k): _plain_value(v) for k, v in data.items()}
    bib = metadata.get("bibliography")
    if isinstance(bib, str):
        bibliography = [bib]
    elif isinstance(bib, list) and all(isinstance(b, (str, type(None))) for b in bib):
        bibliography = [str(b) for b in bib if b is not None]
    elif bib is None:
        bibliography = []
    else:
        raise InputError(f"front matter `bibliography` is a YAML {type(bib).__name__}, not a path or a list of paths",
                         path, line=_key_line(content, "bibliography"),
                         hint="write `bibliography: refs.bib` or `bibliography: [a.bib, b.bib]`")
    return metadata, bibliography


def _key_line(content: str, key: str) -> int:
    """The file line of ``key:`` at the top level of the front matter (2 when not found)."""
    for number, line in enumerate(content.splitlines()):
        if line.startswith(f"{key}:"):
            return number + 2
    return 2


class _Refused(Exception):
    def __init__(self, what: str, line: int) -> None:
        super().__init__(what)
        self.what = what
        self.line = line


@functools.cache
def _strict_loader_class() -> type:
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """yaml.SafeLoader without anchors and aliases, and with a nesting limit."""

        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(f"uses the YAML alias *{event.anchor}", event.start_mark.line)
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _Refused(f"uses the YAML anchor &{anchor}", event.start_mark.line)
            self.depth += 1
            try:
                if self.depth > MAX_FRONT_MATTER_DEPTH:
                    raise _Refused(f"is nested deeper than {MAX_FRONT_MATTER_DEPTH} levels", event.start_mark.line)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return StrictLoader


def _plain_value(value: Any) -> Any:
    """YAML dates become ISO strings so metadata stays JSON-friendly."""
    import datetime

    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_value(v) for k, v in value.items()}
    return value
