"""Problems found in an uploaded file, each named by line and field, kept as a message template and its
parameters so that every reader of the job's result sees them in their own language."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from palermo.networks.ftm.wallets import describe

MAX_KEPT = 1000

MESSAGES = {
    "bad_json": _("This line is not valid JSON (at character %(column)s): %(error)s"),
    "not_object": _("This line is not a JSON object."),
    "missing_id": _("The entity has no id."),
    "bad_id": _(
        "The entity id %(value)s is not a valid FtM id (letters, digits, dots and dashes, at most 128)."
    ),
    "missing_schema": _("The entity has no schema."),
    "unknown_schema": _("%(value)s is not a schema of the model."),
    "abstract_schema": _("%(value)s is an abstract schema; use one of its concrete schemata."),
    "unknown_property": _("The schema %(schema)s has no property %(value)s."),
    "reverse_property": _("%(value)s is a reverse property; state the link on the other entity."),
    "bad_properties": _("The properties must be a JSON object of lists of values."),
    "invalid_value": _("%(value)s is not a valid %(type)s."),
    "invalid_date": _("%(value)s is not a date: write it as 2024-03-14, 2024-03 or 2024."),
    "invalid_phone": _(
        "%(value)s is not a phone number that can be read: write it with its country code, such as "
        "+39 06 1234 5678."
    ),
    "invalid_country": _(
        "%(value)s is not a country: write its name or its two-letter code, such as IT or BR."
    ),
    "invalid_email": _("%(value)s is not an e-mail address."),
    "not_in_vocabulary": _("%(value)s is not one of: %(choices)s."),
    "bad_wallet_address": _("%(value)s is not a valid %(chain)s address: %(reason)s."),
    "schema_conflict": _(
        "The entity %(value)s is a %(schema)s elsewhere; %(other)s cannot be the same entity."
    ),
    "missing_column": _("The mapping uses the column %(value)s, which the file does not have."),
    "empty_key": _("The entity %(value)s would have an empty id: its key columns are empty in this row."),
    "bad_mapping": _("The mapping cannot be used: %(error)s"),
    "bad_file": _("The file cannot be read: %(error)s"),
    "no_entities": _("The file holds no entities."),
}


# FtM types whose invalid values get a sentence of their own, saying how to write them.
TYPE_CODES = {
    "date": "invalid_date",
    "phone": "invalid_phone",
    "country": "invalid_country",
    "email": "invalid_email",
}


@dataclass
class Problems:
    """The first MAX_KEPT problems of a file, and how many there were in all."""

    file: str
    kept: list[dict] = field(default_factory=list)
    total: int = 0

    def add(self, line: int, field_name: str, code: str, **params) -> None:
        self.total += 1
        if len(self.kept) < MAX_KEPT:
            params = {key: str(value)[:200] for key, value in params.items()}
            self.kept.append({"line": line, "field": field_name, "code": code, "params": params})

    def invalid(self, line: int, field_name: str, value, prop) -> None:
        """A value that the property's type does not accept. Identifiers are named by their property
        ("IBAN", "LEI code"), not by the type ("Identifier")."""
        code = TYPE_CODES.get(prop.type.name)
        if code is not None:
            self.add(line, field_name, code, value=value)
            return
        label = prop.label if prop.type.name == "identifier" else prop.type.label
        self.add(line, field_name, "invalid_value", value=value, type=label)

    def __bool__(self) -> bool:
        return self.total > 0

    def as_result(self) -> dict:
        """The job result of a failed import: problems with their English text for logs and the API."""
        return {
            "file": self.file,
            "problem_count": self.total,
            "problems": [{**problem, "message": message(problem)} for problem in self.kept],
        }


def message(problem: dict) -> str:
    """A problem's sentence in the active language."""
    template = MESSAGES.get(problem.get("code", ""))
    if template is None:
        return problem.get("message", "")
    params = dict(problem.get("params", {}))
    if "type" in params:  # FtM's label, in the reader's language
        from palermo.networks.interfaces.schema_labels import translated

        params["type"] = translated(params["type"])
    if problem.get("code") == "bad_wallet_address":  # chain and reason, in the reader's language
        params = describe(params)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
