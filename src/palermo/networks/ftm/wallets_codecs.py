"""The text encodings of crypto wallet addresses: Bech32 and Bech32m (BIP-173, BIP-350) with segwit
programs, Base58Check (Bitcoin, Litecoin, Tron) and Monero's block-wise Base58. Written from the
specifications; each decoder raises CodecError naming what is wrong, and knows nothing of chains."""

import hashlib
from dataclasses import dataclass

import base58
from Crypto.Hash import keccak

BECH32 = "bech32"
BECH32M = "bech32m"
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_MAX_LENGTH = 90
# BIP-173: the generator of the BCH code; the constant xored into the checksum tells the variant (BIP-350).
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_VARIANTS = {1: BECH32, 0x2BC830A3: BECH32M}

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BASE58CHECK_LENGTH = 25  # version byte, 20-byte hash, 4-byte checksum
# Monero encodes 8-byte blocks as 11 characters; a last, shorter block of n bytes takes this many.
_MONERO_BLOCK_CHARS = (0, 2, 3, 5, 6, 7, 9, 10, 11)


class CodecError(ValueError):
    """Why a text is not a valid encoding: a reason code of wallets.REASONS and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Bech32:
    hrp: str
    data: tuple[int, ...]  # 5-bit values of the data part, checksum removed
    variant: str


@dataclass(frozen=True)
class Segwit:
    hrp: str
    version: int
    program: bytes


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate(_GENERATOR):
            if top >> bit & 1:
                checksum ^= generator
    return checksum


def _expand_hrp(hrp: str) -> list[int]:
    return [ord(char) >> 5 for char in hrp] + [0] + [ord(char) & 31 for char in hrp]


def _listed(characters: set[str]) -> str:
    return ", ".join(repr(char) for char in sorted(characters))


def decode_bech32(text: str, hrp: str | None = None) -> Bech32:
    """A Bech32 or Bech32m string; with `hrp` given, the separator is the "1" right after it (so that a
    stray "1" in the data part is named as a bad character)."""
    if len(text) > BECH32_MAX_LENGTH:
        raise CodecError("bad_length")
    outside = {char for char in text if not 33 <= ord(char) <= 126}
    if outside:
        raise CodecError("bad_characters", characters=_listed(outside))
    if text.lower() != text and text.upper() != text:
        raise CodecError("mixed_case")
    text = text.lower()
    if hrp is None:
        hrp, separator, data_part = text.rpartition("1")
        if not separator or not hrp:
            raise CodecError("unknown_format")
    elif text.startswith(hrp + "1"):
        data_part = text[len(hrp) + 1 :]
    else:
        raise CodecError("unknown_format")
    if len(data_part) < 6:
        raise CodecError("bad_length")
    wrong = {char for char in data_part if char not in BECH32_CHARSET}
    if wrong:
        raise CodecError("bad_characters", characters=_listed(wrong))
    values = [BECH32_CHARSET.index(char) for char in data_part]
    variant = _VARIANTS.get(_polymod(_expand_hrp(hrp) + values))
    if variant is None:
        raise CodecError("bad_checksum")
    return Bech32(hrp, tuple(values[:-6]), variant)


def _five_to_eight_bits(values: tuple[int, ...]) -> bytes:
    """Regroup 5-bit values into bytes; what is left over must be under 5 bits and all zero (BIP-173)."""
    accumulator = bits = 0
    result = bytearray()
    for value in values:
        accumulator = (accumulator << 5 | value) & 0xFFF
        bits += 5
        if bits >= 8:
            bits -= 8
            result.append(accumulator >> bits & 0xFF)
    if bits >= 5 or accumulator & ((1 << bits) - 1):
        raise CodecError("bad_data")
    return bytes(result)


def decode_segwit(text: str, hrp: str) -> Segwit:
    """A segregated witness address: version 0 in Bech32 with a 20 or 32-byte program, versions 1 to 16
    in Bech32m with 2 to 40 bytes (BIP-173 as amended by BIP-350)."""
    decoded = decode_bech32(text, hrp)
    if not decoded.data:
        raise CodecError("bad_length")
    version = decoded.data[0]
    if version > 16:
        raise CodecError("bad_witness_version", version=version)
    program = _five_to_eight_bits(decoded.data[1:])
    if not 2 <= len(program) <= 40 or (version == 0 and len(program) not in (20, 32)):
        raise CodecError("bad_length")
    if decoded.variant != (BECH32 if version == 0 else BECH32M):
        raise CodecError("wrong_variant", version=version)
    return Segwit(decoded.hrp, version, program)


def check_base58_characters(text: str) -> None:
    wrong = {char for char in text if char not in BASE58_ALPHABET}
    if wrong:
        raise CodecError("bad_characters", characters=_listed(wrong))


def decode_base58check(text: str) -> tuple[bytes, bool]:
    """The version byte and payload of a Base58Check address, and whether its checksum (the first four
    bytes of a double SHA-256) matches. The payload is returned even when it does not, to name the chain."""
    check_base58_characters(text)
    raw = base58.b58decode(text)
    if len(raw) != BASE58CHECK_LENGTH:
        raise CodecError("bad_length")
    payload, checksum = raw[:-4], raw[-4:]
    return payload, hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] == checksum


def decode_monero_base58(text: str) -> bytes:
    """Monero's Base58: the text in blocks of 11 characters, each a big-endian number of 8 bytes."""
    check_base58_characters(text)
    if len(text) % 11 not in _MONERO_BLOCK_CHARS:
        raise CodecError("bad_length")
    result = bytearray()
    for start in range(0, len(text), 11):
        block = text[start : start + 11]
        size = _MONERO_BLOCK_CHARS.index(len(block))
        number = 0
        for char in block:
            number = number * 58 + BASE58_ALPHABET.index(char)
        if number >> (8 * size):
            raise CodecError("bad_data")  # more than the block's bytes can hold: a mistyped character
        result += number.to_bytes(size, "big")
    return bytes(result)


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum and Monero use it (the original padding, not SHA3-256)."""
    return keccak.new(digest_bits=256, data=data).digest()
