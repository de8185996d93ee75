from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class InstrumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self


class Instrument(models.Model):
    """A treaty: the Convention, a Protocol to it, or later another convention (UNCAC, 1988)."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=120)
    titles = models.JSONField(default=dict, help_text="Official title by language code")
    short_titles = models.JSONField(default=dict, help_text="Short title by language code")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="protocols",
        help_text="The convention a protocol supplements: parties must be party to it first",
    )
    adopted = models.DateField(_("adopted"))
    entry_into_force = models.DateField(
        _("entry into force"), null=True, blank=True, help_text="General entry into force"
    )
    days_to_entry_into_force = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a party's deposit at which it enters into force for that party"
    )
    final_clause_article = models.CharField(max_length=10, blank=True)
    untc_chapter = models.CharField(max_length=20, blank=True, help_text="UN Treaty Collection reference")
    position = models.PositiveSmallIntegerField(default=0)
    preamble = models.TextField(blank=True)
    closing = models.TextField(blank=True)
    source = models.TextField(blank=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_title

    @property
    def local_title(self) -> str:
        return self.titles.get(get_language() or "en") or self.title

    @property
    def local_short_title(self) -> str:
        return self.short_titles.get(get_language() or "en") or self.short_title


class Article(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(_("number"), max_length=10)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    chapter = models.CharField(max_length=10, blank=True)
    chapter_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="article_unique_number"),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.instrument.code} art. {self.number}"

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]
