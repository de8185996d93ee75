"""The demo directory of competent authorities: a handful of States, invented people and `.invalid`
addresses, stored with is_demo=True and labelled "demo data" wherever shown. Two entries are meant to be
noticed: the Palermo prosecution office accepts other languages than Italy's (demo) art. 18(14)
notification, and Italy's coast guard was last verified more than a year ago."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from palermo.accounts.models import Organisation
from palermo.cooperation.domain.authorities import _write
from palermo.cooperation.domain.authority_format import KEYS, clean_data
from palermo.cooperation.models import Authority

NOTE = "Demo data: invented contacts and requirements."

# (organisation name in accounts/demo.py or None, days since verified, the authority in the authority format)
DEMO_AUTHORITIES = [
    (
        "Italy, Ministry of Justice (demo)",
        40,
        {
            "state": "ITA",
            "name": "Ministero della Giustizia, Dipartimento per gli affari di giustizia",
            "name_en": "Ministry of Justice, Department for Justice Affairs",
            "designations": ["central_authority", "extradition", "transfer_sentenced"],
            "postal_address": "Via Arenula 70\n00186 Roma\nItaly",
            "phones": ["+39 06 0000 0001"],
            "emails": ["central.authority@ministry.demo.invalid"],
            "office_hours": "Mon-Fri 09:00-17:00",
            "time_zone": "Europe/Rome",
            "channels": ["direct", "diplomatic", "secure_email"],
            "languages": ["it", "en", "fr"],
            "accepts_oral_urgent_requests": True,
            "urgent_confirmation_days": 10,
            "urgent_procedure": "Urgent requests by telephone or e-mail to the duty officer (Franco Finto, "
            "invented), confirmed in writing.",
            "requires_treaty_for_extradition": False,
            "dual_criminality_for_coercive_measures": True,
            "requires_authentication": False,
            "requires_legalisation": False,
            "accepts_electronic_signature": True,
            "requires_encryption": False,
            "requirements": NOTE,
        },
    ),
    (
        "Italy, Public Prosecutor's Office of Palermo (demo)",
        90,
        {
            "state": "ITA",
            "name": "Procura della Repubblica presso il Tribunale di Palermo",
            "name_en": "Public Prosecutor's Office at the Court of Palermo",
            "designations": ["law_enforcement", "urgent"],
            "postal_address": "Piazza Vittorio Emanuele Orlando\n90138 Palermo\nItaly",
            "phones": ["+39 091 000 0002"],
            "emails": ["procura.palermo@prosecution.demo.invalid"],
            "office_hours": "Mon-Sat 08:30-14:00; duty prosecutor at all hours",
            "time_zone": "Europe/Rome",
            "channels": ["direct", "interpol", "secure_email"],
            "languages": ["it", "en"],  # differs from Italy's demo notification (it, en, fr)
            "accepts_oral_urgent_requests": True,
            "urgent_confirmation_days": 5,
            "urgent_procedure": "The duty prosecutor (Paola Prova, invented) takes urgent requests by "
            "telephone at any hour.",
            "dual_criminality_for_coercive_measures": True,
            "requires_encryption": True,
            "requirements": NOTE,
        },
    ),
    (
        None,
        430,  # stale: not verified for more than twelve months
        {
            "state": "ITA",
            "name": "Comando generale del Corpo delle capitanerie di porto - Guardia costiera",
            "name_en": "Coast Guard Headquarters",
            "designations": ["smuggling_by_sea"],
            "postal_address": "Viale dell'Arte 16\n00144 Roma\nItaly",
            "phones": ["+39 06 0000 0003"],
            "emails": ["ops.room@coastguard.demo.invalid"],
            "office_hours": "24/7 operations room",
            "time_zone": "Europe/Rome",
            "channels": ["direct"],
            "languages": ["it", "en", "fr"],
            "accepts_oral_urgent_requests": True,
            "urgent_procedure": "Boarding requests by telephone to the operations room, confirmed by e-mail.",
            "requirements": NOTE,
        },
    ),
    (
        "Brazil, Ministry of Justice and Public Security (demo)",
        60,
        {
            "state": "BRA",
            "name": "Ministério da Justiça e Segurança Pública, Departamento de Recuperação de Ativos e "
            "Cooperação Jurídica Internacional",
            "name_en": "Ministry of Justice and Public Security, Department of Asset Recovery and "
            "International Legal Cooperation",
            "designations": ["central_authority", "extradition", "confiscation"],
            "postal_address": "Esplanada dos Ministérios, Bloco T\n70064-900 Brasília DF\nBrazil",
            "phones": ["+55 61 0000 0004"],
            "emails": ["cooperacao@drci.demo.invalid"],
            "office_hours": "Mon-Fri 08:00-18:00",
            "time_zone": "America/Sao_Paulo",
            "channels": ["direct", "e_transmission"],
            "languages": ["pt", "en", "es"],
            "accepts_oral_urgent_requests": False,
            "urgent_confirmation_days": None,
            "requires_treaty_for_extradition": False,
            "dual_criminality_for_coercive_measures": True,
            "accepts_electronic_signature": True,
            "requirements": NOTE + " Contact: Bruna Beispiel (invented).",
        },
    ),
    (
        None,
        120,
        {
            "state": "FRA",
            "name": "Bureau de l'entraide pénale internationale",
            "name_en": "Office for International Mutual Assistance in Criminal Matters",
            "designations": ["central_authority", "extradition"],
            "postal_address": "13 place Vendôme\n75001 Paris\nFrance",
            "phones": ["+33 1 00 00 00 05"],
            "emails": ["beepi@justice.demo.invalid"],
            "time_zone": "Europe/Paris",
            "channels": ["direct", "diplomatic"],
            "languages": ["fr"],
            "requires_treaty_for_extradition": False,
            "requirements": NOTE,
        },
    ),
    (
        None,
        200,
        {
            "state": "NGA",
            "name": "Federal Ministry of Justice, Central Authority Unit",
            "name_en": "Federal Ministry of Justice, Central Authority Unit",
            "designations": ["central_authority", "extradition"],
            "postal_address": "Federal Secretariat Complex, Shehu Shagari Way\nAbuja\nNigeria",
            "phones": ["+234 9 000 0006"],
            "emails": ["cau@justice.demo.invalid"],
            "time_zone": "Africa/Lagos",
            "channels": ["diplomatic", "direct"],
            "languages": ["en"],
            "requires_treaty_for_extradition": True,
            "requires_authentication": True,
            "requirements": NOTE,
        },
    ),
    (
        None,
        120,
        {
            "state": "EGY",
            "name": "النيابة العامة، إدارة التعاون الدولي",
            "name_en": "Office of the Public Prosecutor, International Cooperation Department",
            "designations": ["central_authority", "extradition"],
            "postal_address": "Office of the Public Prosecutor\nNew Cairo\nEgypt",
            "phones": ["+20 2 0000 0009"],
            "emails": ["icd@ppo.demo.invalid"],
            "time_zone": "Africa/Cairo",
            "channels": ["diplomatic", "direct"],
            "languages": ["ar", "en"],
            "requires_treaty_for_extradition": False,
            "requirements": NOTE,
        },
    ),
    (
        None,
        150,
        {
            "state": "PHL",
            "name": "Department of Justice, Office of the Chief State Counsel",
            "name_en": "Department of Justice, Office of the Chief State Counsel",
            "designations": ["central_authority", "smuggling_by_sea"],
            "postal_address": "Padre Faura Street, Ermita\nManila\nPhilippines",
            "phones": ["+63 2 0000 0007"],
            "emails": ["ocsc@doj.demo.invalid"],
            "time_zone": "Asia/Manila",
            "channels": ["direct", "diplomatic"],
            "languages": ["en"],
            "requirements": NOTE,
        },
    ),
    (
        None,
        100,
        {
            "state": "MEX",
            "name": "Fiscalía General de la República, Dirección General de Procedimientos Internacionales",
            "name_en": "Office of the Attorney General, Directorate-General for International Procedures",
            "designations": ["central_authority", "extradition", "firearms"],
            "postal_address": "Avenida Insurgentes 20\nCiudad de México\nMexico",
            "phones": ["+52 55 0000 0008"],
            "emails": ["dgpi@fgr.demo.invalid"],
            "time_zone": "America/Mexico_City",
            "channels": ["direct", "diplomatic", "interpol"],
            "languages": ["es", "en"],
            "requirements": NOTE,
        },
    ),
    (
        None,
        30,
        {
            "state": "DEU",
            "name": "Bundesamt für Justiz",
            "name_en": "Federal Office of Justice",
            "designations": ["central_authority", "transfer_sentenced"],
            "postal_address": "Adenauerallee 99-103\n53113 Bonn\nGermany",
            "phones": ["+49 228 0000 0009"],
            "emails": ["ir@bfj.demo.invalid"],
            "time_zone": "Europe/Berlin",
            "channels": ["direct", "diplomatic"],
            "languages": ["de", "en"],
            "requirements": NOTE,
        },
    ),
    (
        None,
        75,
        {
            "state": "ZAF",
            "name": "Department of Justice and Constitutional Development, International Legal Relations",
            "name_en": "Department of Justice and Constitutional Development, International Legal Relations",
            "designations": ["central_authority", "law_enforcement"],
            "postal_address": "Momentum Centre, Pretorius Street\nPretoria\nSouth Africa",
            "phones": ["+27 12 000 0010"],
            "emails": ["ilr@justice.demo.invalid"],
            "time_zone": "Africa/Johannesburg",
            "channels": ["direct", "diplomatic"],
            "languages": ["en"],
            "requirements": NOTE,
        },
    ),
]


@transaction.atomic
def create_demo_directory() -> int:
    """Load the demo directory once; returns how many authorities were added. Organisations of the demo
    accounts (accounts/demo.py) are linked to their authorities when they exist."""
    if Authority.objects.filter(is_demo=True).exists():
        return 0
    today = timezone.localdate()
    from palermo.knowledge.models import Record, RecordKind

    added = 0
    for organisation_name, days, data in DEMO_AUTHORITIES:
        cleaned, problems = clean_data(
            {
                **data,
                "is_demo": True,
                "verified_on": (today - timedelta(days=days)).isoformat(),
                "verified_by": "Directory secretariat (demo)",
            }
        )
        if problems or cleaned.party is None:
            raise ValueError(f"Demo authority {data['name']}: {problems}")
        authority = Authority(party=cleaned.party)
        _write(authority, cleaned, keys=KEYS)
        if organisation_name:
            organisation = Organisation.objects.filter(name=organisation_name).first()
            if organisation is not None:
                authority.organisation = organisation
                authority.save(update_fields=["organisation"])
        laws = Record.objects.published().filter(
            jurisdiction_id=cleaned.party.pk, kind=RecordKind.LEGISLATION
        )[:2]
        if laws:
            authority.records.set(laws)
        added += 1
    return added
