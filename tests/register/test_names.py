import pytest

from palermo.register.models import Party
from palermo.register.names import NameResolver, normalise, strip_footnotes


@pytest.fixture
def resolver(db):
    return NameResolver(Party.objects.all())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Korea, Republic of", "KOR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("St. Kitts and Nevis", "KNA"),
        ("Saint Kitts and Nevis", "KNA"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("European Union", "EUU"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Niue", "NIU"),
        ("Cook Islands", "COK"),
        ("Argentina 1", "ARG"),
        ("Denmark 2, 3", "DNK"),
        ("  Viet Nam ", "VNM"),
        ("Allemagne", "DEU"),
    ],
)
def test_names_resolve_to_the_right_party(resolver, name, code):
    assert resolver.resolve(name) == code


@pytest.mark.parametrize("name", ["Korea", "Congo Republic", "Atlantis", "Republic of", ""])
def test_unknown_or_ambiguous_names_do_not_resolve(resolver, name):
    assert resolver.resolve(name) is None


def test_footnotes_and_spacing_are_ignored():
    assert strip_footnotes("Argentina 1") == "Argentina"
    assert normalise("The  Gambia") == normalise("Gambia")
