from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from palermo.core.collation import sort_key
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404
from palermo.core.uploads import accepts_file
from palermo.register.domain.status_import import StatusImportFailed, import_treaty_status
from palermo.register.interfaces.forms import MAX_STATUS_FILE_BYTES, StatusImportForm
from palermo.register.interfaces.treaty_status import parse_table
from palermo.register.models import StatusImport


def import_list(request):
    return render(
        request, "register/import_list.html", {"page": page_of(request, StatusImport.objects.all())}
    )


def import_detail(request, pk: int):
    status_import = get_object_or_404(StatusImport, pk=pk)
    changes = sorted(  # by instrument, then by State as the reader's language sorts their names
        status_import.changes.select_related("party", "instrument"),
        key=lambda c: (c.instrument.position, sort_key(c.party.local_name), c.field),
    )
    return render(
        request, "register/import_detail.html", {"status_import": status_import, "changes": changes}
    )


@accepts_file(MAX_STATUS_FILE_BYTES)
@perm_required_or_404("register.import_status")
def import_new(request):
    form = StatusImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        name, text = form.table_text()
        instrument = form.cleaned_data["instrument"]
        source = form.cleaned_data["source"] or _("UN Treaty Collection, chapter %(chapter)s") % {
            "chapter": instrument.untc_chapter
        }
        try:
            report = import_treaty_status(
                tables=[(parse_table(text, name), instrument.code)],
                as_of=form.cleaned_data["as_of"],
                source=source,
                actor=request.user,
                request=request,
            )
        except StatusImportFailed as failure:
            problems = failure.problems
        else:
            if not report.changed:
                messages.info(request, _("The register already holds this status; nothing changed."))
                return redirect("register:imports")
            messages.success(request, _("%(count)s changes recorded.") % {"count": len(report.changes)})
            return redirect("register:import", pk=report.status_import.pk)
    return render(request, "register/import_form.html", {"form": form, "problems": problems})
