"""Watch lists: a sanctions or watch list loaded by an authority as FtM JSON lines (an OpenSanctions export,
a national list), run as the background job "networks.watch_list": every line checked as an import's is,
all or nothing, problems named by line and field. The people, companies, organisations, vessels and
wallets of the list are kept with their blocking keys; its other entities (sanctions, addresses…) are
counted, not kept. When a list is ready, the authority's investigations are screened against it."""

import hashlib
import shutil
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from followthemoney.schema import Schema

from palermo.cooperation.rules import authority_of
from palermo.core.audit import log_action
from palermo.core.i18n import format_date
from palermo.core.jobs import JobFailed, enqueue
from palermo.networks.domain.imports import import_max_bytes
from palermo.networks.domain.resolution_proxies import make_proxy
from palermo.networks.ftm.model import model
from palermo.networks.ftm.problems import Problems
from palermo.networks.ftm.readers import read_ftm_lines
from palermo.networks.ftm.staging import FTM_SUFFIXES, count_lines
from palermo.networks.matching import blocking_keys
from palermo.networks.models import ListedEntity, ListedKey, SourceState, WatchList

JOB_KIND = "networks.watch_list"
PROGRESS_EVERY = 5000
BATCH_SIZE = 2000
# A key shared by more listed entities than this pairs too widely to be evidence (a common first name).
MAX_SHARED_KEY = 500
SCREENED_THINGS = frozenset({"CryptoWallet", "Vessel", "Airplane"})


class WatchListError(Exception):
    """The list cannot be loaded; the message says why, for the person who asked."""


def screened(schema: Schema) -> bool:
    """Entities of this schema are screened: legal entities (people, companies, organisations, public
    bodies), wallets, vessels and aircraft."""
    return schema.is_a("LegalEntity") or schema.name in SCREENED_THINGS


def list_dir(watch_list_id: int) -> Path:
    return Path(settings.DATA_DIR) / "networks" / "watch_lists" / str(int(watch_list_id))


def _path(watch_list_id: int) -> Path:
    return list_dir(watch_list_id) / "list.jsonl"


def lists_of(authority):
    return WatchList.objects.filter(authority=authority)


def managed_by(user):
    """The authority whose watch lists the user sees, loads and removes; None for anyone else."""
    authority = authority_of(user)
    if authority is None or not user.has_perm("networks.manage_watch_lists"):
        return None
    return authority


def audit(action: str, watch_list: WatchList, actor, data: dict | None = None, request=None) -> None:
    log_action(action, actor=actor, obj=watch_list, data=data or {}, request=request)


def start_load(
    *,
    user,
    upload,
    name: str,
    publisher: str = "",
    request=None,
    is_demo: bool = False,
    role_checked: bool = False,
) -> WatchList:
    """Check the request, keep the file and queue the load; the list stays LOADING until it is done.
    `role_checked`: the caller (the command line, without a verified session) checked the person's role."""
    authority = authority_of(user)
    if authority is None or not (role_checked or user.has_perm("networks.manage_watch_lists")):
        raise WatchListError(_("Only the verified practitioners of a competent authority load watch lists."))
    name = (name or "").strip()
    if not name:
        raise WatchListError(_("Give the list a name."))
    file_name = Path((upload.name or "").replace("\\", "/")).name[:300]
    if not file_name.lower().endswith(FTM_SUFFIXES):
        raise WatchListError(
            _("A watch list is a file of FtM JSON lines ending in .json, .jsonl or .ftm.json.")
        )
    if not upload.size:
        raise WatchListError(_("The file is empty."))
    if upload.size > import_max_bytes():
        raise WatchListError(
            _("The file is larger than %(size)s MB.") % {"size": import_max_bytes() // (1024 * 1024)}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    with transaction.atomic():
        earlier = (
            lists_of(authority).filter(digest=digest.hexdigest()).exclude(state=SourceState.FAILED).first()
        )
        if earlier is not None:
            raise WatchListError(
                _("This file was loaded already, as %(name)s on %(date)s.")
                % {"name": earlier.name, "date": format_date(earlier.loaded_at)}
            )
        watch_list = WatchList.objects.create(
            authority=authority,
            name=name[:200],
            publisher=(publisher or "").strip()[:300],
            file_name=file_name,
            digest=digest.hexdigest(),
            loaded_by=user,
            is_demo=is_demo,
        )
        list_dir(watch_list.pk).mkdir(parents=True, exist_ok=True)
        with open(_path(watch_list.pk), "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        watch_list.job = enqueue(kind=JOB_KIND, params={"watch_list": watch_list.pk}, user=user)
        watch_list.save(update_fields=["job"])
        audit("networks.watch_list.loading", watch_list, user, {"file": file_name}, request)
    return watch_list


def run_load(ctx) -> dict:
    """The job: read and check every line, then write the list's entities and keys in one transaction."""
    watch_list = WatchList.objects.get(pk=ctx.params["watch_list"])
    if watch_list.state != SourceState.LOADING:
        return {"watch_list": watch_list.pk, "state": watch_list.state}
    path = _path(watch_list.pk)
    total = count_lines(path)
    problems = Problems(watch_list.file_name)
    kept: dict[str, tuple[str, dict[str, list[str]]]] = {}
    skipped: set[str] = set()
    ctx.progress(0, total, note=gettext_noop("Reading the list"))
    with open(path, "rb") as fh:
        for fragment in read_ftm_lines(fh, problems):
            if fragment.line % PROGRESS_EVERY == 0:
                ctx.progress(fragment.line)
            schema = model.get(fragment.schema)
            if schema is None or not screened(schema):
                skipped.add(fragment.entity_id)
                continue
            known_schema, properties = kept.setdefault(fragment.entity_id, (fragment.schema, {}))
            if known_schema != fragment.schema:
                common = model.common_schema(known_schema, fragment.schema)
                kept[fragment.entity_id] = (common.name, properties)
            for prop, value, _lang, _original in fragment.values:
                values = properties.setdefault(prop, [])
                if value not in values:
                    values.append(value)
    if not problems and not kept:
        problems.add(0, "", "no_entities")
    if problems:
        raise JobFailed(_("The file has problems; nothing was loaded."), result=problems.as_result())
    ctx.progress(total, total, note=gettext_noop("Writing the list's entities"))
    written = _write(watch_list, kept)
    with transaction.atomic():
        watch_list.state = SourceState.READY
        watch_list.entity_count = written
        watch_list.skipped_count = len(skipped - set(kept))
        watch_list.save(update_fields=["state", "entity_count", "skipped_count"])
        audit(
            "networks.watch_list.loaded",
            watch_list,
            None,
            {"entities": written, "skipped": watch_list.skipped_count},
        )
    from palermo.networks.domain.screening import screen_authority

    screened_investigations = screen_authority(watch_list.authority, user=watch_list.loaded_by)
    shutil.rmtree(list_dir(watch_list.pk), ignore_errors=True)
    return {
        "watch_list": watch_list.pk,
        "entities": written,
        "skipped": watch_list.skipped_count,
        "investigations_screened": screened_investigations,
    }


def _write(watch_list: WatchList, kept: dict[str, tuple[str, dict[str, list[str]]]]) -> int:
    """The entities and their keys, all or nothing; keys shared by too many entities left out."""
    keys_of: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    rows = []
    for entity_id in sorted(kept):
        schema, properties = kept[entity_id]
        proxy = make_proxy(
            entity_id, [schema], [(prop, value) for prop, values in properties.items() for value in values]
        )
        keys = blocking_keys(proxy)
        keys_of[entity_id] = keys
        counts.update(keys)
        rows.append(
            ListedEntity(
                watch_list=watch_list,
                entity_id=entity_id,
                schema=proxy.schema.name,
                caption=(proxy.caption or entity_id)[:500],
                properties=properties,
            )
        )
    with transaction.atomic():
        for start in range(0, len(rows), BATCH_SIZE):
            batch = ListedEntity.objects.bulk_create(rows[start : start + BATCH_SIZE])
            if batch and batch[0].pk is None:  # databases that do not return keys from a bulk insert
                ids = dict(
                    ListedEntity.objects.filter(
                        watch_list=watch_list, entity_id__in=[row.entity_id for row in batch]
                    ).values_list("entity_id", "pk")
                )
                for row in batch:
                    row.pk = ids[row.entity_id]
            ListedKey.objects.bulk_create(
                [
                    ListedKey(watch_list=watch_list, listed_id=row.pk, key=key[:200])
                    for row in batch
                    for key in sorted(keys_of[row.entity_id])
                    if counts[key] <= MAX_SHARED_KEY
                ],
                batch_size=BATCH_SIZE,
            )
    return len(rows)


def abandon_load(job) -> None:
    """After the job failed or was cancelled: nothing of the list was written; it is FAILED."""
    watch_list = WatchList.objects.filter(job=job).first()
    if watch_list is None:
        return
    with transaction.atomic():
        ListedEntity.objects.filter(watch_list=watch_list).delete()
        watch_list.state = SourceState.FAILED
        watch_list.save(update_fields=["state"])
    shutil.rmtree(list_dir(watch_list.pk), ignore_errors=True)


def delete_list(*, watch_list: WatchList, user, request=None) -> None:
    """The list, its entities and the hits on them go; the deletion is audited."""
    folder = list_dir(watch_list.pk)
    with transaction.atomic():
        audit(
            "networks.watch_list.deleted",
            watch_list,
            user,
            {"name": watch_list.name, "entities": watch_list.entity_count},
            request,
        )
        ListedKey.objects.filter(watch_list=watch_list).delete()
        watch_list.delete()
    shutil.rmtree(folder, ignore_errors=True)
