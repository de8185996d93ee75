"""Deduplicate person records with Splink on DuckDB (one machine) or Spark (a cluster): same model, same answer."""

import contextlib
import logging
import random
import time
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker

from . import model
from .records import Records

ENGINES = ("duckdb", "spark")
DEFAULT_THRESHOLD = 0.9
# Random pairs for the u probabilities and the cap on each EM pass: enough for stable estimates.
U_PAIRS = 1e6
EM_PAIRS = 5e5
SEED = 42
# Training runs on DuckDB, on at most this many records drawn at random; the engine scores them all.
TRAINING_RECORDS = 100_000

Progress = Callable[[str], None]


def prepare_columns(records: Records) -> pa.Table:
    """The table Splink reads: ids, the columns present, full_name split, and derived comparison keys."""
    columns = dict(records.columns)
    if "full_name" in columns:
        # A full name fills in the parts that are missing from the record: its first and last words.
        full_names = columns.pop("full_name")
        for column, pattern in (("first_name", " .*$"), ("surname", "^.* ")):
            derived = pc.replace_substring_regex(full_names, pattern, "")
            columns[column] = pc.coalesce(columns[column], derived) if column in columns else derived
    if "first_name" in columns and "surname" in columns:
        columns[model.NAME_CONCAT] = pc.binary_join_element_wise(
            columns["first_name"], columns["surname"], " "
        )
    if "phone" in columns:
        columns[model.PHONE_TAIL] = pc.utf8_slice_codeunits(columns["phone"], -7)
    if "email" in columns:
        columns[model.EMAIL_USER] = pc.replace_substring_regex(columns["email"], "@.*$", "")
    return pa.table({"unique_id": pa.array(records.ids, pa.string()), **columns})


def _database(engine: str) -> Any:
    if engine == "spark":
        from splink.backends.spark import SparkAPI

        from .spark import spark_session

        # Splink's default for Spark: intermediate tables written as Parquet to the checkpoint folder, so
        # that the plans of the iterative clustering stay short.
        return SparkAPI(spark_session=spark_session())
    from splink import DuckDBAPI

    return DuckDBAPI()


def _clusters_as_arrow(clusters: Any, engine: str) -> pa.Table:
    if engine == "spark":
        return clusters.as_spark_dataframe().select("unique_id", "cluster_id").toArrow()
    return clusters.as_duckdbpyrelation().select("unique_id, cluster_id").arrow().read_all()


def _sample(table: pa.Table, size: int) -> pa.Table:
    if table.num_rows <= size:
        return table
    rows = sorted(random.Random(SEED).sample(range(table.num_rows), size))
    return table.take(pa.array(rows))


def dedupe(
    records: Records,
    *,
    engine: str = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress = lambda message: None,
) -> dict[str, str]:
    """Cluster the records: {unique_id: cluster_id}, cluster_id being the id of one of its records."""
    started = time.perf_counter()

    def say(message: str) -> None:
        progress(f"[{time.perf_counter() - started:6.1f} s] {message}")

    table = prepare_columns(records)
    present = {column for column in table.column_names if column in model.MODELLED}
    say(f"{len(records):,} records, columns {', '.join(sorted(present))}")
    training = _sample(table, TRAINING_RECORDS)
    trained = Linker(
        DuckDBAPI().register(training, dataset_display_name="training"),
        model.settings(present),
        log_level=logging.ERROR,
    )
    train(trained, present, say)
    if engine == "duckdb" and training is table:
        linker = trained
    else:
        # The parameters learnt on one machine, applied by the engine to every record.
        settings = model.settings(present).create_settings_dict(_database_dialect(engine))
        transfer_parameters(trained.misc.save_model_to_json(), settings)
        linker = Linker(
            _database(engine).register(table, dataset_display_name="records"),
            settings,
            log_level=logging.ERROR,
        )
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    say(f"{engine}: scored the candidate pairs")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    found = _clusters_as_arrow(clusters, engine)
    result = dict(
        zip(found.column("unique_id").to_pylist(), found.column("cluster_id").to_pylist(), strict=True)
    )
    say(f"{engine}: {len(set(result.values())):,} clusters")
    return result


def _database_dialect(engine: str) -> str:
    return "spark" if engine == "spark" else "duckdb"


def transfer_parameters(trained: dict[str, Any], settings: dict[str, Any]) -> None:
    """Copy the match rate and every level's m and u from a trained model into the same model's settings."""
    settings["probability_two_random_records_match"] = trained["probability_two_random_records_match"]
    for comparison, learnt in zip(settings["comparisons"], trained["comparisons"], strict=True):
        for level, learnt_level in zip(
            comparison["comparison_levels"], learnt["comparison_levels"], strict=True
        ):
            for parameter in ("m_probability", "u_probability"):
                if parameter in learnt_level:
                    level[parameter] = learnt_level[parameter]


def train(linker: Linker, present: set[str], say: Progress) -> None:
    """Estimate the model without labels: match rate, u by random sampling, m by EM."""
    training = linker.training
    # With few records the deterministic pairs may exceed what the recall allows: keep Splink's prior.
    with contextlib.suppress(ValueError):
        training.estimate_probability_two_random_records_match(model.deterministic_rules(present), recall=0.8)
    training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=SEED)
    say("estimated u by random sampling")
    for rule in model.training_rules(present):
        training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_PAIRS)
    say("estimated m by expectation maximisation")
