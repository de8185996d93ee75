"""The Conference of the Parties (art. 32) and its working groups: their sessions and meetings, the agenda,
the documents by UN symbol with a file per language, and the delegations that attended."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import in_language


class Body(models.TextChoices):
    CONFERENCE = "conference", _("Conference of the Parties")
    TRAFFICKING = "wg_trafficking", _("Working Group on Trafficking in Persons")
    SMUGGLING = "wg_smuggling", _("Working Group on the Smuggling of Migrants")
    FIREARMS = "wg_firearms", _("Working Group on Firearms")
    COOPERATION = "wg_cooperation", _("Working Group on International Cooperation")
    TECHNICAL_ASSISTANCE = "wg_assistance", _("Working Group of Government Experts on Technical Assistance")


class Meeting(models.Model):
    """A session of the Conference (every two years) or a meeting of one of its working groups, numbered
    within its body: the Conference's tenth session is (conference, 10)."""

    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, help_text=_("City, as the report names it"))
    host = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("host State"),
    )
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled wherever shown")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-starts", "body"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_per_body"),
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="meeting_ends_after_it_starts"),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.number}"

    @property
    def name(self) -> str:
        """As pages name it, in the active language ("Conference of the Parties, meeting 12")."""
        return gettext("%(body)s, meeting %(number)s") % {
            "body": self.get_body_display(),
            "number": self.number,
        }


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.CharField(_("number"), max_length=10, help_text=_("As on the agenda: 3 or 3 (a)"))
    position = models.PositiveSmallIntegerField()
    titles = models.JSONField(default=dict, help_text="Title by language code: ar, zh-hans, en, fr, ru, es")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_per_meeting"),
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.meeting} — {self.number}"

    @property
    def title(self) -> str:
        return in_language(self.titles)


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Provisional agenda and annotations")
    REPORT = "report", _("Report of the meeting")
    SECRETARIAT_NOTE = "note", _("Note by the Secretariat")
    BACKGROUND = "background", _("Background paper")
    DRAFT = "draft", _("Draft resolution or decision (L. document)")
    CONFERENCE_ROOM = "crp", _("Conference room paper")
    INFORMATION = "information", _("Information for participants")
    OTHER = "other", _("Other document")


class Document(models.Model):
    """A document of a meeting, known by its UN symbol (CTOC/COP/2020/1, CTOC/COP/WG.2/2021/3…)."""

    symbol = models.CharField(_("symbol"), max_length=60, unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    agenda_items = models.ManyToManyField(AgendaItem, blank=True, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    titles = models.JSONField(default=dict, help_text="Title by language code: ar, zh-hans, en, fr, ru, es")
    issued = models.DateField(_("date of issue"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "symbol"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.symbol

    @property
    def title(self) -> str:
        return in_language(self.titles)


class DocumentFile(models.Model):
    """One language version of a document (a PDF or a Word file), checked and stored as uploads are."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(upload_to="conference/documents/%Y/")
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_file_per_language"),
        ]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"


class Delegation(models.Model):
    """A State (or organisation) that took part in a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    party = models.ForeignKey(
        "register.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("State")
    )
    head = models.CharField(_("head of delegation"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "party__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "party"], name="one_delegation_per_party"),
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return f"{self.party_id} at {self.meeting}"
