from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Secretariat administrator")
    FOCAL_POINT = "focal_point", _("State focal point")
    GOVERNMENTAL_EXPERT = "governmental_expert", _("Governmental expert")
    OBSERVER = "observer", _("Observer")
    PRACTITIONER = "practitioner", _("Practitioner")
    PUBLIC = "public", _("Public visitor")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STATE_AUTHORITY = "state_authority", _("Authority of a State")
        SECRETARIAT = "secretariat", _("Secretariat")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    party = models.ForeignKey(
        "register.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("State"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="state_authority") | models.Q(party__isnull=False),
                name="organisation_state_authority_has_party",
            )
        ]

    def __str__(self) -> str:
        return self.name


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the secretariat sees the user directory; everyone else sees only themselves."""
        from palermo.accounts.rules import is_secretariat

        if is_secretariat(user):
            return self
        if user.is_authenticated:
            return self.filter(pk=user.pk)
        return self.none()


class PalermoUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person. Their global role applies once the secretariat has approved the profile."""

    email = models.EmailField(_("email address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.PUBLIC)
    nomination_reference = models.CharField(
        _("note verbale reference"),
        max_length=200,
        blank=True,
        help_text=_("Reference of the State's note verbale that nominated this person"),
    )
    approved_at = models.DateTimeField(_("profile approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False, help_text="A demo account with a published password")
    suspended_at = models.DateTimeField(
        _("suspended"),
        null=True,
        blank=True,
        help_text="Set by the secretariat's suspension; only its reactivation clears it",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages after signing in and of the e-mails Palermo sends you"),
    )

    objects = PalermoUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def needs_two_factor(self) -> bool:
        return self.role != Role.PUBLIC

    @property
    def email_language(self) -> str:
        """The language of what Palermo writes to this person: theirs, or the site's until they choose."""
        return self.language or settings.LANGUAGE_CODE


class Invitation(models.Model):
    """An activation link sent to a registered user. Only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Invitation of {self.user_id} until {self.expires_at:%Y-%m-%d}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and now < self.expires_at
