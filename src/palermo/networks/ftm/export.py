"""Export of an investigation's entities: FtM JSON lines (stock by default, so that stock `ftm validate`
and `ftm aggregate` accept it; extension entities downgraded or left out, as the summary says) and a zip
of CSV files, one per schema."""

import csv
import io
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

import orjson
from followthemoney import EntityProxy

from palermo.networks.ftm.extension import to_stock
from palermo.networks.ftm.store import iter_proxies
from palermo.networks.models import Investigation


@dataclass
class ExportSummary:
    entities: int = 0
    by_schema: Counter = field(default_factory=Counter)
    downgraded: Counter = field(default_factory=Counter)  # "CaseRole → CourtCaseParty": count
    dropped_properties: Counter = field(default_factory=Counter)
    left_out: Counter = field(default_factory=Counter)  # "CaseRole (identity protected)": count

    def lines(self) -> list[str]:
        said = [f"{self.entities} entities"]
        said += [f"{count} {name} downgraded" for name, count in sorted(self.downgraded.items())]
        said += [f"{count} {name} left out" for name, count in sorted(self.left_out.items())]
        if self.dropped_properties:
            said.append("properties not kept: " + ", ".join(sorted(self.dropped_properties)))
        return said


def _exported(
    investigation: Investigation, stock: bool, summary: ExportSummary, only: set[str] | None = None
):
    for proxy in iter_proxies(investigation, only=only):
        entity: EntityProxy = proxy
        if stock:
            downgrade = to_stock(proxy)
            if downgrade.entity is None:
                summary.left_out[f"{proxy.schema.name} ({downgrade.reason})"] += 1
                continue
            entity = downgrade.entity
            if entity.schema.name != proxy.schema.name:
                summary.downgraded[f"{proxy.schema.name} → {entity.schema.name}"] += 1
            for name in downgrade.dropped:
                summary.dropped_properties[f"{proxy.schema.name}:{name}"] += 1
        summary.entities += 1
        summary.by_schema[entity.schema.name] += 1
        yield entity


def write_ftm_lines(
    investigation: Investigation, out: BinaryIO, *, stock: bool = True, only: set[str] | None = None
) -> ExportSummary:
    """One entity per line, id first (as `ftm` writes them)."""
    summary = ExportSummary()
    for entity in _exported(investigation, stock, summary, only):
        data = {
            "id": entity.id,
            "schema": entity.schema.name,
            "properties": {p: sorted(v) for p, v in entity.properties.items()},
        }
        out.write(orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE))
    return summary


def write_csv_zip(investigation: Investigation, out: BinaryIO, *, stock: bool = True) -> ExportSummary:
    """A zip with one CSV per schema: id and that schema's properties, several values joined by ';'."""
    summary = ExportSummary()
    files: dict[str, tuple] = {}
    try:
        for entity in _exported(investigation, stock, summary):
            name = entity.schema.name
            if name not in files:
                columns = sorted(p.name for p in entity.schema.properties.values() if not p.stub)
                handle = tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="")  # noqa: SIM115
                writer = csv.writer(handle)
                writer.writerow(["id", *columns])
                files[name] = (handle, writer, columns)
            handle, writer, columns = files[name]
            writer.writerow(
                [entity.id, *(";".join(sorted(entity.get(column, quiet=True))) for column in columns)]
            )
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, (handle, _writer, _columns) in sorted(files.items()):
                handle.seek(0)
                with (
                    archive.open(f"{name}.csv", "w") as member,
                    io.TextIOWrapper(member, encoding="utf-8") as text,
                ):
                    while chunk := handle.read(1 << 20):
                        text.write(chunk)
    finally:
        for handle, _writer, _columns in files.values():
            handle.close()
    return summary
