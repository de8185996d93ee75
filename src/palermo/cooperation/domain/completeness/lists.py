"""What each kind of request must say, as data: every item names the article and paragraph a practitioner
knows it by. `check()` (in `__init__`) walks these lists; nothing here reads the database.

Sources: the Convention's arts. 13(3), 16, 17, 18(4), 18(15)-(16), 19 and 21; the Firearms Protocol's arts.
8(1) and 12(4); the Smuggling of Migrants Protocol's art. 8(2); and, for extradition, the common practice
codified in the UN Model Treaty on Extradition (General Assembly resolution 45/116), arts. 5(2) and 9(2).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.cooperation.models import RequestKind

STEPS: list[tuple[str, Promise]] = [
    ("authorities", _("Authorities")),
    ("offences", _("Offences and legal basis")),
    ("facts", _("Facts and purpose")),
    ("persons", _("Persons")),
    ("assistance", _("Assistance sought")),
    ("procedures", _("Procedures, confidentiality and urgency")),
    ("annexes", _("Annexes")),
]

FORMS: list[tuple[str, Promise]] = [
    ("18_3_a", _("Taking evidence or statements from persons (art. 18(3)(a))")),
    ("18_3_b", _("Effecting service of judicial documents (art. 18(3)(b))")),
    ("18_3_c", _("Executing searches and seizures, and freezing (art. 18(3)(c))")),
    ("18_3_d", _("Examining objects and sites (art. 18(3)(d))")),
    ("18_3_e", _("Providing information, evidentiary items and expert evaluations (art. 18(3)(e))")),
    (
        "18_3_f",
        _(
            "Providing originals or certified copies of relevant documents and records, including bank, "
            "financial, corporate or business records (art. 18(3)(f))"
        ),
    ),
    (
        "18_3_g",
        _(
            "Identifying or tracing proceeds of crime, property, instrumentalities or other things "
            "(art. 18(3)(g))"
        ),
    ),
    ("18_3_h", _("Facilitating the voluntary appearance of persons in the requesting State (art. 18(3)(h))")),
    ("18_3_i", _("Any other type of assistance not contrary to the requested State's law (art. 18(3)(i))")),
    ("preservation", _("Expedited preservation of stored computer data")),
    ("subscriber", _("Subscriber information")),
    ("content", _("Stored content data")),
    ("traffic", _("Real-time collection of traffic data")),
]

PERSON_ROLES: list[tuple[str, Promise]] = [
    ("suspect", _("Suspect")),
    ("accused", _("Accused")),
    ("sentenced", _("Sentenced person")),
    ("witness", _("Witness")),
    ("victim", _("Victim")),
    ("expert", _("Expert")),
    ("other", _("Other person")),
]

PROTECTIONS: list[tuple[str, Promise]] = [
    ("identity_confidential", _("Identity to be kept confidential")),
    ("witness_protection", _("Under witness protection (art. 24)")),
    ("child", _("Child")),
    ("victim_of_trafficking", _("Victim of trafficking in persons")),
]

# Confiscation (art. 13): which paragraph the request rests on, in the request format's key `measure`.
MEASURES: list[tuple[str, Promise]] = [
    ("13_1_a", _("Obtain an order of confiscation in the requested State (art. 13(1)(a))")),
    ("13_1_b", _("Give effect to the requesting State's order of confiscation (art. 13(1)(b))")),
    ("13_2", _("Identify, trace, freeze or seize (art. 13(2))")),
]

KINDS = list(RequestKind.values)

# The step of the writer each top-level key of the request format belongs to (as the writer's forms show
# them, interfaces/request_forms.py).
STEP_OF_KEY: dict[str, str] = {
    "kind": "authorities",
    "requesting_state": "authorities",
    "requested_state": "authorities",
    "requesting_authority": "authorities",
    "requested_authority": "authorities",
    "language": "authorities",
    "reference": "authorities",
    "offences": "offences",
    "organized_criminal_group": "offences",
    "transnational": "offences",
    "subject": "facts",
    "conducting_authority": "facts",
    "facts": "facts",
    "purpose": "facts",
    "information": "facts",
    "measure": "facts",
    "actions": "facts",
    "property": "facts",
    "warrant": "facts",
    "judgment": "facts",
    "order": "facts",
    "firearm": "facts",
    "vessel": "facts",
    "team": "facts",
    "extradition_to_follow": "facts",
    "persons": "persons",
    "assistance": "assistance",
    "procedures": "procedures",
    "confidentiality": "procedures",
    "urgency": "procedures",
    "annexes": "annexes",
}


def step_of(key: str) -> str:
    """The step of a key of the request format ("persons[0].name" -> "persons")."""
    top = key.split(".", 1)[0].split("[", 1)[0]
    return STEP_OF_KEY.get(top, "authorities")


@dataclass(frozen=True)
class Need:
    """One thing a request must say. `key` is relative to where the list is applied (the request, one
    person, one assistance item, one offence); `alternatives` are keys any of which also satisfies it (the
    item is named by `key`); `warn`: only a warning when absent ("where possible")."""

    key: str
    reference: str
    label: Promise
    alternatives: tuple[str, ...] = ()
    warn: bool = False


MODEL_TREATY = "Model Treaty on Extradition"

# Art. 18(15): every request for mutual legal assistance (and, by art. 13(3), for confiscation).
A = "art. 18(15)(a)"
REQUESTING_AUTHORITY = Need("requesting_authority", A, _("Identity of the authority making the request"))
SUBJECT = Need(
    "subject",
    "art. 18(15)(b)",
    _("Subject matter and nature of the investigation, prosecution or judicial proceeding"),
)
CONDUCTING_AUTHORITY = Need(
    "conducting_authority",
    "art. 18(15)(b)",
    _("Name and functions of the authority conducting the investigation, prosecution or proceeding"),
)
FACTS = Need("facts", "art. 18(15)(c)", _("Summary of the relevant facts"))
ASSISTANCE = Need("assistance", "art. 18(15)(d)", _("Description of the assistance sought"))
PURPOSE = Need(
    "purpose", "art. 18(15)(f)", _("Purpose for which the evidence, information or action is sought")
)
PERSONS_WHERE_POSSIBLE = Need(
    "persons",
    "art. 18(15)(e)",
    _("Where possible, the identity, location and nationality of any person concerned"),
    warn=True,
)

# Art. 18(15)(e) for each person named in a request for mutual legal assistance.
PERSON_PARTICULARS_MLA = [
    Need("role", "art. 18(15)(e)", _("Role of the person (suspect, witness, victim…)")),
    Need("name", "art. 18(15)(e)", _("Identity of the person"), warn=True),
    Need("location", "art. 18(15)(e)", _("Location of the person"), warn=True),
    Need("nationality", "art. 18(15)(e)", _("Nationality of the person"), warn=True),
]

# Art. 18(15)(d) and the particulars of art. 18(16) ("additional information ... necessary for its
# execution") for each form of assistance, relative to one item of `assistance`.
DESCRIPTION = Need("description", "art. 18(15)(d)", _("Description of the assistance sought"))
PERIOD = [
    Need("particulars.period_from", "art. 18(16)", _("Start of the period concerned")),
    Need("particulars.period_to", "art. 18(16)", _("End of the period concerned")),
]
PROVIDER = Need("particulars.provider", "art. 18(16)", _("Service provider holding the data"))
FORM_PARTICULARS: dict[str, list[Need]] = {
    "18_3_a": [Need("particulars.person", "art. 18(15)(e)", _("Person to be heard"))],
    "18_3_b": [
        Need("particulars.documents", "art. 18(16)", _("Documents to be served")),
        Need("particulars.recipient", "art. 18(15)(e)", _("Person on whom the documents are to be served")),
    ],
    "18_3_c": [
        Need(
            "particulars.place",
            "art. 18(16)",
            _("Place to be searched or property to be seized or frozen"),
            alternatives=("particulars.items",),
        )
    ],
    "18_3_d": [Need("particulars.object", "art. 18(16)", _("Object or site to be examined"))],
    "18_3_f": [
        Need("particulars.bank", "art. 18(16)", _("Bank or financial institution holding the records")),
        Need("particulars.account", "art. 18(16)", _("Account number or holder")),
        *PERIOD,
    ],
    "18_3_g": [
        Need("particulars.property", "art. 18(16)", _("Proceeds or property to be identified or traced"))
    ],
    "18_3_h": [Need("particulars.person", "art. 18(15)(e)", _("Person whose appearance is sought"))],
    "preservation": [
        PROVIDER,
        Need("particulars.identifier", "art. 18(16)", _("Account, telephone number or IP address concerned")),
        Need("particulars.data_categories", "art. 18(16)", _("Categories of data to be preserved")),
        *PERIOD,
    ],
    "subscriber": [
        PROVIDER,
        Need("particulars.identifier", "art. 18(16)", _("Account, telephone number or IP address concerned")),
    ],
    "content": [
        PROVIDER,
        Need("particulars.identifier", "art. 18(16)", _("Account whose content is sought")),
        *PERIOD,
    ],
    "traffic": [
        PROVIDER,
        Need("particulars.identifier", "art. 18(16)", _("Account, telephone number or IP address concerned")),
        *PERIOD,
    ],
}
# Forms that usually need a coercive measure in the requested State: a warning about dual criminality.
COERCIVE_FORMS = {"18_3_c", "content", "traffic"}
# Forms that need a person named under `persons` (art. 18(15)(e)).
PERSON_FORMS = {"18_3_a", "18_3_h"}

# Offences, relative to one item of `offences`; the reference depends on the kind.
OFFENCE_REFERENCE = {
    "mla": "art. 18(15)(b)",
    "confiscation": "art. 18(15)(b)",
    "extradition": f"{MODEL_TREATY} art. 5(2)(b)",
    "provisional_arrest": f"{MODEL_TREATY} art. 9(2)",
    "transfer_proceedings": "art. 21",
    "transfer_sentenced": "art. 17",
    "joint_investigation": "art. 19",
    "spontaneous": "art. 18(4)",
    "firearm_tracing": "Firearms Protocol art. 12(4)",
    "vessel_boarding": "Smuggling of Migrants Protocol art. 8(2)",
}
# Kinds that must name at least one offence.
OFFENCES_REQUIRED = {
    "mla",
    "confiscation",
    "extradition",
    "provisional_arrest",
    "transfer_proceedings",
    "transfer_sentenced",
    "joint_investigation",
}


def offence_needs(kind: str) -> list[Need]:
    reference = OFFENCE_REFERENCE.get(kind, "art. 18(15)(b)")
    needs = [
        Need("crime_type", reference, _("Crime type of the offence")),
        Need("provision", reference, _("Provision of the law creating the offence")),
        Need("description", reference, _("How the facts constitute the offence")),
    ]
    if kind == "extradition":  # art. 5(2)(b): the text of the provision and the penalty
        needs.append(Need("text", reference, _("Text of the provision creating the offence")))
    if kind in ("extradition", "provisional_arrest"):  # art. 9(2): a statement of the punishment
        needs.append(
            Need(
                "max_penalty_years",
                reference,
                _("Penalty that can be imposed for the offence (maximum, in years)"),
            )
        )
    return needs


OFFENCES_LABEL = _("At least one offence")

# Extradition and provisional arrest: the person sought (Model Treaty on Extradition art. 5(2)(a), 9(2)).
SOUGHT_ROLES = ("suspect", "accused", "sentenced")


def person_sought_needs(reference: str) -> list[Need]:
    return [
        Need("name", reference, _("Name of the person sought")),
        Need("nationality", reference, _("Nationality of the person sought")),
        Need(
            "description",
            reference,
            _("Description of the person sought or an identity document"),
            alternatives=("identity_document",),
        ),
        Need("location", reference, _("Location of the person sought")),
    ]


WARRANT = [
    Need("issued_by", f"{MODEL_TREATY} art. 5(2)(c)", _("Court or authority that issued the warrant")),
    Need("date", f"{MODEL_TREATY} art. 5(2)(c)", _("Date of the warrant")),
    Need("reference", f"{MODEL_TREATY} art. 5(2)(c)", _("Reference of the warrant")),
]
JUDGMENT_FOR_EXTRADITION = [
    Need("court", f"{MODEL_TREATY} art. 5(2)(d)", _("Court that gave the judgment")),
    Need("date", f"{MODEL_TREATY} art. 5(2)(d)", _("Date of the judgment")),
    Need("reference", f"{MODEL_TREATY} art. 5(2)(d)", _("Reference of the judgment")),
    Need("sentence", f"{MODEL_TREATY} art. 5(2)(d)", _("Sentence imposed")),
    Need("remaining", f"{MODEL_TREATY} art. 5(2)(d)", _("Part of the sentence remaining to be served")),
]
JUDGMENT_FOR_TRANSFER = [
    Need("court", "art. 17", _("Court that gave the judgment")),
    Need("date", "art. 17", _("Date of the judgment")),
    Need("reference", "art. 17", _("Reference of the judgment")),
    Need("sentence", "art. 17", _("Sentence imposed")),
    Need("remaining", "art. 17", _("Part of the sentence remaining to be served")),
]

# Confiscation (art. 13(3)).
PROPERTY = Need("property", "art. 13(3)(a)", _("Description of the property to be confiscated"))
PROPERTY_ITEM = [Need("description", "art. 13(3)(a)", _("Description of the property"))]
ORDER = [
    Need("issued_by", "art. 13(3)(c)", _("Court or authority that issued the order of confiscation")),
    Need("date", "art. 13(3)(c)", _("Date of the order of confiscation")),
    Need("reference", "art. 13(3)(c)", _("Reference of the order of confiscation")),
]
ACTIONS = Need("actions", "art. 13(3)(b)", _("Description of the actions requested"))
CONFISCATION_FACTS = {
    "13_1_a": Need("facts", "art. 13(3)(a)", _("Statement of the facts relied upon")),
    "13_1_b": Need("facts", "art. 13(3)(a)", _("Statement of the facts relied upon")),
    "13_2": Need("facts", "art. 13(3)(b)", _("Statement of the facts relied upon")),
}

# Firearm tracing: the markings of art. 8(1) and where it was found (art. 12(4)).
FIREARM = [
    Need("firearm.markings", "Firearms Protocol art. 8(1)(a)", _("Markings of the firearm")),
    Need("firearm.manufacturer", "Firearms Protocol art. 8(1)(a)", _("Name of the manufacturer")),
    Need("firearm.model", "Firearms Protocol art. 8(1)(a)", _("Model or type of the firearm")),
    Need("firearm.serial_number", "Firearms Protocol art. 8(1)(a)", _("Serial number")),
    Need("firearm.calibre", "Firearms Protocol art. 12(4)", _("Calibre")),
    Need("firearm.country_of_manufacture", "Firearms Protocol art. 8(1)(a)", _("Country of manufacture")),
    Need("firearm.found", "Firearms Protocol art. 12(4)", _("Where, when and how the firearm was found")),
]

# Vessel boarding (Smuggling of Migrants Protocol art. 8(2)).
SOM = "Smuggling of Migrants Protocol art. 8(2)"
VESSEL = [
    Need("vessel.name", SOM, _("Name of the vessel")),
    Need("vessel.flag_state_claimed", SOM, _("Flag State the vessel claims")),
    Need(
        "vessel.registration_number",
        SOM,
        _("Registration number or IMO number of the vessel"),
        alternatives=("vessel.imo_number",),
    ),
    Need("vessel.position", SOM, _("Position where the vessel was observed")),
    Need("vessel.observed_at", SOM, _("Date and time the vessel was observed")),
    Need("vessel.grounds", SOM, _("Reasonable grounds to suspect the vessel of smuggling migrants")),
    Need("vessel.measures", SOM, _("Measures for which authorisation is sought")),
]

TEAM = [
    Need("team.purpose", "art. 19", _("Purpose of the joint investigation team")),
    Need("team.members", "art. 19", _("Members of the team")),
    Need("team.duration", "art. 19", _("Duration of the team")),
]

# The top-level needs of each kind (offences, persons and per-item lists are added by `check`).
KIND_NEEDS: dict[str, list[Need]] = {
    "mla": [
        REQUESTING_AUTHORITY,
        SUBJECT,
        CONDUCTING_AUTHORITY,
        FACTS,
        ASSISTANCE,
        PURPOSE,
        PERSONS_WHERE_POSSIBLE,
    ],
    "confiscation": [
        REQUESTING_AUTHORITY,
        SUBJECT,
        CONDUCTING_AUTHORITY,
        PURPOSE,
        PERSONS_WHERE_POSSIBLE,
        Need(
            "measure",
            "art. 13(3)",
            _("Whether confiscation (art. 13(1)) or freezing or seizure (art. 13(2)) is sought"),
        ),
    ],
    "extradition": [
        Need("requesting_authority", "art. 16", _("Identity of the authority making the request")),
        Need(
            "facts",
            f"{MODEL_TREATY} art. 5(2)(c)",
            _("Description of the acts or omissions, with their time and place"),
        ),
    ],
    "provisional_arrest": [
        Need("requesting_authority", "art. 16(9)", _("Identity of the authority making the request")),
        Need("facts", f"{MODEL_TREATY} art. 9(2)", _("Concise statement of the facts of the case")),
    ],
    "transfer_proceedings": [
        Need("requesting_authority", "art. 21", _("Identity of the authority making the request")),
        Need("subject", "art. 21", _("Subject matter and stage of the proceedings")),
        Need("facts", "art. 21", _("Summary of the relevant facts")),
        Need("purpose", "art. 21", _("Why the transfer serves the proper administration of justice")),
    ],
    "transfer_sentenced": [
        Need("requesting_authority", "art. 17", _("Identity of the authority making the request")),
    ],
    "joint_investigation": [
        Need("requesting_authority", "art. 19", _("Identity of the authority making the request")),
        Need("subject", "art. 19", _("Subject matter of the investigation")),
        Need("facts", "art. 19", _("Summary of the relevant facts")),
        *TEAM,
    ],
    "spontaneous": [
        Need(
            "requesting_authority", "art. 18(4)", _("Identity of the authority transmitting the information")
        ),
        Need("facts", "art. 18(4)", _("Summary of the relevant facts")),
        Need("information", "art. 18(4)", _("The information transmitted")),
    ],
    "firearm_tracing": [
        Need(
            "requesting_authority",
            "Firearms Protocol art. 12(4)",
            _("Identity of the authority making the request"),
        ),
        *FIREARM,
    ],
    "vessel_boarding": [
        Need("requesting_authority", SOM, _("Identity of the authority making the request")),
        *VESSEL,
    ],
}

# Keys of the request format (anything else is warned about: a misspelt key is lost from the letter).
KNOWN_KEYS = set(STEP_OF_KEY)
