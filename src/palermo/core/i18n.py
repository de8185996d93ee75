"""Small translated phrases that several modules build."""

from django.utils.translation import gettext


def article_ref(number) -> str:
    """'art. 5' in the active language (第5条, المادة 5, ст. 5 …)."""
    return gettext("art. %(number)s") % {"number": number}
