from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from palermo.accounts.models import Organisation, Role, User
from palermo.core.form_fields import CollatedModelChoiceField


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


class PasswordChangeForm(ActivationForm):
    """The new password twice (ActivationForm's checks), after the current one, which re-authenticates."""

    current_password = forms.CharField(
        label=_("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current_password", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned["password1"] == cleaned.get("current_password"):
            self.add_error("password1", _("The new password must differ from the current one."))
        return cleaned


def language_choices():
    """Each language in its own name, so that everyone finds theirs whatever the page's language."""
    return [("", _("No preference (e-mails in English)"))] + [
        (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
    ]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        required=False,
        help_text=_(
            "The pages are shown in it after you sign in, and every e-mail Palermo sends you uses it."
        ),
    )


class DeviceForm(CodeForm):
    name = forms.CharField(
        label=_("Name of this authenticator"),
        max_length=64,
        help_text=_("For example “Work phone”, so that you can tell your authenticators apart."),
    )
    field_order = ["name", "code"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation = CollatedModelChoiceField(Organisation.objects.all(), label=_("Organisation"))
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    nomination_reference = forms.CharField(
        label=_("Note verbale reference"),
        max_length=200,
        required=False,
        help_text=_("Reference of the State's note verbale that nominated this person"),
    )
    language = forms.ChoiceField(
        label=_("Language of the person"),
        choices=language_choices,
        required=False,
        help_text=_("The activation e-mail is written in it; the person can change it later."),
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
        field_classes = {"party": CollatedModelChoiceField}

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Organisation.Kind.STATE_AUTHORITY and not cleaned.get("party"):
            self.add_error("party", _("Choose the State this authority belongs to."))
        return cleaned


class AuditFilterForm(forms.Form):
    """The audit log's filters: a person (who acted or whom it concerns), a kind of action, a date range."""

    who = forms.CharField(label=_("Person"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    since = forms.DateField(label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from palermo.core.audit_display import GROUPS

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *GROUPS.items()]

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("This date is before the first one: give the earlier date first."))
        return cleaned
