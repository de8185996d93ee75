from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Organisation, Role, User


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Email or user name"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class ActivationForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput,
        help_text=_("At least 12 characters, not a common password."),
    )
    password2 = forms.CharField(label=_("The same password again"), widget=forms.PasswordInput)

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation = forms.ModelChoiceField(Organisation.objects.all(), label=_("Organisation"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    nomination_reference = forms.CharField(
        label=_("Note verbale reference"),
        max_length=200,
        required=False,
        help_text=_("Reference of the State's note verbale that nominated this person"),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A user with this email address is already registered."))
        return email

    def clean(self):
        cleaned = super().clean() or {}
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        state_roles = (Role.FOCAL_POINT, Role.GOVERNMENTAL_EXPERT)
        if organisation and role in state_roles and organisation.kind != Organisation.Kind.STATE_AUTHORITY:
            self.add_error(
                "organisation", _("Focal points and governmental experts belong to a State's authority.")
            )
        if role in state_roles and not cleaned.get("nomination_reference"):
            self.add_error("nomination_reference", _("Give the reference of the nominating note verbale."))
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "party"]

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Organisation.Kind.STATE_AUTHORITY and not cleaned.get("party"):
            self.add_error("party", _("Choose the State this authority belongs to."))
        return cleaned
