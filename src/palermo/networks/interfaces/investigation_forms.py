"""Forms of investigations: the investigation itself, a member, a share with another authority."""

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.networks.models import Investigation, MemberRole


class InvestigationForm(forms.ModelForm):
    class Meta:
        model = Investigation
        fields = ["title", "reference", "summary", "hit_notices"]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "reference": forms.TextInput(attrs={"dir": "auto"}),
            "summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }


class MemberForm(forms.Form):
    """Its fields are the arguments of `add_member` (the members page passes them on as they are)."""

    member = forms.ModelChoiceField(queryset=None, label=_("Person"))
    role = forms.ChoiceField(choices=MemberRole.choices, label=_("Role"), initial=MemberRole.ANALYST)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = users
        self.fields["member"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} — {user.organisation}"
        )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=MemberRole.choices, label=_("Role"))


class ShareForm(forms.Form):
    """Its fields are the arguments of `share_investigation` (the members page passes them on as they are)."""

    authority = forms.ModelChoiceField(
        queryset=None,
        label=_("Authority"),
        help_text=_("Authorities that use Palermo; its users can then be added as members."),
    )
    note = forms.CharField(
        label=_("Basis"),
        max_length=300,
        required=False,
        help_text=_("For example the joint investigation team agreement"),
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["authority"].label_from_instance = lambda a: f"{a} ({a.party.local_name})"
