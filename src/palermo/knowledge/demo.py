"""A generated demo corpus: plausible, invented records, stored with is_demo=True and labelled "demo data".

Real case law is not available offline. The generator is deterministic (a seed), draws States, crime types,
facets, articles and courts from the real register and taxonomy, and writes summaries from templates. The
same generator feeds the search benchmark with larger counts.
"""

import random
from datetime import date

from palermo.knowledge.domain.exchange import import_records
from palermo.knowledge.interfaces.exchange import Batch, Lookups, prepare
from palermo.knowledge.models import CurationState, Record, Term, Vocabulary
from palermo.register.models import Participation

ARTICLES_BY_CRIME = {
    "participation-in-organized-criminal-group": ["UNTOC:5", "UNTOC:2", "UNTOC:10"],
    "money-laundering": ["UNTOC:6", "UNTOC:7", "UNTOC:12"],
    "corruption": ["UNTOC:8", "UNTOC:9"],
    "obstruction-of-justice": ["UNTOC:23", "UNTOC:24"],
    "trafficking-in-persons": ["TIP:3", "TIP:5", "TIP:6", "UNTOC:25"],
    "smuggling-of-migrants": ["SOM:3", "SOM:6", "SOM:8", "SOM:16"],
    "trafficking-in-firearms": ["FIREARMS:3", "FIREARMS:5", "FIREARMS:8"],
}
COURTS = [
    "District Court",
    "Regional Court",
    "Court of Appeal",
    "Supreme Court",
    "High Court",
    "Criminal Court",
]
LEVELS = {
    "District Court": "first_instance",
    "Regional Court": "first_instance",
    "Criminal Court": "first_instance",
    "High Court": "first_instance",
    "Court of Appeal": "appeal",
    "Supreme Court": "highest",
}
SENTENCES = [
    "{years} years' imprisonment",
    "{years} years' imprisonment and a fine",
    "{years} years' imprisonment, confiscation of proceeds",
    "suspended sentence of {years} years",
]
# The numbers in a case's text are those of its tables: the defendants and the victims it counts, and
# the outcome its verdicts give (an acquitted defendant has no sentence).
CASE_SUMMARY = (
    "Demo data. {defendants}{organised} {act} {victims} {victim_word} {route}between {year_from} and {year_to}. "
    "{finding} {means} for the purpose of {purpose}. Evidence included {evidence}. "
    "The court applied the law implementing {articles}."
)
NUMBER_WORDS = {
    1: "The defendant",
    2: "The two defendants",
    3: "The three defendants",
    4: "The four defendants",
}


INSTRUMENT_NAMES = {
    "UNTOC": "the Convention",
    "TIP": "the Trafficking in Persons Protocol",
    "SOM": "the Smuggling of Migrants Protocol",
    "FIREARMS": "the Firearms Protocol",
}


def _articles_in_words(articles: list[str]) -> str:
    """["UNTOC:5", "UNTOC:23"] as a sentence says it: "articles 5 and 23 of the Convention"."""
    by_instrument: dict[str, list[str]] = {}
    for reference in articles:
        code, number = reference.split(":")
        by_instrument.setdefault(code, []).append(number)
    return "; ".join(
        f"article {numbers[0]} of {INSTRUMENT_NAMES.get(code, code)}"
        if len(numbers) == 1
        else f"articles {', '.join(numbers[:-1])} and {numbers[-1]} of {INSTRUMENT_NAMES.get(code, code)}"
        for code, numbers in ((code, sorted(numbers, key=int)) for code, numbers in by_instrument.items())
    )


def _organised(defendants: int) -> str:
    return (
        " (a member of an organized criminal group)"
        if defendants == 1
        else " (members of an organized criminal group)"
    )


def _sentence(template: str, years: int) -> str:
    """A suspended sentence is a short one (at most three years), as courts give them."""
    return template.format(years=1 + years % 3 if template.startswith("suspended") else years)


def _finding(court: str, verdicts: list[str]) -> str:
    """What the court found, in agreement with the defendants' verdicts."""
    convicted = verdicts.count("convicted")
    if convicted == len(verdicts):
        return f"The {court} found that {'they' if convicted > 1 else 'the defendant'} acted"
    if convicted == 0:
        return f"The {court} acquitted {'them' if len(verdicts) > 1 else 'the defendant'}: it was not proven that they acted"
    return f"The {court} convicted {convicted} of the {len(verdicts)} defendants, finding that they acted"


ACTS = ["recruited", "transported", "harboured", "moved", "received", "organized the irregular entry of"]
MEANS = [
    "by deception",
    "by coercion",
    "by abusing a position of vulnerability",
    "by fraud",
    "for a financial or other material benefit",
    "through a structured group of three or more persons",
]
PURPOSES = [
    "sexual exploitation",
    "forced labour in agriculture",
    "forced begging",
    "financial gain",
    "laundering the proceeds",
    "supplying firearms to criminal groups",
]
EVIDENCE = [
    "intercepted communications",
    "financial records",
    "witness testimony",
    "seized mobile phones",
    "cryptocurrency wallet analysis",
    "joint investigation team findings",
    "mutual legal assistance replies",
]
LAW_TEXT = (
    "Demo data. Whoever {conduct} shall be punished with imprisonment of {low} to {high} years. "
    "The penalty is increased where the offence is committed by an organized criminal group, involves a child, "
    "or endangers the life or safety of the persons concerned."
)
CONDUCT = {
    "trafficking-in-persons": "recruits, transports, transfers, harbours or receives persons by means of threat, "
    "force, coercion, fraud or deception for the purpose of exploitation",
    "smuggling-of-migrants": "procures the illegal entry of a person into a State of which the person is not a "
    "national, in order to obtain a financial or other material benefit",
    "money-laundering": "converts or transfers property knowing that it is the proceeds of crime",
    "participation-in-organized-criminal-group": "takes an active part in an organized criminal group",
    "trafficking-in-firearms": "imports, exports or transfers firearms, their parts or ammunition without authorization",
    "corruption": "promises, offers or gives a public official an undue advantage",
}


def _initials(rng: random.Random) -> str:
    letters = "ABCDEFGHIJKLMNOPRSTVZ"
    return f"{rng.choice(letters)}.{rng.choice(letters)}."


def generate(count: int, *, seed: int = 2015) -> list[dict]:
    """`count` records as import dictionaries (the JSON Lines format)."""
    rng = random.Random(seed)
    parties = sorted(
        set(
            Participation.objects.exclude(consent=None)
            .exclude(party__kind="regional_organization")
            .values_list("party_id", flat=True)
        )
    )
    crimes = list(
        Term.objects.current().filter(vocabulary=Vocabulary.CRIME_TYPE).values_list("slug", flat=True)
    )
    cross = list(
        Term.objects.current().filter(vocabulary=Vocabulary.CROSS_CUTTING).values_list("slug", flat=True)
    )
    facets: dict[str, list[str]] = {}
    for group, value, crime in Term.objects.filter(vocabulary=Vocabulary.FACET_VALUE).values_list(
        "parent__slug", "slug", "parent__parent__slug"
    ):
        facets.setdefault(crime, []).append(f"{group}/{value}")
    records = []
    for number in range(count):
        kind = rng.choices(["case", "legislation", "strategy", "bibliography"], weights=[60, 25, 5, 10])[0]
        crime = rng.choice(list(ARTICLES_BY_CRIME)) if rng.random() < 0.8 else rng.choice(crimes)
        party = rng.choice(parties)
        year = rng.randint(2004, 2015)
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        articles = rng.sample(
            ARTICLES_BY_CRIME.get(crime, []), k=min(2, len(ARTICLES_BY_CRIME.get(crime, [])))
        )
        record = {
            "kind": kind,
            "jurisdiction": party,
            "date": day.isoformat(),
            "crime_types": [crime],
            "cross_cutting": rng.sample(cross, k=rng.randint(0, 3)),
            "articles": articles,
            "facet_values": rng.sample(
                facets.get(crime, []), k=min(len(facets.get(crime, [])), rng.randint(0, 3))
            ),
            "supplied_by": "Palermo demo generator",
        }
        if kind == "case":
            court = rng.choice(COURTS)
            defendants = []
            for _ in range(rng.randint(1, 4)):
                verdict = rng.choice(["convicted", "convicted", "acquitted"])
                defendants.append(
                    {
                        "name": _initials(rng),
                        "gender": rng.choice(["female", "male"]),
                        "nationality_id": rng.choice([party, rng.choice(parties)]),
                        "verdict": verdict,
                        "sentence": _sentence(rng.choice(SENTENCES), rng.randint(2, 14))
                        if verdict == "convicted"
                        else "",
                        "charges": f"offences under {_articles_in_words(articles)}" if articles else "",
                    }
                )
            victims = [
                {
                    "count": rng.randint(1, 40),
                    "age_group": rng.choice(["adult", "child", "unknown"]),
                    "gender": rng.choice(["female", "male", "unknown"]),
                }
            ]
            victim_count = sum(v["count"] for v in victims)
            record.update(
                title=f"Public Prosecutor v. {defendants[0]['name']}{' and others' if len(defendants) > 1 else ''}"
                f" ({year}, demo {number + 1})",
                reference=f"{rng.randint(1, 999)}/{year}",
                summary={
                    "en": CASE_SUMMARY.format(
                        defendants=NUMBER_WORDS[len(defendants)],
                        organised=_organised(len(defendants)) if rng.random() < 0.5 else "",
                        act=rng.choice(ACTS),
                        victims=victim_count,
                        victim_word="person" if victim_count == 1 else "persons",
                        route=rng.choice(["by sea ", "by land ", "by air ", ""]),
                        year_from=year - 2,
                        year_to=year - 1,
                        finding=_finding(court.lower(), [d["verdict"] for d in defendants]),
                        means=rng.choice(MEANS),
                        purpose=rng.choice(PURPOSES),
                        evidence=", ".join(rng.sample(EVIDENCE, 2)),
                        articles=_articles_in_words(articles) or "the Convention",
                    )
                },
                detail={
                    "court": court,
                    "court_type": "criminal",
                    "court_level": LEVELS[court],
                    "legal_system": rng.choice(["civil_law", "common_law", "mixed"]),
                },
                defendants=defendants,
                victims=victims,
                anonymised=True,
            )
        elif kind == "legislation":
            provision = f"art. {rng.randint(100, 700)}"
            record.update(
                title=f"Criminal Code, {provision} (demo {number + 1})",
                text=LAW_TEXT.format(
                    conduct=CONDUCT.get(crime, "commits the offence"),
                    low=rng.randint(1, 4),
                    high=rng.randint(5, 20),
                ),
                detail={"law_title": "Criminal Code", "provision": provision},
            )
        elif kind == "strategy":
            record.update(
                title=f"National action plan against {crime.replace('-', ' ')} {year}-{year + 4} (demo {number + 1})",
                summary={
                    "en": "Demo data. Priorities: prevention, protection of victims, prosecution and partnership."
                },
                detail={
                    "scope": "national",
                    "issuing_body": "Ministry of the Interior",
                    "period_start": year,
                    "period_end": year + 4,
                },
            )
        else:
            record.update(
                title=f"Patterns of {crime.replace('-', ' ')}: evidence from court records (demo {number + 1})",
                summary={"en": "Demo data. A study of court decisions and interviews with practitioners."},
                detail={
                    "authors": [f"Demo Author {_initials(rng)}" for _ in range(rng.randint(1, 3))],
                    "publisher": "Demo University Press",
                    "research_method": rng.choice(["qualitative", "quantitative", "mixed", "legal_analysis"]),
                },
            )
        records.append(record)
    return records


def create_demo_corpus(count: int = 240) -> int:
    """Load the demo corpus once (published, is_demo=True). Returns how many records were added."""
    if Record.objects.filter(is_demo=True).exists():
        return 0
    batch, lookups = Batch("demo corpus"), Lookups()
    for line, data in enumerate(generate(count), start=1):
        prepare(data, line, batch, lookups)
    return len(import_records(batch=batch, state=CurationState.PUBLISHED, is_demo=True))
