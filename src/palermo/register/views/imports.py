from django.shortcuts import get_object_or_404, render

from palermo.register.models import StatusImport


def import_list(request):
    return render(request, "register/import_list.html", {"imports": StatusImport.objects.all()[:200]})


def import_detail(request, pk: int):
    status_import = get_object_or_404(StatusImport, pk=pk)
    changes = status_import.changes.select_related("party", "instrument")
    return render(
        request, "register/import_detail.html", {"status_import": status_import, "changes": changes}
    )
