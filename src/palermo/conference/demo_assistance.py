"""The demo's technical assistance: invented needs of five States (four published, Mexico's not), four
offers (a global programme's, a donor's, Spain's and the firearms programme's, which no unmet need matches)
and two activities, one completed (Brazil's and Nigeria's firearms needs are met), one planned. Stored with
is_demo=True and labelled "demo data" wherever shown; written through the domain functions as the secretariat."""

from datetime import date, timedelta

from django.utils import timezone

from palermo.accounts.models import User
from palermo.conference.domain.assistance import record_activity, record_need
from palermo.conference.domain.offers import record_offer
from palermo.conference.models import AssistanceActivity, AssistanceNeed, AssistanceOffer
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party

NEEDS = [  # (State, source, kind, description, (instrument, article), published)
    (
        "ITA",
        "direct",
        "training",
        "Training of prosecutors in joint investigations (demo).",
        ("UNTOC", "19"),
        True,
    ),
    (
        "BRA",
        "review",
        "technology",
        "Marking equipment and training for the national arsenal (demo).",
        ("FIREARMS", "8"),
        True,
    ),
    (
        "NGA",
        "questionnaire",
        "technology",
        "Record-keeping software for firearms (demo).",
        ("FIREARMS", "7"),
        True,
    ),
    (
        "NGA",
        "review",
        "training",
        "Protection of victims of trafficking in court (demo).",
        ("TIP", "6"),
        True,
    ),
    ("MEX", "direct", "institutions", "Witness protection programme (demo).", ("UNTOC", "24"), False),
]
OFFERS = [  # (provider kind, provider, State, kind, description, articles, regional groups, days available)
    (
        "programme",
        "UNODC Global Programme against Trafficking in Persons (demo)",
        None,
        "training",
        "Training of judges and prosecutors in protecting victims during trials (demo).",
        [("TIP", "6")],
        [],
        None,
    ),
    (
        "donor",
        "A donor State's justice cooperation fund (demo)",
        None,
        "training",
        "Mentoring of prosecutors setting up joint investigation teams (demo).",
        [("UNTOC", "19")],
        ["WEOG", "EEG"],
        365,
    ),
    (
        "state",
        "",
        "ESP",
        "institutions",
        "Expert advice on setting up a witness protection programme (demo).",
        [("UNTOC", "24"), ("UNTOC", "25")],
        ["GRULAC"],
        None,
    ),
    (
        "programme",
        "UNODC Global Firearms Programme (demo)",
        None,
        "technology",
        "Marking machines and record-keeping software with training of their users (demo).",
        [("FIREARMS", "7"), ("FIREARMS", "8")],
        ["AFRICAN", "GRULAC"],
        None,
    ),
]


def create_demo_assistance(secretariat: User) -> None:
    if AssistanceNeed.objects.filter(is_demo=True).exists():
        return
    articles = {(a.instrument_id, a.number): a for a in Article.objects.all()}
    parties = {party.pk: party for party in Party.objects.filter(pk__in=["ITA", "BRA", "NGA", "MEX", "ESP"])}
    needs = []
    for code, source, kind, description, article, publish in NEEDS:
        if code not in parties or article not in articles:
            continue
        needs.append(
            record_need(
                user=secretariat,
                party=parties[code],
                source=source,
                kind=kind,
                description=description,
                language="en",
                articles=[articles[article]],
                crime_types=[],
                publish=publish,
            )
        )
    offers = _offers(secretariat, articles, parties)
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
    AssistanceOffer.objects.filter(pk__in=[offer.pk for offer in offers]).update(is_demo=True)


def _offers(secretariat: User, articles: dict, parties: dict) -> list[AssistanceOffer]:
    today = timezone.localdate()
    return [
        record_offer(
            user=secretariat,
            provider_kind=provider_kind,
            provider=provider,
            party=parties.get(code) if code else None,
            kind=kind,
            description=description,
            language="en",
            articles=[articles[key] for key in keys if key in articles],
            crime_types=[],
            regions=regions,
            until=today + timedelta(days=days) if days else None,
        )
        for provider_kind, provider, code, kind, description, keys, regions, days in OFFERS
        if code is None or code in parties
    ]
