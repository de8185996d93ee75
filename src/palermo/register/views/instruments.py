from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from palermo.knowledge.queries import published_records_about
from palermo.register import graphics, queries
from palermo.register.models import Article, Instrument, Party


def instrument_list(request):
    return render(request, "register/instrument_list.html", {"summaries": queries.instrument_summaries()})


def world_map(instrument: Instrument, language: str) -> list[graphics.MapCountry]:
    status = {p.party_id: queries.status_of(p) for p in instrument.participation.all()}
    shapes = graphics.country_shapes()
    labels = {"party": _("Party"), "signatory": _("Signatory, not party"), "none": _("Not party")}
    countries = []
    for party in Party.objects.exclude(numeric=""):
        path = shapes.get(party.numeric)
        if path:
            party_status = status.get(party.code, "none")
            countries.append(
                graphics.MapCountry(
                    path,
                    party_status,
                    f"{party.name_in(language)}: {labels[party_status]}",
                    reverse("register:party", args=[party.code]),
                )
            )
    return countries


def instrument_detail(request, code: str):
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user), code=code.upper())
    participation = list(instrument.participation.select_related("party"))
    consents = [p.consent for p in participation if p.consent]
    as_of = max((p.as_of for p in participation), default=timezone.now().date())
    return render(
        request,
        "register/instrument_detail.html",
        {
            "instrument": instrument,
            "articles": instrument.articles.all(),
            "chart": graphics.parties_over_time(consents, until=as_of),
            "map_countries": world_map(instrument, get_language()),
            "map_view_box": graphics.map_view_box(),
            "parties_count": len(consents),
            "signatories_count": sum(1 for p in participation if not p.consent),
            "as_of": as_of,
        },
    )


def article_detail(request, code: str, number: str):
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user), code=code.upper())
    article = get_object_or_404(Article, instrument=instrument, number=number)
    siblings = list(instrument.articles.values_list("number", flat=True))
    index = siblings.index(article.number)
    return render(
        request,
        "register/article_detail.html",
        {
            "instrument": instrument,
            "article": article,
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "knowledge_records": published_records_about(article=article),
        },
    )
