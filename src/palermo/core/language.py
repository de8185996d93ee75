"""The language buttons: the same page in the chosen language, from any page.

Django's `set_language` translates the page's address only when it resolves in the language that is
*active* during the request, which for /i18n/setlang/ (no prefix) is the cookie's: after choosing French,
a link to an /en/ page and a press on «Русский» kept the English address (it does not resolve under the
French prefix), so the page stayed English. Here the address's own prefix says which language it is in.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_supported_language_variant, gettext, override
from django.views.decorators.http import require_POST

LANGUAGE_PREFIX = re.compile(r"^/([\w@-]+)(?=/|$)")


def language_of_path(path: str) -> str | None:
    """The language an address's prefix names ('/fr/register/' -> 'fr'), or None."""
    match = LANGUAGE_PREFIX.match(path)
    if not match:
        return None
    try:
        language = get_supported_language_variant(match.group(1))
    except LookupError:
        return None
    return language if language.lower() == match.group(1).lower() else None


def url_in_language(url: str, language: str) -> str:
    """The same page in another language ('/en/register/?q=x' -> '/fr/register/?q=x'), whatever language
    is active. An address without a language prefix (the API) is returned unchanged: the cookie decides."""
    parts = urlsplit(url)
    current = language_of_path(parts.path)
    if current is None:
        return url
    with override(current):
        translated = translate_url(url, language)  # addresses whose words are translated, if any
    if translated != url or current == language:
        return translated
    path = f"/{language}" + parts.path[len(current) + 1 :]  # a page that does not resolve (a 404) too
    return urlunsplit(parts._replace(path=path))


def with_language_cookie(response, language: str):
    """The response, with the cookie that keeps the next pages (and addresses without a prefix) in
    `language`."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_POST
def set_language(request):
    """A language button: back to the page it was pressed on (`next`), in that language."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(
            gettext("Unknown language: %(language)s") % {"language": language[:20]},
            content_type="text/plain; charset=utf-8",
        )
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return with_language_cookie(HttpResponseRedirect(url_in_language(next_url, language)), language)
