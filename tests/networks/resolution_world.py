"""Support of the entity resolution tests: entities written through the import's writer into ready
sources, and a search for candidates run to the end."""

from palermo.networks.domain import resolution as judging
from palermo.networks.domain import resolution_run as runs
from palermo.networks.domain.imports import add_statements
from palermo.networks.ftm.model import model
from palermo.networks.models import Candidate, Source, SourceKind, SourceState


def ready_source(investigation, user, label: str = "people.ftm.json") -> Source:
    return Source.objects.create(
        investigation=investigation,
        kind=SourceKind.FTM_LINES,
        label=label,
        state=SourceState.READY,
        created_by=user,
    )


def person(investigation, user, source, entity_id: str, name: str, line: int | None = None, **properties):
    proxy = model.make_entity(properties.pop("schema", "Person"))
    proxy.id = entity_id
    proxy.add("name", name)
    for prop, value in properties.items():
        proxy.add(prop, value)
    add_statements(investigation=investigation, user=user, source=source, proxy=proxy, line=line)
    return proxy


def search(investigation, user):
    """Start a search for candidates and run the queue to the end."""
    from palermo.core.jobs import run_pending
    from palermo.networks.domain.resolution_run import start_run

    run = start_run(investigation=investigation, user=user)
    run_pending()
    run.refresh_from_db()
    return run


def open_pairs(investigation) -> set[tuple[str, str]]:
    return set(
        Candidate.objects.filter(investigation=investigation, judgement__isnull=True).values_list(
            "left_id", "right_id"
        )
    )


__all__ = ["judging", "open_pairs", "person", "ready_source", "runs", "search"]
