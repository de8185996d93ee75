from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from palermo.knowledge.queries import published_records_about
from palermo.register import graphics, queries
from palermo.register.models import Article, Instrument, Party
from palermo.register.models.parties import by_name


def instrument_list(request):
    return render(request, "register/instrument_list.html", {"summaries": queries.instrument_summaries()})


def world_map(instrument: Instrument, language: str) -> list[graphics.MapCountry]:
    status = {p.party_id: queries.status_of(p) for p in instrument.participation.all()}
    shapes = graphics.country_shapes()
    labels = {"party": _("Party"), "signatory": _("Signatory, not party"), "none": _("Not party")}
    countries = []
    for party in by_name(Party.objects.exclude(numeric=""), language):  # keyboard order: alphabetical
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
    articles = list(instrument.articles.all())
    return render(
        request,
        "register/instrument_detail.html",
        {
            "instrument": instrument,
            "articles": articles,
            "chapter_headings_fallback": any(
                a.chapter and a.local_chapter_title.is_fallback for a in articles
            ),
            "chart": graphics.parties_over_time(consents, until=as_of),
            "map_countries": world_map(instrument, get_language()),
            "map_view_box": graphics.map_view_box(),
            "parties_count": len(consents),
            "signatories_count": sum(1 for p in participation if not p.consent),
            "as_of": as_of,
        },
    )


def article_detail(request, code: str, number: str):
    """An article in the reader's language where Palermo holds its authentic text, else in English (saying
    so); `?text=fr` shows another authentic text Palermo holds."""
    instrument = get_object_or_404(Instrument.objects.visible_to(request.user), code=code.upper())
    article = get_object_or_404(Article, instrument=instrument, number=number)
    held = instrument.text_languages()
    requested = request.GET.get("text")
    if requested is not None and requested not in held:
        raise Http404("Palermo holds no authentic text of this instrument in that language")
    language = requested or get_language()
    siblings = list(instrument.articles.values_list("number", flat=True))
    index = siblings.index(article.number)
    text = article.text_in(language)
    return render(
        request,
        "register/article_detail.html",
        {
            "instrument": instrument,
            "article": article,
            "text": text,
            "title": article.title_in(language),
            "chapter_title": article.chapter_title_in(language),
            "requested": requested,
            "other_texts": [
                (other, get_language_info(other)["name_local"]) for other in held if other != text.language
            ],
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "knowledge_records": published_records_about(article=article),
        },
    )
