from collections import Counter

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from palermo.knowledge.models import Record, RecordKind
from palermo.register import graphics
from palermo.register.models import Article, Participation, Party
from palermo.register.models.parties import by_name


def implementation_map(request, code: str, number: str):
    """Which States have published legislation tagged to a treaty article: a world map and a table."""
    article = get_object_or_404(
        Article.objects.select_related("instrument"), instrument__code=code.upper(), number=number
    )
    laws = Counter(
        Record.objects.published()
        .filter(kind=RecordKind.LEGISLATION, articles=article)
        .exclude(jurisdiction=None)
        .values_list("jurisdiction_id", flat=True)
    )
    parties = set(
        Participation.objects.filter(instrument=article.instrument)
        .exclude(consent=None)
        .values_list("party_id", flat=True)
    )
    labels = {
        "legislation": _("Legislation recorded"),
        "party": _("Party, no legislation recorded yet"),
        "none": _("Not party"),
    }
    shapes = graphics.country_shapes()
    language = get_language()
    countries, rows = [], []
    for party in by_name(Party.objects.all(), language):  # keyboard order of the map, and the table's
        status = "legislation" if laws.get(party.code) else "party" if party.code in parties else "none"
        if status == "legislation":
            rows.append((party, laws[party.code]))
        path = shapes.get(party.numeric) if party.numeric else None
        if path:
            countries.append(
                graphics.MapCountry(
                    path,
                    status,
                    f"{party.name_in(language)}: {labels[status]}",
                    reverse("knowledge:records")
                    + f"?kind=legislation&party={party.code}&article={article.pk}",
                )
            )
    return render(
        request,
        "knowledge/implementation_map.html",
        {
            "article": article,
            "countries": countries,
            "rows": rows,
            "labels": labels,
            "map_view_box": graphics.map_view_box(),
            "parties_count": len(parties),
        },
    )
