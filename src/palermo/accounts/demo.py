"""Demo accounts (demo mode only): invented people with a published password and a published TOTP key."""

import hashlib
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Organisation, Role, User
from palermo.core.audit import log_action

DEMO_PASSWORD = "Palermo-demo-2026"
DEMO_ACCOUNTS = [
    ("secretariat@demo.palermo.invalid", "Sam", "Secretariat", Role.SECRETARIAT_ADMIN, "secretariat"),
    ("focal.point@demo.palermo.invalid", "Francesca", "Focal", Role.FOCAL_POINT, "ITA"),
    ("expert@demo.palermo.invalid", "Eduardo", "Expert", Role.GOVERNMENTAL_EXPERT, "BRA"),
    (
        "observer@demo.palermo.invalid",
        "Olga",
        "Observer",
        Role.OBSERVER,
        "ITA",
    ),  # appointed to Italy's review
    # a practitioner contributes records for their State (knowledge/rules.py): they work for a State authority
    ("practitioner@demo.palermo.invalid", "Paul", "Practitioner", Role.PRACTITIONER, "ITA-prosecution"),
    # a second practitioner of the same office: approves the requests the first one drafts (cooperation)
    ("colleague@demo.palermo.invalid", "Carla", "Colleague", Role.PRACTITIONER, "ITA-prosecution"),
    ("visitor@demo.palermo.invalid", "Vera", "Visitor", Role.PUBLIC, "other"),
]
ORGANISATIONS = {
    "secretariat": (
        "Secretariat of the Conference of the Parties (demo)",
        Organisation.Kind.SECRETARIAT,
        None,
    ),
    "ITA": ("Italy, Ministry of Justice (demo)", Organisation.Kind.STATE_AUTHORITY, "ITA"),
    "BRA": (
        "Brazil, Ministry of Justice and Public Security (demo)",
        Organisation.Kind.STATE_AUTHORITY,
        "BRA",
    ),
    "ITA-prosecution": (
        "Italy, Public Prosecutor's Office of Palermo (demo)",
        Organisation.Kind.STATE_AUTHORITY,
        "ITA",
    ),
    "other": ("Research Institute (demo)", Organisation.Kind.OTHER, None),
}


def demo_totp_key(email: str) -> str:
    """A fixed key per demo account, so that the printed secret stays valid across `palermo demo` runs."""
    return hashlib.sha1(f"palermo-demo:{email}".encode()).hexdigest()


def demo_totp_secret(email: str) -> str:
    return b32encode(bytes.fromhex(demo_totp_key(email))).decode()


@transaction.atomic
def create_demo_accounts() -> list[User]:
    if not settings.DEMO_MODE:
        raise RuntimeError("Demo accounts exist only in demo mode (PALERMO_DEMO=1).")
    organisations = {}
    for key, (name, kind, party) in ORGANISATIONS.items():
        organisations[key], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "party_id": party}
        )
    users = []
    for email, first, last, role, organisation in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "first_name": first,
                "last_name": last,
                "role": role,
                "is_demo": True,
                "organisation": organisations[organisation],
                "approved_at": timezone.now(),
                "nomination_reference": "Demo note verbale" if ORGANISATIONS[organisation][2] else "",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            log_action("accounts.user.demo_created", obj=user, data={"role": role})
        if user.needs_two_factor:
            TOTPDevice.objects.update_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": demo_totp_key(email), "confirmed": True},
            )
        users.append(user)
    return users
