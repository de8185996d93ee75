"""A record's versions as text, so that the history can show what changed between two of them."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from palermo.knowledge.domain.records import DETAIL_MODELS, PEOPLE_FIELDS, RELATIONS, SCALAR_FIELDS
from palermo.knowledge.models import Defendant, Record, RecordKind, Victim
from palermo.knowledge.search.passages import paragraphs

ORDER = (*SCALAR_FIELDS, "jurisdiction", "date", *RELATIONS, "detail", *PEOPLE_FIELDS)
PEOPLE = {"defendants": (Defendant, _("Defendants")), "victims": (Victim, _("Victims"))}


def _field(model, name: str):
    try:
        return model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return None


def _label(model, name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name).capitalize() if field is not None else name


def _shown(model, name: str, value):
    """A stored value as the reader knows it: the label of a choice, yes or no."""
    field = _field(model, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices and isinstance(value, str):
        return dict(field.flatchoices).get(value, value)
    return value


def _lines(label: str, value) -> list[str]:
    """`label: value`, one line per paragraph of a long text and per language of a text by language."""
    if isinstance(value, dict):
        return [line for key in sorted(value) for line in _lines(f"{label} ({key})", value[key])]
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if value in (None, ""):
        return []
    texts = paragraphs(value) if isinstance(value, str) and "\n" in value else [value]
    return [_("%(name)s: %(value)s") % {"name": label, "value": text} for text in texts]


def version_text(snapshot: dict) -> str:
    """A version's content as lines of text, fields in a fixed order with their names in the reader's
    language (the snapshot's own key order is not kept by every database)."""
    kind = snapshot.get("kind")
    detail_model = DETAIL_MODELS.get(RecordKind(kind)) if kind in RecordKind.values else None
    lines: list[str] = []
    for name in [*ORDER, *sorted(set(snapshot) - set(ORDER))]:
        value = snapshot.get(name)
        if name == "detail" and detail_model is not None:
            detail = value or {}
            for key in [f.attname for f in detail_model._meta.concrete_fields if f.attname in detail]:
                lines += _lines(_label(detail_model, key), _shown(detail_model, key, detail[key]))
        elif name in PEOPLE:
            model, title = PEOPLE[name]
            for number, person in enumerate(value or [], start=1):
                fields = [key for key in PEOPLE_FIELDS[name] if key in person]
                lines += [
                    f"{title} {number} · {line}"
                    for key in fields
                    for line in _lines(_label(model, key), _shown(model, key, person[key]))
                ]
        else:
            lines += _lines(_label(Record, name), _shown(Record, name, value))
    return "\n".join(lines)
