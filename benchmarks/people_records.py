"""Seeded generator of invented person records with known true clusters, for `palermo dedupe-records`.

    .venv/bin/python benchmarks/people_records.py --records 1000000 --seed 1 -o /tmp/people.csv \
        [--truth /tmp/people_truth.csv]

Several records per person, as in Splink's fake_1000 or FEBRL: typos, swapped first and last names,
nicknames, missing fields, date errors (day and month swapped, a digit mistyped, a year off by one),
changed e-mail addresses, phones and cities. The CSV has the columns `palermo dedupe-records` reads; the
true person of each record goes to --truth (unique_id,person_id), never into the input.
"""

import argparse
import csv
import datetime
import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

COLUMNS = (
    "unique_id",
    "first_name",
    "surname",
    "dob",
    "birth_place",
    "city",
    "postcode",
    "email",
    "phone",
    "gender",
    "occupation",
    "nationality",
)
# Real first names with their common short forms: a nickname is a record error the model must survive.
NICKNAMES = {
    "robert": ["bob", "rob", "bobby"],
    "william": ["bill", "will", "billy"],
    "james": ["jim", "jimmy"],
    "john": ["jack", "johnny"],
    "michael": ["mike", "mick"],
    "richard": ["rick", "dick"],
    "thomas": ["tom", "tommy"],
    "charles": ["charlie", "chuck"],
    "joseph": ["joe", "joey"],
    "daniel": ["dan", "danny"],
    "matthew": ["matt"],
    "anthony": ["tony"],
    "edward": ["ed", "eddie", "ted"],
    "alexander": ["alex", "sasha"],
    "nicholas": ["nick"],
    "andrew": ["andy", "drew"],
    "elizabeth": ["liz", "beth", "betty"],
    "margaret": ["maggie", "peggy", "meg"],
    "catherine": ["kate", "cathy"],
    "katherine": ["kate", "kathy"],
    "jennifer": ["jen", "jenny"],
    "patricia": ["pat", "patty"],
    "susan": ["sue", "susie"],
    "deborah": ["debbie", "deb"],
    "rebecca": ["becky"],
    "victoria": ["vicky", "tori"],
    "christine": ["chris", "tina"],
    "barbara": ["barb"],
    "dorothy": ["dot", "dottie"],
    "alexandra": ["alex", "sasha"],
}
MALE_REAL = [*list(NICKNAMES)[:16], "peter", "paul", "mark", "david", "ivan", "omar", "ali", "juan", "luca"]
FEMALE_REAL = [*list(NICKNAMES)[16:], "anna", "maria", "sofia", "olga", "fatima", "lucia", "emma", "lea"]
SYLLABLES = [
    "ka",
    "ro",
    "le",
    "mi",
    "na",
    "to",
    "sa",
    "vi",
    "de",
    "lo",
    "ra",
    "ni",
    "be",
    "ta",
    "mo",
    "ri",
    "su",
    "ko",
    "an",
    "el",
    "ar",
    "in",
    "os",
    "us",
    "ma",
    "li",
    "da",
    "go",
    "ve",
    "no",
    "zu",
    "ha",
    "pe",
    "ti",
    "bo",
    "cha",
    "shi",
    "gra",
    "bri",
    "dra",
    "ste",
    "vla",
    "kri",
    "zo",
    "ya",
    "fe",
    "lu",
    "wi",
]
SURNAME_ENDINGS = ["", "", "", "son", "ov", "ova", "ez", "ini", "escu", "berg", "ski", "ić", "er", "ley"]
OCCUPATIONS = [
    "teacher",
    "nurse",
    "driver",
    "engineer",
    "farmer",
    "accountant",
    "lawyer",
    "clerk",
    "mechanic",
    "cook",
    "electrician",
    "builder",
    "doctor",
    "student",
    "retired",
    "unemployed",
    "trader",
    "pilot",
    "sailor",
    "banker",
    "cashier",
    "guard",
    "painter",
    "baker",
]
NATIONALITIES = [
    "it",
    "de",
    "fr",
    "es",
    "gb",
    "pl",
    "ro",
    "ng",
    "ma",
    "co",
    "br",
    "mx",
    "us",
    "ru",
    "ua",
    "al",
    "rs",
    "tr",
    "cn",
    "in",
    "pk",
    "ph",
    "vn",
    "th",
]
DOMAINS = ["mail.test", "post.test", "inbox.test", "web.test", "example.org", "example.com"]


@dataclass
class Person:
    person_id: int
    first_name: str
    surname: str
    dob: datetime.date
    birth_place: str
    city: int
    email: str
    phone: str
    gender: str
    occupation: str
    nationality: str


class Generator:
    """Draws people and their records; every choice comes from one seeded `random.Random`."""

    def __init__(self, seed: int, people: int):
        self.rng = random.Random(seed)
        rng = self.rng
        # Invented names are plentiful, as in a real population; the frequent ones stay frequent.
        invented = {self._word(rng.randint(2, 3)) for _ in range(max(2000, people // 20))}
        self.male = MALE_REAL + sorted(invented)[: len(invented) // 2]
        self.female = FEMALE_REAL + sorted(invented)[len(invented) // 2 :]
        self.surnames = sorted(
            {
                self._word(rng.randint(2, 3)) + rng.choice(SURNAME_ENDINGS)
                for _ in range(max(5000, people // 4))
            }
        )
        self.cities = sorted({self._word(rng.randint(2, 4)) for _ in range(3000)})
        self.male_weights = self._zipf(len(self.male))
        self.female_weights = self._zipf(len(self.female))
        self.surname_weights = self._zipf(len(self.surnames))
        self.city_weights = self._zipf(len(self.cities))

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))

    @staticmethod
    def _zipf(size: int) -> list[float]:
        # A flattened Zipf law: the commonest value is about 1% of people, not a third of them.
        return list(itertools.accumulate(1 / (rank + 50) for rank in range(size)))

    def person(self, person_id: int) -> Person:
        rng = self.rng
        gender = rng.choice("mf")
        names, weights = (
            (self.male, self.male_weights) if gender == "m" else (self.female, self.female_weights)
        )
        first = rng.choices(names, cum_weights=weights)[0]
        surname = rng.choices(self.surnames, cum_weights=self.surname_weights)[0]
        dob = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(29000))
        city = rng.choices(range(len(self.cities)), cum_weights=self.city_weights)[0]
        return Person(
            person_id=person_id,
            first_name=first,
            surname=surname,
            dob=dob,
            birth_place=rng.choices(self.cities, cum_weights=self.city_weights)[0],
            city=city,
            email=f"{first}.{surname}{rng.randrange(100) if rng.random() < 0.5 else ''}@{rng.choice(DOMAINS)}",
            phone=f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}",
            gender=gender,
            occupation=rng.choice(OCCUPATIONS),
            nationality=rng.choice(NATIONALITIES),
        )

    def typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 3:
            return word
        at = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            return word[:at] + word[at + 1 :]
        if kind == 1:
            return word[:at] + rng.choice("aeiourstnl") + word[at:]
        if kind == 2:
            return word[:at] + rng.choice("aeiourstnl") + word[at + 1 :]
        return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]

    def wrong_date(self, dob: datetime.date) -> datetime.date:
        rng = self.rng
        kind = rng.randrange(3)
        if kind == 0 and dob.day <= 12 and dob.day != dob.month:
            return dob.replace(month=dob.day, day=dob.month)
        if kind == 1:
            year = dob.year + rng.choice((-1, 1))
            return dob.replace(year=year, day=min(dob.day, 28))
        day = dob.day + rng.choice((-1, 1, 10, -10))
        return dob.replace(day=day) if 1 <= day <= 28 else dob.replace(day=1 + dob.day % 28)

    def record(self, person: Person, clean: bool) -> dict[str, str]:
        rng = self.rng
        first, surname, dob = person.first_name, person.surname, person.dob
        city, email, phone = person.city, person.email, person.phone
        if not clean:
            if first in NICKNAMES and rng.random() < 0.25:
                first = rng.choice(NICKNAMES[first])
            if rng.random() < 0.2:
                first = self.typo(first)
            if rng.random() < 0.2:
                surname = self.typo(surname)
            if rng.random() < 0.05:
                first, surname = surname, first
            if rng.random() < 0.15:
                dob = self.wrong_date(dob)
            if rng.random() < 0.2:
                city = rng.choices(range(len(self.cities)), cum_weights=self.city_weights)[0]
            if rng.random() < 0.2:
                email = f"{self._word(3)}{rng.randrange(1000)}@{rng.choice(DOMAINS)}"
            elif rng.random() < 0.1:
                user, _at, domain = email.partition("@")
                email = f"{self.typo(user)}@{domain}"
            if rng.random() < 0.15:
                phone = f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
        record = {
            "first_name": first.title(),
            "surname": surname.upper() if rng.random() < 0.3 else surname.title(),
            "dob": dob.isoformat(),
            "birth_place": person.birth_place.title(),
            "city": self.cities[city].title(),
            "postcode": f"{self.cities[city][:2].upper()}{city % 97 + 1} {city % 9 + 1}{rng.choice('AB')}"
            if rng.random() < 0.97
            else f"{self.cities[city][:2].upper()}{city % 97 + 1}",
            "email": email,
            "phone": phone,
            "gender": person.gender,
            "occupation": person.occupation,
            "nationality": person.nationality,
        }
        # Each field is missing now and then, more often in copies than in a person's first record.
        missing = 0.04 if clean else 0.12
        for column in (
            "dob",
            "birth_place",
            "city",
            "postcode",
            "email",
            "phone",
            "occupation",
            "nationality",
        ):
            if rng.random() < missing:
                record[column] = ""
        return record


def generate(records: int, seed: int = 1) -> Iterator[tuple[dict[str, str], int]]:
    """Yield `records` (record, person_id) pairs: people with one to six records each, in shuffled order."""
    generator = Generator(seed, people=max(1, records * 2 // 5))
    rng = generator.rng
    made: list[tuple[dict[str, str], int]] = []
    person_id = 0
    while len(made) < records:
        person = generator.person(person_id)
        copies = rng.choices((1, 2, 3, 4, 5, 6), weights=(35, 25, 18, 11, 7, 4))[0]
        for copy in range(min(copies, records - len(made))):
            made.append((generator.record(person, clean=copy == 0), person_id))
        person_id += 1
    rng.shuffle(made)
    for number, (record, person) in enumerate(made):
        record["unique_id"] = f"r{number}"
        yield record, person


def write(path: str, records: int, seed: int, truth_path: str | None = None) -> dict[str, int]:
    """Write the records' CSV (and the truth) and return {unique_id: person_id}."""
    truth: dict[str, int] = {}
    with open(path, "w", newline="", encoding="utf-8") as output:
        writer = csv.DictWriter(output, fieldnames=COLUMNS)
        writer.writeheader()
        for record, person_id in generate(records, seed):
            writer.writerow(record)
            truth[record["unique_id"]] = person_id
    if truth_path:
        with open(truth_path, "w", newline="", encoding="utf-8") as output:
            csv.writer(output).writerows([("unique_id", "person_id"), *truth.items()])
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--truth", help="also write unique_id,person_id to this file")
    args = parser.parse_args()
    started = time.perf_counter()
    truth = write(args.output, args.records, args.seed, args.truth)
    print(
        f"{len(truth):,} records of {len(set(truth.values())):,} people in "
        f"{time.perf_counter() - started:.1f} s -> {args.output}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
