from collections.abc import Iterable

from babel import Locale
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.core.collation import collated
from palermo.core.language_codes import BABEL_LOCALES


class RegionalGroup(models.TextChoices):
    AFRICAN = "AFRICAN", _("African Group")
    ASIA_PACIFIC = "ASIA_PACIFIC", _("Asia-Pacific Group")
    EEG = "EEG", _("Eastern European Group")
    GRULAC = "GRULAC", _("Latin American and Caribbean Group")
    WEOG = "WEOG", _("Western European and Others Group")


def subregion_name(code: str, language: str | None = None) -> str:
    """An M49 subregion's name (e.g. 011 Western Africa) in a UN language, from CLDR (a region, not a
    State: States are named by the UN's own names, Party.names)."""
    if not code:
        return ""
    locale = Locale.parse(BABEL_LOCALES.get(language or get_language() or "en", "en"))
    return locale.territories.get(code, code)


class PartyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The register is public: everyone sees every party."""
        return self


class Party(models.Model):
    """A State or an organisation that can take part in a treaty (the register's 'parties', parties or not)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        OBSERVER_STATE = "observer_state", _("Non-member observer State")
        REGIONAL_ORGANIZATION = "regional_organization", _("Regional economic integration organization")

    code = models.CharField(_("code"), max_length=3, primary_key=True, help_text=_("ISO 3166-1 alpha-3"))
    alpha2 = models.CharField(max_length=2, blank=True)
    numeric = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 numeric, used by maps")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    un_member = models.BooleanField(_("UN Member State"), default=False)
    regional_group = models.CharField(
        _("UN regional group"), max_length=20, choices=RegionalGroup.choices, blank=True
    )
    also_attends = models.CharField(
        max_length=20, choices=RegionalGroup.choices, blank=True, help_text="A second group it takes part in"
    )
    subregion = models.CharField(
        _("geographic subregion"), max_length=3, blank=True, help_text="UN M49 subregion code, e.g. 011"
    )
    name = models.CharField(_("name"), max_length=200, help_text="English short name as used by the UN")
    names = models.JSONField(default=dict, help_text="Names by language code: ar, zh-hans, en, fr, ru, es")
    aliases = models.JSONField(default=list, help_text="Other spellings that resolve to this party")

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        """The name in the active language: what a form's choice or `{{ party }}` shows the reader."""
        return self.local_name

    def name_in(self, language: str | None) -> str:
        """The UN short name in a language (`name`, the English one, for a language Palermo lacks)."""
        return self.names.get(language or "en") or self.name

    @property
    def local_name(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language() or "en")

    @property
    def subregion_name(self) -> str:
        """The M49 subregion's name in the active language (CLDR)."""
        return subregion_name(self.subregion)

    @property
    def regional_group_or_none(self) -> str | None:
        return self.regional_group or None


def by_name(parties: Iterable[Party], language: str | None = None) -> list[Party]:
    """Parties in the alphabetical order of their names in a language (default: the active one), as that
    language sorts ("Côte d’Ivoire" after "Costa Rica" in French)."""
    language = language or get_language() or "en"
    return collated(parties, key=lambda party: party.name_in(language), language=language)


def name_of(code: str, language: str | None = None) -> str:
    """The name of the party with this code in a language (default: the active one), for messages that
    name a State known by its code; the code itself if no party has it."""
    party = Party.objects.filter(code=code).first()
    return party.name_in(language or get_language()) if party is not None else code
