# ruff: noqa: RUF001 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
import pytest
from followthemoney import model

from palermo.networks.matching import blocking_keys, score_pair


def entity(schema, id, **properties):
    proxy = model.make_entity(schema)
    proxy.id = id
    for prop, values in properties.items():
        for value in values if isinstance(values, list) else [values]:
            proxy.add(prop, value)
    return proxy


def test_same_passport_and_alike_names_score_high_with_explained_features():
    left = entity(
        "Person", "a", name="Aleksandr Zakharov", passportNumber="72 1234567", birthDate="1975-03-02"
    )
    right = entity("Person", "b", name="ЗАХАРОВ Александр", passportNumber="721234567", birthDate="1975")
    result = score_pair(left, right)
    features = {f.name: f for f in result.features}
    assert result.score == 1.0
    assert features["name"].value == 1.0
    assert features["id_match"].left_values == ["72 1234567"]
    assert features["id_match"].right_values == ["721234567"]
    assert str(features["id_match"].explanation) == "Same passport, ID or tax number 72 1234567"
    assert features["date_match"].weight > 0


def test_conflicting_birth_dates_lower_the_score():
    left = entity("Person", "a", name="Ivan Petrov", birthDate="1970-01-01")
    right = entity("Person", "b", name="Ivan Petrov", birthDate="1988-06-30")
    result = score_pair(left, right)
    assert result.score == 0.7
    assert [f.name for f in result.features] == ["name", "date_conflict"]


def test_different_registration_numbers_and_jurisdictions_count_against():
    left = entity("Company", "a", name="Romashka LLC", registrationNumber="1027700132195", jurisdiction="ru")
    right = entity("Company", "b", name="ООО Ромашка", registrationNumber="1145000000001", jurisdiction="kz")
    result = score_pair(left, right)
    names = {f.name for f in result.features}
    assert names == {"name", "registration_conflict", "country_conflict"}
    assert result.score == 0.75


def test_shared_crypto_address_matches_wallets_without_names():
    left = entity("CryptoWallet", "a", publicKey="BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ")
    right = entity("CryptoWallet", "b", publicKey="bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
    assert score_pair(left, right).score == 0.98


def test_entities_of_unrelated_schemata_score_zero():
    assert score_pair(entity("Person", "a", name="Orion"), entity("Vessel", "b", name="Orion")).score == 0.0


def test_blocking_keys_of_crypto_addresses_are_chain_aware():
    bech32 = entity("CryptoWallet", "a", publicKey="BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ")
    hex_address = entity("CryptoWallet", "b", publicKey="0xDE0B295669A9FD93D5F28D9EC85E40F4CB697BAE")
    base58 = entity("CryptoWallet", "c", publicKey="1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
    assert blocking_keys(bech32) == {"crypto:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
    assert blocking_keys(hex_address) == {"crypto:0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae"}
    assert blocking_keys(base58) == {"crypto:1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}


def test_blocking_keys_normalise_iban_phone_and_email():
    person = entity("Person", "a", phone="+44 20 7946 0958", email="Ivan.Petrov@Example.ORG")
    account = entity("BankAccount", "b", iban="de89 3704 0044 0532 0130 00")
    assert {"phone:+442079460958", "email:ivan.petrov@example.org"} <= blocking_keys(person)
    assert "iban:DE89370400440532013000" in blocking_keys(account)


def test_records_of_one_person_in_three_scripts_share_a_blocking_key():
    latin = blocking_keys(entity("Person", "a", name="Mohammed Haddad"))
    arabic = blocking_keys(entity("Person", "b", name="محمد حداد"))
    cyrillic = blocking_keys(entity("Person", "c", name="Мухаммед Хаддад"))
    assert latin & arabic
    assert latin & cyrillic


def test_chinese_and_pinyin_names_share_a_blocking_key():
    assert blocking_keys(entity("Person", "a", name="王伟")) & blocking_keys(
        entity("Person", "b", name="Wei Wang")
    )


def test_numbers_of_different_kinds_never_conflict():
    # A tax number and a passport number are both "personal numbers" (they match across the two
    # properties), but that they differ says nothing.
    left = entity("Person", "a", name="Ivan Petrov", passportNumber="721234567")
    right = entity("Person", "b", name="Ivan Petrov", taxNumber="7707083893")
    assert [f.name for f in score_pair(left, right).features] == ["name"]
    other = entity("Person", "c", name="Ivan Petrov", passportNumber="990000001")
    features = {f.name: f for f in score_pair(left, other).features}
    assert str(features["id_conflict"].explanation) == "Different numbers of the same kind (passport number)"


@pytest.mark.django_db
def test_countries_in_common_are_named_in_the_readers_language():
    from django.utils.translation import override

    left = entity("Person", "a", name="Ivan Petrov", nationality="ru")
    right = entity("Person", "b", name="Ivan Petrov", country="ru")
    feature = {f.name: f for f in score_pair(left, right).features}["country_overlap"]
    with override("fr"):
        assert str(feature.explanation) == "Pays en commun : Fédération de Russie"
    with override("en"):
        assert str(feature.explanation) == "Countries in common: Russian Federation"
