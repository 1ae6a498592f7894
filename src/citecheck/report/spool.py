"""Where report.stream keeps the essays' rendered parts until the end of the run (flat memory).

A :class:`Spool` is a temporary file (in memory up to 1 MB) holding each essay's rendered part as
a :class:`Block`; :class:`Sorted` writes records (sort key, text) of formats sorted by path and
merges them at the end; :func:`spliced` puts pre-indented JSON items into a JSON head's empty list.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from citecheck.model import DocumentResult, Report

SPOOL_BYTES = 1 << 20


@dataclasses.dataclass(slots=True)  # a run keeps a block per essay
class Block:
    owner: DocumentResult  # the kept result of the essay the block belongs to
    start: int
    end: int
    group: str = ""  # sorted formats: the path the block's records share
    extra: Any = None  # junit: the suite's counts


class Spool:
    """Rendered parts of essays in a temporary file (in memory up to 1 MB); blocks point into it."""

    def __init__(self) -> None:
        # Not a context manager: it lives from the first essay to the written report.
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")  # noqa: SIM115
        self.blocks: list[Block] = []

    def put(self, owner: DocumentResult, text: str, group: str = "", extra: Any = None) -> None:
        data = text.encode("utf-8")
        self.file.seek(0, 2)
        start = self.file.tell()
        self.file.write(data)
        self.blocks.append(Block(owner, start, start + len(data), group, extra))

    def put_parts(self, owner: DocumentResult, parts: Iterable[str], group: str = "", extra: Any = None) -> None:
        """One block written piece by piece (a big essay's JSON is never one string)."""
        self.file.seek(0, 2)
        start = self.file.tell()
        for part in parts:
            self.file.write(part.encode("utf-8"))
        self.blocks.append(Block(owner, start, self.file.tell(), group, extra))

    def read(self, block: Block) -> Iterator[str]:
        """The block's text in pieces of about 1 MB (a long essay's part is never one string)."""
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")()
        position = block.start
        while position < block.end:
            self.file.seek(position)
            data = self.file.read(min(SPOOL_BYTES, block.end - position))
            position += len(data)
            text = decoder.decode(data, final=position >= block.end)
            if text:
                yield text

    def lines(self, block: Block) -> Iterator[bytes]:
        """The block's lines, one at a time."""
        position = block.start
        while position < block.end:
            self.file.seek(position)
            line = self.file.readline()
            position += len(line)
            yield line

    def kept(self, report: Report) -> list[Block]:
        """The blocks of the essays still in the report (a run drops essays that turn out to be a
        library's source files), in essay order. ``report.kept_ids``: set by Stream.chunks."""
        kept = getattr(report, "kept_ids", None)
        if kept is None:
            kept = {id(doc) for doc in report.documents}
        return [block for block in self.blocks if id(block.owner) in kept]

    def close(self) -> None:
        self.file.close()


def normal(key: Any) -> Any:
    """A sort key as it comes back from the spool (JSON: tuples are lists)."""
    return json.loads(json.dumps(key))


class Sorted:
    """Records (sort key, text) of many essays, each essay's sorted, merged into one order.

    The key's first part is the record's path; the essays' blocks are grouped by path and the
    groups written in path order, so a group with one block (the usual case: one essay, one
    path) is copied as it is. ``sorted(libraries' + essays' records)`` is what comes out.
    """

    def __init__(self, spool: Spool) -> None:
        self.spool = spool

    def put(self, owner: DocumentResult, records: list[tuple[Any, str]], path_of: Callable[[Any], str]) -> None:
        records = sorted(records, key=lambda r: r[0])
        groups: dict[str, list[str]] = {}
        for key, text in records:
            groups.setdefault(path_of(key), []).append(json.dumps([key, text], ensure_ascii=False) + "\n")
        for group, lines in groups.items():
            self.spool.put(owner, "".join(lines), group)

    def put_lazy(self, owner: DocumentResult, items: Iterable[Any], key: Callable[[Any], Any],
                 text: Callable[[Any], str], path_of: Callable[[Any], str], limit: int | None = None) -> None:
        """:meth:`put` for records made one at a time (``key(item)``, ``text(item)``) and written
        as made: a long essay's rendered findings are never all in memory. With ``limit``, only
        the first ``limit`` records of each path are made and written (a format that shows only
        the first of them); every block's ``extra`` is then the count of its path's records."""
        from functools import partial

        self._write(owner, ((key(item), partial(text, item)) for item in sorted(items, key=key)), path_of, limit)

    def put_tied(self, owner: DocumentResult, items: Iterable[Any], key: Callable[[Any], Any],
                 text: Callable[[Any], str], path_of: Callable[[Any], str]) -> None:
        """:meth:`put_lazy` for records whose sort key is ``(key(item), text(item))``: sorted by
        ``key``, and by text among equal keys, so only a run of equal keys is ever rendered at once."""
        from itertools import groupby

        def records() -> Iterator[tuple[Any, str]]:
            for item_key, run in groupby(sorted(items, key=key), key=key):
                for line in sorted(text(item) for item in run):
                    yield (item_key, line), line

        self._write(owner, records(), path_of)

    def _write(self, owner: DocumentResult, records: Iterable[tuple[Any, str | Callable[[], str]]], path_of: Callable[[Any], str],
               limit: int | None = None) -> None:
        """Write ``records`` (sorted (key, text); a text given as a callable is made only when
        written), a block per run of one path."""
        file = self.spool.file
        group: str | None = None
        start = count = 0

        def close() -> None:
            self.spool.blocks.append(Block(owner, start, file.tell(), group or "", count if limit is not None else None))

        for record_key, text in records:
            path = path_of(record_key)
            if path != group:
                if group is not None:
                    close()
                file.seek(0, 2)
                start, group, count = file.tell(), path, 0
            count += 1
            if limit is not None and count > limit:
                continue
            line = text() if callable(text) else text
            file.write((json.dumps([record_key, line], ensure_ascii=False) + "\n").encode("utf-8"))
        if group is not None:
            close()

    def _records(self, block: Block) -> Iterator[tuple[Any, str]]:
        return (tuple(json.loads(line)) for line in self.spool.lines(block))  # type: ignore[misc]

    def merged(self, report: Report, front: list[tuple[Any, str]], path_of: Callable[[Any], str]) -> Iterator[str]:
        """Every record's text in key order; ``front`` (the libraries') first among equal keys."""
        groups: dict[str, list[Any]] = {}
        for key, text in front:
            groups.setdefault(path_of(key), []).append((normal(key), text))
        for block in self.spool.kept(report):
            groups.setdefault(block.group, []).append(block)
        for group in sorted(groups):
            entries = groups[group]
            if len(entries) == 1 and isinstance(entries[0], Block):
                yield from (text for _, text in self._records(entries[0]))
                continue
            records: list[tuple[Any, str]] = []
            for entry in entries:
                records.extend(self._records(entry) if isinstance(entry, Block) else [entry])
            records.sort(key=lambda r: r[0])
            yield from (text for _, text in records)


def indented(data: Any, depth: int) -> str:
    """``data`` as ``json.dumps(indent=2)`` lays it out ``depth`` spaces deep (JSON escapes newlines
    inside strings, so re-indenting line by line gives json.dumps's own bytes; report.jsontext
    writes those bytes faster)."""
    from citecheck.report.jsontext import indented_json

    return indented_json(data, depth)


def spliced(head: str, empty: str, depth: int, items: Iterable[str | Iterable[str]]) -> Iterator[str]:
    """``head`` (a json.dumps(indent=2) text holding the list ``empty`` once, e.g. ``"results":
    []`` at ``depth - 2`` spaces) with the pre-indented ``items`` (each a string or its pieces) put
    into that list."""
    marker = "\n" + " " * (depth - 2) + empty
    before, sep, after = head.partition(marker)
    if not sep:
        raise ValueError(f"no {empty} in the report head")
    opened = False
    for item in items:
        yield before + marker[:-1] + "\n" if not opened else ",\n"
        if isinstance(item, str):
            yield item
        else:
            yield from item
        opened = True
    yield ("\n" + " " * (depth - 2) + "]" if opened else before + marker) + after


def spliced_many(head: str, depth: int, lists: list[tuple[str, Iterable[str]]]) -> Iterator[str]:
    """:func:`_spliced` for several lists of ``head``, in the order they appear in it."""
    rest = head
    for empty, items in lists:
        marker = "\n" + " " * (depth - 2) + empty
        before, sep, after = rest.partition(marker)
        if not sep:
            raise ValueError(f"no {empty} in the document head")
        yield before
        yield from spliced(marker, empty, depth, items)
        rest = after
    yield rest
