# ruff: noqa: RUF001 (names in Cyrillic on purpose)
"""`palermo dedupe-entities`: FtM lines in, one entity per cluster out (references rewritten), judgements
kept in an investigation when asked; bad input named by line and nothing written."""

import json

import pytest
from django.core.management import CommandError, call_command

from palermo.core.models import AuditEntry
from palermo.networks.domain.resolution_components import canonical_for
from palermo.networks.models import Entity, Judgement, Verdict
from tests.networks.resolution_world import person, ready_source


def lines(*entities: dict) -> str:
    return "".join(json.dumps(entity, ensure_ascii=False) + "\n" for entity in entities)


ENTITIES = [
    {
        "id": "it-1",
        "schema": "Person",
        "properties": {"name": ["Aleksandr Zakharov"], "birthDate": ["1971-03-02"]},
    },
    {"id": "br-7", "schema": "Person", "properties": {"name": ["ЗАХАРОВ Александр"], "nationality": ["ru"]}},
    {"id": "it-2", "schema": "Company", "properties": {"name": ["Lupa Trading S.r.l."]}},
    {"id": "it-3", "schema": "Ownership", "properties": {"owner": ["br-7"], "asset": ["it-2"]}},
]


def run(tmp_path, text: str, *args) -> list[dict]:
    source = tmp_path / "in.ftm.json"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.ftm.json"
    call_command("dedupe_entities", str(source), "-o", str(out), *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_the_same_person_in_two_scripts_comes_out_once_with_every_value(tmp_path):
    merged = canonical_for(["it-1", "br-7"])
    out = {entity["id"]: entity for entity in run(tmp_path, lines(*ENTITIES))}
    assert sorted(out) == sorted(["it-2", "it-3", merged])
    assert sorted(out[merged]["properties"]["name"]) == ["Aleksandr Zakharov", "ЗАХАРОВ Александр"]
    assert out[merged]["properties"]["birthDate"] == ["1971-03-02"]
    assert out[merged]["properties"]["nationality"] == ["ru"]
    assert out["it-3"]["properties"]["owner"] == [merged]


def test_pairs_below_the_threshold_stay_apart(tmp_path):
    from palermo.networks.ftm.model import make_proxy
    from palermo.networks.matching import score_pair

    score = score_pair(make_proxy(ENTITIES[0]), make_proxy(ENTITIES[1])).score
    assert 0 < score <= 1
    above = run(tmp_path, lines(*ENTITIES[:2]), "--threshold", str(min(score + 0.001, 1.0)))
    assert sorted(entity["id"] for entity in above) == (
        ["br-7", "it-1"] if score < 1 else [canonical_for(["it-1", "br-7"])]
    )
    at = run(tmp_path, lines(*ENTITIES[:2]), "--threshold", str(score))
    assert [entity["id"] for entity in at] == [canonical_for(["it-1", "br-7"])]


def test_a_threshold_outside_0_to_1_is_refused(tmp_path):
    with pytest.raises(CommandError, match="between 0 and 1"):
        run(tmp_path, lines(*ENTITIES), "--threshold", "2")
    assert not (tmp_path / "out.ftm.json").exists()


def test_bad_input_names_the_line_and_writes_nothing(tmp_path, capsys):
    text = (
        lines(ENTITIES[0])
        + '{"id": "x", "schema": "Person", "properties": {"name": ["A"]\n'
        + lines({"id": "y", "schema": "Persona", "properties": {}})
    )
    with pytest.raises(CommandError, match="2 problem"):
        run(tmp_path, text)
    errors = capsys.readouterr().err
    assert "in.ftm.json, line 2: This line is not valid JSON (at character 62)" in errors
    assert "in.ftm.json, line 3, field schema: Persona is not a schema of the model." in errors
    assert not (tmp_path / "out.ftm.json").exists()
    assert not list(tmp_path.glob(".out.ftm.json*"))


@pytest.mark.django_db
def test_with_an_investigation_the_merges_are_kept_as_the_analysts_judgements(tmp_path, inquiry):
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst)
    person(investigation, analyst, source, "it-1", "Aleksandr Zakharov")
    person(investigation, analyst, source, "br-7", "ЗАХАРОВ Александр")
    run(tmp_path, lines(*ENTITIES), "--investigation", str(investigation.pk), "--user", analyst.email)
    judgement = Judgement.objects.get(investigation=investigation)
    assert (judgement.left_id, judgement.right_id, judgement.verdict, judgement.by) == (
        "br-7",
        "it-1",
        Verdict.POSITIVE,
        analyst,
    )
    merged = canonical_for(["it-1", "br-7"])
    assert set(Entity.objects.filter(investigation=investigation).values_list("canonical_id", flat=True)) == {
        merged
    }
    entry = AuditEntry.objects.get(action="networks.entities.deduplicated")
    assert (entry.actor, entry.object_repr, entry.data["judgements"]) == (analyst, f"#{investigation.pk}", 1)
    assert "Zakharov" not in json.dumps(entry.data, ensure_ascii=False)


@pytest.mark.django_db
def test_a_viewer_cannot_keep_judgements(tmp_path, inquiry):
    with pytest.raises(CommandError, match="not an analyst or lead"):
        run(
            tmp_path,
            lines(*ENTITIES),
            "--investigation",
            str(inquiry.investigation.pk),
            "--user",
            inquiry["viewer"].email,
        )
    assert not Judgement.objects.exists()
