"""Entering entities in forms (analysts and leads): a new entity of a common schema, more values for an
existing one, removing a value one entered oneself; and the list of entities an entity field may choose,
for htmx's search as one types."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.networks.domain import form_entries
from palermo.networks.ftm.model import model
from palermo.networks.interfaces.entity_forms import (
    FORM_SCHEMATA,
    EntityForm,
    SchemaChoiceForm,
    entity_choices,
    form_properties,
)
from palermo.networks.interfaces.schema_labels import schema_label
from palermo.networks.models import Statement
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import canonical_rows

EDIT = "networks.edit_entities"


def entity_new(request, pk: int):
    """Choose the kind of entity (`?schema=`), then fill in its form."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    schema_name = request.POST.get("schema") or request.GET.get("schema", "")
    if schema_name not in FORM_SCHEMATA:
        return render(
            request,
            "networks/entity_new.html",
            {"investigation": investigation, "choice": SchemaChoiceForm(), "form": None},
        )
    form = EntityForm(request.POST or None, investigation=investigation, schema_name=schema_name, new=True)
    if request.method == "POST" and form.is_valid():
        try:
            canonical_id = form_entries.enter_entity(
                investigation=investigation,
                user=request.user,
                schema=schema_name,
                values=form.values,
                request=request,
            )
        except form_entries.EntryError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The entity was saved."))
            return redirect("networks:entity", pk=investigation.pk, canonical_id=canonical_id)
    return render(
        request,
        "networks/entity_new.html",
        {
            "investigation": investigation,
            "form": form,
            "schema_name": schema_name,
            "schema_label": schema_label(model.get(schema_name)),
        },
    )


def entity_edit(request, pk: int, canonical_id: str):
    """Add values to an existing entity; they go to the user's own FORM source."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    member = form_entries.member_to_write(investigation, canonical_id)
    rows = canonical_rows(investigation, [canonical_id])
    if member is None or not rows:
        raise Http404
    form = EntityForm(request.POST or None, investigation=investigation, schema_name=member.schema, new=False)
    if request.method == "POST" and form.is_valid():
        try:
            form_entries.enter_entity(
                investigation=investigation,
                user=request.user,
                schema=member.schema,
                values=form.values,
                canonical_id=canonical_id,
                request=request,
            )
        except form_entries.EntryError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The values were added."))
            return redirect("networks:entity", pk=investigation.pk, canonical_id=canonical_id)
    return render(
        request,
        "networks/entity_edit.html",
        {
            "investigation": investigation,
            "form": form,
            "entity": rows[0],
            "schema_label": schema_label(model.get(member.schema)),
        },
    )


@require_POST
def statement_remove(request, pk: int, canonical_id: str, statement: int):
    """Remove a value the user entered in a form (asks first)."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    found = Statement.objects.filter(
        pk=statement, investigation=investigation, source__created_by=request.user, source__kind="form"
    ).first()
    if found is None:
        raise Http404
    back = reverse("networks:entity", kwargs={"pk": investigation.pk, "canonical_id": canonical_id})
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The value “%(value)s” you entered will be removed from the entity.")
            % {"value": found.value},
            action=_("Remove the value"),
            back=back,
        )
    try:
        form_entries.remove_entered_value(
            investigation=investigation, user=request.user, statement_id=found.pk, request=request
        )
    except form_entries.EntryError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("The value was removed."))
    if not canonical_rows(investigation, [canonical_id]):
        return redirect("networks:entities", pk=investigation.pk)
    return redirect(back)


def entity_field_choices(request, pk: int):
    """The options of an entity field whose names contain `?q=` (htmx swaps them in as one types)."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    schema = model.get(request.GET.get("schema", ""))
    if schema is None:
        raise Http404
    prop = next((p for p in form_properties(schema.name) if p.name == request.GET.get("prop")), None)
    if prop is None or prop.type.name != "entity":
        raise Http404
    query = request.GET.get("q", "").strip()[:200]
    choices = entity_choices(investigation, prop, query=query)
    return render(
        request,
        "networks/_entity_choices.html",
        {"choices": choices, "name": prop.name, "query": query},
    )
