import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_parties_endpoint_lists_every_party(client):
    data = client.get("/api/v1/parties/").json()
    assert len(data) == 198
    albania = next(p for p in data if p["code"] == "ALB")
    assert albania["regional_group"] == "EEG" and albania["names"]["fr"] == "Albanie"


def test_parties_filter_by_regional_group(client):
    codes = {p["code"] for p in client.get("/api/v1/parties/?regional_group=none").json()}
    assert codes == {"EUU", "VAT", "PSE", "COK", "NIU"}


def test_party_detail_has_participation(client):
    data = client.get("/api/v1/parties/alb/").json()
    untoc = next(p for p in data["participation"] if p["instrument"] == "UNTOC")
    assert untoc["entry_into_force"] == "2003-09-29" and untoc["as_of"] == "2015-03-14"
    assert client.get("/api/v1/parties/XXX/").status_code == 404


def test_instrument_detail_has_every_article(client):
    data = client.get("/api/v1/instruments/UNTOC/").json()
    assert len(data["articles"]) == 41 and data["articles"][37]["title"] == "Entry into force"
    tip = client.get("/api/v1/instruments/TIP/").json()
    assert tip["parent"] == "UNTOC" and len(tip["articles"]) == 20


def test_article_endpoint(client):
    assert client.get("/api/v1/instruments/SOM/articles/6/").json()["title"] == "Criminalization"
    assert client.get("/api/v1/instruments/SOM/articles/60/").status_code == 404


def test_participation_filter(client):
    data = client.get("/api/v1/participation/?instrument=firearms&limit=500").json()
    assert data["count"] == 123 and {r["instrument"] for r in data["results"]} == {"FIREARMS"}


def test_bulk_exports(client):
    assert client.get("/api/v1/register.json").json()["as_of"] == "2015-03-14"
    assert client.get("/api/v1/register.csv").content.decode().startswith("\ufeffcode,name,regional_group")


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/parties/",
        "/api/v1/parties/{code}/",
        "/api/v1/instruments/{code}/articles/{number}/",
        "/api/v1/register.json",
    ):
        assert path in schema["paths"]


def test_the_openapi_schema_is_valid_and_complete(tmp_path):
    """Every endpoint is described without a guess (a warning fails the command) and the schema validates."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/saved-searches/{id}/:" in (tmp_path / "schema.yaml").read_text()


def test_the_api_is_read_only(client):
    assert client.post("/api/v1/parties/", {"code": "XXX"}).status_code in (403, 405)
