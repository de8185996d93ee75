"""What the API page lists, generated from the app's own OpenAPI schema so that it cannot go stale: every
operation under /api/v1/, grouped by area (the register, the knowledge base, saved searches, the Review
Mechanism), with who may call it and whether its list comes in pages. The areas name the first part of
the paths they hold; a new first part that no area names still shows, under its own name, and
tests/api/test_api_page.py fails until an area says what it is. The same areas tag the schema's operations,
which groups them in the interactive documentation."""

import re
import threading
from dataclasses import dataclass, field
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

PREFIX = "/api/v1/"
# drf-spectacular finds its extensions the first time it generates a schema, in a way two threads at once
# can break (one sees the other's half-done work): schemas are generated one at a time in a process.
GENERATING = threading.Lock()


@dataclass(frozen=True)
class Area:
    tag: str
    title: Promise | str
    description: Promise | str
    prefixes: tuple[str, ...]


AREAS = (
    Area(
        "register",
        _("Treaty register"),
        _(
            "Every State and organisation, the Convention and its Protocols with the text of every article, "
            "who is party to what and since when, reservations, declarations and notifications; the whole "
            "register in one JSON document or CSV table."
        ),
        ("parties", "instruments", "participation", "declarations", "register.json", "register.csv"),
    ),
    Area(
        "knowledge",
        _("Knowledge base"),
        _(
            "Case law, legislation, strategies and publications (published ones for everyone; drafts for "
            "their authors and the secretariat), the search with its facet counts, and the taxonomy of "
            "crime types, facets and cross-cutting issues in six languages."
        ),
        ("records", "search", "terms"),
    ),
    Area(
        "saved-searches",
        _("Saved searches"),
        _("Signed in: your saved searches, each with the address of its results and of its Atom feed."),
        ("saved-searches",),
    ),
    Area(
        "review",
        _("Review Mechanism"),
        _(
            "Cycles, their clusters and drawings of lots once published, and the published summaries, for "
            "everyone; the reviews you take part in, with their documents, for their participants, who also "
            "write through it: questionnaire answers, texts, observations, needs, dialogue and each "
            "document's workflow."
        ),
        ("review",),
    ),
    Area(
        "cooperation",
        _("International cooperation"),
        _(
            "Which States designated which competent authorities (for everyone); the directory with contacts "
            "and requirements for the users of competent authorities and the secretariat; the legal basis "
            "between two States on a date; the requests of your authority, drafted, checked, approved, sent "
            "and tracked through it; counts of requests for the secretariat."
        ),
        ("cooperation",),
    ),
    Area(
        "networks",
        _("Networks"),
        _(
            "The investigations you are a member of (404 for everyone else, the secretariat included): their "
            "members and shares with other authorities, sources and imports with their progress, entities "
            "with the source of every value, exports in FollowTheMoney, entity resolution and hit/no-hit "
            "notices."
        ),
        ("networks",),
    ),
    Area(
        "conference",
        _("Conference of the Parties"),
        _(
            "Sessions of the Conference and meetings of its working groups with their agenda, documents by UN "
            "symbol and delegations; resolutions and decisions with each operative paragraph, whom it asks "
            "and by when, the articles it cites and the follow-up recorded; a search of all of it with facets "
            "(for everyone)."
        ),
        ("conference",),
    ),
)


def prefix_of(path: str) -> str:
    """The first part of an API path after /api/v1/ ("parties", "register.json", "review")."""
    return path.removeprefix(PREFIX).split("/", 1)[0]


def area_of(path: str) -> Area | None:
    prefix = prefix_of(path)
    return next((area for area in AREAS if prefix in area.prefixes), None)


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, each operation tagged with its area (the interactive documentation groups
    operations by tag)."""

    def get_tags(self) -> list[str]:
        area = area_of(self.path)
        return [area.tag] if area else super().get_tags()


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    summary_is_english: bool  # from the schema (the views' docstrings), not translated
    public: bool  # callable without signing in (what it answers may still depend on who asks)
    paginated: bool

    def summary_parts(self) -> list[tuple[str, bool]]:
        """The summary as (text, is code) pieces: the docstrings write code between backticks."""
        pieces = self.summary.split("`")
        return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]


@dataclass
class Group:
    tag: str
    title: Promise | str
    description: Promise | str
    operations: list[Operation] = field(default_factory=list)


def first_sentence(text: str) -> str:
    """The first sentence of an operation's description (its view's docstring)."""
    return re.split(r"(?<=\.)\s", " ".join(text.split()), maxsplit=1)[0]


@cache
def schema() -> dict:
    """The app's OpenAPI schema, generated once per process (the URLs do not change while it runs)."""
    from drf_spectacular.generators import SchemaGenerator

    with GENERATING:
        return SchemaGenerator().get_schema(request=None, public=True)


def groups() -> list[Group]:
    """Every operation of the schema under /api/v1/, by area in the areas' order, then any other first part
    of a path under its own name."""
    by_tag = {area.tag: Group(area.tag, area.title, area.description) for area in AREAS}
    for path, operations in schema()["paths"].items():
        if not path.startswith(PREFIX):
            continue
        area = area_of(path)
        tag = area.tag if area else prefix_of(path)
        group = by_tag.setdefault(tag, Group(tag, tag, ""))
        for method, operation in operations.items():
            parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
            summary = first_sentence(operation.get("summary") or operation.get("description") or "")
            one = _one_of_a_list(path, summary, group.operations)
            group.operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=one or summary,
                    summary_is_english=not one,
                    # Reading may be anyone's (the answer depending on who asks); writing needs a sign-in.
                    public=method.upper() in ("GET", "HEAD") and {} in operation.get("security", [{}]),
                    paginated={"limit", "offset"} <= parameters,
                )
            )
    return [group for group in by_tag.values() if group.operations]


def _one_of_a_list(path: str, summary: str, listed: list[Operation]) -> str:
    """For `GET …/{code}/` described as its list `GET …/` is: what it is, said once (else nothing)."""
    match = re.fullmatch(r"(.*/)\{(\w+)\}/", path)
    if not match:
        return ""
    if not any(other.path == match.group(1) and other.summary == summary for other in listed):
        return ""
    return _("One of the list above, by its %(parameter)s.") % {"parameter": match.group(2)}
