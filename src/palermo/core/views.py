from django.shortcuts import render

from palermo.register import queries as register_queries


def home(request):
    return render(request, "core/home.html", {"summary": register_queries.instrument_summaries()})


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token (often an old tab): say so plainly, in the user's language."""
    return render(request, "403_csrf.html", status=403)
