import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import in_language


class RecordKind(models.TextChoices):
    CASE = "case", _("Case law")
    LEGISLATION = "legislation", _("Legislation")
    STRATEGY = "strategy", _("Strategy")
    BIBLIOGRAPHY = "bibliography", _("Bibliography")


class CurationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")


class RecordQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=CurationState.PUBLISHED)

    def visible_to(self, user):
        """Published records for everyone; unpublished ones (drafts, submitted, withdrawn: with their
        attachments and defendants' names) only for the secretariat and the contributors of the authors'
        organisation, signed in with their second factor. Not for the organisation's other members: an
        observer or public visitor registered with an authority sees only what is published."""
        from palermo.accounts.rules import is_secretariat
        from palermo.knowledge.rules import is_contributor

        if is_secretariat(user):
            return self
        if not is_contributor(user):
            return self.published()
        mine = Q(created_by=user)
        if user.organisation_id:
            mine |= Q(organisation_id=user.organisation_id)
        return self.filter(Q(state=CurationState.PUBLISHED) | mine)


class Record(models.Model):
    """One knowledge-base record: a court case, a legal provision, a strategy or a publication."""

    kind = models.CharField(_("type of record"), max_length=20, choices=RecordKind.choices)
    title = models.CharField(_("title"), max_length=500)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("Docket number, law number or other identifier"),
    )
    jurisdiction = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knowledge_records",
        verbose_name=_("State"),
    )
    jurisdiction_body = models.CharField(
        _("international or regional body"),
        max_length=200,
        blank=True,
        help_text=_("When the jurisdiction is not a State, e.g. a regional court"),
    )
    countries = models.ManyToManyField(
        "register.Party", blank=True, related_name="knowledge_mentions", verbose_name=_("countries concerned")
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Decision, adoption or publication")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True, help_text="By language code")
    commentary = models.JSONField(_("commentary"), default=dict, blank=True, help_text="By language code")
    text = models.TextField(_("text"), blank=True, help_text=_("Text of the provision, or excerpts"))
    text_language = models.CharField(_("language of the text"), max_length=10, blank=True)
    crime_types = models.ManyToManyField(
        "knowledge.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "crime_type"},
        verbose_name=_("crime types"),
    )
    facet_values = models.ManyToManyField(
        "knowledge.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "facet_value"},
        verbose_name=_("facets"),
    )
    cross_cutting = models.ManyToManyField(
        "knowledge.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "cross_cutting"},
        verbose_name=_("cross-cutting issues"),
    )
    articles = models.ManyToManyField(
        "register.Article", blank=True, related_name="knowledge_records", verbose_name=_("treaty articles")
    )
    source_url = models.URLField(_("link"), blank=True)
    state = models.CharField(
        _("curation state"), max_length=20, choices=CurationState.choices, default=CurationState.DRAFT
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contributing organisation"),
    )
    supplied_by = models.CharField(_("supplied by"), max_length=200, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    anonymised = models.BooleanField(
        _("anonymised"), default=False, help_text=_("Names of persons are removed or replaced by initials")
    )
    is_demo = models.BooleanField(
        default=False, help_text="Invented for the demo; labelled so wherever shown"
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change; guards against lost updates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["kind", "state"], name="record_kind_state_idx")]
        verbose_name = _("record")

    def __str__(self) -> str:
        return self.title

    def localized(self, field: str) -> str:
        return in_language(getattr(self, field) or {})


class CaseDetail(models.Model):
    class CourtType(models.TextChoices):
        CRIMINAL = "criminal", _("Criminal")
        CIVIL = "civil", _("Civil")
        ADMINISTRATIVE = "administrative", _("Administrative")
        CONSTITUTIONAL = "constitutional", _("Constitutional")
        MILITARY = "military", _("Military")
        INTERNATIONAL = "international", _("International or regional")

    class CourtLevel(models.TextChoices):
        FIRST_INSTANCE = "first_instance", _("First instance")
        APPEAL = "appeal", _("Appeal")
        HIGHEST = "highest", _("Highest court")

    class LegalSystem(models.TextChoices):
        CIVIL_LAW = "civil_law", _("Civil law")
        COMMON_LAW = "common_law", _("Common law")
        MIXED = "mixed", _("Mixed")
        ISLAMIC_LAW = "islamic_law", _("Islamic law")
        CUSTOMARY_LAW = "customary_law", _("Customary law")

    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="case")
    court = models.CharField(_("court"), max_length=300, blank=True)
    court_type = models.CharField(_("type of court"), max_length=20, choices=CourtType.choices, blank=True)
    court_level = models.CharField(_("level of court"), max_length=20, choices=CourtLevel.choices, blank=True)
    legal_system = models.CharField(_("legal system"), max_length=20, choices=LegalSystem.choices, blank=True)
    procedural_history = models.TextField(_("procedural history"), blank=True)
    latest_ruling = models.TextField(_("latest ruling"), blank=True)
    citations = models.TextField(_("sources and citations"), blank=True)

    def __str__(self) -> str:
        return f"Case details of {self.record_id}"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Defendant(models.Model):
    class Verdict(models.TextChoices):
        CONVICTED = "convicted", _("Convicted")
        ACQUITTED = "acquitted", _("Acquitted")
        DISMISSED = "dismissed", _("Charges dismissed")
        PENDING = "pending", _("Pending")
        OTHER = "other", _("Other")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="defendants")
    name = models.CharField(_("name or initials"), max_length=200)
    legal_person = models.BooleanField(_("legal person"), default=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    nationality = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nationality"),
    )
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    charges = models.TextField(_("charges"), blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    sentence = models.TextField(_("sentence"), blank=True)

    class Meta:
        ordering = ["record", "id"]

    def __str__(self) -> str:
        return self.name


class Victim(models.Model):
    class AgeGroup(models.TextChoices):
        CHILD = "child", _("Child")
        ADULT = "adult", _("Adult")
        UNKNOWN = "unknown", _("Unknown")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="victims")
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    nationality = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nationality"),
    )
    count = models.PositiveIntegerField(_("number of victims"), default=1)

    class Meta:
        ordering = ["record", "id"]

    def __str__(self) -> str:
        return f"{self.count} victim(s) in {self.record_id}"


class LegislationDetail(models.Model):
    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="legislation"
    )
    law_title = models.CharField(_("title of the law"), max_length=500)
    provision = models.CharField(
        _("provision"), max_length=200, blank=True, help_text=_("Article or section")
    )

    def __str__(self) -> str:
        return f"{self.law_title} {self.provision}".strip()


class StrategyDetail(models.Model):
    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")

    record = models.OneToOneField(Record, on_delete=models.CASCADE, primary_key=True, related_name="strategy")
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    issuing_body = models.CharField(_("issued by"), max_length=300, blank=True)
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)

    def __str__(self) -> str:
        return f"Strategy details of {self.record_id}"


class BibliographyDetail(models.Model):
    class Method(models.TextChoices):
        QUALITATIVE = "qualitative", _("Qualitative")
        QUANTITATIVE = "quantitative", _("Quantitative")
        MIXED = "mixed", _("Mixed methods")
        LEGAL_ANALYSIS = "legal_analysis", _("Legal analysis")
        REVIEW = "review", _("Literature review")

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="bibliography"
    )
    authors = models.JSONField(_("authors"), default=list)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    research_method = models.CharField(
        _("research method"), max_length=20, choices=Method.choices, blank=True
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    def __str__(self) -> str:
        return f"Bibliographic details of {self.record_id}"


class RecordVersion(models.Model):
    """A snapshot of a record after each change, for its history."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=CurationState.choices)
    snapshot = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "-number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="record_version_unique")]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.number}"


def attachment_path(instance, filename: str) -> str:
    """Stored under a random name: the original name is kept in the database, never used on disk."""
    return f"knowledge/{instance.record_id}/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    """A PDF attached to a record (a judgment, a law). Served only to who may see the record."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "id"]

    def __str__(self) -> str:
        return self.original_name
