"""The client's address behind trusted proxies, and a strict Content-Security-Policy: every script and style
comes from this server, nothing inline."""

import ipaddress

from django.conf import settings

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
