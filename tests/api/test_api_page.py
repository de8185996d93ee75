"""The API page lists every endpoint (from the URL conf, so nothing can be left off), how pagination,
authentication and errors work and the data licence, in the six languages; the interactive documentation is
served by the app itself under the strict Content-Security-Policy."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver

from palermo.api import catalogue
from palermo.api.inputs import BoundedPagination

pytestmark = pytest.mark.django_db


def api_v1_routes() -> list[str]:
    """Every route of the URL conf under /api/v1/, as written there (path converters or regular expressions)."""
    found = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return found


def prefixes() -> set[str]:
    return {re.split(r"[/\\]", route.removeprefix("api/v1/"), maxsplit=1)[0] for route in api_v1_routes()}


def test_the_routes_under_api_v1_are_found():
    assert {"parties", "records", "search", "saved-searches", "review", "register.json"} <= prefixes()


def test_every_url_prefix_under_api_v1_appears_on_the_api_page(client):
    content = client.get("/api/").content.decode()
    for prefix in prefixes():
        assert f"/api/v1/{prefix}" in content, prefix


def test_every_url_prefix_under_api_v1_belongs_to_an_area_that_says_what_it_is():
    for prefix in prefixes():
        area = catalogue.area_of(f"/api/v1/{prefix}/")
        assert area is not None, f"/api/v1/{prefix}/ is in no area of palermo.api.catalogue.AREAS"
        assert str(area.title) and str(area.description)


def test_every_operation_of_the_schema_is_listed_with_its_method(client):
    content = client.get("/api/").content.decode()
    for path, operations in catalogue.schema()["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}</code>" in content, (method, path)


def test_the_endpoint_groups_are_the_areas_in_order(client):
    content = client.get("/api/").content.decode()
    headings = re.findall(r'<h2 id="([\w-]+)">', content)
    areas = ["register", "knowledge", "saved-searches", "review", "cooperation", "networks", "conference"]
    assert headings[: len(areas)] == areas
    assert headings[len(areas) :] == ["pagination", "authentication", "errors", "licence"]


def test_the_page_says_which_lists_come_in_pages_and_who_may_call(client):
    groups = {group.tag: group for group in catalogue.groups()}
    by_request = {(o.method, o.path): o for group in groups.values() for o in group.operations}
    assert by_request["GET", "/api/v1/participation/"].paginated
    assert not by_request["GET", "/api/v1/parties/"].paginated
    assert by_request["GET", "/api/v1/parties/"].public
    assert not by_request["GET", "/api/v1/saved-searches/"].public
    assert by_request["GET", "/api/v1/parties/{code}/"].summary == "One of the list above, by its code."


def test_the_page_explains_pagination_authentication_errors_and_the_licence(client, settings):
    settings.DATA_LICENCE, settings.DATA_LICENCE_URL = (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    )
    content = client.get("/api/").content.decode()
    limit = BoundedPagination.MAX_LIMIT
    assert f"from 1 to {limit}; 100 when not given; a larger number gives {limit}" in content
    assert '<code dir="ltr">?offset=</code>' in content
    assert "X-CSRFToken" in content and "There are no API keys." in content
    for status in (400, 403, 404, 405, 409, 413):
        assert f"<code>{status}</code>" in content
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in content
    assert 'href="/api/docs/"' in content


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_the_api_pages_are_in_every_language(client, language):
    client.cookies["django_language"] = language
    for url in ("/api/", "/api/docs/"):
        response = client.get(url)
        assert response.status_code == 200 and f'<html lang="{language}"' in response.content.decode()


def test_the_french_page_marks_the_english_descriptions_as_english(client):
    client.cookies["django_language"] = "fr"
    content = client.get("/api/").content.decode()
    assert '<td lang="en" dir="ltr">States and organisations in the register' in content


def test_the_schema_groups_operations_by_area_and_carries_the_licence(client):
    schema = json.loads(client.get("/api/schema/?format=json").content)
    tags = {tag for operations in schema["paths"].values() for o in operations.values() for tag in o["tags"]}
    assert tags == {area.tag for area in catalogue.AREAS}
    assert schema["info"]["license"]["name"]


def test_the_interactive_documentation_comes_from_the_app_under_a_strict_policy(client):
    response = client.get("/api/docs/")
    content = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts = re.findall(r"<script([^>]*)>", content)
    assert scripts and all(' src="/static/' in attributes for attributes in scripts)  # none inline
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', content)
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
    assert "api/swagger-init.js" in assets
    for asset in assets:
        assert finders.find(asset), asset
    assert 'data-schema-url="/api/schema/?format=json"' in content
    assert not re.search(r'(?:src|href)="(?:https?:)?//', content.split("<main", 1)[1])
