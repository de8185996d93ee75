"""Downloads of an investigation's entities: FtM JSON lines (for `ftm validate`, `ftm aggregate`, Aleph) and
a zip of one CSV per schema. A GET that writes nothing but the audit entry of the download (who took the
investigation's data out of the platform)."""

import tempfile

from django.http import FileResponse

from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.export import write_csv_zip, write_ftm_lines
from palermo.networks.views.access import investigation_or_404

# Exports are spooled to disk past this size rather than held in memory.
SPOOL_BYTES = 8 * 1024 * 1024


def _download(request, pk: int, kind: str):
    investigation = investigation_or_404(request.user, pk)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    if kind == "ftm":
        write_ftm_lines(investigation, spool)
        name, content_type = f"investigation-{investigation.pk}.ftm.json", "application/x-ndjson"
    else:
        write_csv_zip(investigation, spool)
        name, content_type = f"investigation-{investigation.pk}-csv.zip", "application/zip"
    spool.seek(0)
    audit(
        "networks.investigation.exported",
        investigation=investigation,
        actor=request.user,
        data={"format": kind},
        request=request,
    )
    return FileResponse(spool, as_attachment=True, filename=name, content_type=content_type)


def export_ftm(request, pk: int):
    return _download(request, pk, "ftm")


def export_csv(request, pk: int):
    return _download(request, pk, "csv")
