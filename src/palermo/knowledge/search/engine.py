"""Search the knowledge base: full text, filters, facet counts, sorting, pages and snippets.

The index (palermo.knowledge.search.index) lives in the database and is read the same way on SQLite and
PostgreSQL, so both find the same records in the same order with the same scores. Matching and BM25
ranking read the postings of the query's words; filters, facet counts and sorting run over the in-memory
columns of every record (palermo.knowledge.search.snapshot). Equal scores are ordered newest first (year,
then date), then by the highest id.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape

import numpy as np
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import SafeString, mark_safe

from palermo.accounts.rules import is_secretariat
from palermo.knowledge.models import Record
from palermo.knowledge.search import labels
from palermo.knowledge.search import snapshot as snapshots
from palermo.knowledge.search.evaluate import Evaluator
from palermo.knowledge.search.facets import count_facets, facet_rows, filter_mask
from palermo.knowledge.search.passages import passages_of
from palermo.knowledge.search.query import QueryError, Wanted, parse, wanted
from palermo.knowledge.search.tags import tag_names
from palermo.knowledge.search.text import iter_word_spans

MAX_PER_PAGE = 100
SNIPPET_WORDS = 40
NEWEST_SLICE = 1 << 16  # ids of the newest-first order read at a time, when only the first ones are wanted
SAMPLE_STEP = 64  # every how many records a page by relevance samples to guess its lowest score
# Facets are counted (NumPy, which lets other threads run meanwhile) while the page's records are loaded and
# their snippets cut (Python): on two cores a search takes about the longer of the two, not their sum.
_facet_counter = ThreadPoolExecutor(max_workers=2, thread_name_prefix="facet-counts")


@dataclass
class SearchParams:
    q: str = ""
    kind: str = ""
    crime_type: str = ""
    facet: str = ""  # "group/value"
    cross_cutting: str = ""
    party: str = ""
    group: str = ""
    subregion: str = ""
    year_from: int | None = None
    year_to: int | None = None
    court_type: str = ""
    article: int | None = None
    verdict: str = ""
    defendant_gender: str = ""
    victim_age: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    languages: tuple[str, ...] = ("en",)


@dataclass
class Hit:
    record: Record
    score: float | None
    snippet: SafeString | str = ""
    anchor: str = ""


@dataclass
class SearchResult:
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    error: str = ""
    hint: str = ""  # how to write the query, when it has an error
    page: int = 1
    pages: int = 1


@dataclass
class Matches:
    """What a search selects, before paging: a boolean array by record id, and scores when there was text."""

    snapshot: snapshots.Snapshot
    selected: np.ndarray
    scores: np.ndarray | None
    node: object
    in_text: np.ndarray | None = None  # records a query word matched in their text, not only in tag names

    def ordered(self, sort: str, limit: int | None = None) -> np.ndarray:
        """The selected record ids in the search's order (the first `limit` of them when given): by
        relevance, equal scores newest first (year, then date, unknown last), then the highest id; by date,
        in that order alone."""
        by_relevance = self.scores is not None and sort == "relevance"
        if not by_relevance:
            return self._newest(limit)
        ids = self._best(limit) if limit is not None else None
        if ids is None:
            ids = np.flatnonzero(self.selected)
        rank = self.snapshot.date_rank()
        keys = np.negative(self.scores[ids])
        if limit is not None and limit < len(ids):
            # keep the `limit` smallest keys and every key equal to the last of them (ties are ordered below)
            threshold = np.partition(keys, max(limit, 1) - 1)[max(limit, 1) - 1]
            keep = keys <= threshold
            ids, keys = ids[keep], keys[keep]
        return ids[np.lexsort((rank[ids], keys))][:limit]

    def _best(self, limit: int) -> np.ndarray | None:
        """The selected ids scoring at least as high as a threshold that leaves `limit` of them or more (all
        the first `limit` ones and their ties among them), without sorting or partitioning every match: the
        threshold is guessed from every SAMPLE_STEP-th record and checked. None when there are few matches
        or the guess falls short (then every match is ranked)."""
        scores = self.scores
        if limit * SAMPLE_STEP * 4 > len(scores):
            return None
        sample = scores[::SAMPLE_STEP][self.selected[::SAMPLE_STEP]]
        wanted = 4 * limit // SAMPLE_STEP + 8  # sampled records above the guess: about 4 times `limit` in all
        if len(sample) <= wanted:
            return None
        guess = np.partition(sample, len(sample) - wanted)[len(sample) - wanted]
        above = scores >= guess
        above &= self.selected
        ids = np.flatnonzero(above)
        return ids if len(ids) >= limit else None

    def _newest(self, limit: int | None) -> np.ndarray:
        """The selected ids newest first: the snapshot's order read a slice at a time, until `limit`."""
        order = self.snapshot.newest_first()
        if limit is None:
            return order[self.selected[order]]
        found, count = [], 0
        for start in range(0, len(order), NEWEST_SLICE):
            part = order[start : start + NEWEST_SLICE]
            found.append(part[self.selected[part]])
            count += len(found[-1])
            if count >= limit:
                break
        return np.concatenate(found)[:limit] if found else order[:0]


def visible_mask(snapshot: snapshots.Snapshot, user) -> np.ndarray:
    """Published records for everyone; unpublished ones only for those `Record.visible_to` lets see them."""
    if is_secretariat(user):
        return snapshot.live
    visible = snapshot.published.copy()
    if user.is_authenticated:
        own = Record.objects.visible_to(user).exclude(state="published").values_list("id", flat=True)
        own_ids = np.array([i for i in own if i < snapshot.size], dtype=np.int64)
        visible[own_ids] = snapshot.live[own_ids]
    return visible


def find(params: SearchParams, user) -> Matches:
    """The records a search selects. Raises QueryError if the query cannot be searched."""
    node = parse(params.q) if params.q.strip() else None
    snapshot = snapshots.current()
    selected = visible_mask(snapshot, user) & filter_mask(snapshot, params)
    scores, in_text = None, None
    if node is not None:
        evaluator = Evaluator(snapshot, params.languages[0], tag_names())
        evaluator.prepare(node)
        matched, scores = evaluator.evaluate(node)
        selected &= matched
        in_text = evaluator.in_text
    return Matches(snapshot, selected, scores, node, in_text)


def ordered_ids(params: SearchParams, user) -> list[int]:
    """Every record id a search finds, in its order (for downloads). Raises QueryError if bad."""
    return find(params, user).ordered(params.sort).tolist()


def newest_published(params: SearchParams, limit: int = 50) -> list[int]:
    """The ids of the most recently published records a search finds (for feeds)."""
    matches = find(params, AnonymousUser())
    ids = np.flatnonzero(matches.selected & matches.snapshot.published)
    published = matches.snapshot.columns["published"][ids]
    order = np.lexsort((-ids, -published))[:limit]
    return ids[order].tolist()


def search(params: SearchParams, user) -> SearchResult:
    """One page of a search, with its facet counts and snippets (the labels' version read once)."""
    with labels.checked():
        return _search(params, user)


def _search(params: SearchParams, user) -> SearchResult:
    result = SearchResult()
    try:
        matches = find(params, user)
    except QueryError as error:
        result.error, result.hint = str(error), error.hint
        return result
    counting = _facet_counter.submit(count_facets, matches.snapshot, matches.selected)
    per_page = max(1, min(params.per_page, MAX_PER_PAGE))
    result.total = int(matches.selected.sum())
    result.pages = max(1, -(-result.total // per_page))
    result.page = max(1, min(params.page, result.pages))
    page_ids = matches.ordered(params.sort, limit=result.page * per_page)[(result.page - 1) * per_page :]
    by_id = Record.objects.select_related(
        "jurisdiction", "case", "legislation", "strategy", "bibliography"
    ).in_bulk(page_ids.tolist())
    scores = matches.scores
    result.hits = [
        Hit(by_id[i], float(scores[i]) if scores is not None else None)
        for i in page_ids.tolist()
        if i in by_id
    ]
    if matches.node is not None:
        in_text = [hit for hit in result.hits if matches.in_text[hit.record.pk]]
        _add_snippets(in_text, wanted(matches.node, params.languages[0]), params.languages[0])
    result.facets = facet_rows(counting.result())
    return result


def matched(spans: list[tuple[int, int, str]], looked_for: Wanted) -> set[int]:
    """Which words of a text (by place in `spans`) the query matches: a word or prefix anywhere, a phrase
    only where all its words follow one another."""
    found = {i for i, (_s, _e, token) in enumerate(spans) if _is_wanted_word(token, looked_for)}
    sequence = [token for _s, _e, token in spans]
    for phrase in looked_for.phrases:
        size = len(phrase)
        for start in range(len(sequence) - size + 1):
            if sequence[start] == phrase[0] and tuple(sequence[start : start + size]) == phrase:
                found.update(range(start, start + size))
    return found


def _is_wanted_word(token: str, looked_for: Wanted) -> bool:
    """Whether a token is one the query looks for alone: a word, or a word starting with a prefix."""
    return token in looked_for.words or bool(looked_for.prefixes and token.startswith(looked_for.prefixes))


def highlight(text: str, spans: list[tuple[int, int, str]], marked: set[int]) -> SafeString:
    """The text around the first match, each character once, with the matched words in <mark> (the
    overlapping character pairs of CJK text marked as one run)."""
    if not spans:
        return mark_safe("")
    first = max(0, min(marked, default=0) - SNIPPET_WORDS // 4)
    window = spans[first : first + SNIPPET_WORDS]
    runs: list[list[int]] = []  # [start, end] of each mark
    for index in sorted(marked):
        if first <= index < first + SNIPPET_WORDS:
            start, end, _token = spans[index]
            if runs and start < runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
    out, cursor = [], window[0][0] if first > 0 else 0
    if first > 0:
        out.append("… ")
    for start, end in runs:
        out += [escape(text[cursor:start]), f"<mark>{escape(text[start:end])}</mark>"]
        cursor = end
    if first + SNIPPET_WORDS < len(spans):
        out += [escape(text[cursor : max(cursor, window[-1][1])]), " …"]
    else:
        out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


def snippet(text: str, language: str, looked_for: Wanted) -> SafeString | None:
    """The highlighted window of a text around its first match (None when nothing matches), tokenizing the
    text only as far as the window needs."""
    longest = max((len(phrase) for phrase in looked_for.phrases), default=1)
    spans: list[tuple[int, int, str]] = []
    sequence: list[str] = []
    # how many spans the window (and a phrase that starts in it) needs, once the first match is seen
    end = None
    for span in iter_word_spans(text, language):
        spans.append(span)
        sequence.append(span[2])
        if end is None:
            start = _match_ending_here(sequence, looked_for)
            if start is not None:
                end = max(start - SNIPPET_WORDS // 4, 0) + SNIPPET_WORDS + longest
        elif len(spans) > end:
            break
    if end is None:
        return None
    return highlight(text, spans, matched(spans, looked_for))


def _match_ending_here(sequence: list[str], looked_for: Wanted) -> int | None:
    """Where a match ends at the last token of `sequence` starts (a word, a prefix or a whole phrase)."""
    token = sequence[-1]
    if _is_wanted_word(token, looked_for):
        return len(sequence) - 1
    for phrase in looked_for.phrases:
        if token == phrase[-1] and tuple(sequence[-len(phrase) :]) == phrase:
            return len(sequence) - len(phrase)
    return None


def _add_snippets(hits: list[Hit], looked_for: Wanted, language: str) -> None:
    """The first paragraph of each hit that matches (a phrase whole), in the reader's language when there
    is one, with a link to it."""
    for hit in hits:
        passages = sorted(passages_of(hit.record), key=lambda p: p.language != language)
        for passage in passages:
            if passage.anchor == "title":
                continue
            found = snippet(passage.text, passage.language, looked_for)
            if found is not None:
                hit.snippet, hit.anchor = found, passage.anchor
                break
