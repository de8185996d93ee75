"""Identifiers of an FtM entity in one comparable form per kind: passport and ID numbers, IBAN, phone,
e-mail, crypto addresses (chain-aware), IMO numbers."""

import re
from collections.abc import Iterator

import phonenumbers
from followthemoney.proxy import EntityProxy

# Property -> kind. Kinds that share a key space can match across properties (an ID number written
# into passportNumber by one source and into idNumber by another).
KINDS = {
    "passportNumber": "passport",
    "idNumber": "id",
    "taxNumber": "tax",
    "innCode": "tax",
    "vatCode": "tax",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "leiCode": "lei",
    "swiftBic": "bic",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "iban": "iban",
    "accountNumber": "account",
    "phone": "phone",
    "email": "email",
    "publicKey": "crypto",
}
# The key space of each kind: passports, ID and tax numbers are all "personal numbers".
KEY_SPACE = {"passport": "id", "id": "id", "tax": "id"}
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_BECH32 = re.compile(r"^(bc|tb|ltc|bcrt)1[02-9ac-hj-np-z]{6,90}$", re.IGNORECASE)
_HEX = re.compile(r"^0x[0-9a-f]{40}$", re.IGNORECASE)


def normalise_phone(value: str) -> str | None:
    """E.164 if the number can be parsed (it needs its country code), else None."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_crypto(value: str) -> str:
    """Bech32 (bc1…) and hex (0x…) addresses are case-insensitive: lower case; base58 stays as written."""
    text = value.strip()
    if _BECH32.match(text) or _HEX.match(text):
        return text.lower()
    return text


def normalise(kind: str, value: str) -> str | None:
    """The comparable form of one identifier value, or None if nothing is left of it."""
    if kind == "phone":
        return normalise_phone(value)
    if kind == "email":
        text = value.strip().lower()
        return text if "@" in text else None
    if kind == "crypto":
        return normalise_crypto(value) or None
    text = _NOT_ALNUM.sub("", value).upper()
    if kind in ("imo", "mmsi"):
        text = text.removeprefix("IMO")
    return text if len(text) >= 4 else None


def identifiers(proxy: EntityProxy) -> Iterator[tuple[str, str, str]]:
    """(kind, normalised value, value as written) of every identifier the entity has."""
    for prop_name, kind in KINDS.items():
        prop = proxy.schema.get(prop_name)
        if prop is None:
            continue
        for value in proxy.get(prop, quiet=True):
            normalised = normalise(kind, value)
            if normalised:
                yield kind, normalised, value


def by_key_space(proxy: EntityProxy) -> dict[str, dict[str, str]]:
    """Key space -> {normalised value: value as written}."""
    spaces: dict[str, dict[str, str]] = {}
    for kind, normalised, value in identifiers(proxy):
        spaces.setdefault(KEY_SPACE.get(kind, kind), {})[normalised] = value
    return spaces
