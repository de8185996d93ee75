"""The demo record of the Conference: a session with its agenda, documents and a resolution whose
paragraphs have follow-up, two working-group meetings and a questionnaire answered by eleven States. Invented (titles say so, and every meeting is
stored with is_demo=True and labelled "demo data" wherever shown); written through the domain functions
as the demo secretariat and focal points."""

from datetime import date

from django.db import transaction

from palermo.accounts.models import User
from palermo.conference.demo_assistance import create_demo_assistance
from palermo.conference.demo_questionnaire import create_demo_questionnaire
from palermo.conference.domain.records import (
    ParagraphInput,
    add_document,
    create_meeting,
    record_decision,
    record_follow_up,
)
from palermo.conference.models import Addressee, Body, DocumentKind, Meeting
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party

SESSION = {"body": Body.CONFERENCE, "number": 12, "starts": date(2024, 10, 14), "ends": date(2024, 10, 18)}
GROUPS = [
    {"body": Body.FIREARMS, "number": 11, "starts": date(2024, 5, 6), "ends": date(2024, 5, 7)},
    {"body": Body.COOPERATION, "number": 15, "starts": date(2024, 6, 10), "ends": date(2024, 6, 12)},
]
AGENDA = [
    ("1", "Organizational matters (demo)"),
    ("2", "Review Mechanism (demo)"),
    ("3", "Trafficking in persons (demo)"),
    ("4", "Firearms (demo)"),
    ("5", "Technical assistance (demo)"),
]
DELEGATIONS = ["AUT", "BRA", "CHN", "EGY", "FRA", "ITA", "MEX", "NGA", "RUS", "ESP"]


def _acting(user: User) -> User:
    user.is_verified = lambda: True  # the demo acts as these people would after signing in
    return user


@transaction.atomic
def create_demo_conference() -> list[Meeting]:
    """The demo session and working-group meetings; nothing if they are there already."""
    if Meeting.objects.filter(is_demo=True).exists():
        return list(Meeting.objects.filter(is_demo=True))
    secretariat = _acting(User.objects.get(email="secretariat@demo.palermo.invalid"))
    focal_point = _acting(User.objects.get(email="focal.point@demo.palermo.invalid"))
    session = create_meeting(user=secretariat, place="Vienna", host=Party.objects.get(code="AUT"), **SESSION)
    groups = [create_meeting(user=secretariat, place="Vienna", **group) for group in GROUPS]
    for position, (number, title) in enumerate(AGENDA):
        session.agenda.create(number=number, position=position, titles={"en": title})
    for code in DELEGATIONS:
        session.delegations.create(party=Party.objects.get(code=code))
    documents = [
        ("CTOC/COP/2024/1", DocumentKind.AGENDA, "Provisional agenda and annotations (demo)", "1"),
        ("CTOC/COP/2024/2", DocumentKind.SECRETARIAT_NOTE, "Progress of the review process (demo)", "2"),
        ("CTOC/COP/2024/L.4", DocumentKind.DRAFT, "Draft resolution on technical assistance (demo)", "5"),
    ]
    for symbol, kind, title, item in documents:
        document = add_document(
            user=secretariat,
            meeting=session,
            symbol=symbol,
            kind=kind,
            titles={"en": title},
            issued=SESSION["starts"],
        )
        document.agenda_items.set(session.agenda.filter(number=item))
    untoc = {
        article.number: article
        for article in Article.objects.filter(instrument_id="UNTOC", number__in=["29", "30", "32"])
    }
    resolution = record_decision(
        user=secretariat,
        meeting=session,
        kind="resolution",
        number="12/1",
        titles={
            "en": "Technical assistance for the implementation of the Convention (demo)",
            "fr": "Assistance technique pour l'application de la Convention (démo)",
            "es": "Asistencia técnica para la aplicación de la Convención (demostración)",
        },
        adopted=date(2024, 10, 18),
        paragraphs=[
            ParagraphInput(
                1,
                {
                    "en": "Invites all States parties to inform the secretariat of their needs for technical assistance (demo text).",
                    "fr": "Invite tous les États parties à informer le secrétariat de leurs besoins d'assistance technique (texte de démonstration).",
                    "es": "Invita a todos los Estados partes a informar a la secretaría de sus necesidades de asistencia técnica (texto de demostración).",
                },
                Addressee.ALL_STATES,
                due=date(2026, 6, 30),
                articles=[untoc[n] for n in ("29", "30") if n in untoc],
                topics=list(Term.objects.filter(slug="international-cooperation")),
            ),
            ParagraphInput(
                2,
                {
                    "en": "Requests the States named to share their experience of joint investigations (demo text).",
                    "fr": "Prie les États nommés de faire part de leur expérience des enquêtes conjointes (texte de démonstration).",
                    "es": "Solicita a los Estados mencionados que compartan su experiencia en investigaciones conjuntas (texto de demostración).",
                },
                Addressee.SOME_STATES,
                states=list(Party.objects.filter(code__in=["ITA", "BRA"])),
                topics=list(
                    Term.objects.filter(
                        slug__in=["international-cooperation", "special-investigative-techniques"]
                    )
                ),
            ),
            ParagraphInput(
                3,
                {
                    "en": "Requests the secretariat to report to the Conference at its next session (demo text).",
                    "fr": "Prie le secrétariat de faire rapport à la Conférence à sa prochaine session (texte de démonstration).",
                    "es": "Solicita a la secretaría que informe a la Conferencia en su próximo período de sesiones (texto de demostración).",
                },
                Addressee.SECRETARIAT,
                due=date(2026, 10, 1),
                articles=[untoc[n] for n in ("32",) if n in untoc],
            ),
        ],
    )
    first, _second, third = resolution.paragraphs.order_by("number")
    party = focal_point.organisation.party if focal_point.organisation else None
    if party is not None:
        record_follow_up(
            user=focal_point,
            paragraph=first,
            party=party,
            status="done",
            text="Needs sent to the secretariat by note verbale (demo).",
            language="en",
        )
    record_follow_up(
        user=secretariat,
        paragraph=third,
        party=None,
        status="under_way",
        text="Report in preparation (demo).",
        language="en",
    )
    meetings = [session, *groups]
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings]).update(is_demo=True)
    create_demo_questionnaire(secretariat)
    create_demo_assistance(secretariat)
    return meetings
