"""An entity fragment as the readers give it: the line it came from, its id, schema and values, each value
cleaned by its FtM property type and checked against the extension's vocabularies."""

from dataclasses import dataclass, field
from functools import cache

from followthemoney.schema import Schema
from followthemoney.types import registry

from palermo.networks.ftm.extension import vocabulary
from palermo.networks.ftm.model import model
from palermo.networks.ftm.problems import Problems
from palermo.networks.ftm.wallets import InvalidAddress, normalise_address

MAX_ID = 128
_vocabulary = cache(vocabulary)  # asked once per value: remembered per schema and property


@dataclass
class Fragment:
    line: int
    entity_id: str
    schema: str
    # (property, value, lang, original value)
    values: list[tuple[str, str, str, str]] = field(default_factory=list)
    # Where an import resumes after this fragment: the byte offset after its line (FtM lines only).
    end: int = 0


# Cleaned values by property type and text: dates, countries, names and references repeat a lot, and
# FtM's cleaners (a date parse is ~40 µs) dominate the check of a large file. Bounded: cleared when full.
_CLEANED: dict[tuple[object, str, str | None], str | None] = {}
CLEANED_MAX = 200_000


def clean(prop_type, text: str, format: str | None = None) -> str | None:
    """`prop_type.clean_text(text, format=…)`, remembered (the result depends on these three only). The
    format is the property's ("iban", "lei", "isin"…): an IBAN is checked as an IBAN."""
    key = (prop_type, text, format)
    try:
        return _CLEANED[key]
    except KeyError:
        pass
    if len(_CLEANED) >= CLEANED_MAX:
        _CLEANED.clear()
    cleaned = _CLEANED[key] = prop_type.clean_text(text, format=format)
    return cleaned


def check_id(problems: Problems, line: int, value) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.add(line, "id", "missing_id")
        return None
    if not isinstance(value, str) or len(value) > MAX_ID or registry.entity.clean_text(value) != value:
        problems.add(line, "id", "bad_id", value=value)
        return None
    return value


def check_schema(problems: Problems, line: int, value) -> Schema | None:
    if not value:
        problems.add(line, "schema", "missing_schema")
        return None
    schema = model.get(value) if isinstance(value, str) else None
    if schema is None:
        problems.add(line, "schema", "unknown_schema", value=value)
        return None
    if schema.abstract:
        problems.add(line, "schema", "abstract_schema", value=value)
        return None
    return schema


def check_value(
    problems: Problems,
    line: int,
    schema: Schema,
    prop_name: str,
    raw,
    *,
    field_name: str = "",
    lang: str = "",
) -> tuple[str, str, str, str] | None:
    """The statement values of one raw value, or None (with the problem noted) if it is not valid."""
    where = field_name or prop_name
    prop = schema.get(prop_name)
    if prop is None:
        problems.add(line, where, "unknown_property", schema=schema.name, value=prop_name)
        return None
    if prop.stub:
        problems.add(line, where, "reverse_property", value=prop_name)
        return None
    text = raw if isinstance(raw, str) else str(raw) if isinstance(raw, (int, float)) else None
    if text is not None and not text.strip():
        return None  # an empty value states nothing
    cleaned = clean(prop.type, text, prop.format) if text is not None else None
    if cleaned is None:
        problems.invalid(line, where, raw, prop)
        return None
    if prop_name == "publicKey" and schema.is_a("CryptoWallet"):
        try:
            cleaned = normalise_address(cleaned).address
        except InvalidAddress as error:
            # An address in none of the formats checked (Solana, XRP, Dogecoin…) is kept as written; one
            # that has a checked format but is wrong (a mistyped checksum, a test network) is refused.
            if error.code != "unknown_format":
                problems.add(line, where, "bad_wallet_address", value=text, **error.problem_params)
                return None
    choices = _vocabulary(schema, prop_name)
    if choices is not None and cleaned not in choices:
        problems.add(line, where, "not_in_vocabulary", value=cleaned, choices=", ".join(choices))
        return None
    return (prop_name, cleaned, lang, text if text and text != cleaned else "")
