"""The directory of competent national authorities: who in each State receives which kind of request or
communication under the Convention and its Protocols, how to reach them and what they require."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityKind(models.TextChoices):
    CENTRAL_AUTHORITY = "central_authority", _("Central authority for mutual legal assistance (art. 18(13))")
    EXTRADITION = "extradition", _("Extradition (art. 16)")
    TRANSFER_OF_SENTENCED_PERSONS = "transfer_sentenced", _("Transfer of sentenced persons (art. 17)")
    CONFISCATION = "confiscation", _("Confiscation and asset recovery (arts. 13 and 14)")
    SMUGGLING_BY_SEA = (
        "smuggling_by_sea",
        _("Smuggling of migrants by sea (Smuggling of Migrants Protocol art. 8(6))"),
    )
    FIREARMS = "firearms", _("Firearms contact point (Firearms Protocol art. 13(2))")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement contact (art. 27)")
    URGENT = "urgent", _("24/7 or urgent contact")


# The article each kind of designation rests on, by default: (instrument code, article).
KIND_BASIS = {
    AuthorityKind.CENTRAL_AUTHORITY: ("UNTOC", "18(13)"),
    AuthorityKind.EXTRADITION: ("UNTOC", "16"),
    AuthorityKind.TRANSFER_OF_SENTENCED_PERSONS: ("UNTOC", "17"),
    AuthorityKind.CONFISCATION: ("UNTOC", "13"),
    AuthorityKind.SMUGGLING_BY_SEA: ("SOM", "8(6)"),
    AuthorityKind.FIREARMS: ("FIREARMS", "13(2)"),
    AuthorityKind.LAW_ENFORCEMENT: ("UNTOC", "27"),
    AuthorityKind.URGENT: ("UNTOC", "18(13)"),
}


class Channel(models.TextChoices):
    DIRECT = "direct", _("Directly between authorities")
    DIPLOMATIC = "diplomatic", _("Diplomatic channels")
    INTERPOL = "interpol", _("INTERPOL")
    SECURE_EMAIL = "secure_email", _("Secure e-mail")
    E_TRANSMISSION = "e_transmission", _("Electronic transmission platform")


class Authority(models.Model):
    """One competent authority of a State. `organisation` links it to the accounts of the people who work
    there and use Palermo; an authority without one does not use Palermo (requests to it are tracked by
    the other side alone)."""

    party = models.ForeignKey(
        "register.Party", on_delete=models.PROTECT, related_name="authorities", verbose_name=_("State")
    )
    name = models.CharField(_("name in the original language"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authority",
        verbose_name=_("organisation in Palermo"),
        help_text=_(
            "The organisation whose members work at this authority; empty if it does not use Palermo"
        ),
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    phones = models.JSONField(_("telephone numbers"), default=list, blank=True)
    emails = models.JSONField(_("e-mail addresses"), default=list, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("For example Europe/Rome")
    )
    channels = models.JSONField(_("channels accepted"), default=list, blank=True)
    languages = models.JSONField(
        _("languages accepted"), default=list, blank=True, help_text=_("Language codes, for example en, fr")
    )
    accepts_oral_urgent_requests = models.BooleanField(
        _("accepts urgent requests orally"), null=True, blank=True
    )
    urgent_confirmation_days = models.PositiveSmallIntegerField(
        _("days to confirm an urgent request in writing"), null=True, blank=True
    )
    urgent_procedure = models.TextField(_("urgent procedure"), blank=True)
    requires_treaty_for_extradition = models.BooleanField(
        _("extradition only on the basis of a treaty"), null=True, blank=True
    )
    dual_criminality_for_coercive_measures = models.BooleanField(
        _("dual criminality required for coercive measures"), null=True, blank=True
    )
    requires_authentication = models.BooleanField(_("documents must be authenticated"), null=True, blank=True)
    requires_legalisation = models.BooleanField(_("documents must be legalised"), null=True, blank=True)
    accepts_electronic_signature = models.BooleanField(
        _("accepts electronic signatures"), null=True, blank=True
    )
    requires_encryption = models.BooleanField(_("transmission must be encrypted"), null=True, blank=True)
    requirements = models.TextField(_("other requirements"), blank=True)
    records = models.ManyToManyField(
        "knowledge.Record",
        blank=True,
        related_name="authorities",
        verbose_name=_("legislation and guides"),
        help_text=_("Records of the knowledge base: the State's laws on cooperation and its guides"),
    )
    verified_on = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_by_name = models.CharField(
        _("verified by"), max_length=200, blank=True, help_text="Who verified it, as recorded (imports)"
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled so on every page")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["party", "name"]
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")
        constraints = [
            models.UniqueConstraint(fields=["party", "name"], name="authority_unique_name_per_state")
        ]

    def __str__(self) -> str:
        return self.name_en or self.name


class Designation(models.Model):
    """An authority designated for one kind of matter, on an article, with the State's notification of it
    where the register holds one. What designations exist is public; the rest of the authority is not."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="designations")
    kind = models.CharField(_("kind"), max_length=30, choices=AuthorityKind.choices)
    instrument = models.ForeignKey(
        "register.Instrument", on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument")
    )
    article = models.CharField(_("article"), max_length=20, help_text=_("For example 18(13)"))
    notification = models.ForeignKey(
        "register.Declaration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="designations",
        verbose_name=_("notification"),
    )

    class Meta:
        ordering = ["authority", "kind"]
        constraints = [models.UniqueConstraint(fields=["authority", "kind"], name="designation_unique_kind")]

    def __str__(self) -> str:
        return f"{self.authority} {self.kind}"


class ChangeState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ProposedChange(models.Model):
    """A change to the directory that a State's contributor proposed, waiting for its focal point (or a
    user of the authority itself) to confirm it. `authority` is empty for a new authority."""

    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        Authority, null=True, blank=True, on_delete=models.CASCADE, related_name="proposed_changes"
    )
    base_version = models.PositiveIntegerField(
        default=0, help_text="The authority's version it was written on"
    )
    data = models.JSONField(default=dict, help_text="The authority's fields as proposed (the export format)")
    state = models.CharField(max_length=20, choices=ChangeState.choices, default=ChangeState.PROPOSED)
    note = models.TextField(_("note"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"Change to {self.authority or 'a new authority'} ({self.state})"


class DirectoryReminder(models.Model):
    """A reminder sent to a State that some of its entries were not verified for twelve months."""

    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)
    stale_authorities = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["party", "sent_at"], name="directory_reminder_party")]

    def __str__(self) -> str:
        return f"Reminder to {self.party_id} on {self.sent_at:%Y-%m-%d}"
