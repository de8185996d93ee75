"""The questionnaire quotes each article's authentic text in the reader's language where Palermo holds it
(and its paragraphs match the English ones the answers are keyed by), else the English text, saying so."""

import pytest
from django.urls import reverse
from django.utils import translation

from palermo.register.models import Article
from palermo.review.domain import questionnaire, steps
from palermo.review.models import DocumentKind
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

FRENCH_5 = "1. Chaque État partie adopte les mesures législatives et autres nécessaires"
SPANISH_5 = "1. Cada Estado Parte adoptará las medidas legislativas y de otra índole que sean necesarias"
ENGLISH_5 = "1. Each State Party shall adopt such legislative and other measures as may be necessary"


def saq(cast):
    review = cast["review"]
    return steps.document(
        review=review,
        phase=1,
        kind=DocumentKind.SELF_ASSESSMENT,
        party=review.state_under_review_id,
        user=cast["expert"],
    )


def article_5(document, language):
    with translation.override(language):
        return next(s for s in questionnaire.sheets(document) if s.article.number == "5")


@pytest.mark.parametrize("language, phrase", [("fr", FRENCH_5), ("es", SPANISH_5), ("en", ENGLISH_5)])
def test_questions_quote_the_article_in_the_readers_language(two_reviews, language, phrase):
    sheet = article_5(saq(two_reviews["first"]), language)
    assert sheet.quote.language == language and not sheet.quote.is_fallback
    assert (
        [q.key for q, _label, _answer in sheet.rows()] == [q.key for q in sheet.questions] == ["1", "2", "3"]
    )
    assert sheet.rows()[0][0].text.startswith(phrase)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru"])
def test_questions_quote_english_where_palermo_holds_no_text(two_reviews, language):
    sheet = article_5(saq(two_reviews["first"]), language)
    assert sheet.quote.language == "en" and sheet.quote.is_fallback and not sheet.quote.held
    assert sheet.rows()[0][0].text.startswith(ENGLISH_5)


def test_an_article_whose_paragraphs_do_not_match_is_quoted_in_english():
    # the Spanish source prints Firearms Protocol art. 8 without its "1."
    article = Article.objects.get(instrument="FIREARMS", number="8")
    english = questionnaire.questions(article.text)
    with translation.override("es"):
        quote = questionnaire.quoted(article, english)
    assert quote.language == "en" and quote.is_fallback and quote.held
    assert quote.questions == english
    with translation.override("fr"):
        assert questionnaire.quoted(article, english).language == "fr"


def page(document, language):
    with translation.override(language):
        return reverse(
            "review:document", args=[document.review_id, 1, DocumentKind.SELF_ASSESSMENT, document.party_id]
        )


def test_the_page_quotes_french_in_french_and_english_in_arabic_with_a_note(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    french = client.get(page(document, "fr")).content.decode()
    assert FRENCH_5 in french and '<blockquote class="article-text" lang="fr" dir="ltr">' in french
    assert '<blockquote class="article-text" lang="en"' not in french
    assert "data-text-fallback" not in french
    arabic = client.get(page(document, "ar")).content.decode()
    assert ENGLISH_5 in arabic and '<blockquote class="article-text" lang="fr"' not in arabic
    assert arabic.count("data-text-fallback") == 1
    assert (
        '<span lang="en" dir="ltr">Criminalization of participation in an organized criminal group</span>'
        in arabic
    )


def test_a_french_docx_export_quotes_french_and_comes_back(client, two_reviews):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    with translation.override("fr"):
        url = reverse("review:saq_export", args=[document.review_id, 1, document.party_id, "docx"])
        back = reverse("review:saq_import", args=[document.review_id, 1, document.party_id])
    docx = Document(io.BytesIO(client.get(url).content))
    paragraphs = [p.text for p in docx.paragraphs]
    assert any(p.startswith(FRENCH_5) for p in paragraphs)
    assert "Article 5: Incrimination de la participation à un groupe criminel organisé" in paragraphs
    found = {t.cell(0, 0).text.strip(): t for t in docx.tables}
    found["Q 5.2"].cell(1, 1).text = "oui"
    found["Q 5.2"].cell(2, 1).text = "Code pénal, art. 416 bis."
    buffer = io.BytesIO()
    docx.save(buffer)
    client.post(back, {"file": SimpleUploadedFile("rempli.docx", buffer.getvalue())})
    sheet = article_5(document, "en")
    assert sheet.responses["2"].response == "yes"
    assert sheet.responses["2"].explanation == "Code pénal, art. 416 bis."
