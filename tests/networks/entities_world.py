"""Entities for the tests of the sources and entities pages: written through the import's own writer into
a ready source, as an import leaves them."""

from palermo.networks.domain.imports import add_statements
from palermo.networks.ftm.model import model
from palermo.networks.models import Source, SourceKind, SourceState

ZAKHAROV_CYRILLIC = "ЗАХАРОВ Александр"  # noqa: RUF001 (Cyrillic on purpose)


def ready_source(
    investigation, user, label: str = "people.ftm.json", kind: str = SourceKind.FTM_LINES
) -> Source:
    return Source.objects.create(
        investigation=investigation, kind=kind, label=label, state=SourceState.READY, created_by=user
    )


def entity(investigation, user, source, schema: str, entity_id: str, line: int | None = None, **properties):
    """One entity written with its statements (properties: name -> value or list of values)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in properties.items():
        for value in values if isinstance(values, list) else [values]:
            proxy.add(prop, value)
    add_statements(investigation=investigation, user=user, source=source, proxy=proxy, line=line)
    return proxy


def small_network(inquiry) -> dict:
    """Zakharov (two records in two sources, merged into one canonical entity), his company, and the
    Ownership between them."""
    from palermo.networks.models import Entity

    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    first = ready_source(investigation, analyst, "italy.ftm.json")
    second = ready_source(investigation, analyst, "brazil.ftm.json")
    entity(
        investigation,
        analyst,
        first,
        "Person",
        "it-1",
        line=1,
        name="Aleksandr Zakharov",
        nationality="ru",
        birthDate="1971-03-02",
    )
    entity(investigation, analyst, second, "Person", "br-7", line=4, name=ZAKHAROV_CYRILLIC, nationality="ru")
    entity(
        investigation,
        analyst,
        first,
        "Company",
        "it-2",
        line=2,
        name="Lupa Trading S.r.l.",
        jurisdiction="it",
    )
    entity(
        investigation,
        analyst,
        first,
        "Ownership",
        "it-3",
        line=3,
        owner="it-1",
        asset="it-2",
        percentage="60",
    )
    # Resolution merged the two records of Zakharov: both point at one canonical id.
    Entity.objects.filter(investigation=investigation, entity_id__in=["it-1", "br-7"]).update(
        canonical_id="it-1"
    )
    return {"first": first, "second": second}
