from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from palermo.core.i18n import article_ref
from palermo.core.numbers import number_or_none
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404, require_perm
from palermo.core.uploads import accepts_file, attachment_bytes
from palermo.core.versions import compare
from palermo.knowledge import queries
from palermo.knowledge.domain.history import version_text
from palermo.knowledge.domain.open_data import published_file
from palermo.knowledge.domain.records import (
    TRANSITIONS,
    CurationError,
    StaleRecord,
    attach_pdf,
    check_version,
    create_record,
    transition_record,
    update_record,
)
from palermo.knowledge.interfaces.forms import (
    DETAIL_FORMS,
    DefendantFormSet,
    RecordForm,
    TransitionForm,
    VictimFormSet,
    as_new_rows,
    people_rows,
)
from palermo.knowledge.models import Attachment, CurationState, RecordKind
from palermo.register.models import Article, Party
from palermo.register.models.parties import by_name


def record_list(request):
    """Every record the reader may see, filtered; a filter it cannot apply is said so, never ignored silently."""
    records = queries.records_for(request.user).prefetch_related("crime_types")
    notices = []
    kind = request.GET.get("kind", "").strip()
    if kind in RecordKind.values:
        records = records.filter(kind=kind)
    elif kind:
        notices.append(
            _("“%(value)s” is not a type of record, so records of every type are shown.") % {"value": kind}
        )
    state = request.GET.get("state", "").strip()
    if state in CurationState.values:
        records = records.filter(state=state)
    elif state:
        notices.append(
            _("“%(value)s” is not a curation state, so records in every state are shown.") % {"value": state}
        )
    party_code = request.GET.get("party", "").strip()
    party = Party.objects.filter(code=party_code.upper()).first() if party_code else None
    if party is not None:
        records = records.filter(jurisdiction=party)
        notices.append(_("Records of %(state)s.") % {"state": party.local_name})
    elif party_code:
        notices.append(
            _("“%(value)s” is not the code of a State of the register, so records of every State are shown.")
            % {"value": party_code}
        )
    article_text = request.GET.get("article", "").strip()
    article = Article.objects.filter(pk=number_or_none(article_text)).first() if article_text else None
    if article is not None:
        records = records.filter(articles=article)
        notices.append(
            _("Records about %(article)s of the %(instrument)s.")
            % {"article": article_ref(article.number), "instrument": article.instrument.local_short_title}
        )
    elif article_text:
        notices.append(
            _("“%(value)s” is not an article of the register, so records about every article are shown.")
            % {"value": article_text}
        )
    page = page_of(request, records.order_by("-year", "-id"))
    asked = request.GET.get("page", "").strip()
    if asked and str(page.number) != asked:
        notices.append(
            ngettext(
                "There is no page “%(page)s”: this list has %(pages)s page. Here is page %(shown)s.",
                "There is no page “%(page)s”: this list has %(pages)s pages. Here is page %(shown)s.",
                page.paginator.num_pages,
            )
            % {"page": asked, "pages": page.paginator.num_pages, "shown": page.number}
        )
    return render(
        request,
        "knowledge/record_list.html",
        {
            "page": page,
            "kinds": RecordKind.choices,
            "states": CurationState.choices,
            "kind": kind,
            "state": state,
            "notices": notices,
        },
    )


def record_detail(request, pk: int):
    record = queries.record_for(request.user, pk)
    moves = [
        t for t in TRANSITIONS if t.source == record.state and request.user.has_perm(t.permission, record)
    ]
    return render(
        request,
        "knowledge/record_detail.html",
        {
            "record": record,
            "moves": [(t.target, CurationState(t.target).label) for t in moves],
            "can_edit": request.user.has_perm("knowledge.change_record", record),
            "can_view_history": request.user.has_perm("knowledge.view_history", record),
            "versions": record.versions.select_related("created_by")[:20],
            "defendants": record.defendants.select_related("nationality"),
            "victims": record.victims.select_related("nationality"),
            "countries": by_name(record.countries.all()),
            "attachments": record.attachments.all(),
        },
    )


def _forms(request, kind: str, record=None, stale=False):
    data = request.POST if request.method == "POST" else None
    instance = record
    # Each kind's detail is reached by its kind's name (record.case, record.legislation, ...).
    detail_instance = getattr(record, kind, None) if record else None
    forms = {
        "form": RecordForm(data, instance=instance, initial={"language": request.LANGUAGE_CODE}),
        "detail": DETAIL_FORMS[RecordKind(kind)](data, instance=detail_instance, prefix="detail"),
    }
    if kind == RecordKind.CASE:
        forms["defendants"] = DefendantFormSet(
            as_new_rows(data, "defendants") if stale else data, instance=instance, prefix="defendants"
        )
        forms["victims"] = VictimFormSet(
            as_new_rows(data, "victims") if stale else data, instance=instance, prefix="victims"
        )
    return forms


def _stale(request, record) -> StaleRecord | None:
    """A save of an older version than the record's, found before the forms are checked: the rows of
    defendants and victims it edited may be gone, and the stale version is what the editor must hear."""
    if request.method != "POST" or record is None:
        return None
    expected = number_or_none(request.POST.get("expected_version"))
    if expected is None:
        return None  # the form reports it
    try:
        check_version(record, expected)
    except StaleRecord as stale:
        return stale
    return None


def _save(request, kind: str, forms: dict, record=None):
    fields, relations = forms["form"].domain_arguments()
    detail = {k: v for k, v in forms["detail"].cleaned_data.items() if k != "record"}
    people = None
    if "defendants" in forms:
        people = {"defendants": people_rows(forms["defendants"]), "victims": people_rows(forms["victims"])}
    if record is None:
        return create_record(
            user=request.user,
            kind=kind,
            fields=fields,
            relations=relations,
            detail=detail,
            people=people,
            request=request,
        )
    return update_record(
        record=record,
        user=request.user,
        fields=fields,
        relations=relations,
        detail=detail,
        people=people,
        expected_version=forms["form"].cleaned_data["expected_version"] or 0,
        request=request,
    )


def _edit(request, kind: str, record=None):
    stale = _stale(request, record)
    forms = _forms(request, kind, record, stale=stale is not None)
    if stale is not None:
        forms["form"].add_error(None, str(stale))
    elif request.method == "POST" and all(f.is_valid() for f in forms.values()):
        try:
            with transaction.atomic():
                saved = _save(request, kind, forms, record)
        except CurationError as error:
            forms["form"].add_error(None, str(error))
        else:
            messages.success(request, _("The record is saved."))
            return redirect("knowledge:record", pk=saved.pk)
    return render(
        request,
        "knowledge/record_form.html",
        {
            **forms,
            "kind": RecordKind(kind),
            "record": record,
        },
    )


@perm_required_or_404("knowledge.add_record")
def record_new(request, kind: str):
    if kind not in RecordKind.values:
        raise Http404
    return _edit(request, kind)


def record_edit(request, pk: int):
    record = queries.record_for(request.user, pk)
    require_perm(request.user, "knowledge.change_record", record)
    return _edit(request, record.kind, record)


@require_POST
def record_transition(request, pk: int):
    record = queries.record_for(request.user, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            transition_record(
                record=record,
                user=request.user,
                to_state=form.cleaned_data["to_state"],
                note=form.cleaned_data["note"],
                request=request,
            )
            messages.success(
                request,
                _("The record is now: %(state)s.")
                % {"state": CurationState(form.cleaned_data["to_state"]).label},
            )
        except CurationError as error:
            messages.error(request, str(error))
    return redirect("knowledge:record", pk=record.pk)


def export(request, format: str):
    """Download every published record (open data): the file kept in the data folder, written again only
    when records change (knowledge/domain/open_data.py)."""
    content_type = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    opened = published_file(format)
    if opened is None:
        response = render(request, "knowledge/export_pending.html", status=503)
        response["Retry-After"] = "60"
        return response
    return FileResponse(
        opened,
        as_attachment=True,
        filename=f"palermo-knowledge.{format}",
        content_type=content_type,
    )


@accepts_file(attachment_bytes)
@require_POST
def attachment_add(request, pk: int):
    record = queries.record_for(request.user, pk)
    require_perm(request.user, "knowledge.change_record", record)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a PDF file to attach."))
    else:
        try:
            attach_pdf(record=record, user=request.user, upload=upload, request=request)
            messages.success(request, _("The file is attached."))
        except CurationError as error:
            messages.error(request, str(error))
    return redirect("knowledge:record", pk=record.pk)


def attachment_download(request, pk: int, attachment_id: int):
    """The PDF, to whoever may see the record (404 otherwise); always downloaded, never shown inline."""
    record = queries.record_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, record=record)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type="application/pdf",
    )


def record_version(request, pk: int, number: int):
    """One version of a record and what changed since the version before it (or `?against=N`), for the
    secretariat and the record's authors."""
    record = queries.record_for(request.user, pk)
    require_perm(request.user, "knowledge.view_history", record)
    versions = {v.number: v for v in record.versions.select_related("created_by")}
    texts: dict[int, str] = {}  # each version written out once, though shown and compared

    def text(version) -> str:
        if version.number not in texts:
            texts[version.number] = version_text(version.snapshot)
        return texts[version.number]

    shown, against, changes = compare(versions, number, request.GET.get("against"), text)
    context = {
        "record": record,
        "shown": shown,
        "content": text(shown),
        "against": against,
        "versions": sorted(versions.values(), key=lambda v: v.number),
        "changes": changes,
    }
    return render(request, "knowledge/record_version.html", context)
