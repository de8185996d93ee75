"""Explainable scoring of two FtM entities: names, identifiers, birth dates, countries, gender.

The score is the strongest piece of evidence for the match (the names' similarity, or a shared
identifier), then raised or lowered by the qualifying features (a conflicting birth date lowers it, the
same birth date raises it). Every feature that applies is returned with its weight, its value, the values
of each side it was computed from, and a sentence saying what it means.
"""

from dataclasses import dataclass, field
from itertools import islice

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from palermo.core.i18n import listed
from palermo.networks.matching.identifiers import KEY_SPACE, identifiers
from palermo.networks.matching.names import match_names

MAX_NAMES = 8  # names compared per side: aliases beyond these add time, rarely evidence
IDENTIFIER_WEIGHTS = {
    "id": 0.95,
    "registration": 0.9,
    "lei": 0.98,
    "bic": 0.9,
    "imo": 0.98,
    "mmsi": 0.9,
    "iban": 0.95,
    "account": 0.7,
    "phone": 0.8,
    "email": 0.85,
    "crypto": 0.98,
}
SAME_IDENTIFIER = {
    "id": _("Same passport, ID or tax number %(value)s"),
    "registration": _("Same registration number %(value)s"),
    "lei": _("Same LEI code %(value)s"),
    "bic": _("Same BIC %(value)s"),
    "imo": _("Same IMO number %(value)s"),
    "mmsi": _("Same MMSI %(value)s"),
    "iban": _("Same IBAN %(value)s"),
    "account": _("Same account number %(value)s"),
    "phone": _("Same phone number %(value)s"),
    "email": _("Same e-mail address %(value)s"),
    "crypto": _("Same crypto address %(value)s"),
}
IDENTIFIER_KINDS = {
    "passport": _("passport number"),
    "id": _("ID number"),
    "tax": _("tax number"),
    "registration": _("registration number"),
    "lei": _("LEI code"),
    "imo": _("IMO number"),
}
# Two different numbers of these kinds speak against a match (a person has few passports).
CONFLICTING_IDENTIFIERS = {"id": -0.1, "registration": -0.15, "lei": -0.2, "imo": -0.3}
BIRTH_DATE_SAME, BIRTH_DATE_CONFLICT = 0.05, -0.3
COUNTRY_OVERLAP, COUNTRY_CONFLICT = 0.02, -0.1
GENDER_CONFLICT = -0.2


def _format(message, values: dict) -> str:
    return str(message) % values


# Made once: building a lazy function per sentence cost a search more than the matching itself.
_lazy_format = lazy(_format, str)


def _explain(message, **values) -> str:
    """A sentence translated when it is shown, in the language of whoever reads it."""
    return _lazy_format(message, values)


def _format_countries(message, codes: list[str]) -> str:
    from palermo.networks.interfaces.schema_labels import country_name

    return str(message) % {"value": listed(country_name(code) for code in codes)}


_lazy_countries = lazy(_format_countries, str)


def _explain_countries(message, codes: list[str]) -> str:
    """A sentence naming countries as the reader's language names them."""
    return _lazy_countries(message, codes)


@dataclass(frozen=True)
class Feature:
    """One piece of evidence for or against a match."""

    name: str
    weight: float
    value: float
    left_values: list[str]
    right_values: list[str]
    explanation: str


@dataclass(frozen=True)
class PairScore:
    score: float
    features: list[Feature] = field(default_factory=list)


@dataclass(frozen=True)
class Profile:
    """What scoring reads of one entity, worked out once: a search scores each entity against many."""

    proxy: EntityProxy
    names: list[str]
    # key space -> kind -> {normalised value: value as written}
    identifiers: dict[str, dict[str, dict[str, str]]]
    dates: list[str]
    countries: frozenset[str]
    genders: frozenset[str]


def profile(proxy: EntityProxy) -> Profile:
    spaces: dict[str, dict[str, dict[str, str]]] = {}
    for kind, normalised, value in identifiers(proxy):
        spaces.setdefault(KEY_SPACE.get(kind, kind), {}).setdefault(kind, {})[normalised] = value
    date_prop = proxy.schema.get("birthDate") or proxy.schema.get("incorporationDate")
    return Profile(
        proxy=proxy,
        names=list(islice(sorted(proxy.get_type_values(registry.name)), MAX_NAMES)),
        identifiers=spaces,
        dates=sorted(proxy.get(date_prop, quiet=True)) if date_prop else [],
        countries=frozenset(proxy.get_type_values(registry.country)),
        genders=frozenset(proxy.get("gender", quiet=True)) - {"other"},
    )


def name_feature(left: Profile, right: Profile) -> Feature | None:
    schema = model.common_schema(left.proxy.schema, right.proxy.schema).name
    best = (0.0, "", "")
    for name1 in left.names:
        for name2 in right.names:
            score = match_names(schema, name1, name2)
            if score > best[0]:
                best = (score, name1, name2)
                if score == 1.0:
                    break
    score, name1, name2 = best
    if not name1:
        return None
    explanation = _explain(
        _("Names %(left)s and %(right)s are %(percent)s%% alike"),
        left=name1,
        right=name2,
        percent=round(score * 100),
    )
    return Feature("name", 1.0, score, [name1], [name2], explanation)


def _merged(kinds: dict[str, dict[str, str]]) -> dict[str, str]:
    return {normalised: value for values in kinds.values() for normalised, value in values.items()}


def identifier_features(left: Profile, right: Profile) -> list[Feature]:
    features = []
    for space in sorted(set(left.identifiers) & set(right.identifiers)):
        left_values, right_values = _merged(left.identifiers[space]), _merged(right.identifiers[space])
        shared = sorted(set(left_values) & set(right_values))
        if shared:
            value = left_values[shared[0]]
            explanation = _explain(SAME_IDENTIFIER[space], value=value)
            features.append(
                Feature(
                    f"{space}_match",
                    IDENTIFIER_WEIGHTS[space],
                    1.0,
                    [value],
                    [right_values[shared[0]]],
                    explanation,
                )
            )
            continue
        if space not in CONFLICTING_IDENTIFIERS:
            continue
        # Only numbers of the same kind conflict: a tax number and a passport number always differ.
        kinds = sorted(set(left.identifiers[space]) & set(right.identifiers[space]))
        if kinds:
            explanation = _explain(
                _("Different numbers of the same kind (%(kind)s)"), kind=IDENTIFIER_KINDS[kinds[0]]
            )
            features.append(
                Feature(
                    f"{space}_conflict",
                    CONFLICTING_IDENTIFIERS[space],
                    1.0,
                    sorted(left.identifiers[space][kinds[0]].values()),
                    sorted(right.identifiers[space][kinds[0]].values()),
                    explanation,
                )
            )
    return features


def date_feature(left: Profile, right: Profile) -> Feature | None:
    left_dates, right_dates = left.dates, right.dates
    if not left_dates or not right_dates:
        return None
    # Dates of different precision agree if one is a prefix of the other ("1980" and "1980-05-01").
    agree = [a for a in left_dates for b in right_dates if a.startswith(b) or b.startswith(a)]
    if agree:
        return Feature(
            "date_match",
            BIRTH_DATE_SAME,
            1.0,
            left_dates,
            right_dates,
            _explain(_("Same date of birth or incorporation %(value)s"), value=agree[0]),
        )
    return Feature(
        "date_conflict",
        BIRTH_DATE_CONFLICT,
        1.0,
        left_dates,
        right_dates,
        _explain(_("Different dates of birth or incorporation")),
    )


def country_feature(left: Profile, right: Profile) -> Feature | None:
    left_countries, right_countries = left.countries, right.countries
    if not left_countries or not right_countries:
        return None
    shared = sorted(left_countries & right_countries)
    if shared:
        return Feature(
            "country_overlap",
            COUNTRY_OVERLAP,
            1.0,
            sorted(left_countries),
            sorted(right_countries),
            _explain_countries(_("Countries in common: %(value)s"), shared),
        )
    return Feature(
        "country_conflict",
        COUNTRY_CONFLICT,
        1.0,
        sorted(left_countries),
        sorted(right_countries),
        _explain(_("No country, nationality or jurisdiction in common")),
    )


def gender_feature(left: Profile, right: Profile) -> Feature | None:
    if left.genders and right.genders and not left.genders & right.genders:
        return Feature(
            "gender_conflict",
            GENDER_CONFLICT,
            1.0,
            sorted(left.genders),
            sorted(right.genders),
            _explain(_("Different gender")),
        )
    return None


def score_pair(left: EntityProxy | Profile, right: EntityProxy | Profile) -> PairScore:
    """How likely two entities are the same, 0 to 1, with the features that made the score. Give
    profiles when one entity is scored against many."""
    left = left if isinstance(left, Profile) else profile(left)
    right = right if isinstance(right, Profile) else profile(right)
    if not left.proxy.schema.can_match(right.proxy.schema):
        return PairScore(0.0, [])
    features = [f for f in [name_feature(left, right)] if f is not None]
    features += identifier_features(left, right)
    qualifiers = [date_feature(left, right), country_feature(left, right), gender_feature(left, right)]
    features += [f for f in qualifiers if f is not None]
    main = [
        f.weight * f.value
        for f in features
        if f.weight > 0 and not f.name.endswith(("_overlap", "date_match"))
    ]
    score = max(main, default=0.0)
    if score <= 0:
        return PairScore(0.0, features)
    names_agree = any(f.name == "name" and f.value >= 0.5 for f in features)
    if names_agree and any(f.name.endswith("_match") and f.name != "date_match" for f in features):
        score = max(score, 0.98)  # a shared identifier and alike names
    score += sum(
        f.weight * f.value for f in features if f.name.endswith(("_conflict", "_overlap", "date_match"))
    )
    return PairScore(round(min(1.0, max(0.0, score)), 4), features)
