"""The client's address behind trusted proxies, a strict Content-Security-Policy (every script and style
comes from this server, nothing inline), and no NUL characters in requests."""

import ipaddress

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RejectNullCharactersMiddleware:
    """A 400 for a NUL character anywhere in the URL or a form's fields: no one types one, and PostgreSQL
    cannot compare or store text that holds one, so every view would otherwise fail on it with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = null_character_in(request)
        if where is not None:
            problem = str(ProhibitNullCharactersValidator.message)
            if request.path_info.startswith("/api/"):
                return JsonResponse({where: [problem]}, status=400)
            return HttpResponseBadRequest(f"{where}: {problem}", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def null_character_in(request) -> str | None:
    """The name of the first part of the request with a NUL character: the path, or a parameter's name."""
    if "\x00" in request.path_info:
        return "path"
    for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
        for name, values in data.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "")
    return None


def forwarded_client(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address when `trusted_proxies` reverse proxies stand in front of the app, each appending
    the address it received the request from to X-Forwarded-For: the entry the outermost trusted proxy
    wrote. Entries further left were written by the client and are not believed. Anything that is not an
    IP address leaves REMOTE_ADDR as it is."""
    if trusted_proxies <= 0:
        return remote_addr
    chain = [part.strip() for part in forwarded_for.split(",") if part.strip()] + [remote_addr]
    candidate = chain[max(len(chain) - 1 - trusted_proxies, 0)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class ClientAddressMiddleware:
    """Set REMOTE_ADDR to the client's address (PALERMO_TRUSTED_PROXIES, docs/deployment.md), so that the
    audit log and sign-in throttling see clients, not the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TRUSTED_PROXIES:
            request.META["REMOTE_ADDR"] = forwarded_client(
                request.META.get("REMOTE_ADDR", ""),
                request.META.get("HTTP_X_FORWARDED_FOR", ""),
                settings.TRUSTED_PROXIES,
            )
        return self.get_response(request)


class ExplainMethodNotAllowedMiddleware:
    """A page that only takes a form (POST) answers a plain visit with a page that says so, in the reader's
    language, instead of Django's blank 405. The API keeps its JSON answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
