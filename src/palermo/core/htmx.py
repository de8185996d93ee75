"""Pages that htmx updates in part: the part for htmx's own requests, the whole page for everything else.

A page whose form swaps in its results and pushes the address into the browser's history (hx-push-url)
answers the same address in two ways. The browser must never show the part where the page belongs:

- htmx restores a history entry it has no copy of (Palermo keeps none: historyCacheSize 0) by requesting
  the address with HX-History-Restore-Request (and HX-Request): that request gets the whole page;
- the browser's own cache keys the address alone, and Back and Forward reuse what it holds even when stale:
  every answer says `Vary: HX-Request`, and the part is never stored (`Cache-Control: no-store`).
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers


def wants_part(request) -> bool:
    """Whether htmx asks for the part of the page it swaps in (not for a history entry to restore)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def page_or_part(request, page: str, part: str, context: dict):
    """The whole page (`page` template) or, for htmx's swaps, the part (`part` template), said apart for
    every cache on the way."""
    is_part = wants_part(request)
    response = render(request, part if is_part else page, context)
    patch_vary_headers(response, ("HX-Request", "HX-History-Restore-Request"))
    if is_part:
        add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    return response
