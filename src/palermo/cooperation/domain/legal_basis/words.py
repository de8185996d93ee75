"""The language of the answer being computed, and gettext remembered per language.

The language is read once per `legal_basis()` call (Django's get_language() costs microseconds, and a
matrix of all pairs asks for hundreds of thousands of words).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.utils.translation import get_language, gettext

_LANGUAGE: ContextVar[str | None] = ContextVar("legal_basis_language", default=None)
_TRANSLATED: dict[tuple[str, str], str] = {}


def _(message: str) -> str:
    """gettext, remembered per language while a legal basis is being computed."""
    language = _LANGUAGE.get()
    if language is None:
        return gettext(message)
    key = (message, language)
    text = _TRANSLATED.get(key)
    if text is None:
        text = _TRANSLATED[key] = gettext(message)
    return text


def _language() -> str:
    return _LANGUAGE.get() or get_language() or "en"
