"""How a refused form shows its problem, on every page: beside the field it is about (red, announced to
screen readers with role="alert", the field marked `aria-invalid` and described by the message), or at the
top of the form when no field of it is named. `problem` is anything with `form`, `field` and `message`
(review.views.documents.FormProblem); Django forms use core/_form_fields.html, which does the same."""

from django import template
from django.utils.html import format_html

register = template.Library()


def _about(problem, form: str, field: str) -> bool:
    return problem is not None and problem.form == form and problem.field == field


@register.simple_tag
def invalid(problem, form: str, field: str, field_id: str) -> str:
    """The attributes of a field the problem is about: ` aria-invalid="true" aria-describedby="…"`."""
    if _about(problem, form, field):
        return format_html(' aria-invalid="true" aria-describedby="{}_error"', field_id)
    return ""


@register.inclusion_tag("core/_field_error.html")
def field_error(problem, form: str, field: str, field_id: str) -> dict:
    """The problem's message beside the field it is about (nothing otherwise)."""
    return {"message": problem.message if _about(problem, form, field) else "", "id": field_id}


@register.inclusion_tag("core/_field_error.html")
def form_error(problem, form: str, shown: str = "") -> dict:
    """The problem of this form when it names no field shown with its own message (`shown`: the names, or
    name prefixes ending in `_`, of those fields, separated by spaces)."""
    fields = shown.split()
    named = problem is not None and any(
        problem.field == name or (name.endswith("_") and problem.field.startswith(name)) for name in fields
    )
    visible = problem is not None and problem.form == form and not named
    return {"message": problem.message if visible else "", "id": f"form-{form}"}
