"""Names and entity pair scoring, and blocking keys, for entity resolution across scripts."""

from palermo.networks.matching.blocking import blocking_keys
from palermo.networks.matching.names import DEFAULT_THRESHOLD, match_names
from palermo.networks.matching.pairs import Feature, PairScore, Profile, profile, score_pair

__all__ = [
    "DEFAULT_THRESHOLD",
    "Feature",
    "PairScore",
    "Profile",
    "blocking_keys",
    "match_names",
    "profile",
    "score_pair",
]
