"""Filters and facet counts over the snapshot's columns (NumPy), with labels in the reader's language."""

from collections import Counter

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core.collation import sort_key
from palermo.core.numbers import number_or_none
from palermo.knowledge.domain.taxonomy import resolve_term
from palermo.knowledge.models import CaseDetail, Defendant, Gender, RecordKind, Term, Victim, Vocabulary
from palermo.knowledge.search import labels
from palermo.knowledge.search.segments import KINDS
from palermo.knowledge.search.snapshot import Snapshot, pack
from palermo.register.models import RegionalGroup

NO_GROUP = _("No regional group")
NOT_COUNTED = ("country",)  # columns searched (by the names of States) but not shown as a facet
# Search parameters filtering on a multi-valued choice column: parameter -> column
CHOICE_FILTERS = {"verdict": "verdict", "defendant_gender": "gender", "victim_age": "age"}
CHOICE_LABELS = {"verdict": Defendant.Verdict, "gender": Gender, "age": Victim.AgeGroup}


def _term_id(vocabulary: str, slug: str, parent: str = "") -> int | None:
    """The id of the term of this vocabulary with this slug (under this parent), from the kept labels."""
    found = [
        pk
        for pk, (term_vocabulary, term_slug, term_parent, _labels) in labels.all_terms().items()
        if term_vocabulary == vocabulary and term_slug == slug and (not parent or term_parent == parent)
    ]
    return min(found, default=None)


def _with(snapshot: Snapshot, column: str, value) -> np.ndarray:
    return snapshot.having(column, value)


def _parties_where(snapshot: Snapshot, field: str, value: str) -> np.ndarray:
    """The records of the States whose `field` (regional group, subregion) has this value."""
    wanted = {code for code, party in labels.parties().items() if getattr(party, field) == value}
    facet = snapshot.facets["party"]
    codes = [code for code, value in enumerate(facet.values) if value in wanted]
    if not codes:
        return np.zeros(snapshot.size, dtype=bool)
    return facet.any_of(codes, snapshot.size)


def filter_mask(snapshot: Snapshot, params) -> np.ndarray:
    """The records the search parameters other than the query let through (a boolean array by id)."""
    chosen = np.ones(snapshot.size, dtype=bool)
    columns = snapshot.columns
    if params.kind:
        chosen &= columns["kind"] == (KINDS.index(params.kind) if params.kind in KINDS else -1)
    if params.crime_type:
        chosen &= _with(snapshot, "crime_type", _term_id(Vocabulary.CRIME_TYPE, params.crime_type))
    if params.facet and "/" in params.facet:
        group, value = params.facet.split("/", 1)
        chosen &= _with(snapshot, "facet_value", _term_id(Vocabulary.FACET_VALUE, value, parent=group))
    if params.cross_cutting:
        chosen &= _with(snapshot, "cross_cutting", _term_id(Vocabulary.CROSS_CUTTING, params.cross_cutting))
    if params.article:
        chosen &= _with(snapshot, "article", params.article)
    for parameter, column in CHOICE_FILTERS.items():
        if getattr(params, parameter):
            chosen &= _with(snapshot, column, getattr(params, parameter))
    if params.party:
        chosen &= _with(snapshot, "party", params.party.upper())
    if params.group:
        chosen &= _parties_where(snapshot, "regional_group", "" if params.group == "none" else params.group)
    if params.subregion:
        chosen &= _parties_where(snapshot, "subregion", params.subregion)
    if params.year_from:
        chosen &= columns["year"] >= params.year_from
    if params.year_to:
        chosen &= (columns["year"] <= params.year_to) & (columns["year"] > 0)
    if params.court_type:
        chosen &= _with(snapshot, "court_type", params.court_type)
    return chosen


def _sorted(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Most records first; equal counts by label, as the reader's language sorts."""
    language = get_language() or "en"
    return sorted(rows, key=lambda row: (-row[2], sort_key(row[1], language), row[0]))


def _counts(facet, selected_bits, selected) -> dict:
    found = facet.counts(selected_bits, selected)
    return {facet.values[c]: int(found[c]) for c in np.flatnonzero(found)}


def _term_rows(counts: dict, names: dict, facet_value: bool = False) -> list[tuple[str, str, int]]:
    rows = []
    for term_id, n in counts.items():
        if term_id in names:
            slug, parent, label = names[term_id]
            rows.append((f"{parent}/{slug}" if facet_value and parent else slug, label, n))
    return _sorted(rows)


def facet_counts(snapshot: Snapshot, selected: np.ndarray) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, records) per facet over the selected records, most frequent first."""
    return facet_rows(count_facets(snapshot, selected))


def count_facets(snapshot: Snapshot, selected: np.ndarray) -> dict[str, dict]:
    """Records per value of each facet over the selected records: arrays only, no database and no language
    (a search runs it in another thread while it loads its page)."""
    bits = pack(selected)
    return {
        name: _counts(facet, bits, selected)
        for name, facet in snapshot.facets.items()
        if name not in NOT_COUNTED
    }


def facet_rows(counts: dict[str, dict]) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, records) per facet from `count_facets`, labelled in the active language."""
    language = get_language() or "en"
    parties = labels.parties()
    groups: Counter = Counter()
    subregions: Counter = Counter()
    for code, n in counts["party"].items():
        if code in parties:
            groups[parties[code].regional_group or "none"] += n
            if parties[code].subregion:
                subregions[parties[code].subregion] += n
    states = _sorted(
        [(c, parties[c].name_in(language), n) for c, n in counts["party"].items() if c in parties]
    )
    articles = labels.articles()
    names = labels.terms({t for name in ("crime_type", "facet_value", "cross_cutting") for t in counts[name]})
    return {
        "kind": _sorted([(KINDS[k], RecordKind(KINDS[k]).label, n) for k, n in counts["kind"].items()]),
        "crime_type": _term_rows(counts["crime_type"], names),
        "facet": _term_rows(counts["facet_value"], names, facet_value=True),
        "cross_cutting": _term_rows(counts["cross_cutting"], names),
        "party": states,
        "group": [(g, group_label(g), n) for g, n in _sorted_counter(groups)],
        "subregion": [(code, labels.subregion(code, language), n) for code, n in _sorted_counter(subregions)],
        "year": [(str(y), str(y), n) for y, n in sorted(counts["year"].items(), reverse=True) if y],
        "article": sorted(
            [(str(a), articles[a], n) for a, n in counts["article"].items() if a in articles],
            key=lambda row: (-row[2], int(row[0])),
        ),
        "court_type": _sorted(
            [(v, CaseDetail.CourtType(v).label, n) for v, n in counts["court_type"].items() if v]
        ),
        "verdict": _choice_rows(counts["verdict"], "verdict"),
        "defendant_gender": _choice_rows(counts["gender"], "gender"),
        "victim_age": _choice_rows(counts["age"], "age"),
    }


def group_label(value: str) -> str:
    """A regional group's name; "none" stands for the States in no group (and bodies such as the EU)."""
    if value == "none":
        return str(NO_GROUP)
    return RegionalGroup(value).label if value in RegionalGroup.values else value


def _sorted_counter(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _choice_rows(counts: dict, column: str) -> list[tuple[str, str, int]]:
    choices = CHOICE_LABELS[column]
    return _sorted([(v, choices(v).label, n) for v, n in counts.items() if v])


# Search parameters whose values are choices of a model field
CHOICE_PARAMETERS = {
    "kind": RecordKind,
    "court_type": CaseDetail.CourtType,
    "verdict": Defendant.Verdict,
    "defendant_gender": Gender,
    "victim_age": Victim.AgeGroup,
}
TERM_PARAMETERS = {"crime_type": Vocabulary.CRIME_TYPE, "cross_cutting": Vocabulary.CROSS_CUTTING}


def value_label(name: str, value: str) -> str:
    """The label of one value of a search parameter in the active language, whether or not the search
    found anything (for the filters in force); the value itself when it names nothing known."""
    language = get_language() or "en"
    choices = CHOICE_PARAMETERS.get(name)
    if choices is not None:
        return choices(value).label if value in choices.values else value
    term = None
    if name in TERM_PARAMETERS:  # a former slug names the term it became
        term = resolve_term(TERM_PARAMETERS[name], value)
    elif name == "facet" and "/" in value:
        group, slug = value.split("/", 1)
        term = Term.objects.filter(vocabulary=Vocabulary.FACET_VALUE, parent__slug=group, slug=slug).first()
    if term is not None:
        return term.label
    if name == "party" and value.upper() in labels.parties():
        return labels.parties()[value.upper()].name_in(language)
    if name == "group":
        return group_label(value)
    if name == "subregion":
        return labels.subregion(value, language)
    if name == "article":
        return labels.articles().get(number_or_none(value), value)
    return value
