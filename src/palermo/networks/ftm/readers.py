"""Reading FtM JSON lines, streamed line by line: entities as the `ftm` command line writes them (id,
schema, properties) and statement lines (entity_id, schema, prop, value). Problems are named by line."""

from collections.abc import Iterator
from typing import BinaryIO

import orjson

from palermo.networks.ftm.fragments import Fragment, check_id, check_schema, check_value
from palermo.networks.ftm.problems import Problems

MAX_LINE = 64 * 1024 * 1024


def read_ftm_lines(fh: BinaryIO, problems: Problems, *, line: int = 0) -> Iterator[Fragment]:
    """The valid fragments of a file of FtM JSON lines; every problem goes to `problems`. Each fragment's
    `end` is the byte offset after its line: an import resumes there, at line `line` + 1 (fh seeked)."""
    offset = fh.tell()
    for number, raw in enumerate(iter(lambda: fh.readline(MAX_LINE), b""), start=line + 1):
        offset += len(raw)
        if not raw.strip():
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            # orjson's own "line 1" would be wrong: the file's line is the problem's line.
            problems.add(number, "", "bad_json", error=error.msg, column=error.pos + 1)
            continue
        if not isinstance(data, dict):
            problems.add(number, "", "not_object")
            continue
        if "properties" not in data and "prop" in data and "entity_id" in data:
            fragment = _statement_line(problems, number, data)
        else:
            fragment = _entity_line(problems, number, data)
        if fragment is not None:
            fragment.end = offset
            yield fragment


def _entity_line(problems: Problems, number: int, data: dict) -> Fragment | None:
    before = problems.total
    entity_id = check_id(problems, number, data.get("id"))
    schema = check_schema(problems, number, data.get("schema"))
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        problems.add(number, "properties", "bad_properties")
        return None
    if schema is None:
        return None
    values = []
    for prop_name, raw_values in properties.items():
        if isinstance(raw_values, (str, int, float)):
            raw_values = [raw_values]
        if not isinstance(raw_values, list):
            problems.add(number, prop_name, "bad_properties")
            continue
        for raw in raw_values:
            value = check_value(problems, number, schema, prop_name, raw)
            if value is not None:
                values.append(value)
    if entity_id is None or problems.total > before:
        return None
    return Fragment(number, entity_id, schema.name, values)


def _statement_line(problems: Problems, number: int, data: dict) -> Fragment | None:
    before = problems.total
    entity_id = check_id(problems, number, data.get("entity_id"))
    schema = check_schema(problems, number, data.get("schema"))
    if schema is None or entity_id is None:
        return None
    prop_name = data.get("prop")
    if prop_name == "id":  # FtM's pseudo-property: the entity exists through its other statements
        return Fragment(number, entity_id, schema.name, [])
    lang = data.get("lang") or ""
    value = check_value(problems, number, schema, str(prop_name), data.get("value"), lang=str(lang)[:8])
    if value is None or problems.total > before:
        return None
    original = data.get("original_value") or value[3]
    return Fragment(number, entity_id, schema.name, [(value[0], value[1], value[2], str(original))])
