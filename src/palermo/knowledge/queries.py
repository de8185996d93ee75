"""Reads of the knowledge base that depend on who asks."""

from django.shortcuts import get_object_or_404

from palermo.knowledge.models import Record


def records_for(user):
    return Record.objects.visible_to(user).select_related("jurisdiction")


def record_for(user, pk: int) -> Record:
    """The record, or 404 for whoever may not see it (unpublished records exist only for their authors)."""
    return get_object_or_404(
        records_for(user).select_related("case", "legislation", "strategy", "bibliography", "organisation"),
        pk=pk,
    )


def published_records_about(*, party=None, article=None, limit: int = 20):
    """Published records of a State, or applying an article: for the register's pages."""
    records = Record.objects.published().order_by("-year", "-id")
    if party is not None:
        records = records.filter(jurisdiction=party)
    if article is not None:
        records = records.filter(articles=article)
    return list(records[:limit])
