"""Palermo's Splink model of a person: comparisons and blocking rules for the columns an input has.

The same settings run on DuckDB and on Spark: everything here is Splink's SQL-dialect-neutral library.
"""

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from palermo.networks.dedupe.records import COLUMNS

# The input columns the model compares (full_name is split into first_name and surname first).
MODELLED = set(COLUMNS) - {"full_name"}
# Derived by the engine before Splink sees the records (see `engine.prepare_columns`).
NAME_CONCAT = "name_concat"
PHONE_TAIL = "phone_tail"
EMAIL_USER = "email_user"


def _dob() -> ComparisonCreator:
    """Dates of birth: exact, day and month swapped, two of year, month and day equal, same year.

    Substring tests, not edit distances or date parsing: a million random pairs are compared for the
    u probabilities, and these cost a fraction of Damerau-Levenshtein while catching the same errors
    (a mistyped or transposed digit leaves two of the three parts equal).
    """
    year, month, day = (
        f"substr(dob_{{side}}, {start}, {length})" for start, length in ((1, 4), (6, 2), (9, 2))
    )

    def equal(part: str) -> str:
        return f"{part.format(side='l')} = {part.format(side='r')}"

    return cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            cll.CustomLevel(
                f"{equal(year)} and {month.format(side='l')} = {day.format(side='r')} "
                f"and {day.format(side='l')} = {month.format(side='r')}",
                label_for_charts="Day and month swapped",
            ),
            cll.CustomLevel(
                f"({equal(year)} and {equal(month)}) or ({equal(year)} and {equal(day)}) "
                f"or ({equal(month)} and {equal(day)})",
                label_for_charts="Two of year, month and day equal",
            ),
            cll.CustomLevel(equal(year), label_for_charts="Same year"),
            cll.ElseLevel(),
        ],
    )


def _text(column: str, threshold: float = 0.9) -> ComparisonCreator:
    """Places and the like: exact (weighted by how common the value is), close spelling, else."""
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
            cll.JaroWinklerLevel(column, threshold),
            cll.ElseLevel(),
        ],
    )


def _postcode() -> ComparisonCreator:
    district = "split_part(postcode, ' ', 1)"
    return cl.CustomComparison(
        output_column_name="postcode",
        comparison_levels=[
            cll.NullLevel("postcode"),
            cll.ExactMatchLevel("postcode").configure(tf_adjustment_column="postcode"),
            cll.CustomLevel(
                f"{district.replace('postcode', 'postcode_l')} = {district.replace('postcode', 'postcode_r')}",
                label_for_charts="Same district",
            ),
            cll.ElseLevel(),
        ],
    )


def _phone() -> ComparisonCreator:
    """Telephone digits: exact, the same subscriber number with another prefix, else."""
    return cl.CustomComparison(
        output_column_name="phone",
        comparison_levels=[
            cll.NullLevel("phone"),
            cll.ExactMatchLevel("phone"),
            cll.ExactMatchLevel(PHONE_TAIL),
            cll.ElseLevel(),
        ],
    )


def _email() -> ComparisonCreator:
    """E-mail: exact (weighted by frequency), same user at another domain, user spelt nearly the same."""
    return cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email").configure(tf_adjustment_column="email"),
            cll.ExactMatchLevel(EMAIL_USER),
            cll.JaroWinklerLevel(EMAIL_USER, 0.88),
            cll.ElseLevel(),
        ],
    )


def comparisons(columns: set[str]) -> list[ComparisonCreator | dict[str, Any]]:
    """The comparisons of the columns present (the engine has split full_name into its two parts)."""
    found: list[ComparisonCreator | dict[str, Any]] = []
    if {"first_name", "surname"} <= columns:
        # Swapped names, both names close, one name exact; the whole name weighted by its frequency.
        found.append(
            cl.ForenameSurnameComparison(
                "first_name",
                "surname",
                jaro_winkler_thresholds=[0.92, 0.85],
                forename_surname_concat_col_name=NAME_CONCAT,
            )
        )
    else:
        found += [cl.NameComparison(column) for column in ("first_name", "surname") if column in columns]
    if "dob" in columns:
        found.append(_dob())
    found += [_text(column) for column in ("birth_place", "city") if column in columns]
    if "postcode" in columns:
        found.append(_postcode())
    if "email" in columns:
        found.append(_email())
    if "phone" in columns:
        found.append(_phone())
    if "gender" in columns:
        found.append(cl.ExactMatch("gender"))
    found += [
        cl.ExactMatch(column).configure(term_frequency_adjustments=True)
        for column in ("occupation", "nationality")
        if column in columns
    ]
    return found


def blocking_rules(columns: set[str]) -> list[BlockingRuleCreator | dict[str, Any]]:
    """Candidate pairs: each rule is selective (cheap) and together they forgive one or two errors."""
    rules: list[BlockingRuleCreator | dict[str, Any]] = []
    names = {"first_name", "surname"} <= columns
    if names:
        rules.append(block_on("first_name", "surname"))
        rules.append(CustomRule("l.first_name = r.surname and l.surname = r.first_name"))
    for name in ("first_name", "surname"):
        if name in columns and "dob" in columns:
            rules.append(block_on(name, "dob"))
    for column in ("email", "phone"):
        if column in columns:
            rules.append(block_on(column))
    if names and "city" in columns:
        rules.append(block_on("surname", "city", "substr(first_name, 1, 1)"))
    if "dob" in columns and "postcode" in columns:
        rules.append(block_on("dob", "postcode"))
    if not rules:
        # Only weak columns: pair records that agree on all that they have.
        rules.append(block_on(*sorted(columns)))
    return rules


def training_rules(columns: set[str]) -> list[BlockingRuleCreator]:
    """EM passes: each one estimates the comparisons that its rule does not fix."""
    passes: list[BlockingRuleCreator] = []
    if {"first_name", "surname"} <= columns:
        passes.append(block_on("first_name", "surname"))
    for column in ("dob", "email", "phone"):
        if column in columns:
            passes.append(block_on(column))
            break
    return passes


def deterministic_rules(columns: set[str]) -> list[str | BlockingRuleCreator]:
    """Pairs that are almost surely the same person, to estimate how often two records match."""
    rules: list[str | BlockingRuleCreator] = []
    if {"first_name", "surname", "dob"} <= columns:
        rules.append(block_on("first_name", "surname", "dob"))
    if "email" in columns:
        rules.append(block_on("email"))
    return rules or [block_on(*sorted(columns))]


def settings(columns: set[str]) -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(columns),
        blocking_rules_to_generate_predictions=blocking_rules(columns),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
