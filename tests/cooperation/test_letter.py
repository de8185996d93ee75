"""The letter of request as DOCX and PDF in the six languages: headings and formulae of the letter's
language, numbered paragraphs, the facts, the annexes listed, the signature block; Arabic right to left;
every kind of request; empty parts left out."""

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from palermo.cooperation.interfaces.letter import (
    LANGUAGES,
    UnknownLanguage,
    build_letter,
    letter_file_name,
    phrase,
)
from palermo.cooperation.interfaces.letter_docx import letter_docx
from palermo.cooperation.interfaces.letter_pdf import letter_pdf, render_pdf
from palermo.cooperation.models import Request, RequestAttachment, RequestKind

pytestmark = pytest.mark.django_db

FACTS = "Between 2023 and 2024 a group recruited women in Brazil for work in Sicily.\nThe proceeds were paid into an account in Lyon."

BANK_RECORDS = {
    "kind": "mla",
    "language": "fr",
    "reference": "RGNR 1234/2026",
    "subject": "Investigation of trafficking in persons for sexual exploitation (proceedings 1234/2026).",
    "conducting_authority": "Public Prosecutor's Office at the Court of Palermo, directing the investigation",
    "offences": [
        {
            "crime_type": "trafficking-in-persons",
            "provision": "Art. 601 du Code pénal italien",
            "text": "Quiconque recrute, transporte ou héberge une personne ...",
            "max_penalty_years": 20,
            "description": "Recrutement par tromperie et exploitation sexuelle",
        }
    ],
    "organized_criminal_group": True,
    "transnational": ["a", "c"],
    "facts": FACTS,
    "persons": [
        {
            "role": "suspect",
            "name": "Marco Demo",
            "date_of_birth": "1980-02-29",
            "nationality": "BRA",
            "location": "Lyon",
            "protection": [],
        },
        {"role": "victim", "name": "A. B.", "protection": ["identity_confidential", "victim_of_trafficking"]},
    ],
    "assistance": [
        {
            "form": "18_3_f",
            "description": "Relevés du compte et pièces d'ouverture",
            "particulars": {
                "bank": "Banque Démo de Lyon",
                "account": "FR76 0000 0000 0000",
                "period_from": "2023-01-01",
                "period_to": "2024-06-30",
            },
        }
    ],
    "purpose": "Prouver les flux financiers du groupe devant le tribunal de Palerme.",
    "procedures": "Copies certifiées conformes par la banque.",
    "confidentiality": {"required": True, "reasons": "L'enquête est en cours."},
    "urgency": {
        "urgent": True,
        "reasons": "Des victimes sont encore exploitées.",
        "execute_by": "2027-01-15",
    },
    "annexes": [{"title": "Texte de l'article 601 du Code pénal"}],
}


def make_request(world, kind="mla", content=None, reference="PAL-2026-000012", **fields) -> Request:
    return Request.objects.create(
        reference=reference,
        kind=kind,
        requesting_authority=world.authorities["ministry"],
        requested_authority=world.authorities["france"],
        content=BANK_RECORDS if content is None else content,
        language="fr",
        **fields,
    )


def docx_paragraphs(data: bytes) -> list:
    return Document(io.BytesIO(data)).paragraphs


def pdf_text(data: bytes) -> str:
    """The text of an uncompressed fpdf2 PDF: the strings shown (Tj), decoded through each font's
    ToUnicode map (pypdf is not a dependency)."""
    objects = {int(number): body for number, body in re.findall(rb"(?s)\n(\d+) 0 obj\n(.*?)\nendobj", data)}
    maps = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        font = objects[int(number)]
        reference = re.search(rb"/ToUnicode (\d+) 0 R", font)
        cmap = objects[int(reference.group(1))] if reference else b""
        maps[name] = {
            int(code, 16): chr(int(char, 16))
            for code, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4,})>", cmap)
        }
    out, font = [], {}
    for block in re.findall(rb"(?s)BT (.*?) ET", data):
        for chosen in re.findall(rb"/(F\d+) [\d.]+ Tf", block):
            font = maps.get(chosen, {})
        for raw in _literals(block):
            out.append(
                "".join(font.get(int.from_bytes(raw[i : i + 2], "big"), "?") for i in range(0, len(raw), 2))
            )
        out.append("\n")
    return "".join(out)


def _literals(block: bytes) -> list[bytes]:
    """The (…) strings of a content-stream block, unescaped."""
    found, index = [], 0
    escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
    while (index := block.find(b"(", index)) != -1:
        index += 1
        value = bytearray()
        while block[index] != ord(")"):
            if block[index] == ord("\\"):
                index += 1
                if block[index : index + 1].isdigit():
                    digits = re.match(rb"[0-7]{1,3}", block[index:]).group()
                    value.append(int(digits, 8))
                    index += len(digits)
                    continue
                value += escapes.get(block[index], bytes([block[index]]))
            else:
                value.append(block[index])
            index += 1
        found.append(bytes(value))
        index += 1
    return found


def test_the_french_docx_has_the_french_headings_numbered_paragraphs_facts_annexes_and_signature(world):
    req = make_request(world)
    RequestAttachment.objects.create(
        request=req,
        side="requesting",
        title="Ordonnance du juge des enquêtes préliminaires",
        file="cooperation/1/annex.pdf",
        file_name="ordonnance.pdf",
        size=10,
        sha256="0" * 64,
        is_annex=True,
        uploaded_by=world["drafter"],
    )
    RequestAttachment.objects.create(
        request=req,
        side="requesting",
        title="Note interne (pas une annexe)",
        file="cooperation/1/note.pdf",
        file_name="note.pdf",
        size=10,
        sha256="1" * 64,
        uploaded_by=world["drafter"],
    )
    document = Document(io.BytesIO(letter_docx(req, "fr")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Demande d'entraide judiciaire en matière pénale"
    assert document.paragraphs[0].style.name == "Title"
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings == [
        "Fondement juridique",
        "Autorité dont émane la demande",
        "Objet et nature de l'enquête, des poursuites ou de la procédure",
        "Résumé des faits",
        "Infractions",
        "Personnes concernées",
        "Assistance demandée",
        "But dans lequel les éléments de preuve, les informations ou les mesures sont demandés",
        "Procédure à suivre",
        "Confidentialité",
        "Urgence",
        "Annexes",
        "Coordonnées",
        "Signature",
    ]
    numbers = [int(m.group(1)) for text in texts if (m := re.match(r"^(\d+)\.\t", text))]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 15
    assert "URGENT" in texts and "Référence : PAL-2026-000012" in texts
    assert "Numéro de dossier de l'autorité requérante : RGNR 1234/2026" in texts
    assert "Autorité requise : Bureau de l'entraide pénale internationale (France)" in texts
    assert any(
        text.endswith("\tBetween 2023 and 2024 a group recruited women in Brazil for work in Sicily.")
        for text in texts
    )
    assert any(text.endswith("\tThe proceeds were paid into an account in Lyon.") for text in texts)
    assert "Période : du 1er janvier 2023 au 30 juin 2024" in texts
    assert "Date de naissance : 29 février 1980" in texts and "Nationalité : Brésil" in texts
    assert any("exécutée au plus tard le 15 janvier 2027" in text for text in texts)
    annexes = texts[texts.index("Annexes") + 1 : texts.index("Coordonnées")]
    assert annexes == [
        "Annexe 1 : Ordonnance du juge des enquêtes préliminaires",
        "Annexe 2 : Texte de l'article 601 du Code pénal",
    ]
    signature = texts[texts.index("Signature", texts.index("Coordonnées")) + 1 :]
    assert (
        signature[0]
        == "Pour l'autorité requérante : Ministero della Giustizia, Dipartimento per gli affari di giustizia"
    )
    assert [line.split(" : ")[0] for line in signature[1:6]] == [
        "Lieu",
        "Date",
        "Nom",
        "Qualité",
        "Signature",
    ]
    assert all(line.endswith("_" * 32) for line in signature[1:6])
    assert document.core_properties.title == texts[0] and document.core_properties.language == "fr-FR"
    assert "Legal basis" not in texts and "Summary of the facts" not in texts


def test_the_letter_names_the_instruments_in_force_between_the_two_states(world):
    letter = build_letter(make_request(world), "en", on=date(2026, 12, 1))
    legal_basis = letter.section("legal_basis")
    assert legal_basis.paragraphs[0].text == "This request is made under article 18 of the Convention."
    assert legal_basis.paragraphs[1].text == (
        "Both States are parties to the following instruments, in force for each of them on 1 December 2026:"
    )
    assert (
        "United Nations Convention against Transnational Organized Crime" in legal_basis.paragraphs[1].lines
    )


def test_the_arabic_docx_is_right_to_left(world):
    document = Document(io.BytesIO(letter_docx(make_request(world), "ar")))
    paragraphs = [paragraph for paragraph in document.paragraphs if paragraph.text.strip()]
    assert paragraphs[0].text == "طلب مساعدة قانونية متبادلة في المسائل الجنائية"
    for paragraph in paragraphs:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None, paragraph.text
        assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs), paragraph.text
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    assert "الأساس القانوني" in [paragraph.text for paragraph in paragraphs]


def test_the_chinese_docx_names_a_cjk_font_and_the_french_one_is_left_to_right(world):
    req = make_request(world)
    chinese = Document(io.BytesIO(letter_docx(req, "zh-hans")))
    fonts = chinese.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    assert chinese.paragraphs[0].text == "刑事事项司法协助请求"
    french = Document(io.BytesIO(letter_docx(req, "fr")))
    assert all(
        paragraph._p.pPr is None or paragraph._p.pPr.find(qn("w:bidi")) is None
        for paragraph in french.paragraphs
    )


def test_the_pdf_is_a_pdf_with_the_french_text(world):
    req = make_request(world)
    data = letter_pdf(req, "fr")
    assert data.startswith(b"%PDF-")
    text = pdf_text(render_pdf(build_letter(req, "fr"), compress=False))
    for expected in (
        "Demande d'entraide judiciaire en matière pénale",
        "Fondement juridique",
        "Résumé des faits",
        "Annexes",
        "Lieu : ___",
    ):
        assert expected in text, expected
    assert "Summary of the facts" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_gives_a_docx_and_a_pdf(world, language):
    req = make_request(world)
    assert Document(io.BytesIO(letter_docx(req, language))).paragraphs[0].text == phrase(
        "title.mla", language
    )
    assert letter_pdf(req, language).startswith(b"%PDF-")


@pytest.mark.parametrize("kind", RequestKind.values)
def test_every_kind_produces_a_letter_with_its_own_title(world, kind):
    content = {
        "facts": "Faits.",
        "warrant": {"issued_by": "GIP de Palerme", "date": "2026-10-01", "reference": "W-1"},
        "judgment": {"court": "Tribunal de Palerme", "sentence": "8 ans"},
        "order": {"issued_by": "Tribunal de Palerme", "date": "2026-09-01"},
        "property": [{"description": "Appartement à Lyon", "value": "300 000 EUR"}],
        "firearm": {"markings": "BERETTA 92FS", "serial_number": "A123", "country_of_manufacture": "ITA"},
        "vessel": {"name": "Demo Star", "flag_state_claimed": "FRA", "observed_at": "2026-11-30T04:10:00Z"},
        "team": {"purpose": "Enquête commune", "duration": "12 mois"},
    }
    req = make_request(world, kind=kind, content=content, reference=f"PAL-2026-{kind}")
    letter = build_letter(req, "fr")
    assert letter.title == phrase(f"title.{kind}", "fr")
    assert {"legal_basis", "facts", "property", "vessel", "signature"} <= {s.key for s in letter.sections}
    assert (
        "Nom du navire : Demo Star" in letter.text()
        and "État du pavillon revendiqué : France" in letter.text()
    )
    assert Document(io.BytesIO(letter_docx(req, "fr"))).paragraphs[0].text == letter.title
    assert letter_pdf(req, "fr").startswith(b"%PDF-")
    if kind in {"extradition", "provisional_arrest", "confiscation", "firearm_tracing", "vessel_boarding"}:
        assert letter.section("request").heading == "Objet de la demande"


def test_missing_optional_parts_are_left_out_not_printed_as_empty_headings(world):
    req = make_request(world, content={"facts": "Faits."})
    letter = build_letter(req, "fr")
    assert [section.key for section in letter.sections] == [
        "intro",
        "legal_basis",
        "authority",
        "facts",
        "contact",  # the ministry's e-mail address, from the directory
        "signature",
    ]
    headings = [p.text for p in docx_paragraphs(letter_docx(req, "fr")) if p.style.name == "Heading 1"]
    assert headings == [
        "Fondement juridique",
        "Autorité dont émane la demande",
        "Résumé des faits",
        "Coordonnées",
        "Signature",
    ]
    assert "URGENT" not in letter.header and "Annexes" not in letter.text()


def test_an_urgent_flag_on_the_request_and_its_execution_date_give_the_urgency_section(world):
    req = make_request(world, content={}, urgent=True, execute_by=date(2027, 1, 1))
    urgency = build_letter(req, "fr").section("urgency")
    assert [p.text for p in urgency.paragraphs] == [
        "La présente demande est urgente.",
        "Il est demandé que la présente demande soit exécutée au plus tard le 1er janvier 2027 "
        "(article 18, paragraphe 24, de la Convention).",
    ]


def test_the_english_letter_gives_the_authorities_english_names(world):
    letter = build_letter(make_request(world, content={}), "en")
    assert (
        "Requested authority: Office for International Mutual Assistance in Criminal Matters (France)"
        in letter.header
    )


def test_demo_requests_say_so(world):
    letter = build_letter(make_request(world, content={}, is_demo=True), "es")
    assert "Datos de demostración: esta solicitud es ficticia y carece de efectos jurídicos." in letter.header


def test_file_names_and_languages(world):
    req = make_request(world, content={})
    assert letter_file_name(req, "fr", "docx") == "PAL-2026-000012-fr.docx"
    assert letter_file_name(req, "zh-Hans", "pdf") == "PAL-2026-000012-zh-hans.pdf"
    with pytest.raises(UnknownLanguage):
        build_letter(req, "it")


def test_the_confiscation_measure_and_the_actions_requested_are_in_the_object_of_the_request(world):
    content = {
        "measure": "13_2",
        "actions": "Geler le compte FR76 0000 0000 0000.\nSaisir l'appartement de Lyon.",
        "facts": "Faits.",
    }
    letter = build_letter(make_request(world, kind="confiscation", content=content), "fr")
    assert [(p.text, p.lines) for p in letter.section("request").paragraphs] == [
        (phrase("measure.13_2", "fr"), []),
        (
            "Mesures demandées (article 13, paragraphe 3 b), de la Convention) : "
            "Geler le compte FR76 0000 0000 0000.",
            ["Saisir l'appartement de Lyon."],
        ),
    ]
    assert "article 13, paragraphe 2, de la Convention" in phrase("measure.13_2", "fr")
    assert phrase("operative.confiscation", "fr") not in letter.text()


@pytest.mark.parametrize("measure", ["13_1_a", "13_1_b"])
def test_each_confiscation_measure_has_its_own_paragraph(world, measure):
    req = make_request(world, kind="confiscation", content={"measure": measure})
    assert build_letter(req, "fr").section("request").paragraphs[0].text == phrase(f"measure.{measure}", "fr")
    assert build_letter(req, "ar").section("request").paragraphs[0].text == phrase(f"measure.{measure}", "ar")


def test_a_confiscation_without_a_known_measure_keeps_the_general_wording(world):
    req = make_request(world, kind="confiscation", content={"measure": "13_9"})
    assert [p.text for p in build_letter(req, "fr").section("request").paragraphs] == [
        phrase("operative.confiscation", "fr")
    ]


def test_the_spontaneous_information_has_its_own_part_after_the_facts(world):
    content = {"facts": "Faits.", "information": "Un virement de 40 000 EUR.\nLe bénéficiaire est à Lyon."}
    letter = build_letter(make_request(world, kind="spontaneous", content=content), "fr")
    keys = [section.key for section in letter.sections]
    assert keys.index("information") == keys.index("facts") + 1
    information = letter.section("information")
    assert information.heading == "Informations transmises"
    assert [p.text for p in information.paragraphs] == [
        "Un virement de 40 000 EUR.",
        "Le bénéficiaire est à Lyon.",
    ]


def test_the_undertaking_to_request_extradition_is_in_the_provisional_arrest(world):
    req = make_request(world, kind="provisional_arrest", content={"extradition_to_follow": True})
    paragraphs = [p.text for p in build_letter(req, "fr").section("request").paragraphs]
    assert paragraphs == [
        phrase("operative.provisional_arrest", "fr"),
        "L'État requérant s'engage à présenter une demande d'extradition de la personne désignée dans la "
        "présente demande (article 16, paragraphe 9, de la Convention ; article 9, paragraphe 2, du Traité "
        "type d'extradition).",
    ]
    without = make_request(world, kind="provisional_arrest", content={}, reference="PAL-2026-000013")
    assert len(build_letter(without, "fr").section("request").paragraphs) == 1


def test_the_sentenced_persons_consent_is_stated_with_the_person(world):
    content = {
        "persons": [
            {"role": "sentenced", "name": "Marco Demo", "nationality": "BRA", "consent": True},
            {"role": "sentenced", "name": "Luca Demo", "consent": False},
            {"role": "sentenced", "name": "Paolo Demo"},
        ]
    }
    letter = build_letter(make_request(world, kind="transfer_sentenced", content=content), "fr")
    assert [(p.text, p.lines) for p in letter.section("persons").paragraphs] == [
        (
            "Personne condamnée : Marco Demo",
            ["Nationalité : Brésil", "La personne consent à son transfèrement."],
        ),
        ("Personne condamnée : Luca Demo", ["La personne ne consent pas à son transfèrement."]),
        ("Personne condamnée : Paolo Demo", []),
    ]
    arabic = build_letter(
        make_request(world, kind="transfer_sentenced", content=content, reference="PAL-2"), "ar"
    )
    assert "يوافق الشخص على نقله." in arabic.section("persons").paragraphs[0].lines


def test_life_imprisonment_is_printed_in_the_letters_language(world):
    content = {"offences": [{"provision": "Art. 416-bis c.p.", "max_penalty_years": "life"}]}
    req = make_request(world, content=content)
    french = build_letter(req, "fr").section("offences").paragraphs[0]
    assert french.lines == ["Peine maximale (années de privation de liberté) : réclusion à perpétuité"]
    arabic = build_letter(req, "ar").section("offences").paragraphs[0]
    assert arabic.lines == ["العقوبة القصوى (سنوات الحرمان من الحرية): السجن المؤبد"]
    assert "life" not in build_letter(req, "ar").text()
    assert "réclusion à perpétuité" in pdf_text(render_pdf(build_letter(req, "fr"), compress=False))


def test_the_request_summary_shows_life_imprisonment_translated_not_the_raw_key():
    from django.utils import translation

    from palermo.cooperation.interfaces.request_forms import OFFENCE_FIELDS
    from palermo.cooperation.views.requests import _shown

    field = next(f for f in OFFENCE_FIELDS if f.name == "max_penalty_years")
    with translation.override("en"):
        assert _shown(field, "life", {}) == "life imprisonment"
        assert _shown(field, 20, {}) == "20"


@pytest.mark.parametrize(
    ("kind", "not_the_basis"), [("firearm_tracing", "Persons"), ("vessel_boarding", "Firearms")]
)
def test_a_kind_made_for_one_protocol_does_not_cite_the_protocols_of_other_offences(
    world, kind, not_the_basis
):
    letter = build_letter(make_request(world, kind=kind, content={}), "en", on=date(2026, 12, 1))
    cited = " ".join(
        line for paragraph in letter.section("legal_basis").paragraphs for line in paragraph.lines
    )
    assert "Convention against Transnational Organized Crime" in cited and not_the_basis not in cited
