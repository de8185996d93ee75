"""The authentic texts in other languages: an article, its instrument's page, the implementation map, the
questionnaire and the API show the text in the reader's language where Palermo holds it (French,
Spanish), else the English text with lang="en" and a note saying so; loading them again changes nothing."""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from palermo.register.domain.reference_data import DATA_DIR, INSTRUMENTS, TEXT_LANGUAGES
from palermo.register.models import Article, Instrument

pytestmark = pytest.mark.django_db

FRENCH_18 = "1. Les États parties s’accordent mutuellement l’entraide judiciaire la plus large possible"
SPANISH_18 = "1. Los Estados Parte se prestarán la más amplia asistencia judicial recíproca"
ENGLISH_18 = "1. States Parties shall afford one another the widest measure of mutual legal assistance"
FALLBACK = "data-text-fallback"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text_block(html: str) -> str:
    """The opening tag of the article's text."""
    return re.search(r'<div class="article-text"[^>]*>', html).group(0)


def test_french_article_page_shows_the_french_authentic_text(client):
    html = page(client, "/fr/register/instruments/UNTOC/articles/18/")
    assert FRENCH_18 in html and ENGLISH_18 not in html
    assert text_block(html) == '<div class="article-text" lang="fr" dir="ltr">'
    assert '<span lang="fr" dir="ltr">Entraide judiciaire</span>' in html
    assert FALLBACK not in html


def test_spanish_article_page_shows_the_spanish_authentic_text(client):
    html = page(client, "/es/register/instruments/UNTOC/articles/18/")
    assert SPANISH_18 in html and ENGLISH_18 not in html
    assert text_block(html) == '<div class="article-text" lang="es" dir="ltr">'
    assert '<span lang="es" dir="ltr">Asistencia judicial recíproca</span>' in html
    assert FALLBACK not in html


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru"])
def test_article_page_falls_back_to_english_and_says_so(client, language):
    html = page(client, f"/{language}/register/instruments/UNTOC/articles/18/")
    assert ENGLISH_18 in html
    assert text_block(html) == '<div class="article-text" lang="en" dir="ltr">'
    assert '<span lang="en" dir="ltr">Mutual legal assistance</span>' in html
    assert html.count(FALLBACK) == 1


def test_english_article_page_is_english_without_a_note(client):
    html = page(client, "/en/register/instruments/UNTOC/articles/18/")
    assert ENGLISH_18 in html and text_block(html) == '<div class="article-text" lang="en" dir="ltr">'
    assert FALLBACK not in html
    assert 'href="?text=es" lang="es" hreflang="es">español</a>' in html
    assert 'href="?text=fr" lang="fr" hreflang="fr">français</a>' in html


def test_a_reader_can_choose_another_authentic_text_and_keeps_it_from_article_to_article(client):
    html = page(client, "/ar/register/instruments/UNTOC/articles/18/?text=es")
    assert SPANISH_18 in html and text_block(html) == '<div class="article-text" lang="es" dir="ltr">'
    assert FALLBACK not in html
    assert 'href="/ar/register/instruments/UNTOC/articles/19/?text=es"' in html


@pytest.mark.parametrize("value", ["ar", "de", "", "../en"])
def test_an_authentic_text_palermo_does_not_hold_is_404(client, value):
    assert client.get(f"/en/register/instruments/UNTOC/articles/18/?text={value}").status_code == 404


def test_french_instrument_page_lists_french_titles_and_says_what_is_english(client):
    html = page(client, "/fr/register/instruments/TIP/")
    assert '<span lang="fr" dir="ltr">Terminologie</span>' in html
    # the French preamble and chapter headings are not in the source: English, each said so once
    assert '<div class="article-text" lang="en" dir="ltr"><p>The States Parties to this Protocol' in html
    assert '<span lang="en" dir="ltr">General Provisions</span>' in html
    assert html.count(FALLBACK) == 2


def test_spanish_instrument_page_has_spanish_preamble_and_chapters(client):
    html = page(client, "/es/register/instruments/TIP/")
    assert (
        '<div class="article-text" lang="es" dir="ltr"><p>Los Estados Parte en el presente Protocolo,</p>'
        in html
    )
    assert '<span lang="es" dir="ltr">Disposiciones generales</span>' in html
    assert '<span lang="es" dir="ltr">Definiciones</span>' in html
    assert FALLBACK not in html


def test_arabic_instrument_page_says_once_that_the_text_is_english(client):
    html = page(client, "/ar/register/instruments/TIP/")
    assert '<span lang="en" dir="ltr">Use of terms</span>' in html
    assert html.count(FALLBACK) == 1


def test_convention_without_preamble_shows_none_in_any_language(client):
    for language in ("en", "fr", "es", "ar"):
        assert "<details><summary>" not in page(client, f"/{language}/register/instruments/UNTOC/")


def test_implementation_map_names_the_article_in_the_readers_language(client):
    html = page(client, "/fr/knowledge/articles/UNTOC/18/implementation/")
    assert '<span lang="fr" dir="ltr">Entraide judiciaire</span>' in html
    html = page(client, "/ru/knowledge/articles/UNTOC/18/implementation/")
    assert '<span lang="en" dir="ltr">Mutual legal assistance</span>' in html


def test_api_gives_every_authentic_text_of_an_article(client):
    data = client.get("/api/v1/instruments/UNTOC/articles/18/").json()
    assert sorted(data["texts"]) == ["en", "es", "fr"]
    assert data["texts"]["fr"]["title"] == "Entraide judiciaire"
    assert data["texts"]["es"]["text"].startswith(SPANISH_18)
    assert data["texts"]["en"]["text"] == data["text"]
    tip = client.get("/api/v1/instruments/TIP/articles/3/").json()["texts"]
    assert tip["es"]["chapter_title"] == "Disposiciones generales"
    assert tip["fr"]["chapter_title"] is None  # not available


def test_api_gives_the_preambles_and_says_which_are_missing(client):
    texts = client.get("/api/v1/instruments/TIP/").json()["texts"]
    assert texts["es"]["preamble"].startswith("Los Estados Parte en el presente Protocolo")
    assert texts["fr"]["preamble"] is None
    untoc = client.get("/api/v1/instruments/UNTOC/").json()["texts"]
    assert untoc["fr"]["preamble"] == "" and untoc["en"]["preamble"] == ""  # the Convention has none


def held(language: str) -> dict:
    return {a.pk: (a.titles.get(language), a.texts.get(language)) for a in Article.objects.all()}


def test_loading_again_changes_nothing_and_repairs_what_was_changed():
    before = {language: held(language) for language in TEXT_LANGUAGES}
    Article.objects.filter(instrument="UNTOC", number="18").update(texts={}, titles={"fr": "Changed"})
    Instrument.objects.filter(code="TIP").update(preambles={}, sources={})
    call_command("load_reference_data", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    assert {language: held(language) for language in TEXT_LANGUAGES} == before
    assert Article.objects.count() == 107
    tip = Instrument.objects.get(code="TIP")
    assert sorted(tip.sources) == ["es", "fr"] and list(tip.preambles) == ["es"]


def test_the_data_migration_fills_an_installation_loaded_before(client):
    before = held("fr")
    Article.objects.update(titles={}, texts={}, chapter_titles={})
    Instrument.objects.update(preambles={}, closings={}, sources={})
    migration = importlib.import_module(
        "palermo.register.migrations.0004_load_article_texts_in_other_languages"
    )
    migration.fill_texts(apps, None)
    assert held("fr") == before
    assert FRENCH_18 in page(client, "/fr/register/instruments/UNTOC/articles/18/")


def test_every_authentic_text_has_the_articles_and_titles_of_the_english_one():
    titles = json.loads((DATA_DIR / "instrument-titles.json").read_text(encoding="utf-8"))
    for code, file_name, *_ in INSTRUMENTS:
        english = json.loads((DATA_DIR / "instruments" / file_name).read_text(encoding="utf-8"))
        for language in TEXT_LANGUAGES:
            path = DATA_DIR / "instruments" / file_name.replace(".json", f".{language}.json")
            other = json.loads(path.read_text(encoding="utf-8"))
            assert other["instrument"] == code
            assert [a["number"] for a in other["articles"]] == [a["number"] for a in english["articles"]]
            assert all(a["title"].strip() and a["text"].strip() for a in other["articles"])
            assert other["title"].replace("’", "'") == titles[code]["title"][language].replace("’", "'")


def test_a_text_whose_articles_differ_from_the_english_one_is_refused_whole(tmp_path, monkeypatch):
    import shutil

    from django.core.management import CommandError

    from palermo.register.domain import reference_data

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    broken = json.loads((data / "instruments" / "som-protocol.fr.json").read_text(encoding="utf-8"))
    broken["articles"].pop()
    (data / "instruments" / "som-protocol.fr.json").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(reference_data, "DATA_DIR", data)
    Article.objects.filter(instrument="UNTOC", number="18").update(texts={})
    with pytest.raises(
        CommandError, match=re.escape("som-protocol.fr.json: its instrument or article numbers")
    ):
        call_command("load_reference_data", verbosity=0)
    assert Article.objects.get(instrument="UNTOC", number="18").texts == {}  # UNTOC loads first: rolled back
