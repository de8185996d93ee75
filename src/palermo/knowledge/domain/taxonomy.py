"""Load the taxonomy (versioned data) and resolve terms by slug, following renames and merges."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from palermo.core.audit import log_action
from palermo.knowledge.models import Record, TaxonomyRelease, Term, Vocabulary
from palermo.knowledge.search.index import index_records

TAXONOMY_FILE = Path(__file__).resolve().parent.parent / "data" / "taxonomy.json"
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
TOP_LEVEL = {"crime_type": Vocabulary.CRIME_TYPE, "cross_cutting": Vocabulary.CROSS_CUTTING}
CHILD_VOCABULARY: dict[str, str] = {
    Vocabulary.CRIME_TYPE: Vocabulary.FACET_GROUP,
    Vocabulary.FACET_GROUP: Vocabulary.FACET_VALUE,
}


class TaxonomyError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class TaxonomyReport:
    release: TaxonomyRelease
    created: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: bool = False


def _check_entry(entry: dict, where: str, problems: list[str]) -> None:
    if not entry.get("slug"):
        problems.append(f"{where}: a term without a slug")
    missing = [language for language in LANGUAGES if not entry.get("labels", {}).get(language)]
    if missing:
        problems.append(f"{where}/{entry.get('slug')}: no label in {', '.join(missing)}")


def _walk(entries: list[dict], vocabulary: str, where: str, problems: list[str]):
    """Yield (vocabulary, parent path, entry, position) depth first, checking each entry."""
    seen = set()
    for position, entry in enumerate(entries):
        _check_entry(entry, where, problems)
        if entry.get("slug") in seen:
            problems.append(f"{where}: slug {entry.get('slug')} appears twice")
        seen.add(entry.get("slug"))
        yield vocabulary, where, entry, position
        children = entry.get("children", [])
        if children and vocabulary not in CHILD_VOCABULARY:
            problems.append(f"{where}/{entry.get('slug')}: a {vocabulary} term cannot have children")
            continue
        if children:
            yield from _walk(children, CHILD_VOCABULARY[vocabulary], f"{where}/{entry['slug']}", problems)


def _find(vocabulary: str, parent: Term | None, slug: str, former: list[str]) -> Term | None:
    candidates = Term.objects.filter(vocabulary=vocabulary, parent=parent)
    term = candidates.filter(slug=slug).first()
    if term is None:
        for old in former:
            term = candidates.filter(slug=old).first()
            if term is not None:
                break
    return term


@transaction.atomic
def load_taxonomy(path: Path = TAXONOMY_FILE, *, actor=None) -> TaxonomyReport:
    """Create, update, rename and merge terms from the taxonomy file. All or nothing; never deletes a term."""
    raw = path.read_bytes()
    content_hash = hashlib.sha256(raw).hexdigest()
    data = json.loads(raw)
    version = str(data.get("version", ""))
    existing = TaxonomyRelease.objects.filter(version=version).first()
    if existing is not None:
        if existing.content_hash != content_hash:
            raise TaxonomyError([f"version {version} is loaded already with other content: bump the version"])
        return TaxonomyReport(release=existing, unchanged=True)
    problems: list[str] = [] if version else ["the file has no version"]
    entries = [
        item
        for key, vocabulary in TOP_LEVEL.items()
        for item in _walk(data.get(key, []), vocabulary, key, problems)
    ]
    if problems:
        raise TaxonomyError(problems)
    release = TaxonomyRelease.objects.create(version=version, source=path.name, content_hash=content_hash)
    report = TaxonomyReport(release=release)
    by_path: dict[str, Term] = {}
    for vocabulary, where, entry, position in entries:
        parent = by_path.get(where)
        former = entry.get("former_slugs", [])
        term = _find(vocabulary, parent, entry["slug"], former)
        if term is None:
            term = Term.objects.create(
                vocabulary=vocabulary,
                slug=entry["slug"],
                labels=entry["labels"],
                parent=parent,
                position=position,
                former_slugs=former,
                release=release,
            )
            report.created.append(f"{where}/{term.slug}")
        else:
            if term.slug != entry["slug"]:
                report.renamed.append(f"{where}/{term.slug} -> {entry['slug']}")
                former = sorted({*former, *term.former_slugs, term.slug})
            term.slug, term.labels, term.position, term.former_slugs = (
                entry["slug"],
                entry["labels"],
                position,
                former,
            )
            term.release = release
            term.save(update_fields=["slug", "labels", "position", "former_slugs", "release"])
        by_path[f"{where}/{term.slug}"] = term
    for merge in data.get("merged", []):
        report.merged.append(_merge(merge, problems))
    if problems:
        raise TaxonomyError(problems)
    release.summary = {"created": len(report.created), "renamed": report.renamed, "merged": report.merged}
    release.save(update_fields=["summary"])
    log_action("knowledge.taxonomy.loaded", actor=actor, obj=release, data=release.summary)
    return report


def _merge(merge: dict, problems: list[str]) -> str:
    vocabulary = TOP_LEVEL.get(merge.get("vocabulary", ""))
    old = Term.objects.filter(vocabulary=vocabulary, parent=None, slug=merge.get("slug")).first()
    into = Term.objects.filter(vocabulary=vocabulary, parent=None, slug=merge.get("into")).first()
    if old is None or into is None or old == into:
        problems.append(
            f"merged: cannot merge {merge.get('slug')} into {merge.get('into')} ({merge.get('vocabulary')})"
        )
        return ""
    if old.replaced_by_id != into.pk:
        old.replaced_by = into
        old.save(update_fields=["replaced_by"])
    _retag(old, into)
    return f"{old.slug} -> {into.slug}"


def _retag(old: Term, into: Term) -> None:
    """Records tagged with a merged term are tagged with the term that replaces it (once)."""
    through = {
        Vocabulary.CRIME_TYPE: Record.crime_types.through,
        Vocabulary.CROSS_CUTTING: Record.cross_cutting.through,
    }[Vocabulary(old.vocabulary)]
    links = through._default_manager
    already = links.filter(term_id=into.pk).values_list("record_id", flat=True)
    links.filter(term_id=old.pk, record_id__in=list(already)).delete()
    retagged = list(links.filter(term_id=old.pk).values_list("record_id", flat=True))
    links.filter(term_id=old.pk).update(term_id=into.pk)
    index_records(retagged)


def resolve_term(vocabulary: str, slug: str, parent: Term | None = None) -> Term | None:
    """The current term a slug names: renamed terms by a former slug, merged terms by their replacement."""
    candidates = Term.objects.filter(vocabulary=vocabulary, parent=parent)
    term = candidates.filter(slug=slug).first()
    if term is None:
        term = next((t for t in candidates.exclude(former_slugs=[]) if slug in t.former_slugs), None)
    while term is not None and term.replaced_by_id is not None:
        term = term.replaced_by
    return term
