"""An investigation's sources: the list (imports, form entries, knowledge-base cases), the upload of a file
with its progress while the import runs and its problems when it fails, removing a source, and the
downloads of the investigation's entities. Members see; analysts and leads import and remove; everyone
else gets a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.jobs import render_job_progress
from palermo.core.uploads import accepts_file
from palermo.networks.domain.imports import ImportError_, import_max_bytes, remove_source, start_import
from palermo.networks.ftm.problems import message
from palermo.networks.interfaces.source_forms import MAPPING_EXAMPLE, SourceUploadForm
from palermo.networks.models import Investigation, Source, SourceState
from palermo.networks.views.access import investigation_or_404

EDIT = "networks.edit_entities"


def source_of(investigation: Investigation, source_id: int) -> Source:
    return get_object_or_404(
        Source.objects.select_related("job", "created_by"), investigation=investigation, pk=source_id
    )


def sources_context(request, investigation: Investigation, form: SourceUploadForm | None = None) -> dict:
    sources = Source.objects.filter(investigation=investigation).select_related("created_by", "job")
    may_edit = request.user.has_perm(EDIT, investigation)
    return {
        "investigation": investigation,
        "ready": [source for source in sources if source.state == SourceState.READY],
        "pending": [source for source in sources if source.state != SourceState.READY],
        "may_edit": may_edit,
        "form": (form or SourceUploadForm(initial={"kind": request.GET.get("kind") or "ftm_lines"}))
        if may_edit
        else None,
        "mapping_example": MAPPING_EXAMPLE,
    }


def source_list(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    return render(request, "networks/sources.html", sources_context(request, investigation))


@require_POST
@accepts_file(import_max_bytes)
def source_upload(request, pk: int):
    """Start an import; its page shows the progress."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    form = SourceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            source = start_import(
                investigation=investigation,
                user=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                mapping_text=form.cleaned_data["mapping"],
                request=request,
            )
        except ImportError_ as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("networks:source", pk=investigation.pk, source=source.pk)
    context = sources_context(request, investigation, form)
    return render(request, "networks/sources.html", context, status=400)


def problems_of(source: Source) -> dict:
    """A failed import's problems, each in the reader's language (line, field, message)."""
    result = (source.job.result or {}) if source.job else {}
    problems = [
        {"line": problem.get("line"), "field": problem.get("field", ""), "message": message(problem)}
        for problem in result.get("problems", [])
    ]
    return {"problems": problems, "problem_count": result.get("problem_count", len(problems))}


def source_page(request, pk: int, source: int):
    """A source: its import's progress while it runs, its problems if it failed."""
    investigation = investigation_or_404(request.user, pk)
    found = source_of(investigation, source)
    return render(
        request,
        "networks/source.html",
        {
            "investigation": investigation,
            "source": found,
            "poll_url": reverse(
                "networks:source_progress", kwargs={"pk": investigation.pk, "source": found.pk}
            ),
            "may_edit": request.user.has_perm(EDIT, investigation),
            **problems_of(found),
        },
    )


def source_progress(request, pk: int, source: int):
    """The import's progress, for htmx to poll."""
    investigation = investigation_or_404(request.user, pk)
    found = source_of(investigation, source)
    if found.job is None:
        raise Http404
    return render_job_progress(request, found.job)


@require_POST
def source_remove(request, pk: int, source: int):
    """Remove a source and every value it brought (asks first)."""
    investigation = investigation_or_404(request.user, pk, EDIT)
    found = source_of(investigation, source)
    back = reverse("networks:sources", kwargs={"pk": investigation.pk})
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_(
                "The source “%(label)s” and every value it brought will be removed from the investigation; "
                "entities known only from it disappear."
            )
            % {"label": found.label},
            action=_("Remove the source"),
            back=back,
        )
    remove_source(source=found, user=request.user, request=request)
    messages.success(request, _("The source was removed."))
    return redirect(back)
