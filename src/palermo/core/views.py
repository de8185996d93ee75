from django.shortcuts import render

from palermo.core.home import holdings_for
from palermo.register import queries as register_queries


def home(request):
    """The way into every part (register, knowledge base, Review Mechanism, the visitor's own work), each
    with what it holds for this visitor."""
    return render(
        request,
        "core/home.html",
        {"summary": register_queries.instrument_summaries(), "holdings": holdings_for(request.user)},
    )


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token (often an old tab): say so plainly, in the user's language."""
    return render(request, "403_csrf.html", status=403)
