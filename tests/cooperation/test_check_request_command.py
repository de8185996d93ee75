"""`palermo check-request FILE.json [--kind KIND] [--json] [--language LANG]`: the completeness checks on a
request written as JSON; exit status 0 complete, 1 something required missing or wrong, 2 unreadable."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from palermo.cooperation.domain.completeness import check

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "examples"
MLA = EXAMPLES / "mla-bank-records-trafficking.json"
EXTRADITION = EXAMPLES / "extradition-missing-warrant.json"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """(exit status, standard output followed by the error, if any) of the command, as call_command runs
    it."""
    out = io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        call_command("check_request", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + "\n" + str(error)
    finally:
        sys.stdin = old_stdin
    return 0, out.getvalue()


def written(tmp_path: Path, content, name: str = "request.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_a_complete_request_exits_0_and_says_so():
    status, output = run(str(MLA))
    assert status == 0
    assert output.strip() == f"{MLA} (mla): complete"


def test_an_incomplete_request_exits_1_naming_the_item_its_article_and_its_step():
    status, output = run(str(EXTRADITION))
    assert status == 1
    assert output.splitlines()[:5] == [
        f"{EXTRADITION} (extradition): not complete",
        "",
        "Facts and purpose",
        "  Missing:",
        "    - warrant: Warrant of arrest or judgment (Model Treaty on Extradition art. 5(2)(c), (d))",
    ]
    assert output.strip().endswith(f"{EXTRADITION}: not complete (1 missing, 0 wrong).")


def test_the_output_is_grouped_by_step_in_the_writers_order(tmp_path):
    content = json.loads(MLA.read_text(encoding="utf-8"))
    del content["requesting_authority"], content["facts"], content["assistance"][0]["particulars"]["bank"]
    content["persons"][0]["nationality"] = "XYZ"
    del content["transnational"]
    status, output = run(written(tmp_path, content))
    assert status == 1
    lines = output.splitlines()
    steps = [line for line in lines if line and not line.startswith(" ") and "complete" not in line]
    assert steps == [
        "Authorities",
        "Offences and legal basis",
        "Facts and purpose",
        "Persons",
        "Assistance sought",
    ]
    assert (
        "    - requesting_authority: Identity of the authority making the request (art. 18(15)(a))" in lines
    )
    assert "    - facts: Summary of the relevant facts (art. 18(15)(c))" in lines
    assert (
        "    - assistance[0].particulars.bank: Assistance 1: Bank or financial institution holding the records "
        "(art. 18(16))"
    ) in lines
    assert any(line.startswith("    - persons[0].nationality: Unknown State code “XYZ”") for line in lines)
    assert any(
        line.startswith("    - transnational: Nothing shows") and line.endswith("(art. 3(2))")
        for line in lines
    )
    assert "  Wrong:" in lines and "  Warnings:" in lines
    assert output.strip().endswith("not complete (3 missing, 1 wrong).")


def test_warnings_alone_do_not_make_a_request_incomplete(tmp_path):
    content = json.loads(MLA.read_text(encoding="utf-8"))
    content["offences"] = [{**content["offences"][0], "crime_type": "other-crime", "max_penalty_years": 2}]
    status, output = run(written(tmp_path, content))
    assert status == 0
    assert "offences[0].max_penalty_years" in output and "(art. 2(b))" in output


def test_json_output_is_the_checks_json():
    status, output = run(str(EXTRADITION), "--json")
    assert status == 1
    result = json.loads(
        output.split("\n\n")[0] if not output.lstrip().startswith("{") else output[: output.rindex("}") + 1]
    )
    # What check() finds in this example is spelled out in test_completeness.py.
    assert result == check(json.loads(EXTRADITION.read_text(encoding="utf-8"))).to_json()
    assert result["complete"] is False
    assert json.loads(run(str(MLA), "--json")[1]) == {
        "complete": True,
        "missing": [],
        "problems": [],
        "warnings": [],
    }


def test_kind_checks_the_request_as_another_kind():
    status, output = run(str(MLA), "--kind", "extradition")
    assert status == 1
    assert "    - warrant: Warrant of arrest or judgment" in output
    assert "(extradition)" in output.splitlines()[0]


def test_a_crime_type_not_in_the_taxonomy_is_wrong(tmp_path):
    content = json.loads(MLA.read_text(encoding="utf-8"))
    content["offences"][0]["crime_type"] = "trafficking-in-unicorns"
    status, output = run(written(tmp_path, content))
    assert status == 1
    assert "offences[0].crime_type: Unknown crime type “trafficking-in-unicorns”" in output


def test_french_output_names_the_same_articles_and_keys():
    english = json.loads(run(str(MLA), "--json", "--kind", "extradition")[1].rsplit("\n\n", 1)[0])
    french_status, french_output = run(str(MLA), "--json", "--kind", "extradition", "--language", "fr")
    french = json.loads(french_output.rsplit("\n\n", 1)[0])
    assert french_status == 1
    for part in ("missing", "problems", "warnings"):
        assert [(i["key"], i["reference"]) for i in french[part]] == [
            (i["key"], i["reference"]) for i in english[part]
        ]
    status, text = run(str(EXTRADITION), "--language", "fr")
    assert status == 1
    assert "(Model Treaty on Extradition art. 5(2)(c), (d))" in text


def test_the_request_can_come_from_standard_input():
    status, output = run("-", stdin=EXTRADITION.read_text(encoding="utf-8"))
    assert status == 1
    assert output.splitlines()[0] == "- (extradition): not complete"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"kind": "mla",\n  "facts": "x",\n}', "not JSON: line 3, column 1: Expecting property name"),
        ('{"kind": "mla"', "not JSON: line 1, column 15"),
        ("", "not JSON: line 1, column 1: Expecting value"),
        ('["mla"]', "the request must be a JSON object ({...}), not list"),
    ],
)
def test_a_file_that_is_not_a_json_object_exits_2_with_line_and_column(tmp_path, text, message):
    path = written(tmp_path, text)
    status, output = run(path)
    assert status == 2
    assert f"{path}: {message}" in output


def test_a_missing_file_or_bytes_that_are_not_utf8_exit_2(tmp_path):
    assert run(str(tmp_path / "nowhere.json")) == (2, f"\n{tmp_path / 'nowhere.json'}: no such file")
    path = tmp_path / "latin1.json"
    path.write_bytes('{"facts": "Tribunal de Bobigny, réquisitions"}'.encode("latin-1"))
    status, output = run(str(path))
    assert status == 2 and "not UTF-8 text" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "letter"], "--kind: 'letter' is not one of mla, extradition"),
        (["--language", "de"], "--language: 'de'"),
    ],
)
def test_bad_arguments_exit_2_naming_the_argument(args, message):
    status, output = run(str(MLA), *args)
    assert status == 2
    assert message in output


def test_the_palermo_command_exits_with_the_status_its_help_documents(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PALERMO_DATA_DIR": str(tmp_path),
        "PALERMO_DEMO": "1",
        "PALERMO_SECRET_KEY": "test",
    }

    def palermo(*args):
        return subprocess.run(
            [sys.executable, "-m", "palermo.cli", "check-request", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
        )

    assert palermo(str(MLA)).returncode == 0
    incomplete = palermo(str(EXTRADITION))
    assert incomplete.returncode == 1
    assert "warrant: Warrant of arrest or judgment" in incomplete.stdout
    unreadable = palermo(written(tmp_path, "{oops"))
    assert unreadable.returncode == 2
    assert "not JSON: line 1, column 2" in unreadable.stderr
    helped = palermo("--help")
    assert "0 complete, 1 something required is missing or wrong, 2 the file cannot be read" in " ".join(
        helped.stdout.split()
    )
