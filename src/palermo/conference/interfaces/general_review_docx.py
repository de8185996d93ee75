"""The general review's tables as a DOCX file in the reader's language: one table per way of counting (by
article, cluster, instrument, regional group), each category's observations and States, and the published
summaries by instrument. Small counts are hidden as on the page unless `full` (the secretariat)."""

import io

from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from palermo.conference import general_review
from palermo.conference.interfaces.docx_parts import right_to_left, style_ids, styled, table
from palermo.conference.results import SMALL_CELL
from palermo.core.i18n import format_date
from palermo.review.models import ObservationCategory


def export(*, full: bool, cycle=None) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(9)
    styles = style_ids(document)
    document.add_heading(_("The general review: what the country reviews found"), level=0)
    document.add_paragraph(
        _("Generated on %(date)s from the lists of observations their States cleared.")
        % {"date": format_date(timezone.localdate())}
    )
    if cycle is not None:
        document.add_paragraph(_("Review cycle %(number)s") % {"number": cycle.number})
    if not full:
        document.add_paragraph(
            _("A count behind which fewer than %(small)s States stand is not shown.") % {"small": SMALL_CELL}
        )
    hidden = _("fewer than %(small)s States") % {"small": SMALL_CELL}
    header = [str(label) for _value, label in ObservationCategory.choices]
    for by, title in general_review.dimension_labels().items():
        styled(document, styles["heading"], title)
        rows = []
        for line in general_review.table(by, full=full, cycle=cycle):
            cells = [
                hidden
                if count.hidden
                else ngettext(
                    "%(observations)s (%(counter)s State)",
                    "%(observations)s (%(counter)s States)",
                    count.state_count,
                )
                % {"observations": count.observations, "counter": count.state_count}
                for count in line.ordered()
            ]
            rows.append([line.label, *cells])
        if rows:
            table(document, styles, ["", *header], rows)
        else:
            document.add_paragraph(_("No list of observations has been cleared yet."))
    styled(document, styles["heading"], _("Published summaries"))
    summaries = general_review.published_summaries()
    table(document, styles, [_("Instrument"), _("Published summaries")], [[n, str(c)] for n, c in summaries])
    if get_language() == "ar":
        right_to_left(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
