"""The offences the Convention and its Protocols establish, by the knowledge taxonomy's crime-type slugs.

Shared by the legal basis (which instrument covers an offence) and the completeness check (which offences
need no penalty stated); nothing here reads the database.
"""

# The offence each Protocol establishes (instrument code → crime-type slug, article establishing it).
PROTOCOL_OFFENCES: dict[str, tuple[str, str]] = {
    "TIP": ("trafficking-in-persons", "5"),
    "SOM": ("smuggling-of-migrants", "6"),
    "FIREARMS": ("trafficking-in-firearms", "5"),
}

# The offences the Convention itself establishes (crime-type slug → article).
CONVENTION_OFFENCES: dict[str, str] = {
    "participation-in-organized-criminal-group": "5",
    "money-laundering": "6",
    "corruption": "8",
    "obstruction-of-justice": "23",
}

# Offences the Convention covers whatever their penalty: established under arts. 5, 6, 8 or 23, or under a
# Protocol (art. 3(1)(a) and the Protocols' art. 1(3)).
COVERED_WHATEVER_THE_PENALTY: frozenset[str] = frozenset(CONVENTION_OFFENCES) | frozenset(
    slug for slug, _article in PROTOCOL_OFFENCES.values()
)

# Kinds of request that exist for one Protocol's offence: a request of that kind is about it, whether or
# not the drafter names an offence (tracing a firearm, Firearms Protocol art. 12(4); boarding a vessel
# suspected of smuggling migrants, Smuggling of Migrants Protocol art. 8).
KIND_OFFENCES: dict[str, str] = {
    "firearm_tracing": PROTOCOL_OFFENCES["FIREARMS"][0],
    "vessel_boarding": PROTOCOL_OFFENCES["SOM"][0],
}
