from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.core import language_codes


class DeclarationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Declarations and notifications are public treaty facts."""
        return self


class Declaration(models.Model):
    """A reservation, declaration or notification a party made under an instrument, entered by the secretariat."""

    class Kind(models.TextChoices):
        RESERVATION = "reservation", _("Reservation")
        CENTRAL_AUTHORITY = (
            "central_authority",
            _("Central authority for mutual legal assistance (art. 18(13))"),
        )
        LANGUAGES = "languages", _("Languages acceptable for requests (art. 18(14))")
        EXTRADITION_LEGAL_BASIS = (
            "extradition_legal_basis",
            _("Convention as legal basis for extradition (art. 16(5))"),
        )
        ORGANIZED_CRIME_NOTIFICATION = "article_5_3", _("Notification under art. 5(3)")
        OTHER = "other", _("Other declaration or notification")

    party = models.ForeignKey("register.Party", on_delete=models.PROTECT, related_name="declarations")
    instrument = models.ForeignKey(
        "register.Instrument", on_delete=models.PROTECT, related_name="declarations"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    article = models.CharField(_("article"), max_length=20, blank=True, help_text=_("For example 35(2)"))
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    uses_convention_as_legal_basis = models.BooleanField(
        _("takes the Convention as the legal basis"),
        null=True,
        blank=True,
        help_text=_("For art. 16(5) notifications only"),
    )
    languages = models.JSONField(
        _("languages accepted"),
        default=list,
        blank=True,
        help_text=_("For art. 18(14) notifications only: language codes, for example it, en, fr"),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled so on every page")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["party", "instrument", "date", "id"]
        verbose_name = _("declaration or notification")
        verbose_name_plural = _("declarations and notifications")

    def __str__(self) -> str:
        return f"{self.party_id} {self.instrument_id} {self.get_kind_display()}"

    @property
    def language_names(self) -> list[str]:
        """The languages of an art. 18(14) notification, named in the reader's language."""
        return language_codes.names(self.languages)
