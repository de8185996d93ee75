"""Synthetic knowledge-base records for the search benchmark, with text that reads like the real thing.

Metadata (States, crime types, facets, articles, courts, defendants, victims) comes from
`palermo.knowledge.demo.generate`. The text is longer and wider than the demo's templates:

- sentences from an order-2 word Markov chain trained on the authentic article texts of the four
  instruments in the register (real legal vocabulary, real word frequencies);
- in every paragraph, a sentence of facts with people's and places' names drawn with a Zipf-like skew from
  pools of invented names (the long tail of rare words that real judgments have);
- lengths like SHERLOC entries: a case has 2-4 paragraphs of facts and 0-2 of commentary (about 330
  words), a provision about 120 words, a publication's abstract about 150, a strategy about 200.

Everything is deterministic for a seed; every record says "Demo data" and is stored with is_demo=True.
"""

import bisect
import itertools
import random
import re
from collections.abc import Iterator

from palermo.knowledge.demo import generate
from palermo.register.models import Article

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ta",
    "le",
    "su",
    "no",
    "vi",
    "da",
    "ne",
    "lo",
    "ri",
    "sa",
    "be",
    "to",
    "mu",
    "ha",
    "ze",
    "pa",
    "go",
    "li",
    "ja",
    "fe",
    "du",
    "ra",
    "ki",
    "so",
    "ma",
]
FACTS = [
    "{a} and {b} were arrested in {p} on {d} after {n} months of surveillance.",
    "The vessel left {p} with {n} passengers; {a} acted as captain and {b} collected the payments.",
    "Witness {a} testified that {b} had promised work in {p} and kept the passports.",
    "Transfers of {n} thousand were sent from {p} to accounts held by {a} and {b}.",
    "The court heard {n} victims from {p}; the testimony of {a} was corroborated by {b}.",
]


def _names(rng: random.Random, count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(found)


class TextMaker:
    def __init__(self, seed: int, sentences: int = 30_000):
        rng = random.Random(seed)
        words = re.findall(r"[\w'-]+|[.;,:]", " ".join(Article.objects.values_list("text", flat=True)))
        chain: dict[tuple[str, str], list[str]] = {}
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            chain.setdefault((a, b), []).append(c)
        starts = [(a, b) for (a, b) in chain if a == "." and b[0].isupper()]
        pool = []
        while len(pool) < sentences:
            state = rng.choice(starts)
            out = [state[1]]
            while len(out) < 45:
                following = chain.get(state)
                if not following:
                    break
                word = rng.choice(following)
                if word == ".":
                    break
                out.append(word)
                state = (state[1], word)
            if len(out) >= 6:
                pool.append(re.sub(r" ([.;,:])", r"\1", " ".join(out)) + ".")
        self.sentences = pool
        self.people = _names(rng, 60_000)
        self.places = _names(rng, 15_000)
        self.weights = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(self.people))))

    def _name(self, rng: random.Random, names: list[str]) -> str:
        rank = bisect.bisect(self.weights, rng.random() * self.weights[-1])
        return names[rank % len(names)]

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        fact = rng.choice(FACTS).format(
            a=self._name(rng, self.people),
            b=self._name(rng, self.people),
            p=self._name(rng, self.places),
            d=f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October', 'January'])} {rng.randint(2000, 2015)}",
            n=rng.randint(2, 90),
        )
        return " ".join([*rng.sample(self.sentences, sentences), fact])

    def paragraphs(self, rng: random.Random, low: int, high: int) -> str:
        return "\n\n".join(self.paragraph(rng, rng.randint(2, 4)) for _ in range(rng.randint(low, high)))


def records(count: int, seed: int = 7, chunk: int = 20_000) -> Iterator[list[dict]]:
    """`count` records as import dictionaries, in lists of `chunk`."""
    maker = TextMaker(seed)
    rng = random.Random(seed)
    for start in range(0, count, chunk):
        batch = generate(min(chunk, count - start), seed=seed + start)
        for record in batch:
            if record["kind"] == "case":
                record["summary"] = {"en": record["summary"]["en"] + "\n\n" + maker.paragraphs(rng, 2, 4)}
                commentary = maker.paragraphs(rng, 0, 2)
                if commentary:
                    record["commentary"] = {"en": "Demo data. " + commentary}
            elif record["kind"] == "legislation":
                record["text"] = record["text"] + "\n\n" + maker.paragraph(rng, rng.randint(2, 4))
            else:
                extra = maker.paragraphs(rng, 1, 2 if record["kind"] == "strategy" else 1)
                record["summary"] = {"en": record["summary"]["en"] + "\n\n" + extra}
        yield batch
