"""Crypto wallet addresses checked and normalised per chain: the BIP-173 and BIP-350 test vectors, known
addresses of each chain, mistyped ones refused with the reason, and the check at import and in forms."""

import pytest

from palermo.networks.domain.form_entries import EntryError, enter_entity
from palermo.networks.ftm.problems import message
from palermo.networks.ftm.wallets import Address, InvalidAddress, normalise_address
from palermo.networks.ftm.wallets_codecs import (
    BASE58_ALPHABET,
    BECH32,
    BECH32M,
    CodecError,
    decode_bech32,
    decode_monero_base58,
    decode_segwit,
    keccak256,
)
from palermo.networks.models import SourceState, Statement
from tests.networks.ftm_helpers import ftm_lines, import_now

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"  # the Bitcoin genesis block's address
DEMO_WALLET = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # the demo data's wallet (a BIP-173 vector)
# monerodocs.org, "Standard address" and "Integrated address"
MONERO_STANDARD = (
    "4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge"
)
MONERO_INTEGRATED = "4LL9oSLmtpccfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2bYXZKKQePHES9khPK"
MONERO_TESTNET = (
    "9uXRFi4PZMqhsnthBF6bGdfVnBSZtfKkR7Td8qPM7jUKZeTfR1tLhCoTLqYNE12xuiQg3aWGiLw83bWsqwTRLaM4Jk47xYM"
)

# BIP-173 and BIP-350, "Test vectors": strings valid as Bech32 and as Bech32m.
VALID_BECH32 = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]
VALID_BECH32M = [
    "A1LQFN3A",
    "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
]
# Strings valid as neither, with the reason each is refused for.
INVALID_BECH32 = [
    ("\x201nwldj5", "bad_characters"),  # HRP character out of range
    ("\x7f1axkwrx", "bad_characters"),
    ("\x801eym55h", "bad_characters"),
    (
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
        "bad_length",  # overall max length exceeded
    ),
    ("pzry9x0s0muk", "unknown_format"),  # no separator character
    ("1pzry9x0s0muk", "unknown_format"),  # empty HRP
    ("x1b4n0q5v", "bad_characters"),  # invalid data character
    ("li1dgmt3", "bad_length"),  # too short checksum
    ("de1lg7wt\xff", "bad_characters"),  # invalid character in checksum
    ("A1G7SGD8", "bad_checksum"),  # checksum calculated with uppercase form of HRP
    ("10a06t8", "unknown_format"),  # empty HRP
    ("1qzzfhee", "unknown_format"),
    ("\x201xj0phk", "bad_characters"),
    ("\x7f1g6xzxy", "bad_characters"),
    ("\x801vctc34", "bad_characters"),
    (
        "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
        "bad_length",
    ),
    ("qyrz8wqd2c9m", "unknown_format"),
    ("1qyrz8wqd2c9m", "unknown_format"),
    ("y1b0jsk6g", "bad_characters"),
    ("lt1igcx5c0", "bad_characters"),
    ("in1muywd", "bad_length"),
    ("mm1crxm3i", "bad_characters"),
    ("au1s5cgom", "bad_characters"),
    ("M1VUXWEZ", "bad_checksum"),
    ("16plkw9", "unknown_format"),
    ("1p2gdwpf", "unknown_format"),
]
# BIP-350: valid segwit addresses and the scriptPubKey each stands for.
VALID_SEGWIT = [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
    (
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
    ),
    (
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
    ),
    ("BC1SW50QGDZ25J", "6002751e"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"),
    (
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
        "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    ),
    (
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    ),
]
# BIP-173 and BIP-350: invalid segwit addresses, with the reason Palermo gives.
INVALID_SEGWIT = [
    ("tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", "unknown_format"),  # invalid human-readable part
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bad_checksum"),
    ("BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", "bad_witness_version"),
    ("bc1rw5uspcuh", "bad_length"),  # invalid program length
    ("bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90", "bad_length"),
    ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "bad_length"),  # v0 program neither 20 nor 32 bytes
    ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "mixed_case"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "bad_data"),  # zero padding of more than 4 bits
    ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", "bad_data"),  # non-zero padding
    ("bc1gmk9yu", "bad_length"),  # empty data section
    ("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "unknown_format"),
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "wrong_variant"),  # Bech32, not m
    ("tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", "wrong_variant"),
    ("BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", "wrong_variant"),
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "wrong_variant"),  # Bech32m, not Bech32
    ("tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", "wrong_variant"),
    ("bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", "bad_characters"),
    ("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "bad_witness_version"),
    ("bc1pw5dgrnzv", "bad_length"),  # 1-byte program
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", "bad_length"),
    ("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "mixed_case"),
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", "bad_data"),
    ("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", "bad_data"),
    # BIP-173's valid v1+ addresses carry a Bech32 checksum, which BIP-350 no longer accepts.
    ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", "wrong_variant"),
    ("BC1SW50QA3JX3S", "wrong_variant"),
    ("bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj", "wrong_variant"),
]
# EIP-55, "Test Cases"
EIP55_CHECKSUMMED = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]


def reason(text: str, chain: str | None = None) -> str:
    with pytest.raises(InvalidAddress) as refused:
        normalise_address(text, chain)
    return refused.value.code


@pytest.mark.parametrize("text", VALID_BECH32)
def test_the_bip173_strings_are_valid_bech32(text):
    assert decode_bech32(text).variant == BECH32


@pytest.mark.parametrize("text", VALID_BECH32M)
def test_the_bip350_strings_are_valid_bech32m(text):
    assert decode_bech32(text).variant == BECH32M


@pytest.mark.parametrize("text, code", INVALID_BECH32)
def test_the_invalid_bech32_strings_are_refused_with_their_reason(text, code):
    with pytest.raises(CodecError) as refused:
        decode_bech32(text)
    assert refused.value.code == code


@pytest.mark.parametrize("text, script", VALID_SEGWIT)
def test_segwit_addresses_decode_to_their_script(text, script):
    decoded = decode_segwit(text, text[:2].lower())
    opcode = 0 if decoded.version == 0 else 0x50 + decoded.version
    assert bytes([opcode, len(decoded.program)]) + decoded.program == bytes.fromhex(script)


@pytest.mark.parametrize("text, script", VALID_SEGWIT)
def test_mainnet_segwit_addresses_are_kept_in_lower_case_and_testnet_ones_refused(text, script):
    if text.lower().startswith("bc1"):
        assert normalise_address(text) == Address("bitcoin", text.lower())
    else:
        assert reason(text) == "testnet"


@pytest.mark.parametrize("text, code", INVALID_SEGWIT)
def test_the_invalid_segwit_addresses_are_refused_with_their_reason(text, code):
    assert reason(text) == code


def test_the_demo_wallet_is_valid():
    assert normalise_address(DEMO_WALLET) == Address("bitcoin", DEMO_WALLET)


@pytest.mark.parametrize(
    "text, chain",
    [
        (GENESIS, "bitcoin"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bitcoin"),  # P2SH
        ("LV7LV7Z4bWDEjYkfx9dQo6k6RjGbXsg6hS", "litecoin"),
        ("MGxNPPB7eBoWPUaprtX9v9CXJZoD2465zN", "litecoin"),
        ("ltc1qx88q7zjd74lxwgkjmmwlqv5pd3vujuehexfttt", "litecoin"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron"),
        (MONERO_STANDARD, "monero"),
        (MONERO_INTEGRATED, "monero"),
    ],
)
def test_known_addresses_are_recognised_and_kept_as_written(text, chain):
    assert normalise_address(text) == Address(chain, text)
    assert normalise_address(f"  {text}\n", chain) == Address(chain, text)


@pytest.mark.parametrize(
    "text, mistyped",
    [
        (GENESIS, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"),
        ("LV7LV7Z4bWDEjYkfx9dQo6k6RjGbXsg6hS", "LV7LV7Z4bWDEjYkfx9dQo6k6RjGbXsg6hT"),
        ("ltc1qx88q7zjd74lxwgkjmmwlqv5pd3vujuehexfttt", "ltc1qx88q7zjd74lxwgkjmmwlqv5pd3vujuehexfttq"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t"),
        (MONERO_STANDARD, MONERO_STANDARD[:50] + "X" + MONERO_STANDARD[51:]),
        (DEMO_WALLET, DEMO_WALLET.replace("kv8f3t4", "kv8f3t5")),
    ],
)
def test_one_character_changed_is_a_bad_checksum(text, mistyped):
    chain = normalise_address(text).chain
    with pytest.raises(InvalidAddress) as refused:
        normalise_address(mistyped)
    assert (refused.value.code, refused.value.chain) == ("bad_checksum", chain)
    assert refused.value.message == "the checksum does not match (mistyped?)"


def test_a_character_base58_never_uses_is_named():
    with pytest.raises(InvalidAddress) as refused:
        normalise_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfOa")
    assert refused.value.code == "bad_characters"
    assert refused.value.message == "it has characters that such addresses never use: 'O'"


def monero_address(network: int, keys: bytes) -> str:
    """A Monero address of the network byte and keys, with its checksum, in Monero's Base58."""
    raw = bytes([network]) + keys
    raw += keccak256(raw)[:4]
    text = ""
    for start in range(0, len(raw), 8):
        block = raw[start : start + 8]
        width = (0, 2, 3, 5, 6, 7, 9, 10, 11)[len(block)]
        number, digits = int.from_bytes(block, "big"), ""
        for _ in range(width):
            number, digit = divmod(number, 58)
            digits = BASE58_ALPHABET[digit] + digits
        text += digits
    return text


def test_monero_subaddresses_are_valid_and_unknown_network_bytes_are_not():
    keys = decode_monero_base58(MONERO_STANDARD)[1:-4]
    assert monero_address(18, keys) == MONERO_STANDARD  # the encoder above is Monero's
    subaddress = monero_address(42, keys)
    assert subaddress[0] == "8"
    assert normalise_address(subaddress) == Address("monero", subaddress)
    assert reason(monero_address(99, keys)) == "unknown_format"
    assert reason(monero_address(63, keys)) == "testnet"


def test_addresses_of_test_networks_are_refused():
    assert decode_monero_base58(MONERO_TESTNET)[:1] == bytes([53])
    assert reason(MONERO_TESTNET) == "testnet"
    assert reason("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn") == "testnet"  # Bitcoin testnet P2PKH


def test_a_cut_address_has_the_wrong_length():
    assert reason(MONERO_STANDARD[:-1]) == "bad_length"
    assert reason("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA") == "bad_length"


def test_text_of_no_known_format_is_refused():
    assert reason("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu") == "unknown_format"
    assert reason("not a wallet") == "unknown_format"


@pytest.mark.parametrize("text", EIP55_CHECKSUMMED)
def test_ethereum_addresses_of_the_eip55_examples_are_their_own_checksum_form(text):
    assert normalise_address(text) == Address("ethereum", text)
    assert normalise_address(text.lower()) == Address("ethereum", text)
    assert normalise_address("0x" + text[2:].upper()) == Address("ethereum", text)


def test_ethereum_mixed_case_must_match_its_checksum():
    with pytest.raises(InvalidAddress) as refused:
        normalise_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")  # last letter's case flipped
    assert (refused.value.code, refused.value.chain) == ("bad_checksum", "ethereum")
    assert reason("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg") == "bad_characters"


def test_the_same_wallet_written_two_ways_is_one_canonical_value():
    assert normalise_address(DEMO_WALLET.upper()) == normalise_address(DEMO_WALLET)
    assert (
        normalise_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
        == normalise_address("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")
        == Address("ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    )


def test_a_p2sh_address_is_bitcoin_unless_the_chain_is_litecoin():
    p2sh = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
    assert normalise_address(p2sh).chain == "bitcoin"
    assert normalise_address(p2sh, "litecoin") == Address("litecoin", p2sh)


def test_with_a_chain_given_the_address_must_be_of_that_chain():
    with pytest.raises(InvalidAddress) as refused:
        normalise_address(GENESIS, "litecoin")
    assert (refused.value.code, refused.value.chain) == ("wrong_chain", "litecoin")
    assert refused.value.message == "it is a Bitcoin address"
    assert reason(DEMO_WALLET, "ethereum") == "wrong_chain"
    assert reason("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "tron") == "bad_checksum"
    with pytest.raises(InvalidAddress) as refused:
        normalise_address(GENESIS, "dogecoin")
    assert refused.value.message == "Palermo does not check the addresses of the chain dogecoin"


def test_the_problem_of_a_bad_address_names_the_chain_and_the_reason():
    with pytest.raises(InvalidAddress) as refused:
        normalise_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")
    problem = {
        "code": "bad_wallet_address",
        "params": {"value": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", **refused.value.problem_params},
    }
    assert message(problem) == (
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb is not a valid Bitcoin address: the checksum does not match "
        "(mistyped?)."
    )
    problem["params"] = {"value": "xyz", "chain": "", "reason": "unknown_format"}
    assert message(problem) == (
        "xyz is not a valid crypto wallet address: it is written in none of the address formats Palermo "
        "checks (Bitcoin, Litecoin, Ethereum, Tron, Monero)."
    )


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def wallet(entity_id: str, address: str) -> dict:
    return {"id": entity_id, "schema": "CryptoWallet", "properties": {"publicKey": [address]}}


@pytest.mark.django_db
def test_an_import_refuses_a_mistyped_wallet_naming_its_line_and_field(inquiry, data_dir):
    content = ftm_lines(wallet("w1", DEMO_WALLET), wallet("w2", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"))
    source = import_now(inquiry.investigation, inquiry["analyst"], "wallets.jsonl", content)
    assert source.state == SourceState.FAILED
    [problem] = source.job.result["problems"]
    assert (problem["line"], problem["field"], problem["code"]) == (2, "publicKey", "bad_wallet_address")
    assert problem["message"] == (
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb is not a valid Bitcoin address: the checksum does not match "
        "(mistyped?)."
    )
    assert not Statement.objects.exists()


@pytest.mark.django_db
def test_an_import_stores_wallets_in_canonical_form_and_keeps_what_was_written(inquiry, data_dir):
    content = ftm_lines(
        wallet("w1", DEMO_WALLET.upper()),
        wallet("w2", DEMO_WALLET),
        wallet("w3", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    )
    source = import_now(inquiry.investigation, inquiry["analyst"], "wallets.jsonl", content)
    assert source.state == SourceState.READY
    stored = Statement.objects.filter(prop="publicKey").order_by("entity_id")
    assert [(s.entity_id, s.value, s.original_value) for s in stored] == [
        ("w1", DEMO_WALLET, DEMO_WALLET.upper()),
        ("w2", DEMO_WALLET, ""),
        ("w3", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
    ]


@pytest.mark.django_db
def test_an_address_of_a_chain_not_checked_is_kept_as_written(inquiry, data_dir):
    solana = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"  # a format Palermo does not check
    source = import_now(inquiry.investigation, inquiry["analyst"], "w.jsonl", ftm_lines(wallet("w1", solana)))
    assert source.state == SourceState.READY
    assert Statement.objects.get(prop="publicKey").value == solana


@pytest.mark.django_db
def test_a_form_refuses_a_mistyped_wallet_with_the_reason(inquiry, data_dir):
    with pytest.raises(EntryError) as refused:
        enter_entity(
            investigation=inquiry.investigation,
            user=inquiry["analyst"],
            schema="CryptoWallet",
            values={"publicKey": ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"]},
        )
    assert str(refused.value) == (
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD is not a valid Ethereum address: the checksum does not "
        "match (mistyped?)."
    )
    assert not Statement.objects.exists()
