# ruff: noqa: RUF002 (mathematical signs on purpose)
"""Judgements and their consequences: canonical entities from the positive ones, pairs judged apart (also
transitively) never proposed again, undo splitting back exactly, and a search that resumes."""

import pytest

from palermo.core.models import AuditEntry, Job, JobState
from palermo.networks.domain.resolution_components import canonical_for
from palermo.networks.models import Candidate, Entity, Judgement, Verdict
from tests.networks.resolution_world import judging, open_pairs, person, ready_source, runs, search

pytestmark = pytest.mark.django_db


def canonical(investigation) -> dict[str, str]:
    return dict(Entity.objects.filter(investigation=investigation).values_list("entity_id", "canonical_id"))


def candidate(investigation, left: str, right: str) -> Candidate:
    ids = canonical(investigation)
    pair = sorted([ids[left], ids[right]])
    return Candidate.objects.get(
        investigation=investigation, left_id=pair[0], right_id=pair[1], judgement__isnull=True
    )


@pytest.fixture
def three(inquiry):
    """A, B, C: three records of the same-sounding person."""
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst)
    person(investigation, analyst, source, "a", "Aleksandr Zakharov", line=1)
    person(investigation, analyst, source, "b", "Aleksandr Zakharov", line=2)
    person(investigation, analyst, source, "c", "Alexandr Zakharov", line=3)
    return inquiry


def test_search_proposes_every_pair_sharing_a_key(three):
    run = search(three.investigation, three["analyst"])
    assert open_pairs(three.investigation) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert (run.entity_count, run.candidate_count, run.job.state) == (3, 3, JobState.DONE)


def test_same_then_not_same_means_the_third_pair_is_never_proposed(three):
    """A = B and B ≠ C: A–C is not asked again, now or in a later search."""
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judging.judge(candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst)
    judging.judge(candidate=candidate(investigation, "b", "c"), verdict=Verdict.NEGATIVE, user=analyst)
    assert open_pairs(investigation) == set()
    search(investigation, analyst)
    assert open_pairs(investigation) == set()


def test_two_positive_judgements_make_one_canonical_entity(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judging.judge(candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst)
    judging.judge(candidate=candidate(investigation, "a", "c"), verdict=Verdict.POSITIVE, user=analyst)
    merged = canonical_for(["a", "b", "c"])
    assert canonical(investigation) == {"a": merged, "b": merged, "c": merged}
    assert merged.startswith("pal-")
    assert open_pairs(investigation) == set()


def test_undoing_a_merge_splits_back_exactly(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judging.judge(candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst)
    before = canonical(investigation)
    second = judging.judge(
        candidate=candidate(investigation, "a", "c"), verdict=Verdict.POSITIVE, user=analyst
    )
    judging.undo(judgement=second, user=analyst)
    assert (
        canonical(investigation) == before == {"a": canonical_for("ab"), "b": canonical_for("ab"), "c": "c"}
    )
    second.refresh_from_db()
    assert second.undone_by == analyst and second.undone_at is not None
    # The pair undone is open for review again.
    assert open_pairs(investigation) == {tuple(sorted([canonical_for("ab"), "c"]))}


def test_undoing_the_only_merge_gives_each_record_its_own_id_again(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judgement = judging.judge(
        candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst
    )
    judging.undo(judgement=judgement, user=analyst)
    assert canonical(investigation) == {"a": "a", "b": "b", "c": "c"}


def test_undoing_a_merge_keeps_the_open_pairs_of_its_parts(three):
    """A = B leaves one open pair, (AB, C); undoing A = B proposes A–C and B–C at once, not only after
    the next search."""
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judgement = judging.judge(
        candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst
    )
    assert open_pairs(investigation) == {tuple(sorted([canonical_for("ab"), "c"]))}
    judging.undo(judgement=judgement, user=analyst)
    assert open_pairs(investigation) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert candidate(investigation, "a", "c").score == candidate(investigation, "b", "c").score > 0.5


def test_unsure_pairs_are_not_proposed_again_until_undone(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    unsure = judging.judge(candidate=candidate(investigation, "a", "b"), verdict=Verdict.UNSURE, user=analyst)
    search(investigation, analyst)
    assert open_pairs(investigation) == {("a", "c"), ("b", "c")}
    judging.undo(judgement=unsure, user=analyst)
    search(investigation, analyst)
    assert open_pairs(investigation) == {("a", "b"), ("a", "c"), ("b", "c")}


def test_a_pair_is_judged_once(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    pair = candidate(investigation, "a", "b")
    judging.judge(candidate=pair, verdict=Verdict.NEGATIVE, user=analyst)
    with pytest.raises(judging.ResolutionError):
        judging.judge(candidate=pair, verdict=Verdict.POSITIVE, user=analyst)
    assert Judgement.objects.filter(investigation=investigation).count() == 1


def test_every_judgement_is_audited_by_number_without_names(three):
    investigation, analyst = three.investigation, three["analyst"]
    search(investigation, analyst)
    judgement = judging.judge(
        candidate=candidate(investigation, "a", "b"), verdict=Verdict.POSITIVE, user=analyst
    )
    judging.undo(judgement=judgement, user=analyst)
    entries = AuditEntry.objects.filter(action__in=["networks.candidate.judged", "networks.judgement.undone"])
    assert [(e.action, e.actor, e.object_repr, e.data.get("judgement")) for e in entries.order_by("pk")] == [
        ("networks.candidate.judged", analyst, f"#{investigation.pk}", judgement.pk),
        ("networks.judgement.undone", analyst, f"#{investigation.pk}", judgement.pk),
    ]
    assert "Zakharov" not in str([e.data for e in entries])


class Killed(BaseException):
    """The worker process dies (nothing below the handler gets to tidy up)."""


def test_a_search_interrupted_resumes_where_it_stopped(three, monkeypatch):
    """The worker dies after the first entity's pairs are scored; the job, taken again, resumes from its
    checkpoint and ends with the same candidates as an uninterrupted search, none twice."""
    from palermo.core.jobs import JobContext
    from palermo.core.jobs.runner import run_pending

    investigation, analyst = three.investigation, three["analyst"]
    monkeypatch.setattr(runs, "BATCH", 1)
    real_should_stop = JobContext.should_stop

    def die_once_scoring(self):
        if self.checkpoint.get("phase") == "pairs":
            monkeypatch.setattr(JobContext, "should_stop", real_should_stop)
            raise Killed
        return real_should_stop(self)

    monkeypatch.setattr(JobContext, "should_stop", die_once_scoring)
    run = runs.start_run(investigation=investigation, user=analyst)
    with pytest.raises(Killed):
        run_pending()
    job = Job.objects.get(pk=run.job_id)
    assert job.state == JobState.RUNNING and job.checkpoint == {"phase": "pairs", "after": "a", "done": 1}
    assert open_pairs(investigation) == {("a", "b"), ("a", "c")}
    run_pending(stale_after=0)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert open_pairs(investigation) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert Candidate.objects.filter(investigation=investigation).count() == 3


def test_a_search_asked_for_while_one_runs_follows_it(three, monkeypatch):
    """An import that ends while a search runs asks for another: it runs after, once."""
    from palermo.core.jobs import run_pending
    from palermo.networks.domain import resolution_keys
    from palermo.networks.models import ResolutionRun

    investigation, analyst = three.investigation, three["analyst"]
    real_write_keys = resolution_keys.write_keys
    asked = []

    def write_keys_and_ask(*args, **kwargs):
        if not asked:
            asked.append(runs.start_run(investigation=investigation, user=analyst))
            asked.append(runs.start_run(investigation=investigation, user=analyst))
        return real_write_keys(*args, **kwargs)

    monkeypatch.setattr(runs, "write_keys", write_keys_and_ask)
    first = runs.start_run(investigation=investigation, user=analyst)
    run_pending()
    assert [run.pk for run in asked] == [first.pk, first.pk]
    done = list(ResolutionRun.objects.filter(investigation=investigation).order_by("pk"))
    assert [(run.pk == first.pk, run.again, run.job.state) for run in done] == [
        (True, True, JobState.DONE),
        (False, False, JobState.DONE),
    ]
    assert open_pairs(investigation) == {("a", "b"), ("a", "c"), ("b", "c")}
