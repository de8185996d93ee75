"""Requests for international cooperation between two authorities of the directory, drafted, approved,
sent, received and executed; `content` holds what the request says in the API's request format
(docs/cooperation.md), checked for completeness by `cooperation.domain.completeness`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.models.authorities import Channel


class RequestKind(models.TextChoices):
    MUTUAL_LEGAL_ASSISTANCE = "mla", _("Mutual legal assistance (art. 18)")
    EXTRADITION = "extradition", _("Extradition (art. 16)")
    PROVISIONAL_ARREST = "provisional_arrest", _("Provisional arrest with a view to extradition (art. 16(9))")
    CONFISCATION = "confiscation", _("Freezing, seizure and confiscation (art. 13)")
    TRANSFER_OF_PROCEEDINGS = "transfer_proceedings", _("Transfer of criminal proceedings (art. 21)")
    TRANSFER_OF_SENTENCED_PERSONS = "transfer_sentenced", _("Transfer of sentenced persons (art. 17)")
    JOINT_INVESTIGATION = "joint_investigation", _("Proposal of a joint investigation team (art. 19)")
    SPONTANEOUS_INFORMATION = "spontaneous", _("Spontaneous information (art. 18(4))")
    FIREARM_TRACING = "firearm_tracing", _("Tracing of a firearm (Firearms Protocol art. 12(4))")
    VESSEL_BOARDING = (
        "vessel_boarding",
        _(
            "Confirmation of a vessel's registry and authorisation to board (Smuggling of Migrants Protocol art. 8)"
        ),
    )


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_EXECUTION = "in_execution", _("In execution")
    MORE_INFORMATION = "more_information", _("More information asked")
    PARTLY_EXECUTED = "partly_executed", _("Partly executed")
    EXECUTED = "executed", _("Executed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RefusalGround(models.TextChoices):
    """Art. 18(21)(a) to (d): the only grounds on which mutual legal assistance may be refused."""

    NOT_IN_CONFORMITY = "18_21_a", _("(a) The request is not made in conformity with article 18")
    SOVEREIGNTY = (
        "18_21_b",
        _(
            "(b) Execution is likely to prejudice sovereignty, security, ordre public or other essential interests"
        ),
    )
    PROHIBITED_BY_DOMESTIC_LAW = (
        "18_21_c",
        _("(c) Domestic law would prohibit the action for a similar offence under its own jurisdiction"),
    )
    CONTRARY_TO_LEGAL_SYSTEM = (
        "18_21_d",
        _("(d) Granting the request would be contrary to the legal system of the requested State"),
    )


class Side(models.TextChoices):
    REQUESTING = "requesting", _("Requesting authority")
    REQUESTED = "requested", _("Requested authority")


class Request(models.Model):
    """A request from one authority to another. `recorded_by` is the side that entered it in Palermo: the
    requesting side drafts its outgoing requests; a requested authority records by hand an incoming request
    from an authority that does not use Palermo."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    kind = models.CharField(_("kind of request"), max_length=30, choices=RequestKind.choices)
    requesting_authority = models.ForeignKey(
        "cooperation.Authority",
        on_delete=models.PROTECT,
        related_name="outgoing_requests",
        verbose_name=_("requesting authority"),
    )
    requested_authority = models.ForeignKey(
        "cooperation.Authority",
        on_delete=models.PROTECT,
        related_name="incoming_requests",
        verbose_name=_("requested authority"),
    )
    recorded_by = models.CharField(max_length=20, choices=Side.choices, default=Side.REQUESTING)
    title = models.CharField(_("short title"), max_length=300, blank=True)
    content = models.JSONField(default=dict, help_text="What the request says, in the request format")
    language = models.CharField(_("language of the letter"), max_length=10, blank=True)
    state = models.CharField(
        _("state"), max_length=30, choices=RequestState.choices, default=RequestState.DRAFT
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    execute_by = models.DateField(_("execution needed by"), null=True, blank=True)
    reply_due = models.DateField(_("reply due"), null=True, blank=True, help_text=_("The next deadline"))
    version = models.PositiveIntegerField(default=1)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ready_at = models.DateTimeField(
        null=True, blank=True, help_text="Marked ready for approval (complete); any later edit clears it"
    )
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, help_text="Executed, refused or withdrawn"
    )
    refusal_grounds = models.JSONField(default=list, blank=True)
    refusal_reasons = models.TextField(_("reasons for the refusal (art. 18(23))"), blank=True)
    is_demo = models.BooleanField(default=False, help_text="Invented for the demo; labelled so on every page")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("request")
        indexes = [
            models.Index(fields=["requesting_authority", "-created"], name="request_outgoing"),
            models.Index(fields=["requested_authority", "-created"], name="request_incoming"),
            models.Index(fields=["state"], name="request_state"),
        ]

    def __str__(self) -> str:
        return self.reference


class RequestEvent(models.Model):
    """One move of a request's workflow (or a date entered by hand for the side that does not use
    Palermo), shown to both authorities as the request's history."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=30, choices=RequestState.choices)
    to_state = models.CharField(max_length=30, choices=RequestState.choices)
    on = models.DateField(help_text="The day it happened (entered by hand for the other side)")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=20, choices=Side.choices)
    by_hand = models.BooleanField(
        default=False, help_text="Entered by the other authority for a side that does not use Palermo"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_state} -> {self.to_state} on {self.on}"


class RequestMessage(models.Model):
    """A message between the two authorities on a request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(max_length=20, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "created", "id"]

    def __str__(self) -> str:
        return f"Message {self.pk} on {self.request_id}"


def attachment_path(instance, filename: str) -> str:
    """Stored under a random name: the original name is kept in the database, never used on disk."""
    return f"cooperation/{instance.request_id}/{uuid.uuid4().hex}.pdf"


class RequestAttachment(models.Model):
    """A PDF attached to a request (an annex, a warrant, an execution report), under the upload rules."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        RequestMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    side = models.CharField(max_length=20, choices=Side.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to=attachment_path)
    file_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    is_annex = models.BooleanField(_("annex to the letter"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "created", "id"]

    def __str__(self) -> str:
        return self.title
