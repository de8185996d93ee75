from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from palermo.core.permissions import perm_required_or_404
from palermo.register.domain.participation import add_declaration
from palermo.register.interfaces.forms import DeclarationForm
from palermo.register.models import Party


@perm_required_or_404("register.add_declaration")
def declaration_add(request, code: str):
    party = get_object_or_404(Party, code=code.upper())
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_declaration(actor=request.user, party=party, request=request, **form.cleaned_data)
        messages.success(request, _("The declaration was recorded."))
        return redirect("register:party", code=party.code)
    return render(request, "register/declaration_form.html", {"party": party, "form": form})
