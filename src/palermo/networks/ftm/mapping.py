"""FtM mappings (the YAML `ftm map` reads) applied to the rows of an uploaded table.

The uploaded file is the only data: a mapping's csv_url/csv_urls are ignored and never opened, and
`database`/`sql` queries are refused, so a mapping cannot make the server read a file or a database.
Ids are computed as `ftm map` computes them (keys hashed with the dataset name, then signed).
"""

from collections.abc import Iterator
from typing import Any, cast

import yaml
from banal import ensure_list, keys_values
from django.utils.translation import gettext as _
from followthemoney import EntityProxy
from followthemoney.exc import InvalidData, InvalidMapping
from followthemoney.mapping.query import QueryMapping
from followthemoney.mapping.source import Record, Source
from followthemoney.namespace import Namespace
from followthemoney.types import registry

from palermo.networks.ftm.extension import vocabulary
from palermo.networks.ftm.fragments import Fragment
from palermo.networks.ftm.model import model
from palermo.networks.ftm.problems import Problems

MAX_MAPPING_BYTES = 1024 * 1024
REFUSED_KEYS = ("database", "sql", "tables", "joins")
DEFAULT_DATASET = "upload"


class MappingError(Exception):
    """The mapping cannot be used; the message says why, for the person who sent it."""


class UploadedTable(Source):
    """The mapping's source: the uploaded table, given row by row. It has no records of its own."""

    def __init__(self, query: QueryMapping, data: dict[str, Any]) -> None:
        super().__init__(query, data)
        self.filters_set = [(key, _texts(value)) for key, value in self.filters]
        self.filters_not_set = [(key, _texts(value)) for key, value in self.filters_not]

    def check_filters(self, record: Record) -> bool:
        return all(record.get(key) in values for key, values in self.filters_set) and not any(
            record.get(key) in values for key, values in self.filters_not_set
        )

    @property
    def records(self):
        raise RuntimeError("an uploaded table is read by Palermo, never by the mapping")


def _texts(value: Any) -> set[str | None]:
    return {None if item is None else str(item) for item in ensure_list(value)}


class UploadMapping(QueryMapping):
    def _get_source(self, data: dict[str, Any]) -> Source:
        return UploadedTable(self, data)


def parse_mapping(text: str) -> list[tuple[str, UploadMapping]]:
    """The queries of a mapping file, each with its dataset name; raises MappingError."""
    if len(text.encode("utf-8", "replace")) > MAX_MAPPING_BYTES:
        raise MappingError(_("The mapping is larger than 1 MB."))
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MappingError(_("The mapping is not valid YAML: %(error)s") % {"error": error}) from error
    if not isinstance(config, dict):
        raise MappingError(_("The mapping must be a YAML mapping of datasets to queries."))
    if "entities" in config or "queries" in config or "query" in config:
        config = {DEFAULT_DATASET: config}
    queries = []
    for dataset, meta in config.items():
        if not isinstance(meta, dict):
            raise MappingError(_("The dataset %(name)s of the mapping has no queries.") % {"name": dataset})
        if "include" in meta:
            raise MappingError(
                _("Mappings that include other files are not accepted; put everything in one file.")
            )
        found = [meta] if "entities" in meta else keys_values(meta, "queries", "query")
        for query in found:
            queries.append((str(dataset), _query(str(dataset), query)))
    if not queries:
        raise MappingError(_("The mapping has no queries."))
    return queries


def _query(dataset: str, query: Any) -> UploadMapping:
    if not isinstance(query, dict):
        raise MappingError(_("Each query of the mapping must be a YAML mapping."))
    refused = [key for key in REFUSED_KEYS if key in query]
    if refused:
        raise MappingError(
            _(
                "Mappings that read a database (%(keys)s) are not accepted: the uploaded file is the only data."
            )
            % {"keys": ", ".join(refused)}
        )
    data = {key: value for key, value in query.items() if key not in ("csv_url", "csv_urls")}
    try:
        return UploadMapping(model, data, key_prefix=dataset, dataset=dataset)
    except (InvalidMapping, TypeError, AttributeError, ValueError) as error:
        raise MappingError(_("The mapping cannot be used: %(error)s") % {"error": error}) from error


class TableMapper:
    """Applies a mapping's queries to rows, naming each problem by line and column."""

    def __init__(self, queries: list[tuple[str, UploadMapping]]):
        self.queries = [(query, Namespace(dataset)) for dataset, query in queries]

    def check_header(self, problems: Problems, header: list[str]) -> None:
        known = set(header)
        for query, _ns in self.queries:
            for ref in sorted(query.refs):
                if ref not in known:
                    problems.add(1, ref, "missing_column", value=ref)

    def map_row(self, problems: Problems, line: int, record: Record) -> Iterator[Fragment]:
        for query, namespace in self.queries:
            if not cast(UploadedTable, query.source).check_filters(record):
                continue
            mapped: dict[str, EntityProxy] = {}
            try:
                for entity in query.entities:
                    proxy = self._map_entity(problems, line, entity, record, mapped)
                    if proxy is not None:
                        mapped[entity.name] = proxy
                signed = [namespace.apply(proxy) for proxy in mapped.values()]
            except InvalidData as error:  # e.g. two entities of a row given the same id by their keys
                problems.add(line, "", "bad_mapping", error=str(error))
                continue
            for proxy in signed:
                yield Fragment(line, str(proxy.id), proxy.schema.name, self._values(problems, line, proxy))

    def _map_entity(self, problems, line, entity, record, mapped) -> EntityProxy | None:
        proxy = EntityProxy(entity.schema, {}, cleaned=True)
        # Countries first, as FtM does: phone numbers and addresses are parsed with them.
        ordered = sorted(entity.properties, key=lambda pm: pm.prop.type != registry.country)
        for prop_mapping in ordered:
            for value in prop_mapping.map(proxy, record, mapped):
                column = ", ".join(prop_mapping.refs) or prop_mapping.prop.name
                problems.invalid(line, column, value, prop_mapping.prop)
        proxy.id = entity.compute_key(record)
        if proxy.id is None:
            own_values = [pm for pm in entity.properties if pm.entity is None and proxy.has(pm.prop)]
            if own_values:
                columns = ", ".join(entity.keys) or entity.id_column or ""
                problems.add(line, columns, "empty_key", value=entity.name)
            return None
        if any(pm.required and not proxy.has(pm.prop) for pm in entity.properties):
            return None  # the mapping's own rule: this row does not make such an entity
        return proxy

    def _values(self, problems, line, proxy: EntityProxy) -> list[tuple[str, str, str, str]]:
        values = []
        for prop, value in proxy.itervalues():
            choices = vocabulary(proxy.schema, prop.name)
            if choices is not None and value not in choices:
                problems.add(line, prop.name, "not_in_vocabulary", value=value, choices=", ".join(choices))
                continue
            values.append((prop.name, value, "", ""))
        return values
