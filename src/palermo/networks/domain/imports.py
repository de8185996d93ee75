"""Imports of entities into an investigation: FtM JSON lines or a table with an FtM mapping, run as the
background job "networks.import" in one pass (check and write resumable batches while no problem is
found, then only list the problems), all or nothing; removing a source; writing one entity's statements for forms and knowledge-base cases."""

import hashlib
import shutil
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.i18n import format_date
from palermo.core.jobs import JobFailed, enqueue
from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.bulk import db_datetime, insert_entities, insert_statements
from palermo.networks.ftm.fragments import check_id, check_value
from palermo.networks.ftm.index import refresh_entities, summarise
from palermo.networks.ftm.loader import Loader, SchemaConflict
from palermo.networks.ftm.mapping import MappingError, parse_mapping
from palermo.networks.ftm.problems import Problems
from palermo.networks.ftm.staging import count_lines, file_format, fragments_of
from palermo.networks.models import (
    Entity,
    Investigation,
    Source,
    SourceKind,
    SourceState,
    Statement,
    graph_changed,
)

JOB_KIND = "networks.import"
BATCH_SIZE = 5000
PROGRESS_EVERY = 5000
PHASE = "load"  # the checkpoint's kind: one pass that checks and writes
DEFAULT_MAX_BYTES = 2 * 1024 * 1024 * 1024


class ImportError_(Exception):
    """The import cannot start; the message says why, for the person who asked."""


def import_max_bytes() -> int:
    """The largest file an import accepts (setting NETWORKS_IMPORT_MAX_BYTES)."""
    return int(getattr(settings, "NETWORKS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def import_dir(source_id: int) -> Path:
    """Where an import's upload and mapping live: named by the source's number, never by the user."""
    return Path(settings.DATA_DIR) / "networks" / "imports" / str(int(source_id))


def _upload_path(source_id: int, fmt: str) -> Path:
    return import_dir(source_id) / {"ftm": "upload.jsonl", "csv": "upload.csv", "xlsx": "upload.xlsx"}[fmt]


def _label(name: str) -> str:
    return (Path(name.replace("\\", "/")).name or "upload")[:300]


def start_import(
    *,
    investigation: Investigation,
    user,
    upload,
    kind: str,
    mapping_text: str | None = None,
    request=None,
    role_checked: bool = False,
) -> Source:
    """Check the request, store the file and queue the import; the Source stays LOADING until it is done.
    `role_checked`: the caller (the command line, without a verified session) checked the member's role."""
    if not role_checked and not user.has_perm("networks.edit_entities", investigation):
        raise ImportError_(_("Only the lead and the analysts of the investigation import entities."))
    name = upload.name or ""
    fmt = file_format(name)
    if fmt is None:
        raise ImportError_(_("Choose a file ending in .json, .jsonl, .ftm.json, .csv or .xlsx."))
    if kind == SourceKind.FTM_LINES and fmt != "ftm":
        raise ImportError_(_("FtM JSON lines end in .json, .jsonl or .ftm.json."))
    if kind == SourceKind.MAPPING and fmt == "ftm":
        raise ImportError_(_("A table with a mapping is a .csv or .xlsx file."))
    if kind not in (SourceKind.FTM_LINES, SourceKind.MAPPING):
        raise ImportError_(_("Only FtM JSON lines and tables with a mapping are imported from files."))
    if not upload.size:
        raise ImportError_(_("The file is empty."))
    if upload.size > import_max_bytes():
        raise ImportError_(
            _("The file is larger than %(size)s MB.") % {"size": import_max_bytes() // (1024 * 1024)}
        )
    if fmt != "ftm":
        if not (mapping_text or "").strip():
            raise ImportError_(_("A table needs a mapping (the YAML that `ftm map` reads)."))
        try:
            parse_mapping(mapping_text or "")
        except MappingError as error:
            raise ImportError_(str(error)) from error
    digest = _digest(upload, mapping_text if fmt != "ftm" else None)
    with transaction.atomic():
        Investigation.objects.select_for_update().filter(pk=investigation.pk).first()
        _refuse_twice(investigation, digest)
        source = Source.objects.create(
            investigation=investigation,
            kind=kind,
            label=_label(name),
            state=SourceState.LOADING,
            digest=digest,
            created_by=user,
        )
        folder = import_dir(source.pk)
        folder.mkdir(parents=True, exist_ok=True)
        with open(_upload_path(source.pk, fmt), "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        if fmt != "ftm":
            (folder / "mapping.yml").write_text(mapping_text or "", encoding="utf-8")
        source.job = enqueue(kind=JOB_KIND, params={"source": source.pk, "format": fmt}, user=user)
        source.save(update_fields=["job"])
    return source


def _digest(upload, mapping_text: str | None) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    if mapping_text is not None:
        digest.update(b"\0mapping\0" + mapping_text.encode())
    return digest.hexdigest()


def _refuse_twice(investigation: Investigation, digest: str) -> None:
    """The same file (with the same mapping) imported or being imported already: say which source."""
    earlier = (
        Source.objects.filter(investigation=investigation, digest=digest)
        .exclude(state=SourceState.FAILED)
        .order_by("created_at")
        .first()
    )
    if earlier is not None:
        raise ImportError_(
            _(
                "This file was imported already, as %(source)s on %(date)s. Its entities are in the "
                "investigation; to import it again, remove that source first."
            )
            % {"source": earlier.label, "date": format_date(earlier.created_at)}
        )


def run_import(ctx) -> dict | None:
    """The job, in one pass: each batch of checked fragments is written with its checkpoint while no
    problem is found; after the first problem nothing more is written, the rest of the file is read to
    name every problem, and the job fails (abandon_import removes what was written: never visible, as
    the source is still LOADING)."""
    source = Source.objects.select_related("investigation").get(pk=ctx.params["source"])
    if source.state != SourceState.LOADING:
        return {"source": source.pk, "state": source.state}
    fmt = ctx.params["format"]
    folder = import_dir(source.pk)
    upload = _upload_path(source.pk, fmt)
    checkpoint = dict(ctx.checkpoint)
    if checkpoint.get("phase") != PHASE:
        checkpoint = {
            "phase": PHASE,
            "offset": 0,
            "line": 0,
            "fragments": 0,
            "entities": 0,
            "statements": 0,
            "merged": 0,
            "total": count_lines(upload) if fmt != "xlsx" else None,
            "stated_at": timezone.now().isoformat(),
        }
    # Rows a stopped run wrote beyond its last checkpoint: none when a batch commits with its checkpoint,
    # as here; an earlier version's run may have left some.
    _forget_beyond(source, checkpoint["line"])
    ctx.progress(checkpoint["line"], checkpoint["total"], checkpoint=checkpoint, note=_("Importing"))
    mapping_text = (folder / "mapping.yml").read_text(encoding="utf-8") if fmt != "ftm" else None
    loader = Loader(
        source, user_id=source.created_by_id, stated_at=datetime.fromisoformat(checkpoint["stated_at"])
    )
    problems = Problems(source.label)
    batch: list = []
    next_report = checkpoint["line"] + PROGRESS_EVERY
    try:
        for fragment in fragments_of(
            upload, fmt, mapping_text, problems, offset=checkpoint["offset"], line=checkpoint["line"]
        ):
            if problems:
                batch = []  # nothing more is written: only the problems are listed
                if fragment.line >= next_report:
                    if ctx.should_stop():
                        return None
                    ctx.progress(fragment.line, note=_("Listing the problems of the file"))
                    next_report = fragment.line + PROGRESS_EVERY
                continue
            if len(batch) >= BATCH_SIZE and fragment.line != batch[-1].line:
                if ctx.should_stop():
                    return None
                _write(ctx, loader, batch, checkpoint, problems)
                batch = []
            batch.append(fragment)
    except MappingError as error:
        problems.add(0, "mapping", "bad_mapping", error=str(error))
    if batch and not problems:
        _write(ctx, loader, batch, checkpoint, problems)
    if not problems and not checkpoint["fragments"]:
        problems.add(0, "", "no_entities")
    if problems:
        raise JobFailed(_("The file has problems; nothing was imported."), result=problems.as_result())
    return _finish(source, checkpoint)


def _write(ctx, loader: Loader, batch: list, checkpoint: dict, problems: Problems) -> None:
    """One batch and its checkpoint in one transaction: a run stopped at any moment resumes exactly."""
    try:
        with transaction.atomic():
            written = loader.write(batch)
            checkpoint.update(
                offset=batch[-1].end,
                line=batch[-1].line,
                fragments=checkpoint["fragments"] + len(batch),
                entities=checkpoint["entities"] + written.entities,
                statements=checkpoint["statements"] + written.statements,
                merged=checkpoint["merged"] + written.merged,
            )
            ctx.progress(batch[-1].line, checkpoint["total"], checkpoint=checkpoint)
    except SchemaConflict as conflict:
        line, field_name, code, params = conflict.problem
        problems.add(line, field_name, code, **params)


@transaction.atomic
def _forget_beyond(source: Source, line: int) -> None:
    """Rows of the source beyond a checkpoint's line go: a safety net (a batch commits with its checkpoint;
    a run of the two-pass version committed them apart)."""
    Statement.objects.filter(source=source, line__gt=line).delete()
    kept = Statement.objects.filter(source=source).values("entity_id")
    Entity.objects.filter(investigation_id=source.investigation_id, first_source=source).exclude(
        entity_id__in=kept
    ).delete()


@transaction.atomic
def _finish(source: Source, checkpoint: dict) -> dict:
    merged = []
    if checkpoint.get("merged", 1):  # ids other sources stated too: a query over all the statements
        merged = list(
            Entity.objects.filter(
                investigation_id=source.investigation_id,
                entity_id__in=Statement.objects.filter(source=source).values("entity_id"),
            )
            .exclude(first_source=source)
            .values_list("entity_id", flat=True)
        )
    source.state = SourceState.READY
    source.entity_count = checkpoint["entities"] + len(merged)
    source.statement_count = checkpoint["statements"]
    source.save(update_fields=["state", "entity_count", "statement_count"])
    graph_changed(source.investigation_id)
    refresh_entities(source.investigation_id, merged)
    summary = {
        "source": source.pk,
        "file": source.label,
        "entities": source.entity_count,
        "statements": source.statement_count,
        "merged": len(merged),
    }
    audit(
        "networks.source.imported",
        investigation=source.investigation,
        actor=source.created_by,
        data={"file": source.label, "entities": source.entity_count, "statements": source.statement_count},
    )
    transaction.on_commit(lambda: shutil.rmtree(import_dir(source.pk), ignore_errors=True))
    # New entities may be the same as others: look for candidates (a search running now is followed by
    # another, as it may have read the entities before these).
    from palermo.networks.domain.resolution_run import start_run

    summary["search"] = start_run(investigation=source.investigation, user=source.created_by).pk
    return summary


def abandon_import(job) -> None:
    """After the job failed or was cancelled: its rows go, the source is FAILED (all or nothing)."""
    source = Source.objects.filter(job=job).select_related("investigation").first()
    if source is None or source.state == SourceState.READY:
        return
    with transaction.atomic():
        _delete_rows(source)
        source.state = SourceState.FAILED
        source.entity_count = source.statement_count = 0
        source.save(update_fields=["state", "entity_count", "statement_count"])
        audit(
            "networks.source.failed",
            investigation=source.investigation,
            actor=source.created_by,
            data={"file": source.label, "problems": (job.result or {}).get("problem_count", 0)},
        )
    shutil.rmtree(import_dir(source.pk), ignore_errors=True)


def _delete_rows(source: Source) -> list[str]:
    """Delete a source's statements and the entities only it stated; returns the ids other sources keep."""
    stated = Statement.objects.filter(source=source).values("entity_id")
    others = Statement.objects.filter(investigation_id=source.investigation_id, entity_id__in=stated).exclude(
        source=source
    )
    kept = list(others.values_list("entity_id", flat=True).distinct())
    Entity.objects.filter(investigation_id=source.investigation_id, entity_id__in=stated).exclude(
        entity_id__in=others.values("entity_id")
    ).delete()
    Statement.objects.filter(source=source).delete()
    graph_changed(source.investigation_id)
    return kept


@transaction.atomic
def remove_source(*, source: Source, user, request=None) -> None:
    """A source and its statements go; entities left without statements go; the others are recomputed."""
    if not user.has_perm("networks.edit_entities", source.investigation):
        raise ImportError_(_("Only the lead and the analysts of the investigation remove sources."))
    investigation, source_id = source.investigation, source.pk
    kept = _delete_rows(source)
    refresh_entities(investigation.pk, kept)
    label, counts = source.label, {"entities": source.entity_count, "statements": source.statement_count}
    source.delete()
    transaction.on_commit(lambda: shutil.rmtree(import_dir(source_id), ignore_errors=True))
    audit(
        "networks.source.removed",
        investigation=investigation,
        actor=user,
        data={"file": label, **counts},
        request=request,
    )


@transaction.atomic
def add_statements(
    *, investigation: Investigation, user, source: Source, proxy, line: int | None = None
) -> int:
    """Write one entity's statements (forms, knowledge-base cases) through the import's checks; returns
    how many. The caller audits its own action. Raises ImportError_ naming the first invalid value."""
    problems = Problems(source.label)
    entity_id = check_id(problems, line or 0, proxy.id)
    values = []
    for prop, value in proxy.itervalues():
        checked = check_value(problems, line or 0, proxy.schema, prop.name, value)
        if checked is not None:
            values.append(checked)
    if problems:
        from palermo.networks.ftm.problems import message

        raise ImportError_(message(problems.kept[0]))
    assert entity_id is not None  # check_id noted a problem otherwise
    stated_at = db_datetime(timezone.now())
    insert_statements(
        [
            (
                investigation.pk,
                entity_id,
                proxy.schema.name,
                prop,
                value,
                lang,
                original,
                source.pk,
                line,
                stated_at,
                getattr(user, "pk", None),
            )
            for prop, value, lang, original in values
        ]
    )
    exists = Entity.objects.filter(investigation=investigation, entity_id=entity_id).exists()
    if exists:
        loading = source.pk if source.state != SourceState.READY else None
        refresh_entities(investigation.pk, [entity_id], loading_source_id=loading)
    elif values:
        schema, caption, countries = summarise(
            proxy.schema.name, [(p, v) for p, v, _l, _o in values], entity_id
        )
        insert_entities([(investigation.pk, entity_id, entity_id, schema, caption, countries, source.pk)])
    Source.objects.filter(pk=source.pk).update(
        statement_count=source.statement_count + len(values), entity_count=source.entity_count + (not exists)
    )
    if source.state == SourceState.READY:  # a form's or a case's entries are seen at once
        graph_changed(investigation.pk)
    source.refresh_from_db(fields=["statement_count", "entity_count"])
    return len(values)
