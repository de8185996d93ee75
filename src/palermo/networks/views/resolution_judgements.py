"""The judgements of an investigation (all, or those of one entity), each with who and when, and undoing
one: a merge undone splits the entity back."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.pages import page_of
from palermo.networks.domain import resolution as domain
from palermo.networks.models import Entity, Judgement
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.resolution import EDIT


def judgements(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    entity = (request.GET.get("entity") or "").strip()[:128]
    found = Judgement.objects.filter(investigation=investigation).select_related("by", "undone_by")
    # The entity asked for is named by its caption (its first member's, as everywhere), not its id.
    entity_caption = ""
    if entity:
        members = list(
            Entity.objects.filter(investigation=investigation, canonical_id=entity)
            .order_by("entity_id")
            .values_list("entity_id", "caption")
        )
        entity_caption = members[0][1] if members else ""
        member_ids = [entity_id for entity_id, _caption in members] or [entity]
        found = found.filter(Q(left_id__in=member_ids) | Q(right_id__in=member_ids))
    show_undone = request.GET.get("undone") == "1"
    if not show_undone:
        found = found.filter(undone_at__isnull=True)
    page = page_of(request, found.order_by("-at", "-pk"))
    ids = {entity_id for judgement in page for entity_id in (judgement.left_id, judgement.right_id)}
    entities = {
        row["entity_id"]: row
        for row in Entity.objects.filter(investigation=investigation, entity_id__in=ids).values(
            "entity_id", "canonical_id", "caption"
        )
    }
    rows = [
        (judgement, entities.get(judgement.left_id), entities.get(judgement.right_id)) for judgement in page
    ]
    return render(
        request,
        "networks/candidates_judgements.html",
        {
            "investigation": investigation,
            "page": page,
            "rows": rows,
            "entity": entity,
            "entity_caption": entity_caption,
            "show_undone": show_undone,
            "may_judge": request.user.has_perm(EDIT, investigation),
        },
    )


@require_POST
def judgement_undo(request, pk: int, judgement_id: int):
    investigation = investigation_or_404(request.user, pk, EDIT)
    judgement = get_object_or_404(Judgement, pk=judgement_id, investigation=investigation)
    try:
        domain.undo(judgement=judgement, user=request.user, request=request)
    except domain.ResolutionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The merge is undone: the entities are apart again.")
            if judgement.verdict == "positive"
            else _("The judgement is undone: the pair may be proposed again."),
        )
    back = reverse("networks:judgements", args=[pk])
    entity = (request.POST.get("entity") or "").strip()[:128]
    return redirect(back + (f"?entity={entity}" if entity else ""))
