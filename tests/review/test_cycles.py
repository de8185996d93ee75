"""Launching a cycle, drawing lots on the real register, redrawing and publishing, with the secretariat
alone able to do it and nobody else able to see a draw before it is published."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from palermo.core.i18n import comma
from palermo.core.models import AuditEntry
from palermo.review.domain import cycles
from palermo.review.domain.draw import Rules
from palermo.review.models import Draw, Review, ReviewerAssignment
from tests.factories import UserFactory, signed_in
from tests.review.test_draw import assert_every_rule_holds

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return UserFactory(role="secretariat_admin")


@pytest.fixture
def cycle(secretariat):
    return cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )


def test_a_cycle_gets_its_own_copy_of_the_clusters_with_their_version_and_source(cycle):
    clusters = list(cycle.clusters.all())
    assert [c.phase for c in clusters] == [1, 2, 3, 4]
    assert clusters[0].articles["UNTOC"]["articles"][:3] == ["2", "5", "6"]
    assert clusters[0].articles["UNTOC"]["confidence"] == "medium"
    assert cycle.clusters_version == "2026-11-27-provisional"
    assert "resolution 9/1" in cycle.clusters_about


def test_the_secretariat_corrects_a_cluster_before_its_phase_only(cycle, secretariat):
    cluster = cycle.clusters.get(phase=2)
    cycles.correct_cluster(
        cluster=cluster, user=secretariat, articles={"TIP": ["9", "10"]}, source="CTOC/COP/2018/13"
    )
    cluster.refresh_from_db()
    assert cluster.articles == {"TIP": {"articles": ["9", "10"], "confidence": "confirmed"}}
    assert cluster.source == "CTOC/COP/2018/13"
    assert AuditEntry.objects.filter(action="review.cluster.corrected").count() == 1
    with pytest.raises(cycles.ReviewError, match="has no article 99"):
        cycles.correct_cluster(cluster=cluster, user=secretariat, articles={"TIP": ["99"]}, source="x")
    cycle.first_year = 2000
    cycle.save()
    with pytest.raises(cycles.ReviewError, match="has started"):
        cycles.correct_cluster(cluster=cluster, user=secretariat, articles={"TIP": ["9"]}, source="x")


def test_lots_drawn_on_the_real_register_meet_every_rule_and_are_stored(cycle, secretariat):
    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=2020)
    from palermo.review.interfaces.participation import parties_from_document

    parties = parties_from_document(drawn.participation, cycle.reference_date)
    from palermo.review.domain.draw import Draw as Result
    from palermo.review.domain.draw import Review as Item

    result = Result(
        drawn.seed,
        Rules.from_dict(drawn.rules),
        {int(n): codes for n, codes in drawn.result["groups"].items()},
        [Item(**r) for r in drawn.result["reviews"]],
        drawn.result["not_drawn"],
    )
    assert_every_rule_holds(parties, result.rules, result)
    assert Review.objects.filter(cycle=cycle).count() == len(drawn.result["reviews"])
    assert ReviewerAssignment.objects.filter(review__cycle=cycle).count() == sum(
        len(r["reviewers"]) for r in drawn.result["reviews"]
    )
    with pytest.raises(cycles.ReviewError, match="already been drawn"):
        cycles.draw_lots(cycle=cycle, user=secretariat, seed=1)


def test_a_redraw_replaces_one_reviewer_keeps_the_rest_and_is_limited(cycle, secretariat):
    first = cycles.draw_lots(cycle=cycle, user=secretariat, seed=5)
    review = first.result["reviews"][0]
    state, reviewer = review["state_under_review"], review["reviewers"][0]["state"]
    second = cycles.redraw_reviewer(
        cycle=cycle,
        user=secretariat,
        state_under_review=state,
        reviewer=reviewer,
        reason="Conflict of interest",
    )
    before = {(r["state_under_review"], r["instrument"]): r["reviewers"] for r in first.result["reviews"]}
    after = {(r["state_under_review"], r["instrument"]): r["reviewers"] for r in second.result["reviews"]}
    assert {k: v for k, v in before.items() if k[0] != state} == {
        k: v for k, v in after.items() if k[0] != state
    }
    assert all(reviewer not in [r["state"] for r in after[k]] for k in after if k[0] == state)
    ended = ReviewerAssignment.objects.filter(
        review__state_under_review_id=state, reviewing_state_id=reviewer
    )
    assert ended.exists() and all(a.ended_by_id == second.pk for a in ended)
    current = {
        (a.review.instrument_id, a.reviewing_state_id)
        for a in ReviewerAssignment.objects.filter(
            review__cycle=cycle, review__state_under_review_id=state, ended_by=None
        )
    }
    assert current == {(k[1], r["state"]) for k, v in after.items() if k[0] == state for r in v}
    new_reviewer = next(
        r["state"]
        for r in after[state, review["instrument"]]
        if r["state"] not in {x["state"] for x in before[state, review["instrument"]]}
    )
    cycles.redraw_reviewer(
        cycle=cycle, user=secretariat, state_under_review=state, reviewer=new_reviewer, reason="Again"
    )
    third_reviewer = cycle.draws.latest("created", "id").result
    with pytest.raises(cycles.ReviewError, match="has used its 2 redraws"):
        some = next(r for r in third_reviewer["reviews"] if r["state_under_review"] == state)["reviewers"][0][
            "state"
        ]
        cycles.redraw_reviewer(
            cycle=cycle, user=secretariat, state_under_review=state, reviewer=some, reason="Third"
        )
    assert Draw.objects.filter(cycle=cycle, kind="redraw").count() == 2


def test_nobody_but_the_secretariat_sees_a_draw_before_it_is_published(client, cycle, secretariat):
    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=9)
    pages = [
        reverse("review:cycle", args=[1]),
        reverse("review:draw", args=[1, drawn.pk]),
        reverse("review:draw_result", args=[1, drawn.pk]),
        reverse("review:draw_participation", args=[1, drawn.pk]),
    ]
    outsider = UserFactory(role="focal_point")
    for user in (None, outsider):
        if user:
            signed_in(client, user)
        for page in pages:
            assert client.get(page).status_code == 404, page
        assert (
            drawn.result["reviews"][0]["state_under_review"]
            not in client.get(reverse("review:cycles")).content.decode()
        )
        hidden = 404 if user else 302  # the secretariat's actions send a signed-out visitor to sign in
        assert client.post(reverse("review:publish", args=[1, drawn.pk])).status_code == hidden
        assert client.post(reverse("review:draw_lots", args=[1])).status_code == hidden
    cycles.publish_draw(draw=drawn, user=secretariat)
    for page in pages:
        assert client.get(page).status_code == 200, page
    downloaded = json.loads(client.get(pages[2]).content)
    assert downloaded == drawn.result


def test_the_secretariat_launches_draws_and_publishes_in_the_browser_pages(client, secretariat):
    signed_in(client, secretariat)
    response = client.post(
        reverse("review:cycles"),
        {
            "number": 2,
            "reference_date": "2015-03-01",
            "first_year": 2031,
            "groups": 3,
            "max_reviews_per_year": 3,
            "redraws_allowed": 2,
            "no_reciprocal_reviews": "on",
            "balance_regional_groups": "on",
            "outside_regional_groups": "other_group_only",
            "late_joiners": "last_group",
        },
    )
    assert response.status_code == 302
    response = client.post(reverse("review:draw_lots", args=[2]), {"seed": "77"}, follow=True)
    assert "Lots drawn" in response.content.decode()
    drawn = Draw.objects.get(cycle__number=2)
    assert drawn.seed == 77
    response = client.post(reverse("review:publish", args=[2, drawn.pk]), {"confirm": "yes"}, follow=True)
    assert "Published on" in response.content.decode()


def test_the_command_rederives_a_published_draw_from_its_participation(cycle, secretariat, tmp_path):
    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=31)
    (tmp_path / "participation.json").write_text(json.dumps(drawn.participation))
    (tmp_path / "rules.json").write_text(json.dumps(drawn.rules))
    call_command(
        "draw_lots",
        seed=31,
        participation=str(tmp_path / "participation.json"),
        rules=str(tmp_path / "rules.json"),
        reference_date=date(2015, 1, 1),
        json_file=str(tmp_path / "draw.json"),
        stdout=StringIO(),
    )
    assert json.loads((tmp_path / "draw.json").read_text()) == drawn.result


def test_the_command_says_which_state_and_rule_make_a_draw_impossible(tmp_path):
    document = {
        "as_of": "2020-01-01",
        "parties": [
            {
                "code": "AAA",
                "regional_group": "EEG",
                "participation": [{"instrument": "UNTOC", "entry_into_force": "2004-01-01"}],
            },
            {
                "code": "BBB",
                "regional_group": "WEOG",
                "participation": [{"instrument": "UNTOC", "entry_into_force": "2004-01-01"}],
            },
            {
                "code": "CCC",
                "regional_group": "WEOG",
                "participation": [{"instrument": "UNTOC", "entry_into_force": "2004-01-01"}],
            },
        ],
    }
    (tmp_path / "p.json").write_text(json.dumps(document))
    with pytest.raises(CommandError, match="State AAA, rule same_group"):
        call_command("draw_lots", seed=1, participation=str(tmp_path / "p.json"), stdout=StringIO())
    document["parties"][0]["participation"][0]["entry_into_force"] = "4 May 2004"
    (tmp_path / "p.json").write_text(json.dumps(document))
    with pytest.raises(
        CommandError, match=r"parties\[0\].participation\[0\].entry_into_force: '4 May 2004' is not a date"
    ):
        call_command("draw_lots", seed=1, participation=str(tmp_path / "p.json"), stdout=StringIO())


def test_the_api_shows_published_draws_only(client, cycle, secretariat):
    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=4)
    assert client.get("/api/v1/review/draws/").json()["results"] == []
    assert client.get(f"/api/v1/review/draws/{drawn.pk}/").status_code == 404
    assert client.get("/api/v1/review/cycles/1/").status_code == 404
    cycles.publish_draw(draw=drawn, user=secretariat)
    listed = client.get("/api/v1/review/draws/").json()["results"]
    assert [(d["id"], d["seed"], d["cycle"]) for d in listed] == [(drawn.pk, 4, 1)]
    assert listed[0]["result"]["reviews"] == drawn.result["reviews"]
    cycle_data = client.get("/api/v1/review/cycles/1/").json()
    assert [c["phase"] for c in cycle_data["clusters"]] == [1, 2, 3, 4]


def test_the_secretariat_corrects_a_cluster_in_its_page_and_nobody_else_can(client, cycle, secretariat):
    page = reverse("review:cluster_edit", args=[1, 3])
    signed_in(client, UserFactory(role="focal_point"))
    assert client.get(page).status_code == 404
    client.logout()
    signed_in(client, secretariat)
    form = client.get(page).content.decode()
    assert 'name="articles_UNTOC"' in form
    response = client.post(page, {"source": "CTOC/COP/2018/13", "articles_UNTOC": "7, 11, 99"}, follow=True)
    assert "UNTOC has no article 99" in response.content.decode()
    response = client.post(page, {"source": "CTOC/COP/2018/13", "articles_UNTOC": "11, 7"}, follow=True)
    assert "Cluster 3 corrected." in response.content.decode()
    cluster = cycle.clusters.get(phase=3)
    assert cluster.articles["UNTOC"] == {"articles": ["7", "11"], "confidence": "confirmed"}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_draw_and_cycle_pages_list_each_group_by_state_names_in_the_readers_language(
    client, cycle, secretariat, language
):
    import re

    from palermo.core.collation import sort_key
    from palermo.register.models import Party

    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=11)
    cycles.publish_draw(draw=drawn, user=secretariat)
    names = {p.code: p.name_in(language) for p in Party.objects.all()}
    for url in (f"/{language}/review/cycles/1/", f"/{language}/review/cycles/1/draws/{drawn.pk}/"):
        page = client.get(url).content.decode()
        shown = re.findall(r"<li><strong>[^<]*</strong> \(\d+\): ([^<]*)</li>", page)
        assert len(shown) == len(drawn.result["groups"]) == 3
        for line, codes in zip(shown, drawn.result["groups"].values(), strict=True):
            import html

            with translation.override(language):
                listed = html.unescape(line).split(comma())  # as the language lists them (Arabic ،)
            assert sorted(listed) == sorted(names[code] for code in codes)
            assert listed == sorted(listed, key=lambda name: sort_key(name, language))


def test_the_redraw_form_offers_states_by_name_and_a_refusal_names_states_not_codes(
    client, cycle, secretariat
):
    from palermo.register.models import Party

    first = cycles.draw_lots(cycle=cycle, user=secretariat, seed=5)
    review = first.result["reviews"][0]
    state = review["state_under_review"]
    outsider = next(
        code
        for code in Party.objects.values_list("code", flat=True)
        if code != state and code not in {r["state"] for r in review["reviewers"]}
    )
    signed_in(client, secretariat)
    page = client.get("/fr/review/cycles/1/").content.decode()
    assert f'<option value="{state}">{Party.objects.get(code=state).name_in("fr")}</option>' in page
    response = client.post(
        "/fr/review/cycles/1/redraw/",
        {"state_under_review": state, "reviewer": outsider, "reason": "Conflit"},
        follow=True,
    )
    message = response.content.decode()
    assert Party.objects.get(code=outsider).name_in("fr") in message
    assert Draw.objects.filter(cycle=cycle, kind="redraw").count() == 0


def test_the_drawn_reviews_come_in_pages_and_filter_by_state_group_and_instrument(client, cycle, secretariat):
    drawn = cycles.draw_lots(cycle=cycle, user=secretariat, seed=11)
    cycles.publish_draw(draw=drawn, user=secretariat)
    total = len(drawn.result["reviews"])
    assert total > 50
    page = client.get("/en/review/cycles/1/").content.decode()
    assert page.count('class="drawn-review"') == 50 and f"1\u201350 of {total}" in page
    italy = [r for r in drawn.result["reviews"] if r["state_under_review"] == "ITA"]
    reviewing = [r for r in drawn.result["reviews"] if any(x["state"] == "ITA" for x in r["reviewers"])]
    found = client.get("/fr/review/cycles/1/", {"state": "itali"}).content.decode()  # "Italie", in French
    assert found.count('class="drawn-review"') == len(italy) + len(reviewing)
    group = str(italy[0]["group"])
    only = client.get(
        f"/en/review/cycles/1/draws/{drawn.pk}/",
        {"group": group, "instrument": italy[0]["instrument"]},
    ).content.decode()
    same = [r for r in drawn.result["reviews"] if str(r["group"]) == group and r["instrument"] == "UNTOC"]
    assert italy[0]["instrument"] == "UNTOC"
    assert only.count('class="drawn-review"') == min(len(same), 50) and len(same) < total
    nothing = client.get("/en/review/cycles/1/", {"state": "no such state"}).content.decode()
    assert "No review matches these filters." in nothing
