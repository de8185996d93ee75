from palermo.review.models.cycles import Cluster, ReviewCycle
from palermo.review.models.draws import Draw, Review, ReviewerAssignment
from palermo.review.models.participants import Participant, ReviewRole

__all__ = ["Cluster", "Draw", "Participant", "Review", "ReviewCycle", "ReviewRole", "ReviewerAssignment"]
