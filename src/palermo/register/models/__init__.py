from palermo.register.models.declarations import Declaration
from palermo.register.models.instruments import Article, Instrument
from palermo.register.models.parties import Party, RegionalGroup
from palermo.register.models.participation import ConsentKind, Participation, StatusChange, StatusImport

__all__ = [
    "Article",
    "ConsentKind",
    "Declaration",
    "Instrument",
    "Participation",
    "Party",
    "RegionalGroup",
    "StatusChange",
    "StatusImport",
]
