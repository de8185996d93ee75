"""Exchange rates to one reporting currency, kept as data: a table of (date, currency, rate) read from a
CSV file, and the vectorised conversion of payment amounts with it.

A rate is "units of the reporting currency per 1 unit of the currency". A payment converts at the rate of
the latest date on or before its day; before a currency's first date, at its earliest rate; a payment
without a date, at the currency's latest rate. The reporting currency converts at 1. An amount whose
currency has no rate at all (or that has no amount or no currency) converts to NaN: never to 0 or 1.
"""

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

import numpy as np
from django.utils.translation import gettext_lazy as _

# Days are counted from 1970-01-01 in int32; the smallest int32 stands for "no date".
UNDATED = int(np.iinfo(np.int32).min)
_EPOCH = date(1970, 1, 1).toordinal()
_DAY_OFFSET = UNDATED  # keys hold day - UNDATED: 0 for no date, then every real day in 1 .. 2**32 - 1
MAX_PROBLEMS_KEPT = 100
COLUMNS = ("date", "currency", "rate")

# ISO 4217 codes are three letters; crypto-asset tickers (USDT, BTC) are also accepted, up to five.
_CODE = re.compile(r"[A-Z][A-Z0-9]{2,4}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

MESSAGES = {
    "no_header": _("Line %(line)s: the first line must name the columns date, currency and rate."),
    "bad_row": _("Line %(line)s: expected the three values date, currency and rate, found %(count)s."),
    "bad_date": _("Line %(line)s: %(value)s is not a date: write it as 2025-01-31."),
    "bad_code": _("Line %(line)s: %(value)s is not a currency code such as EUR, USD or USDT."),
    "bad_rate": _("Line %(line)s: the rate %(value)s is not a positive number."),
    "duplicate": _("Line %(line)s: %(currency)s already has a rate for %(date)s, on line %(first)s."),
    "reporting_rate": _("Line %(line)s: the reporting currency %(currency)s can only have the rate 1."),
}


def day_number(value: date) -> int:
    """The day as counted in payment arrays: days since 1970-01-01."""
    return value.toordinal() - _EPOCH


def date_of(day: int) -> date | None:
    """The date of a day number, or None for UNDATED."""
    return None if day == UNDATED else date.fromordinal(int(day) + _EPOCH)


def normal_code(code: str | None) -> str | None:
    """The currency code as kept here (upper case, no spaces), or None if it has not the shape of one."""
    if code is None:
        return None
    code = code.strip().upper()
    return code if _CODE.fullmatch(code) else None


@dataclass(frozen=True)
class RateProblem:
    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % {"line": self.line, **self.params}


class RateTableError(ValueError):
    """The rate table cannot be used; `problems` names each one by line (the first MAX_PROBLEMS_KEPT)."""

    def __init__(self, problems: list[RateProblem], total: int) -> None:
        self.problems = problems
        self.total = total
        super().__init__(f"{total} problem(s) in the rate table")

    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]


class _Problems:
    def __init__(self) -> None:
        self.kept: list[RateProblem] = []
        self.total = 0

    def add(self, line: int, code: str, **params: Any) -> None:
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS_KEPT:
            self.kept.append(RateProblem(line, code, {k: str(v)[:100] for k, v in params.items()}))

    def raise_any(self) -> None:
        if self.total:
            raise RateTableError(sorted(self.kept, key=lambda problem: problem.line), self.total)


@dataclass(frozen=True, eq=False)
class RateTable:
    """Rates of each currency by date, to `reporting`; build it with from_csv or from_rows."""

    reporting: str
    currencies: tuple[str, ...]  # the currencies that have rates, sorted
    keys: np.ndarray  # int64, sorted: currency index << 32 | (day - UNDATED)
    rates: np.ndarray  # float64, aligned with keys
    first: np.ndarray  # int64: position in keys of each currency's earliest rate
    last: np.ndarray  # int64: position in keys of each currency's latest rate

    @classmethod
    def empty(cls, reporting: str = "EUR") -> "RateTable":
        """A table that converts only the reporting currency (at 1)."""
        return cls.from_rows([], reporting=reporting)

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[date, str, Decimal | float | str]], *, reporting: str = "EUR"
    ) -> "RateTable":
        """Rows of (date, currency, rate); problems are named by row number (from 1), as lines."""
        problems = _Problems()
        entries = []
        for number, (day, currency, rate) in enumerate(rows, start=1):
            entry = _entry(number, day, currency, rate, problems)
            if entry is not None:
                entries.append(entry)
        return cls._build(entries, _reporting(reporting), problems)

    @classmethod
    def from_csv(cls, source: str | Path | IO, *, reporting: str = "EUR") -> "RateTable":
        """A CSV file (a Path, a path string, an open file) or its text (a string with a line break).

        Columns date,currency,rate (others are ignored); blank lines and lines starting with # are skipped.
        """
        text = _text_of(source)
        problems = _Problems()
        entries = []
        header: dict[str, int] | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            values = [value.strip() for value in next(csv.reader([line]))]
            if header is None:
                header = {name.lower(): index for index, name in enumerate(values)}
                if not all(name in header for name in COLUMNS):
                    problems.add(number, "no_header")
                    break
                continue
            if len(values) < len(header):
                problems.add(number, "bad_row", count=len(values))
                continue
            day, currency, rate = (values[header[name]] for name in COLUMNS)
            entry = _entry(number, day, currency, rate, problems)
            if entry is not None:
                entries.append(entry)
        return cls._build(entries, _reporting(reporting), problems)

    @classmethod
    def _build(cls, entries: list[tuple[int, int, str, float]], reporting: str, problems: _Problems):
        seen: dict[tuple[int, str], int] = {}
        kept = []
        for line, day, currency, rate in entries:
            if (day, currency) in seen:
                earlier = seen[day, currency]
                problems.add(line, "duplicate", currency=currency, date=date_of(day), first=earlier)
                continue
            seen[day, currency] = line
            if currency == reporting:
                if rate != 1:
                    problems.add(line, "reporting_rate", currency=currency)
                continue
            kept.append((currency, day, rate))
        problems.raise_any()
        kept.sort()
        currencies = tuple(sorted({currency for currency, _day, _rate in kept}))
        index = {currency: number for number, currency in enumerate(currencies)}
        codes = np.array([index[currency] for currency, _day, _rate in kept], dtype=np.int64)
        days = np.array([day for _currency, day, _rate in kept], dtype=np.int64)
        keys = (codes << 32) | (days - _DAY_OFFSET)
        first = np.searchsorted(codes, np.arange(len(currencies)), side="left")
        last = np.searchsorted(codes, np.arange(len(currencies)), side="right") - 1
        rates = np.array([rate for _currency, _day, rate in kept], dtype=np.float64)
        return cls(reporting, currencies, keys, rates, first.astype(np.int64), last.astype(np.int64))

    def has_rate(self, currency: str | None) -> bool:
        code = normal_code(currency)
        return code is not None and (code == self.reporting or code in self.currencies)

    def convert(
        self,
        amounts: np.ndarray,
        currencies: np.ndarray | Sequence[str | None],
        days: np.ndarray,
        *,
        codes: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Amounts in the reporting currency (float64), NaN where they cannot be converted.

        `currencies` are codes, or, when `codes` is given, indices into `codes` (-1 for none); `days` are
        day numbers (UNDATED for none)."""
        amounts = np.asarray(amounts, dtype=np.float64)
        days = np.asarray(days, dtype=np.int64)
        if codes is None:
            names = sorted({str(code) for code in currencies if code is not None})
            lookup = {name: number for number, name in enumerate(names)}
            currency_index = np.array(
                [-1 if code is None else lookup[str(code)] for code in currencies], dtype=np.int64
            )
            codes = names
        else:
            currency_index = np.asarray(currencies, dtype=np.int64)
        # Each code of the payments mapped to its row in this table: -1 none, -2 the reporting currency.
        table_of_code = np.array([self._table_index(code) for code in codes] + [-1], dtype=np.int64)
        table_index = table_of_code[np.where(currency_index < 0, len(codes), currency_index)]
        rates = np.full(amounts.shape, np.nan)
        rates[table_index == -2] = 1.0
        known = np.flatnonzero(table_index >= 0)
        if known.size:
            currency = table_index[known]
            day = days[known]
            query = (currency << 32) | (day - _DAY_OFFSET)
            position = np.searchsorted(self.keys, query, side="right") - 1
            position = np.maximum(position, self.first[currency])  # before the first date: the earliest
            position = np.where(day == UNDATED, self.last[currency], position)
            rates[known] = self.rates[position]
        return amounts * rates

    def _table_index(self, code: str) -> int:
        code_ = normal_code(code)
        if code_ == self.reporting:
            return -2
        return self.currencies.index(code_) if code_ in self.currencies else -1


def _entry(line: int, day: Any, currency: Any, rate: Any, problems: _Problems):
    """(line, day number, code, rate) of one row, or None after naming its problems."""
    ok = True
    if isinstance(day, date):
        day_value = day_number(day)
    elif isinstance(day, str) and _ISO_DATE.fullmatch(day.strip()):
        try:
            day_value = day_number(date.fromisoformat(day.strip()))
        except ValueError:
            ok = False
            problems.add(line, "bad_date", value=day)
    else:
        ok = False
        problems.add(line, "bad_date", value=day)
    code = normal_code(currency) if isinstance(currency, str) else None
    if code is None:
        ok = False
        problems.add(line, "bad_code", value=currency)
    try:
        number = Decimal(str(rate).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number <= 0:
        ok = False
        problems.add(line, "bad_rate", value=rate)
    return (line, day_value, code, float(number)) if ok else None


def _reporting(reporting: str) -> str:
    code = normal_code(reporting)
    if code is None:
        raise ValueError(f"{reporting!r} is not a currency code")
    return code


def _text_of(source: str | Path | IO) -> str:
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        return Path(source).read_text(encoding="utf-8-sig")
    if isinstance(source, str):
        return source
    data = source.read()
    return data.decode("utf-8-sig") if isinstance(data, bytes) else data
