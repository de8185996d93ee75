from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AuthenticText:
    """A piece of an instrument's authentic text in the language asked for, or in English when Palermo
    does not hold that language's text (`language` says which one it is)."""

    language: str
    text: str
    asked: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.asked

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


def authentic(english: str, translations: dict, language: str | None) -> AuthenticText:
    """The text in `language` from {language: text} if Palermo holds it, else the English one."""
    language = language or get_language() or "en"
    if language != "en" and translations.get(language) is not None:
        return AuthenticText(language, translations[language], language)
    return AuthenticText("en", english, language)


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
    preambles = models.JSONField(
        default=dict, blank=True, help_text="Authentic preamble by language code, where Palermo holds it"
    )
    closings = models.JSONField(default=dict, blank=True, help_text="Authentic closing by language code")
    sources = models.JSONField(
        default=dict, blank=True, help_text="Where the authentic text in each language comes from"
    )

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        """The short title in the active language: what a form's choice or `{{ instrument }}` shows."""
        return self.local_short_title

    @property
    def local_title(self) -> str:
        return self.titles.get(get_language() or "en") or self.title

    @property
    def local_short_title(self) -> str:
        return self.short_titles.get(get_language() or "en") or self.short_title

    def text_languages(self) -> list[str]:
        """The languages of the authentic texts Palermo holds for this instrument, English first."""
        return ["en", *sorted(self.sources)]

    def preamble_in(self, language: str | None = None) -> AuthenticText:
        return authentic(self.preamble, self.preambles, language)

    @property
    def local_preamble(self) -> AuthenticText:
        return self.preamble_in()

    @property
    def local_source(self) -> AuthenticText:
        """Where the text of the reader's language (or the English one) comes from."""
        return authentic(self.source, self.sources, None)


class Article(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(_("number"), max_length=10)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    chapter = models.CharField(max_length=10, blank=True)
    chapter_title = models.CharField(max_length=200, blank=True)
    titles = models.JSONField(
        default=dict, blank=True, help_text="Authentic title by language code, other than English (title)"
    )
    texts = models.JSONField(
        default=dict, blank=True, help_text="Authentic text by language code, other than English (text)"
    )
    chapter_titles = models.JSONField(
        default=dict, blank=True, help_text="Chapter heading by language code, where Palermo holds it"
    )

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

    def text_in(self, language: str | None = None) -> AuthenticText:
        """The authentic text in `language` (default: the active one), or the English text."""
        return authentic(self.text, self.texts, language)

    def title_in(self, language: str | None = None) -> AuthenticText:
        return authentic(self.title, self.titles, language)

    @property
    def local_text(self) -> AuthenticText:
        return self.text_in()

    @property
    def local_title(self) -> AuthenticText:
        """The title in the active language, or in English: `.text` with `.language` for the lang attribute."""
        return self.title_in()

    def chapter_title_in(self, language: str | None = None) -> AuthenticText:
        return authentic(self.chapter_title, self.chapter_titles, language)

    @property
    def local_chapter_title(self) -> AuthenticText:
        return self.chapter_title_in()
