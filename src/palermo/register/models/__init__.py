from palermo.register.models.declarations import Declaration
from palermo.register.models.instruments import Article, Instrument
from palermo.register.models.participation import ConsentKind, Participation, StatusChange, StatusImport
from palermo.register.models.parties import Party, RegionalGroup

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
