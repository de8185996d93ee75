import pytest
from django.core.management import call_command

from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files


def load_register() -> None:
    """The real register (parties, instruments, articles, 2015 treaty status) and the taxonomy."""
    call_command("load_reference_data", verbosity=0)
    call_command("load_taxonomy", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the real register (transactional tests load it themselves)."""
    with django_db_blocker.unblock():
        load_register()


@pytest.fixture
def register_data(transactional_db):
    """For transactional tests (browser tests), which start from an empty database."""
    load_register()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language an earlier test's request left active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
