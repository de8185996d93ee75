"""The form of a request received outside Palermo: recorded by the requested authority when the requesting
one does not use Palermo. Its kind, the requesting authority (among those the view offers, grouped by
State), a short title, the day it was received, and what the requesting side wrote that is worth keeping
at once: its reference and a summary of the facts. Nothing here writes: the view calls
`record_incoming_request`."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.models import Authority, RequestKind


def authority_label(authority: Authority) -> str:
    label = str(authority)
    if authority.name_en and authority.name != authority.name_en:
        label = f"{label} — {authority.name}"
    if authority.is_demo:
        label = f"{label} ({_('demo data')})"
    return label


class IncomingRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    requesting_authority = forms.TypedChoiceField(label=_("Requesting authority"), coerce=int, choices=())
    title = forms.CharField(label=_("Short title (optional)"), max_length=300, required=False)
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(
        label=_("The requesting side's reference (optional)"), max_length=200, required=False
    )
    facts = forms.CharField(
        label=_("Summary of the facts (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
    )

    def __init__(self, *args, groups=(), **kwargs):
        """`groups`: (State, [authority, …]) pairs in the order to show them: the only choices accepted."""
        super().__init__(*args, **kwargs)
        self.authorities = {a.pk: a for _party, items in groups for a in items}
        field = self.fields["requesting_authority"]
        field.choices = [
            ("", "—"),
            *[(party.local_name, [(a.pk, authority_label(a)) for a in items]) for party, items in groups],
        ]
        field.error_messages["invalid_choice"] = _("Choose one of the authorities listed.")
        today = timezone.localdate()
        self.fields["received_on"].widget.attrs["max"] = today.isoformat()
        for name in ("title", "reference", "facts"):
            self.fields[name].widget.attrs["dir"] = "auto"

    def clean_requesting_authority(self) -> Authority:
        chosen = self.authorities.get(self.cleaned_data["requesting_authority"])
        if chosen is None:
            raise forms.ValidationError(_("Choose one of the authorities listed."))
        return chosen

    def clean_received_on(self):
        on = self.cleaned_data["received_on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return on

    def content(self) -> dict:
        """What the requesting side wrote, in the request format (only what was given)."""
        data = self.cleaned_data
        found = {}
        for key in ("reference", "facts"):
            value = data.get(key, "").strip()
            if value:
                found[key] = value
        return found
