"""Name matching across scripts, orders, initials, typos, transliterations and legal forms.

Both names become words (tokens.prepare); adjacent words are joined where the other name writes them as
one ("Xiao Ming"/"Xiaoming", "Abd Allah"/"Abdallah"); each word is paired with its most similar word of
the other name; the score is the weighted share of paired words, where a word of one name that conflicts
with an unpaired word of the other counts fully against, and a word only one name has (a middle name, a
patronymic, a city) counts a little.
"""

from functools import lru_cache

from rigour.text import levenshtein

from palermo.networks.matching.tokens import OBJECT, PERSON, Word, kind_of, prepare

DEFAULT_THRESHOLD = 0.7
MIN_WORD_SIMILARITY = 0.7
# How much a word that only one name has counts against, by kind of name.
EXTRA_WEIGHT = {PERSON: 0.3, OBJECT: 0.6}
EXTRA_WEIGHT_DEFAULT = 0.45


def _ratio(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    if longest == 0:
        return 0.0
    return 1.0 - levenshtein(a, b) / longest


@lru_cache(maxsize=200_000)
def _similarity(left: Word, right: Word) -> float:
    """How alike two words are, 0 to 1."""
    if left.number or right.number:
        return 1.0 if left.text == right.text else 0.0
    if left.text == right.text or left.form == right.form:
        return 1.0
    if (left.alias and left.alias == right.form) or (right.alias and right.alias == left.form):
        return 1.0
    if left.initial or right.initial:
        if left.initial and right.initial:
            return 0.0
        letter, full = (left, right) if left.initial else (right, left)
        return 0.9 if letter.text == full.text[0] or letter.form == full.form[0] else 0.0
    if left.symbols & right.symbols:
        return 0.95
    if left.abjad != right.abjad:
        # One script writes no short vowels: compare consonants only.
        # A final ta marbuta is written -a, -ah or -at in Latin: "Najma", "Najmah"
        a, b = (w[:-1] if len(w) > 2 and w[-1] in "th" else w for w in (left.skeleton, right.skeleton))
        if a == b and a:
            return 0.92
        return 0.92 * _ratio(a, b) if min(len(a), len(b)) >= 3 else 0.0
    score = _ratio(left.form, right.form)
    if score < 1 and _transposed(left.form, right.form):
        score = 1.0 - 1.0 / max(len(left.form), len(right.form))
    if left.form[0] != right.form[0]:
        score *= 0.85  # slips rarely hit the first letter; another first letter is mostly another name
    short, long = sorted((left.form, right.form), key=len)
    if len(short) >= 5 and long.startswith(short):
        score = max(score, 0.85)  # "invest"/"investments", "holding"/"holdings"
    return score


def _transposed(a: str, b: str) -> bool:
    """Whether b is a with two adjacent letters swapped."""
    if len(a) != len(b):
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def _join(words: list[Word], other: tuple[Word, ...]) -> list[Word]:
    """Join adjacent words that the other name writes as one ("Xiao Ming"/"Xiaoming", "Abd Allah"/"Abdallah")."""
    joined = list(words)
    index = 0
    while index < len(joined) - 1:
        a, b = joined[index], joined[index + 1]
        if not (a.number or b.number or a.initial or b.initial):
            merged = Word(
                text=a.text + b.text,
                form=a.form + b.form,
                abjad=a.abjad,
                weight=min(1.0, a.weight + b.weight),
            )
            for word in other:
                similarity = _similarity(merged, word)
                if similarity >= 0.85 and similarity > max(_similarity(a, word), _similarity(b, word)):
                    joined[index : index + 2] = [merged]
                    break
            else:
                index += 1
            continue
        index += 1
    return joined


def _align(
    left: list[Word], right: list[Word]
) -> tuple[list[tuple[Word, Word, float]], list[Word], list[Word]]:
    """Pairs of words, most similar first; then the words left unpaired on each side."""
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            similarity = _similarity(a, b)
            if similarity >= MIN_WORD_SIMILARITY:
                candidates.append((similarity, min(a.weight, b.weight), i, j))
    candidates.sort(reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for similarity, _, i, j in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((left[i], right[j], similarity))
    rest_left = [w for i, w in enumerate(left) if i not in used_left]
    rest_right = [w for j, w in enumerate(right) if j not in used_right]
    return pairs, rest_left, rest_right


def _score(kind: str, left: tuple[Word, ...], right: tuple[Word, ...]) -> float:
    if not left or not right:
        return 0.0
    pairs, rest_left, rest_right = _align(_join(list(left), right), _join(list(right), left))
    if not pairs:
        return 0.0
    matched = sum(min(a.weight, b.weight) for a, b, _ in pairs)
    evidence = sum(similarity * min(a.weight, b.weight) for a, b, similarity in pairs)
    if all(a.initial or b.initial for a, b, _ in pairs) or matched == 0:
        return min(0.5, evidence / max(matched, 1.0))  # initials alone name nobody
    weight_left = sum(w.weight for w in rest_left)
    weight_right = sum(w.weight for w in rest_right)
    conflict = min(weight_left, weight_right)
    extra = abs(weight_left - weight_right)
    numbers = sum(w.weight for w in (*rest_left, *rest_right) if w.number)
    extra_weight = EXTRA_WEIGHT.get(kind, EXTRA_WEIGHT_DEFAULT)
    return evidence / (matched + conflict + extra * extra_weight + numbers * (1 - extra_weight))


def match_names(schema: str, name1: str, name2: str) -> float:
    """How likely two names of an FtM schema name the same person, company or thing, from 0 to 1."""
    if name1 == name2 and name1.strip():
        return 1.0
    kind = kind_of(schema)
    left, right = prepare(kind, name1), prepare(kind, name2)
    if left == right and left:
        return 1.0
    # Symmetric by construction: the two names are always aligned in the same order, whichever is given
    # first (running the alignment from both sides cost twice as much and differed on none of the 6,800
    # labelled pairs).
    first, second = sorted((left, right), key=_order)
    return round(_score(kind, first, second), 6)


def _order(words: tuple[Word, ...]) -> tuple:
    return tuple(word.form for word in words), tuple(word.text for word in words)
