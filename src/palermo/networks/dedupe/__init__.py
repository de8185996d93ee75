"""Record deduplication of person records with Splink (DuckDB on one machine, Spark on a cluster)."""

from .engine import DEFAULT_THRESHOLD, ENGINES, dedupe
from .records import COLUMNS, Problem, Records, read_records

__all__ = ["COLUMNS", "DEFAULT_THRESHOLD", "ENGINES", "Problem", "Records", "dedupe", "read_records"]
