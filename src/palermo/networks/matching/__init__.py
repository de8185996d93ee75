"""Names and entity pair scoring, and blocking keys, for entity resolution across scripts."""

from palermo.networks.matching.blocking import blocking_keys
from palermo.networks.matching.names import DEFAULT_THRESHOLD, match_names
from palermo.networks.matching.pairs import Feature, PairScore, score_pair

__all__ = ["DEFAULT_THRESHOLD", "Feature", "PairScore", "blocking_keys", "match_names", "score_pair"]
