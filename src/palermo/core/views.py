from django.shortcuts import render

from palermo.register import queries as register_queries


def home(request):
    return render(request, "core/home.html", {"summary": register_queries.instrument_summaries()})
