"""Search the Conference's record — its resolutions and decisions, their operative paragraphs and its
documents — with the knowledge base's query syntax (palermo.knowledge.search.query: words, "phrases", OR,
NOT, prefix*) and facets: kind, meeting, body, year, topic and article cited.

Each text is matched under the analysis of its own language: a query word matches a French paragraph when
the word as written or its French stem is one of the paragraph's words, and never through the stem another
language would give it (issue 17 asks the same of the knowledge base). Chinese text is matched by character
pairs, as the knowledge base indexes it.

The record is small (a session adopts some ten resolutions of some twenty paragraphs; documents number in
the hundreds), so its items are analysed once per process and kept in memory until the record changes: one
query of counts and last ids tells (`fingerprint`); the Conference's writes only add, never edit text
(palermo.conference.domain.records). Results are ordered by date, the latest meeting first; within a
meeting resolutions, then their paragraphs in order, then documents by symbol.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from threading import Lock

from django.db import connection
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from palermo.conference.models import Decision, Document, Meeting, OperativeParagraph
from palermo.knowledge.search.engine import highlight, matched
from palermo.knowledge.search.query import And, Not, Or, Phrase, Term, Wanted, parse
from palermo.knowledge.search.text import fold, tokens, word_spans

KINDS = (
    ("decision", _("Resolutions and decisions")),
    ("paragraph", _("Operative paragraphs")),
    ("document", _("Documents")),
)
PER_PAGE = 20


@dataclass
class Text:
    """One language version of an item's text, as its words' tokens under that language's analysis."""

    language: str
    text: str
    tokens: list[str]
    words: frozenset[str]

    @classmethod
    def of(cls, language: str, text: str, extra: str = "") -> "Text":
        """`text` is what is shown; `extra` (a number, a symbol) is searched too."""
        found = tokens(f"{extra} {text}" if extra else text, language)
        return cls(language, text, found, frozenset(found))

    def has(self, sequence: tuple[str, ...]) -> bool:
        """Whether the tokens occur here, one after another."""
        if len(sequence) == 1:
            return sequence[0] in self.words
        if not self.words.issuperset(sequence):
            return False
        size = len(sequence)
        return any(
            tuple(self.tokens[start : start + size]) == sequence
            for start, token in enumerate(self.tokens)
            if token == sequence[0]
        )


@dataclass
class Item:
    kind: str
    pk: int
    meeting_id: int
    body: str
    day: date
    texts: list[Text]
    is_demo: bool
    order: tuple = ()
    topics: frozenset[int] = frozenset()
    articles: frozenset[int] = frozenset()
    decision_id: int | None = None
    decision_kind: str = ""
    decision_number: str = ""
    number: int | None = None
    symbol: str = ""
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.day.year


@dataclass
class Index:
    items: list[Item]
    meetings: dict[int, Meeting]


_lock = Lock()
_cached: tuple[tuple, Index] | None = None


def fingerprint() -> tuple:
    """Changes whenever the Conference's record gains or loses a meeting, a decision, a paragraph or a
    document (one query: the number and the last id of each)."""
    quote = connection.ops.quote_name
    parts = []
    for model in (Meeting, Decision, OperativeParagraph, Document):
        table = quote(model._meta.db_table)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({quote('id')}) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def current() -> Index:
    """The analysed record, read again only when its fingerprint has changed."""
    global _cached
    stamp = fingerprint()
    with _lock:
        if _cached is None or _cached[0] != stamp:
            _cached = (stamp, _read())
        return _cached[1]


def _texts(by_language: dict[str, str], extra: str = "") -> list[Text]:
    return [Text.of(language, text, extra) for language, text in by_language.items() if text]


def _read() -> Index:
    meetings = {meeting.pk: meeting for meeting in Meeting.objects.all()}
    items: list[Item] = []
    decisions = {}
    for decision in Decision.objects.order_by("id"):
        meeting = meetings[decision.meeting_id]
        decisions[decision.pk] = decision
        items.append(
            Item(
                "decision",
                decision.pk,
                meeting.pk,
                meeting.body,
                decision.adopted,
                _texts(decision.titles, decision.number),
                meeting.is_demo,
                order=(decision.kind, decision.pk),
                decision_id=decision.pk,
                decision_kind=decision.kind,
                decision_number=decision.number,
                titles=decision.titles,
            )
        )
    topics, articles = (
        _links(OperativeParagraph.topics.through, "term_id"),
        _links(OperativeParagraph.articles.through, "article_id"),
    )
    paragraphs = OperativeParagraph.objects.order_by("decision_id", "number")
    for paragraph in paragraphs.values("pk", "decision_id", "number", "texts"):
        decision = decisions[paragraph["decision_id"]]
        meeting = meetings[decision.meeting_id]
        items.append(
            Item(
                "paragraph",
                paragraph["pk"],
                meeting.pk,
                meeting.body,
                decision.adopted,
                _texts(paragraph["texts"]),
                meeting.is_demo,
                order=(decision.kind, decision.pk, paragraph["number"]),
                topics=frozenset(topics.get(paragraph["pk"], ())),
                articles=frozenset(articles.get(paragraph["pk"], ())),
                decision_id=decision.pk,
                decision_kind=decision.kind,
                decision_number=decision.number,
                number=paragraph["number"],
            )
        )
    decision_items = {item.pk: item for item in items if item.kind == "decision"}
    for item in items:  # a resolution carries the topics and articles of its paragraphs
        if item.kind == "paragraph":
            decision_items[item.decision_id].topics |= item.topics
            decision_items[item.decision_id].articles |= item.articles
    for document in Document.objects.order_by("symbol").values(
        "pk", "meeting_id", "symbol", "titles", "issued"
    ):
        meeting = meetings[document["meeting_id"]]
        items.append(
            Item(
                "document",
                document["pk"],
                meeting.pk,
                meeting.body,
                document["issued"] or meeting.starts,
                _texts(document["titles"], document["symbol"]),
                meeting.is_demo,
                order=(document["symbol"],),
                symbol=document["symbol"],
                titles=document["titles"],
            )
        )
    by_date = sorted(meetings.values(), key=lambda meeting: (meeting.starts, meeting.pk), reverse=True)
    rank = {meeting.pk: position for position, meeting in enumerate(by_date)}
    items.sort(key=lambda item: (rank[item.meeting_id], item.kind == "document", item.order))
    return Index(items, meetings)


def _links(through, column: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for paragraph, linked in through.objects.values_list("operativeparagraph_id", column):
        found.setdefault(paragraph, []).append(linked)
    return found


# Matching --------------------------------------------------------------------------------------------


def sequences(node: Term | Phrase, language: str) -> set[tuple[str, ...]]:
    """What a query word or phrase is in a text of `language`: its stems in that language, which a word
    written the same way shares (a Chinese word: its character pairs, one after another)."""
    words = (node.word,) if isinstance(node, Term) else node.words
    found = tuple(tokens(" ".join(words), language))
    return {found} if found else set()


class Matcher:
    """Runs one query's tree over items, remembering each word's forms per language."""

    def __init__(self, node):
        self.node = node
        self.forms: dict[tuple[object, str], set[tuple[str, ...]]] = {}

    def _forms(self, node, language: str) -> set[tuple[str, ...]]:
        key = (node, language)
        if key not in self.forms:
            self.forms[key] = sequences(node, language)
        return self.forms[key]

    def matches(self, item: Item, node=None) -> bool:
        node = self.node if node is None else node
        if isinstance(node, And):
            return all(self.matches(item, child) for child in node.children)
        if isinstance(node, Or):
            return any(self.matches(item, child) for child in node.children)
        if isinstance(node, Not):
            return not self.matches(item, node.child)
        if isinstance(node, Term) and node.prefix:
            start = fold(node.word)
            return any(word.startswith(start) for text in item.texts for word in text.words)
        return any(text.has(sequence) for text in item.texts for sequence in self._forms(node, text.language))

    def wanted(self, language: str) -> Wanted:
        """What to mark in a text of `language` (the positive parts of the query)."""
        found = Wanted(set(), (), set())
        self._collect(self.node, language, found)
        return found

    def _collect(self, node, language: str, found: Wanted) -> None:
        if isinstance(node, Term) and node.prefix:
            found.prefixes += (fold(node.word),)
        elif isinstance(node, (Term, Phrase)):
            for sequence in self._forms(node, language):
                if len(sequence) == 1:
                    found.words.add(sequence[0])
                else:
                    found.phrases.add(sequence)
        elif isinstance(node, (And, Or)):
            for child in node.children:
                self._collect(child, language, found)


# The search ------------------------------------------------------------------------------------------


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    meeting: int | None = None
    body: str = ""
    year: int | None = None
    topic: int | None = None
    article: int | None = None

    def keeps(self, item: Item) -> bool:
        return (
            (not self.kind or item.kind == self.kind)
            and (self.meeting is None or item.meeting_id == self.meeting)
            and (not self.body or item.body == self.body)
            and (self.year is None or item.year == self.year)
            and (self.topic is None or self.topic in item.topics)
            and (self.article is None or self.article in item.articles)
        )


@dataclass
class Hit:
    item: Item
    snippet: SafeString | str = ""


@dataclass
class Found:
    """What a search found: every matching item in order, with its facet counts."""

    items: list[Item]
    matcher: Matcher | None
    index: Index
    facets: dict[str, Counter] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.items)

    def page(self, number: int, per_page: int = PER_PAGE) -> tuple[list[Hit], int, int]:
        """The hits of page `number` (kept within the pages there are) with snippets, the page and the
        number of pages."""
        pages = max(1, -(-self.total // per_page))
        number = max(1, min(number, pages))
        chosen = self.items[(number - 1) * per_page : number * per_page]
        return [Hit(item, snippet(item, self.matcher)) for item in chosen], number, pages


def find(filters: Filters) -> Found:
    """The items a search selects, with facet counts. Raises QueryError for a query that cannot be searched."""
    node = parse(filters.q) if filters.q.strip() else None
    matcher = Matcher(node) if node is not None else None
    index = current()
    found = [
        item for item in index.items if filters.keeps(item) and (matcher is None or matcher.matches(item))
    ]
    facets = {
        "kind": Counter(item.kind for item in found),
        "meeting": Counter(item.meeting_id for item in found),
        "body": Counter(item.body for item in found),
        "year": Counter(item.year for item in found),
        "topic": Counter(topic for item in found for topic in item.topics),
        "article": Counter(article for item in found for article in item.articles),
    }
    return Found(found, matcher, index, facets)


def count(q: str) -> int:
    """How many items of the Conference's record a query finds (0 for a query that cannot be searched)."""
    try:
        return find(Filters(q=q)).total if q.strip() else 0
    except ValueError:
        return 0


def snippet(item: Item, matcher: Matcher | None) -> SafeString | str:
    """The item's text (a paragraph's, a resolution's or document's title) where the query matches it, in
    the reader's language when that one matches, with the matched words marked; otherwise its opening words
    in the reader's language (or the first language it has)."""
    language = get_language() or "en"
    texts = sorted(item.texts, key=lambda text: (text.language != language, text.language != "en"))
    if not texts:
        return ""
    if matcher is None:
        return highlight(texts[0].text, word_spans(texts[0].text, texts[0].language), set())
    for text in texts:
        spans = word_spans(text.text, text.language)
        marked = matched(spans, matcher.wanted(text.language))
        if marked:
            return highlight(text.text, spans, marked)
    return highlight(texts[0].text, word_spans(texts[0].text, texts[0].language), set())


def item_name(item: Item, kinds: dict[str, str]) -> str:
    """As the results name an item, in the active language."""
    decision = f"{kinds.get(item.decision_kind, item.decision_kind)} {item.decision_number}"
    if item.kind == "paragraph":
        return gettext("%(decision)s, paragraph %(number)s") % {"decision": decision, "number": item.number}
    if item.kind == "decision":
        return decision
    return item.symbol


def item_url(item: Item) -> str:
    if item.kind == "paragraph":
        return reverse("conference:decision", args=[item.decision_id]) + f"#para-{item.number}"
    if item.kind == "decision":
        return reverse("conference:decision", args=[item.decision_id])
    return reverse("conference:meeting", args=[item.meeting_id]) + f"#document-{item.pk}"
