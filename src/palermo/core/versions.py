"""Versions of a text side by side: what changed between two versions, line by line (used by the review's
documents and the knowledge base's records)."""

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.http import Http404

from palermo.core.numbers import number_or_none

Version = TypeVar("Version")


@dataclass
class DiffLine:
    kind: str  # "added", "removed", "same", "gap"
    text: str


def diff(before: str, after: str, context: int = 2) -> list[DiffLine]:
    """What changed between two versions, line by line, with a little context around each change."""
    lines: list[DiffLine] = []
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [DiffLine("same", line) for line in old[a1:a2]]
                continue
            lines += [DiffLine("removed", line) for line in old[a1:a2]]
            lines += [DiffLine("added", line) for line in new[b1:b2]]
    return lines


def compare(
    versions: dict[int, Version], number: int, against: str | None, text: Callable[[Version], str]
) -> tuple[Version, Version | None, list[DiffLine] | None]:
    """(the version shown, the one compared with, the changes): by default against the closest earlier
    version among `versions` (those the reader may see); `against` is the other version's number as the
    reader asked for it (404 for a version that is not, or that the reader may not see)."""
    shown = versions.get(number)
    if shown is None:
        raise Http404
    if against is None:
        other = versions.get(max((n for n in versions if n < number), default=0))
    else:
        other = versions.get(number_or_none(against))
        if other is None:
            raise Http404
    return shown, other, (diff(text(other), text(shown)) if other is not None else None)
