"""The demo's technical assistance: invented needs of five States (four published, Mexico's not) and two
activities, one completed (Brazil's and Nigeria's firearms needs are met), one planned. Stored with
is_demo=True and labelled "demo data" wherever shown; written through the domain functions as the secretariat."""

from datetime import date

from palermo.accounts.models import User
from palermo.conference.domain.assistance import record_activity, record_need
from palermo.conference.models import AssistanceActivity, AssistanceNeed
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party

NEEDS = [  # (State, source, description, (instrument, article), published)
    ("ITA", "direct", "Training of prosecutors in joint investigations (demo).", ("UNTOC", "19"), True),
    (
        "BRA",
        "review",
        "Marking equipment and training for the national arsenal (demo).",
        ("FIREARMS", "8"),
        True,
    ),
    ("NGA", "questionnaire", "Record-keeping software for firearms (demo).", ("FIREARMS", "7"), True),
    ("NGA", "review", "Protection of victims of trafficking in court (demo).", ("TIP", "6"), True),
    ("MEX", "direct", "Witness protection programme (demo).", ("UNTOC", "24"), False),
]


def create_demo_assistance(secretariat: User) -> None:
    if AssistanceNeed.objects.filter(is_demo=True).exists():
        return
    articles = {(a.instrument_id, a.number): a for a in Article.objects.all()}
    parties = {party.pk: party for party in Party.objects.filter(pk__in=[need[0] for need in NEEDS])}
    needs = []
    for code, source, description, article, publish in NEEDS:
        if code not in parties or article not in articles:
            continue
        needs.append(
            record_need(
                user=secretariat,
                party=parties[code],
                source=source,
                description=description,
                language="en",
                articles=[articles[article]],
                crime_types=[],
                publish=publish,
            )
        )
    firearms = [need for need in needs if need.articles.filter(instrument_id="FIREARMS").exists()]
    topics = list(Term.objects.current().filter(slug="trafficking-in-firearms", parent=None)[:1])
    activities = [
        record_activity(
            user=secretariat,
            titles={
                "en": "Regional workshop on the marking of firearms (demo)",
                "fr": "Atelier régional sur le marquage des armes à feu (démo)",
            },
            provider="UNODC Global Firearms Programme (demo)",
            status="completed",
            starts=date(2025, 3, 10),
            ends=date(2025, 3, 14),
            beneficiaries=[parties[code] for code in ("BRA", "NGA") if code in parties],
            articles=[articles[key] for key in (("FIREARMS", "7"), ("FIREARMS", "8")) if key in articles],
            crime_types=topics,
            outputs="Twelve officers trained; marking machines delivered (demo).",
            needs=firearms,
        ),
        record_activity(
            user=secretariat,
            titles={"en": "Training on joint investigations (demo)"},
            provider="A donor State (demo)",
            status="planned",
            starts=date(2027, 5, 3),
            ends=None,
            beneficiaries=[parties["ITA"]] if "ITA" in parties else [],
            articles=[articles[key] for key in (("UNTOC", "19"),) if key in articles],
            crime_types=[],
            outputs="",
            needs=[need for need in needs if need.party_id == "ITA"],
        ),
    ]
    AssistanceNeed.objects.filter(pk__in=[need.pk for need in needs]).update(is_demo=True)
    AssistanceActivity.objects.filter(pk__in=[activity.pk for activity in activities]).update(is_demo=True)
