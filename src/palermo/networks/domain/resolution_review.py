"""What the review of a candidate pair shows: the two canonical entities side by side, property by
property, each value with its source; the features that scored, scored again now so that explanations are
in the reader's language; and the statements behind them. Two queries for the statements and members."""

from collections import defaultdict
from dataclasses import dataclass, field

from followthemoney import EntityProxy

from palermo.networks import matching
from palermo.networks.domain.resolution_proxies import ftm_model, make_proxy
from palermo.networks.interfaces.schema_labels import country_name, property_label
from palermo.networks.models import Candidate, Entity, SourceState, Statement


@dataclass
class Side:
    canonical_id: str
    caption: str
    schema: str = ""
    members: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    proxy: EntityProxy | None = None


@dataclass
class Row:
    prop: str
    label: str
    left: list[Statement]
    right: list[Statement]
    shared: bool


@dataclass
class Review:
    candidate: Candidate
    left: Side
    right: Side
    rows: list[Row]
    features: list
    score: float | None

    @property
    def sides(self) -> list[Side]:
        return [self.left, self.right]


def review_of(candidate: Candidate) -> Review:
    investigation = candidate.investigation
    ids = [candidate.left_id, candidate.right_id]
    sides = {
        candidate.left_id: Side(candidate.left_id, candidate.left_caption),
        candidate.right_id: Side(candidate.right_id, candidate.right_caption),
    }
    canonical_of = dict(
        Entity.objects.filter(investigation=investigation, canonical_id__in=ids).values_list(
            "entity_id", "canonical_id"
        )
    )
    for entity_id, canonical_id in sorted(canonical_of.items()):
        sides[canonical_id].members.append(entity_id)
    statements = (
        Statement.objects.filter(
            investigation=investigation, entity_id__in=list(canonical_of), source__state=SourceState.READY
        )
        .select_related("source", "stated_by")
        .order_by("prop", "value", "pk")
    )
    for statement in statements:
        sides[canonical_of[statement.entity_id]].statements.append(statement)
    for side in sides.values():
        if side.statements:
            side.proxy = make_proxy(
                side.canonical_id,
                {statement.schema for statement in side.statements},
                [(statement.prop, statement.value) for statement in side.statements],
            )
            side.schema = side.proxy.schema.name
            side.caption = side.proxy.caption or side.caption
    left, right = sides[candidate.left_id], sides[candidate.right_id]
    features, score = [], None
    if left.proxy is not None and right.proxy is not None:
        scored = matching.score_pair(left.proxy, right.proxy)
        features, score = list(scored.features), scored.score
    return Review(candidate, left, right, _rows(left, right), features, score)


def _rows(left: Side, right: Side) -> list[Row]:
    model = ftm_model()
    by_prop: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for index, side in enumerate((left, right)):
        for statement in side.statements:
            by_prop[statement.prop][index].append(statement)
    schemata = [schema for side in (left, right) if (schema := model.get(side.schema or "")) is not None]
    featured = [name for schema in schemata for name in schema.featured]
    rows = []
    for prop, (left_values, right_values) in by_prop.items():
        label = prop
        for schema in schemata:
            if prop in schema.properties:
                label = property_label(schema.properties[prop])
                if schema.properties[prop].type.name == "country":  # named, not "ru"
                    for statement in (*left_values, *right_values):
                        statement.shown = country_name(statement.value)
                break
        for statement in (*left_values, *right_values):
            statement.label = label  # the property as the reader's language names it, not "birthDate"
        shared = bool({s.value for s in left_values} & {s.value for s in right_values})
        rows.append(Row(prop, label, left_values, right_values, shared))
    order = {name: index for index, name in enumerate(dict.fromkeys(featured))}
    rows.sort(key=lambda row: (order.get(row.prop, len(order)), row.label))
    return rows
