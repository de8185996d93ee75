"""Crypto wallet addresses (FtM `CryptoWallet.publicKey`) checked and normalised per chain: a mistyped
address is refused with the reason, a valid one is kept in one canonical form so that the same wallet
written twice is one value (docs/networks-model.md, "Crypto wallet addresses")."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from palermo.networks.ftm.wallets_codecs import (
    CodecError,
    check_base58_characters,
    decode_base58check,
    decode_monero_base58,
    decode_segwit,
    keccak256,
)

# Names of chains, not translated.
CHAINS = {
    "bitcoin": "Bitcoin",
    "litecoin": "Litecoin",
    "ethereum": "Ethereum",
    "tron": "Tron",
    "monero": "Monero",
}

REASONS = {
    "unknown_format": _(
        "it is written in none of the address formats Palermo checks (Bitcoin, Litecoin, Ethereum, "
        "Tron, Monero)"
    ),
    "unknown_chain": _("Palermo does not check the addresses of the chain %(requested)s"),
    "wrong_chain": _("it is a %(other)s address"),
    "bad_checksum": _("the checksum does not match (mistyped?)"),
    "bad_length": _("it is too short or too long (a character missing or added?)"),
    "bad_characters": _("it has characters that such addresses never use: %(characters)s"),
    "mixed_case": _("it mixes upper and lower case, which such addresses never do"),
    "bad_data": _("its characters do not decode to whole bytes (mistyped?)"),
    "bad_witness_version": _("its witness version %(version)s does not exist (0 to 16)"),
    "wrong_variant": _(
        "its checksum is of the wrong kind for witness version %(version)s (Bech32 for version 0, "
        "Bech32m from version 1 on)"
    ),
    "testnet": _("it is an address of a test network, not of the main one"),
}
# The name of the chain in "…is not a valid %(chain)s address" when the address matches no chain.
UNKNOWN_CHAIN_LABEL = _("crypto wallet")

# Segwit human-readable parts: chain, and whether it is the main network.
SEGWIT_NETWORKS = {
    "bc": ("bitcoin", True),
    "tb": ("bitcoin", False),
    "bcrt": ("bitcoin", False),
    "ltc": ("litecoin", True),
    "tltc": ("litecoin", False),
    "rltc": ("litecoin", False),
}
# Base58Check version bytes. 0x05 ("3…") is Bitcoin's P2SH and Litecoin's legacy one: Bitcoin unless the
# chain is said to be Litecoin. The test networks of Bitcoin and Litecoin share 0x6F and 0xC4.
BASE58_VERSIONS = {
    0x00: ("bitcoin", True),
    0x05: ("bitcoin", True),
    0x30: ("litecoin", True),
    0x32: ("litecoin", True),
    0x41: ("tron", True),
    0x6F: ("bitcoin", False),
    0xC4: ("bitcoin", False),
    0x3A: ("litecoin", False),
}
# First characters of those versions (for an address too garbled to decode).
BASE58_PREFIXES = {"1": "bitcoin", "3": "bitcoin", "L": "litecoin", "M": "litecoin", "T": "tron"}
BASE58_TEST_PREFIXES = "mn2Q"
BASE58CHECK_LENGTHS = range(25, 37)  # 25 bytes take 26 to 34 characters: a character missing or added
# Monero network bytes: (address length in bytes, main network?). Standard, integrated and subaddress on
# the main network, the test network and the stage network.
MONERO_NETWORKS = {
    18: (69, True),
    19: (77, True),
    42: (69, True),
    53: (69, False),
    54: (77, False),
    63: (69, False),
    24: (69, False),
    25: (77, False),
    36: (69, False),
}
MONERO_LENGTHS = (95, 106)


@dataclass(frozen=True)
class Address:
    chain: str
    address: str


class InvalidAddress(ValueError):
    """Why a text is not a valid address: a code of REASONS, with the chain when it is known."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def chain(self) -> str | None:
        chain = self.params.get("chain")
        return str(chain) if chain else None

    @property
    def message(self) -> str:
        """The reason in the active language."""
        return describe(self.problem_params)["reason"]

    @property
    def problem_params(self) -> dict[str, str]:
        """The parameters of an import problem `bad_wallet_address`: chain and reason codes, the reason's
        own, all as text (problems keep text and are worded when read)."""
        return {key: str(value) for key, value in self.params.items()} | {
            "chain": self.chain or "",
            "reason": self.code,
        }


def describe(params: dict[str, str]) -> dict[str, str]:
    """The parameters of a `bad_wallet_address` problem with its chain and reason worded in the active
    language."""
    worded = dict(params)
    worded["chain"] = CHAINS.get(params.get("chain", ""), str(UNKNOWN_CHAIN_LABEL))
    if "other" in params:
        worded["other"] = CHAINS.get(params["other"], params["other"])
    template = REASONS.get(params.get("reason", ""), REASONS["unknown_format"])
    try:
        worded["reason"] = str(template) % worded
    except (KeyError, TypeError, ValueError):
        worded["reason"] = str(template)
    return worded


def normalise_address(text: str, chain: str | None = None) -> Address:
    """The address in its canonical form with its chain, recognised from the format when `chain` is None;
    raises InvalidAddress with the reason when it is not a valid address (of that chain)."""
    if chain is not None and chain not in CHAINS:
        raise InvalidAddress("unknown_chain", requested=chain)
    text = text.strip()
    try:
        address = _read(text, chain)
    except InvalidAddress as error:
        if chain is None:
            raise
        # The sentence names the chain asked for, even when the text looked like another chain's.
        raise InvalidAddress(error.code, **(error.params | {"chain": chain})) from None
    if chain is not None and address.chain != chain:
        raise InvalidAddress("wrong_chain", chain=chain, other=address.chain)
    return address


def _read(text: str, chain: str | None) -> Address:
    if not text:
        raise InvalidAddress("unknown_format")
    lowered = text.lower()
    if lowered.startswith("0x"):
        return _ethereum(text)
    for hrp, (hrp_chain, main) in SEGWIT_NETWORKS.items():
        if lowered.startswith(hrp + "1"):
            return _segwit(text, hrp, hrp_chain, main)
    if len(text) in MONERO_LENGTHS or (text[:1] in "48" and len(text) > 40):
        return _monero(text)
    starts = text[:1]
    if (starts in BASE58_PREFIXES or starts in BASE58_TEST_PREFIXES) and len(text) in BASE58CHECK_LENGTHS:
        return _base58check(text, litecoin=chain == "litecoin")
    raise InvalidAddress("unknown_format")


def _ethereum(text: str) -> Address:
    """EIP-55: all lower or all upper case carries no checksum; mixed case must be the checksum form."""
    digits = text[2:]
    wrong = {char for char in digits if char not in "0123456789abcdefABCDEF"}
    if wrong:
        raise InvalidAddress(
            "bad_characters", chain="ethereum", characters=", ".join(repr(c) for c in sorted(wrong))
        )
    if len(digits) != 40:
        raise InvalidAddress("bad_length", chain="ethereum")
    checksummed = eip55(digits)
    if digits not in (digits.lower(), digits.upper(), checksummed):
        raise InvalidAddress("bad_checksum", chain="ethereum")
    return Address("ethereum", "0x" + checksummed)


def eip55(digits: str) -> str:
    """The 40 hex digits of an Ethereum address in EIP-55 case: a letter is upper case where the
    Keccak-256 of the lower-case digits has a nibble of 8 or more."""
    lower = digits.lower()
    digest = keccak256(lower.encode("ascii")).hex()
    return "".join(
        char.upper() if char.isalpha() and int(nibble, 16) >= 8 else char
        for char, nibble in zip(lower, digest[:40], strict=True)
    )


def _segwit(text: str, hrp: str, chain: str, main: bool) -> Address:
    try:
        decode_segwit(text, hrp)
    except CodecError as error:
        raise InvalidAddress(error.code, chain=chain, **error.params) from None
    if not main:
        raise InvalidAddress("testnet", chain=chain)
    return Address(chain, text.lower())


def _base58check(text: str, *, litecoin: bool) -> Address:
    guess = BASE58_PREFIXES.get(text[:1])
    try:
        check_base58_characters(text)
        payload, checksum_matches = decode_base58check(text)
    except CodecError as error:
        raise InvalidAddress(error.code, chain=guess, **error.params) from None
    chain, main = BASE58_VERSIONS.get(payload[0], (None, True))
    if chain == "bitcoin" and payload[0] == 0x05 and litecoin:
        chain = "litecoin"
    if not checksum_matches:
        raise InvalidAddress("bad_checksum", chain=chain or guess)
    if chain is None:
        raise InvalidAddress("unknown_format")
    if not main:
        raise InvalidAddress("testnet", chain=chain)
    return Address(chain, text)


def _monero(text: str) -> Address:
    try:
        raw = decode_monero_base58(text)
    except CodecError as error:
        raise InvalidAddress(error.code, chain="monero", **error.params) from None
    expected, main = MONERO_NETWORKS.get(raw[0], (None, True))
    if expected is None:
        raise InvalidAddress("unknown_format", chain="monero")
    if len(raw) != expected:
        raise InvalidAddress("bad_length", chain="monero")
    if keccak256(raw[:-4])[:4] != raw[-4:]:
        raise InvalidAddress("bad_checksum", chain="monero")
    if not main:
        raise InvalidAddress("testnet", chain="monero")
    return Address("monero", text)
