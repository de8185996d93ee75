"""The demo questionnaire: invented questions on the Firearms Protocol sent to every party to the Convention,
with replies submitted by eleven States (invented answers, stored by the demo secretariat as if entered for
those States) and Italy's left for the demo focal point to answer. The questionnaire is stored with
is_demo=True and labelled "demo data" wherever shown."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from palermo.accounts.models import User
from palermo.conference.domain.questionnaires import QuestionInput, create_questionnaire, send_questionnaire
from palermo.conference.models import Answer, Questionnaire, Recipients, Reply, ReplyState
from palermo.register.models import Article

QUESTIONS = [
    (
        {
            "en": "Does your national law require firearms to be marked at the time of manufacture? (demo)",
            "fr": "Votre droit interne exige-t-il le marquage des armes à feu lors de leur fabrication ? (démo)",
            "es": "¿Exige su legislación nacional que las armas de fuego se marquen al fabricarse? (demostración)",
        },
        "yes_no",
        [],
        ("FIREARMS", "8"),
    ),
    (
        {
            "en": "For how long are records of firearms kept? (demo)",
            "fr": "Pendant combien de temps les registres des armes à feu sont-ils conservés ? (démo)",
            "es": "¿Durante cuánto tiempo se conservan los registros de armas de fuego? (demostración)",
        },
        "choice",
        [
            {"en": "Less than 10 years", "fr": "Moins de 10 ans", "es": "Menos de 10 años"},
            {"en": "10 to 20 years", "fr": "De 10 à 20 ans", "es": "De 10 a 20 años"},
            {"en": "More than 20 years", "fr": "Plus de 20 ans", "es": "Más de 20 años"},
        ],
        ("FIREARMS", "7"),
    ),
    (
        {
            "en": "How many firearms were seized in 2025? (demo)",
            "fr": "Combien d'armes à feu ont été saisies en 2025 ? (démo)",
            "es": "¿Cuántas armas de fuego se incautaron en 2025? (demostración)",
        },
        "number",
        [],
        None,
    ),
    (
        {
            "en": "What technical assistance would help your State apply the marking provisions? (demo)",
            "fr": "Quelle assistance technique aiderait votre État à appliquer les dispositions sur le marquage ? (démo)",
            "es": "¿Qué asistencia técnica ayudaría a su Estado a aplicar las disposiciones sobre marcación? (demostración)",
        },
        "text",
        [],
        None,
    ),
]
# (State, yes/no, records, seized, assistance wanted, publish): invented.
REPLIES = [
    ("AUT", "yes", "3", "1250", "None at present (demo).", True),
    ("FRA", "yes", "3", "4800", "Exchange of marking data with neighbours (demo).", True),
    ("DEU", "yes", "2", "5300", "", False),
    ("ESP", "yes", "3", "3900", "Training of customs officers (demo).", True),
    ("CAN", "yes", "2", "2100", "", False),
    ("NOR", "yes", "3", "640", "", False),
    ("BRA", "no", "2", "9800", "Marking machines for the national arsenal (demo).", True),
    ("MEX", "yes", "1", "7200", "Tracing training (demo).", False),
    ("ARG", "no", "2", "3100", "", False),
    ("NGA", "no", "1", "2700", "Record-keeping software and training (demo).", True),
    ("ZAF", "yes", "2", "4100", "", False),
]


def create_demo_questionnaire(secretariat: User) -> Questionnaire:
    articles = {(a.instrument_id, a.number): a for a in Article.objects.filter(instrument_id="FIREARMS")}
    questionnaire = create_questionnaire(
        user=secretariat,
        titles={
            "en": "Marking and record-keeping of firearms (demo)",
            "fr": "Marquage des armes à feu et conservation des informations (démo)",
            "es": "Marcación de armas de fuego y mantenimiento de registros (demostración)",
        },
        introductions={
            "en": "An invented questionnaire for the demo: answer each question; the focal point submits.",
            "fr": "Un questionnaire inventé pour la démonstration : répondez à chaque question ; le correspondant la soumet.",
            "es": "Un cuestionario inventado para la demostración: responda a cada pregunta; el coordinador la presenta.",
        },
        recipients=Recipients.ALL_PARTIES,
        deadline=timezone.localdate() + timedelta(days=120),
        questions=[
            QuestionInput(texts, kind, [{"labels": labels} for labels in choices], articles.get(article))
            for texts, kind, choices, article in QUESTIONS
        ],
    )
    send_questionnaire(user=secretariat, questionnaire=questionnaire)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(is_demo=True)
    questions = list(questionnaire.questions.order_by("number"))
    replies = {reply.party_id: reply for reply in Reply.objects.filter(questionnaire=questionnaire)}
    answers = []
    for code, yes, records, seized, wanted, publish in REPLIES:
        reply = replies.get(code)
        if reply is None:
            continue
        values = [(yes, None, ""), (records, None, ""), ("", Decimal(seized), ""), ("", None, wanted or "—")]
        for question, (value, number, text) in zip(questions, values, strict=True):
            answers.append(
                Answer(
                    reply=reply,
                    question=question,
                    value=value,
                    number=number,
                    text=text,
                    version=1,
                    updated_by=secretariat,
                )
            )
        reply.state, reply.publish = ReplyState.SUBMITTED, publish
        reply.submitted, reply.submitted_by = timezone.now(), secretariat
        reply.save(update_fields=["state", "publish", "submitted", "submitted_by"])
    Answer.objects.bulk_create(answers)
    return questionnaire
