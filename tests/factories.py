import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.models import Organisation, Role, User

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.OTHER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.LazyAttribute(lambda u: u.username)
    first_name = "Ada"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    role = Role.PUBLIC
    approved_at = factory.LazyFunction(timezone.now)
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in(client, user, *, verified: bool = True):
    """Sign a user in through the real login pages (password, then TOTP code)."""
    from django.urls import reverse

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and verified and user.needs_two_factor:
        device = totp_device(user)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    if device is not None and user.needs_two_factor:
        response = client.post(reverse("accounts:login_verify"), {"code": current_code(device)})
        assert response.status_code == 302, response.content
    return client


def published_case(title: str, summary: str, *, jurisdiction: str = "ITA", year: int = 2015, user=None):
    """A case published through the real workflow (created, submitted, verified, published) by the
    secretariat, or by `user` when given; `summary` is its English summary."""
    from datetime import date

    from palermo.knowledge.domain.records import create_record, transition_record

    if user is None:
        user = UserFactory(role=Role.SECRETARIAT_ADMIN)
        user.is_verified = lambda: True
    fields = {
        "title": title,
        "jurisdiction_id": jurisdiction,
        "date": date(year, 1, 1),
        "summary": {"en": summary},
    }
    record = create_record(user=user, kind="case", fields=fields)
    for state in ("submitted", "verified", "published"):
        record = transition_record(record=record, user=user, to_state=state)
    return record
