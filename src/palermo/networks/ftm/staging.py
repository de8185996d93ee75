"""An uploaded file read as a stream of checked fragments, from its start or from where a stopped import
left off; the problems go to a Problems list as they are found."""

from collections.abc import Iterator
from pathlib import Path

from palermo.networks.ftm.fragments import Fragment
from palermo.networks.ftm.mapping import TableMapper, parse_mapping
from palermo.networks.ftm.problems import Problems
from palermo.networks.ftm.readers import read_ftm_lines
from palermo.networks.ftm.tables import TableError, read_table

FTM_SUFFIXES = (".ftm.json", ".jsonl", ".json")
TABLE_SUFFIXES = (".csv", ".xlsx")
ALLOWED_SUFFIXES = FTM_SUFFIXES + TABLE_SUFFIXES


def file_format(name: str) -> str | None:
    """ "ftm", "csv" or "xlsx" by the file name's ending; None if not accepted."""
    lowered = name.lower()
    if lowered.endswith(FTM_SUFFIXES):
        return "ftm"
    for suffix in TABLE_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix[1:]
    return None


def count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            count += chunk.count(b"\n")
    return count


def fragments_of(
    path: Path,
    fmt: str,
    mapping_text: str | None,
    problems: Problems,
    *,
    offset: int = 0,
    line: int = 0,
) -> Iterator[Fragment]:
    """The valid fragments of an uploaded file after line `line` (FtM lines: read from byte `offset`,
    where that line ends; tables: the rows up to it are read again and skipped)."""
    if fmt == "ftm":
        with open(path, "rb") as fh:
            fh.seek(offset)
            yield from read_ftm_lines(fh, problems, line=line)
        return
    mapper = TableMapper(parse_mapping(mapping_text or ""))
    try:
        header, rows = read_table(path)
        mapper.check_header(problems, header)
        if problems:
            return
        for number, record in rows:
            if number > line:
                yield from mapper.map_row(problems, number, record)
    except TableError as error:
        problems.add(0, "", "bad_file", error=str(error))
