"""Demo declarations: invented, stored with is_demo=True and labelled 'demo data' wherever shown."""

from datetime import date

from django.db import transaction

from palermo.register.domain.participation import add_declaration
from palermo.register.models import Declaration, Instrument, Party

DEMO_DECLARATIONS = [
    (
        "ITA",
        "UNTOC",
        Declaration.Kind.CENTRAL_AUTHORITY,
        "18(13)",
        date(2006, 8, 2),
        "Demo data: the Ministry of Justice is designated as the central authority for mutual legal assistance.",
        None,
        [],
    ),
    (
        "ITA",
        "UNTOC",
        Declaration.Kind.LANGUAGES,
        "18(14)",
        date(2006, 8, 2),
        "Demo data: requests are accepted in Italian, English and French.",
        None,
        ["it", "en", "fr"],
    ),
    (
        "BRA",
        "UNTOC",
        Declaration.Kind.EXTRADITION_LEGAL_BASIS,
        "16(5)",
        date(2004, 1, 29),
        "Demo data: the Convention is taken as the legal basis for cooperation on extradition.",
        True,
        [],
    ),
    (
        "BRA",
        "UNTOC",
        Declaration.Kind.RESERVATION,
        "35(2)",
        date(2004, 1, 29),
        "Demo data: the State does not consider itself bound by article 35, paragraph 2.",
        None,
        [],
    ),
]


@transaction.atomic
def create_demo_declarations() -> int:
    if Declaration.objects.filter(is_demo=True).exists():
        return 0
    for code, instrument, kind, article, day, text, basis, languages in DEMO_DECLARATIONS:
        add_declaration(
            actor=None,
            party=Party.objects.get(code=code),
            instrument=Instrument.objects.get(code=instrument),
            kind=kind,
            article=article,
            date=day,
            text=text,
            uses_convention_as_legal_basis=basis,
            languages=languages,
            source="Invented for the Palermo demo",
            is_demo=True,
        )
    return len(DEMO_DECLARATIONS)
