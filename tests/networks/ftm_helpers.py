"""Shared bits of the FtM import and export tests: files as uploads, and running the import job."""

import orjson
from django.core.files.uploadedfile import SimpleUploadedFile

from palermo.core.jobs import run_pending
from palermo.networks.domain.imports import start_import
from palermo.networks.models import SourceKind


def ftm_lines(*entities: dict) -> bytes:
    return b"".join(orjson.dumps(entity) + b"\n" for entity in entities)


def person(entity_id: str, name: str, **properties) -> dict:
    return {"id": entity_id, "schema": "Person", "properties": {"name": [name], **properties}}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def import_now(investigation, user, name: str, content: bytes, *, mapping: str | None = None):
    """Start an import and run the queued job in this process; returns the source, reloaded."""
    kind = SourceKind.MAPPING if mapping is not None else SourceKind.FTM_LINES
    source = start_import(
        investigation=investigation, user=user, upload=upload(name, content), kind=kind, mapping_text=mapping
    )
    run_pending()
    source.refresh_from_db()
    source.job.refresh_from_db()
    return source
