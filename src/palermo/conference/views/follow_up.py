"""Recording what was done on an operative paragraph, from the resolution's page: the secretariat for any
State or for itself, a State's focal point for its own State on a paragraph that asks it. A POST; bad input
shows the page again with the form's problems and writes nothing."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.conference.domain.records import RecordError, record_follow_up
from palermo.conference.interfaces.forms import follow_up_form, own_party, show_problems
from palermo.conference.models import OperativeParagraph
from palermo.conference.views.pages import decision_page


@require_POST
def record(request, pk: int):
    paragraph = get_object_or_404(OperativeParagraph.objects.select_related("decision"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("conference:decision", args=[paragraph.decision_id]))
    form = follow_up_form(request, paragraph, request.POST)
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        data = form.cleaned_data
        party = data.get("party") if "party" in form.fields else own_party(request.user)
        try:
            record_follow_up(
                user=request.user,
                paragraph=paragraph,
                party=party,
                status=data["status"],
                text=data["text"],
                language=data["language"],
            )
        except RecordError as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect(
                reverse("conference:decision", args=[paragraph.decision_id]) + f"#para-{paragraph.number}"
            )
    return decision_page(request, paragraph.decision_id, bound={paragraph.pk: form}, status=400)
