from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from palermo.core.permissions import perm_required_or_404
from palermo.core.uploads import accepts_file
from palermo.knowledge.domain.exchange import ImportFailed, import_records
from palermo.knowledge.interfaces.exchange import read_csv, read_jsonl
from palermo.knowledge.interfaces.forms import MAX_IMPORT_BYTES, ImportForm


@accepts_file(MAX_IMPORT_BYTES)
@perm_required_or_404("knowledge.curate_record")
def import_records_page(request):
    """The secretariat imports records in bulk: all or nothing, every problem with its line."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        batch = (read_csv if name.lower().endswith(".csv") else read_jsonl)(text, name)
        try:
            ids = import_records(batch=batch, state=form.cleaned_data["state"], actor=request.user)
        except ImportFailed as failure:
            problems = failure.problems
        else:
            messages.success(
                request,
                ngettext("%(count)s record imported.", "%(count)s records imported.", len(ids))
                % {"count": len(ids)},
            )
            return redirect("knowledge:records")
    return render(request, "knowledge/import.html", {"form": form, "problems": problems})
