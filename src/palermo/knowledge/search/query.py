"""The search syntax, parsed into a tree that palermo.knowledge.search.evaluate runs over the index.

words            all of them (AND)
"a phrase"       the words next to each other
a OR b           either
NOT a, -a        without
traff*           words starting with
( )              grouping
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from palermo.knowledge.search.text import fold, sequences, variants

QUOTES = re.compile("[“”„«»「」]")  # typographic quotes count as quotes
MAX_LENGTH = 500
MAX_DEPTH = 20  # parentheses and NOT inside one another; deeper is no search anyone means
LEXER = re.compile(
    r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<minus>-)(?=\S)|(?P<word>[^\s()"]+))'
)


def _unbalanced_hint() -> str:
    """How to write parentheses (translated when the error is raised, in the reader's language)."""
    return _("Close each parenthesis you open, as in (sea OR land) migrants.")


class QueryError(ValueError):
    """The query cannot be searched; the message says why and `hint` how to write it (shown to the user)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Term:
    word: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    child: object


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


def _lex(text: str) -> list[tuple[str, str]]:
    items, position = [], 0
    while position < len(text):
        match = LEXER.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value
        items.append((kind, value))
    return items


class _Parser:
    def __init__(self, text: str):
        self.items = _lex(text)
        self.position = 0
        self.depth = 0

    def nested(self, parse):
        """What `parse` reads one level deeper (in parentheses or after NOT), within MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(
                _("the query nests parentheses or NOT more than %(depth)s levels deep")
                % {"depth": MAX_DEPTH},
                _("Use fewer parentheses, or fewer NOTs inside one another."),
            )
        try:
            return parse()
        finally:
            self.depth -= 1

    def peek(self):
        return self.items[self.position][0] if self.position < len(self.items) else None

    def take(self):
        item = self.items[self.position]
        self.position += 1
        return item

    def parse(self):
        node = self.or_expr()
        if self.peek() is not None:
            raise QueryError(_("unbalanced parentheses"), _unbalanced_hint())
        return node

    def or_expr(self):
        children = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            children.append(self.and_expr())
        children = [c for c in children if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self):
        children = []
        while self.peek() not in (None, "OR", "close"):
            if self.peek() == "AND":
                self.take()
                continue
            node = self.unary()
            if node is not None:
                children.append(node)
        if not children:
            return None
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self):
        if self.peek() in ("NOT", "minus"):
            _kind, value = self.take()
            if self.peek() in (None, "OR", "close"):
                raise QueryError(
                    _("%(operator)s must be followed by what to leave out") % {"operator": value},
                    _("Write the word to leave out right after it, as in migrants -firearms.")
                    if value == "-"
                    else _(
                        "Write what to leave out after it, as in migrants NOT firearms; to search for the "
                        'word itself, put it in quotes: "NOT".'
                    ),
                )
            child = self.nested(self.unary)
            return Not(child) if child is not None else None
        return self.atom()

    def atom(self):
        kind, value = self.take()
        if kind == "open":
            node = self.nested(self.or_expr)
            if self.peek() != "close":
                raise QueryError(_("unbalanced parentheses"), _unbalanced_hint())
            self.take()
            return node
        if kind == "close":
            raise QueryError(_("unbalanced parentheses"), _unbalanced_hint())
        if kind == "phrase":
            words = tuple(w for w in re.findall(r"[^\W_]+", value.strip('"')))
            if not words:
                return None
            return Phrase(words) if len(words) > 1 else Term(words[0])
        prefix = value.endswith("*")
        words = re.findall(r"[^\W_]+", value)
        if not words:
            return None
        if len(words) > 1:  # "well-known" or "art.5": the parts next to each other
            return Phrase(tuple(words))
        return Term(words[0], prefix=prefix)


def parse(text: str):
    """The query's tree, or None for an empty query. Raises QueryError for what cannot be searched."""
    if len(text) > MAX_LENGTH:
        raise QueryError(
            _("the query is longer than 500 characters"), _("Shorten it to its most telling words.")
        )
    node = _Parser(QUOTES.sub('"', text)).parse()
    if node is not None and not _has_positive(node):
        raise QueryError(
            _("a search needs at least one word that is not excluded"),
            _("Add a word to look for before what to leave out, as in migrants -firearms."),
        )
    return node


def _has_positive(node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_has_positive(c) for c in node.children)
    if isinstance(node, Or):
        return all(_has_positive(c) for c in node.children)
    return True


@dataclass
class Wanted:
    """What the query looks for, for highlighting: single tokens, prefixes, and token sequences (phrases,
    and words that are several tokens, such as CJK words), each marked only where it occurs whole."""

    words: set[str]
    prefixes: tuple[str, ...]
    phrases: set[tuple[str, ...]]


def wanted(node, language: str = "en") -> Wanted:
    """What the query's positive parts (not those under NOT), searched in `language`, look for."""
    found = Wanted(set(), (), set())
    _collect(node, language, found)
    return found


def _collect(node, language: str, found: Wanted) -> None:
    if isinstance(node, Term) and node.prefix:
        found.prefixes += (fold(node.word),)
    elif isinstance(node, (Term, Phrase)):
        found_in_index = (
            [v.split() for v in variants(node.word, language)]
            if isinstance(node, Term)
            else sequences(node.words, language)
        )
        for sequence in found_in_index:
            if len(sequence) == 1:
                found.words.add(sequence[0])
            elif sequence:
                found.phrases.add(tuple(sequence))
    elif isinstance(node, (And, Or)):
        for child in node.children:
            _collect(child, language, found)
