from datetime import date

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class ConsentKind(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    ACCESSION = "accession", _("Accession")
    SUCCESSION = "succession", _("Succession")


class Participation(models.Model):
    """A party's standing in one instrument: signature, consent to be bound and entry into force for it."""

    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="participation")
    instrument = models.ForeignKey(
        "register.Instrument", on_delete=models.PROTECT, related_name="participation"
    )
    signature = models.DateField(_("signature"), null=True, blank=True)
    consent = models.DateField(_("consent to be bound"), null=True, blank=True)
    consent_kind = models.CharField(
        _("kind of consent"), max_length=20, choices=ConsentKind.choices, blank=True
    )
    entry_into_force = models.DateField(_("entry into force for the party"), null=True, blank=True)
    as_of = models.DateField(_("status as of"))
    source = models.CharField(_("source"), max_length=300)
    status_import = models.ForeignKey(
        "register.StatusImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["instrument", "party"]
        constraints = [
            models.UniqueConstraint(fields=["party", "instrument"], name="participation_unique"),
            models.CheckConstraint(
                condition=models.Q(consent__isnull=True, consent_kind="")
                | models.Q(consent__isnull=False) & ~models.Q(consent_kind=""),
                name="participation_consent_has_kind",
            ),
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")

    def __str__(self) -> str:
        return f"{self.party_id} in {self.instrument_id}"

    @property
    def is_party(self) -> bool:
        return self.consent is not None


class StatusImport(models.Model):
    """One run of the treaty-status importer: its files, as-of date and what it changed."""

    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_of = models.DateField(_("status as of"))
    files = models.JSONField(default=list)
    source = models.CharField(max_length=300)
    rows_read = models.PositiveIntegerField(default=0)
    changes_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("status import")

    def __str__(self) -> str:
        return f"Status as of {self.as_of} ({self.changes_count} changes)"


class StatusChange(models.Model):
    status_import = models.ForeignKey(StatusImport, on_delete=models.CASCADE, related_name="changes")
    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey("register.Instrument", on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=30)
    old_value = models.CharField(max_length=40, blank=True)
    new_value = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["instrument", "party", "field"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.party_id} {self.field}: {self.old_value} -> {self.new_value}"

    @property
    def field_label(self) -> str:
        """What changed, named in the reader's language ("Kind of consent", not `consent_kind`)."""
        if self.field == "participation":
            return capfirst(Participation._meta.verbose_name)
        try:
            return capfirst(Participation._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:  # a field no longer tracked: its recorded name is all there is
            return self.field

    @property
    def old_shown(self):
        return self._shown(self.old_value)

    @property
    def new_shown(self):
        return self._shown(self.new_value)

    def _shown(self, value: str):
        """A recorded value for people: a date (for `|when`), a choice's label, or the text itself."""
        if not value:
            return ""
        if self.field == "participation" and value == "added":
            return pgettext("a party's participation in an instrument", "added")
        if self.field == "consent_kind" and value in ConsentKind.values:
            return str(ConsentKind(value).label)
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
