from palermo.review.models.cycles import Cluster, ReviewCycle
from palermo.review.models.draws import Draw, Review, ReviewerAssignment

__all__ = ["Cluster", "Draw", "Review", "ReviewCycle", "ReviewerAssignment"]
