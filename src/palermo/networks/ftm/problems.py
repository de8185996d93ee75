"""Problems found in an uploaded file, each named by line and field, kept as a message template and its
parameters so that every reader of the job's result sees them in their own language."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_KEPT = 1000

MESSAGES = {
    "bad_json": _("This line is not valid JSON: %(error)s"),
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
    "not_in_vocabulary": _("%(value)s is not one of: %(choices)s."),
    "schema_conflict": _(
        "The entity %(value)s is a %(schema)s elsewhere; %(other)s cannot be the same entity."
    ),
    "missing_column": _("The mapping uses the column %(value)s, which the file does not have."),
    "empty_key": _("The entity %(value)s would have an empty id: its key columns are empty in this row."),
    "bad_mapping": _("The mapping cannot be used: %(error)s"),
    "bad_file": _("The file cannot be read: %(error)s"),
    "no_entities": _("The file holds no entities."),
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
    try:
        return str(template) % problem.get("params", {})
    except (KeyError, TypeError, ValueError):
        return str(template)
