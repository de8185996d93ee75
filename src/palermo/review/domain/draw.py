"""The drawing of lots of the Review Mechanism, as a solver: groups by lot, then two reviewing States per
State under review and instrument, every rule satisfied or the impossibility explained (which State,
which rule).

Pure Python, no database: the same seed, parties and rules give the same draw on any machine, so anyone
can check a published draw (`palermo draw-lots --participation FILE --seed N`). Parties and candidates
are always taken in code order before anything random happens, and all randomness comes from one
`random.Random(seed)`.
"""

import random
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any


def gettext_noop(message: str) -> str:
    """Marks a message for translation (makemessages finds it by this name) without needing Django's
    settings: this module must run anywhere, to let anyone check a published draw."""
    return message


INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
SAME, OTHER, ADDITIONAL = "same_group", "other_group", "additional"
MAX_STEPS = 200_000  # candidate tries before the search gives up and reports the hardest State


@dataclass(frozen=True)
class Party:
    """A State party (or regional organization) as the draw sees it."""

    code: str
    regional_group: str  # "" for a party outside every regional group (the European Union)
    instruments: frozenset[str]
    late: bool = False  # became a party after the cycle's reference date


@dataclass(frozen=True)
class Rules:
    """The configurable rules of a draw (docs/review.md explains each)."""

    groups: int = 3
    balance_regional_groups: bool = True
    no_reciprocal_reviews: bool = True
    max_reviews_per_year: int = 3
    redraws_allowed: int = 2
    outside_regional_groups: str = "other_group_only"  # or "not_reviewed"
    late_joiners: str = "last_group"  # or "next_cycle"
    instruments: tuple[str, ...] = INSTRUMENTS

    CHOICES = {
        "outside_regional_groups": ("other_group_only", "not_reviewed"),
        "late_joiners": ("last_group", "next_cycle"),
    }

    @classmethod
    def from_dict(cls, values: dict) -> "Rules":
        """Rules from JSON-like values; unknown names or bad values raise ValueError naming them."""
        known = {name for name in cls.__dataclass_fields__}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown rule(s): {', '.join(unknown)}")
        rules = cls(**{**values, "instruments": tuple(values.get("instruments", INSTRUMENTS))})
        rules.check()
        return rules

    def check(self) -> None:
        if not 1 <= self.groups <= 10:
            raise ValueError("groups must be between 1 and 10")
        if self.max_reviews_per_year < 1:
            raise ValueError("max_reviews_per_year must be at least 1")
        if self.redraws_allowed < 0:
            raise ValueError("redraws_allowed cannot be negative")
        for name, allowed in self.CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of: {', '.join(allowed)}")
        if not self.instruments or set(self.instruments) - set(INSTRUMENTS):
            raise ValueError(f"instruments must be among: {', '.join(INSTRUMENTS)}")

    def as_dict(self) -> dict:
        values = asdict(self)
        values["instruments"] = list(self.instruments)
        return values


@dataclass
class Review:
    """One State under review for one instrument, and its reviewing States with their slots."""

    state_under_review: str
    group: int
    instrument: str
    reviewers: list[dict] = field(default_factory=list)  # {"state": "FRA", "slot": "same_group"}


@dataclass
class Draw:
    seed: int
    rules: Rules
    groups: dict[int, list[str]]
    reviews: list[Review]
    not_drawn: dict[str, str] = field(default_factory=dict)  # party -> why it is not in this draw
    assignments: list[dict] = field(default_factory=list)  # every filled slot (Task.as_dict), for redraws
    redrawn: dict[str, list[str]] = field(default_factory=dict)  # State -> reviewers redrawn away from it

    def as_dict(self) -> dict:
        return {
            "seed": self.seed,
            "rules": self.rules.as_dict(),
            "groups": {str(number): codes for number, codes in sorted(self.groups.items())},
            "reviews": [asdict(review) for review in self.reviews],
            "not_drawn": dict(sorted(self.not_drawn.items())),
            "assignments": self.assignments,
            "redrawn": self.redrawn,
        }


class DrawImpossible(Exception):
    """The rules cannot all be met; says which State and which rule. The message is an English template
    (marked for translation) and its values, so that pages can show it in the reader's language."""

    def __init__(self, state: str, rule: str, template: str, *, reasons: dict | None = None, **values):
        self.template, self.values = template, {"state": state, **values}
        self.state, self.rule, self.message = state, rule, template % self.values
        self.reasons: dict[str, list[str]] = reasons or {}  # why -> the States ruled out for it (codes)
        super().__init__(self.message)

    def translated(
        self,
        gettext,
        names: dict[str, str] | None = None,
        *,
        regions: dict[str, str] | None = None,
        instruments: dict[str, str] | None = None,
        order=None,
        separator: str = ", ",
    ) -> str:
        """The message in the active language: States named by `names` (code -> name) and listed in the
        order of `order` (a sort key of a name), regional groups by `regions`, instruments by `instruments`,
        slots and reasons translated, lists joined by `separator` (the language's own comma)."""
        names, regions, instruments = names or {}, regions or {}, instruments or {}
        values = {**self.values, "state": names.get(self.state, self.state)}
        if "instruments" in values:
            values["instruments"] = separator.join(
                instruments.get(code, code) for code in values["instruments"].split(", ")
            )
        if "slot" in values:
            values["slot"] = gettext(SLOT_NAMES.get(values["slot"], values["slot"]))
        if "region" in values:
            values["region"] = regions.get(values["region"], values["region"])
        if self.reasons:
            values["detail"] = "; ".join(
                f"{gettext(REASONS.get(why, why))}: "
                f"{separator.join(sorted((names.get(code, code) for code in codes), key=order))}"
                for why, codes in sorted(self.reasons.items())
            )
        return gettext(self.template) % values


# How people read a slot and the reason a candidate was ruled out (`Solver.why_not`'s rule names).
SLOT_NAMES = {
    SAME: gettext_noop("same regional group"),
    OTHER: gettext_noop("other regional group"),
    ADDITIONAL: gettext_noop("additional"),
}
REASONS = {
    "redrawn": gettext_noop("replaced by a redraw before"),
    "already reviews this State": gettext_noop("already reviews this State"),
    "reciprocal review": gettext_noop("reviewed by this State (no reciprocal reviews)"),
    "max_reviews_per_year": gettext_noop("already reviews as many States of this group as allowed"),
    "needed elsewhere by the search": gettext_noop("needed elsewhere by the search"),
}


@dataclass(frozen=True)
class Task:
    """A slot to fill: a reviewing State for `state` in `slot`, for `instruments` (see `needed`)."""

    state: str
    slot: str
    instruments: frozenset[str]
    same_region: bool  # the reviewer must be in the State's regional group (else: in another one)
    seat: int  # 0 or 1: which of the State's two reviewers this is, or stands in for (additional)

    def as_dict(self, reviewer: str) -> dict:
        instruments = sorted(self.instruments, key=INSTRUMENTS.index)
        return {
            "state_under_review": self.state,
            "seat": self.seat,
            "slot": self.slot,
            "reviewer": reviewer,
            "instruments": instruments,
            "same_region": self.same_region,
        }

    @classmethod
    def from_dict(cls, values: dict) -> "Task":
        return cls(
            values["state_under_review"],
            values["slot"],
            frozenset(values["instruments"]),
            values["same_region"],
            values["seat"],
        )


def needed(task: Task) -> frozenset[str]:
    """What a reviewer must be party to: an additional reviewer, to every instrument it is drawn for; a
    reviewer of the first two slots, to the first of them (the Convention: the Protocols are open only to
    its parties), the instruments it is not party to then going to an additional reviewer."""
    if task.slot == ADDITIONAL:
        return task.instruments
    return frozenset([min(task.instruments, key=INSTRUMENTS.index)])


def eligible(parties: list[Party], rules: Rules) -> tuple[dict[str, Party], dict[str, str]]:
    """The parties taking part in the draw (limited to the rules' instruments) and why others do not."""
    taking_part, left_out = {}, {}
    for party in sorted(parties, key=lambda p: p.code):
        instruments = party.instruments & set(rules.instruments)
        if not instruments:
            left_out[party.code] = "party to none of the instruments under review"
        elif party.late and rules.late_joiners == "next_cycle":
            left_out[party.code] = "became a party after the reference date (reviewed in the next cycle)"
        elif not party.regional_group and rules.outside_regional_groups == "not_reviewed":
            left_out[party.code] = "outside every regional group (not reviewed under these rules)"
        else:
            taking_part[party.code] = Party(
                party.code, party.regional_group, frozenset(instruments), party.late
            )
    return taking_part, left_out


def draw_groups(parties: dict[str, Party], rules: Rules, rng: random.Random) -> dict[str, int]:
    """Split the parties by lot into groups 1..n; late joiners go to the last group. With balancing, each
    regional group is dealt out in turn so that every group gets its share of it (and sizes differ by at
    most one)."""
    on_time = [p for p in parties.values() if not p.late]
    regions: dict[str, list[str]] = defaultdict(list)
    for party in on_time:
        regions[party.regional_group if rules.balance_regional_groups else ""].append(party.code)
    group_of, dealt = {}, 0
    for region in sorted(regions):
        codes = sorted(regions[region])
        rng.shuffle(codes)
        for code in codes:
            group_of[code] = dealt % rules.groups + 1
            dealt += 1
    for party in parties.values():
        if party.late:
            group_of[party.code] = rules.groups
    return group_of


class Solver:
    """Fills every slot by depth-first search with backtracking. Candidates are tried least busy first
    (ties in a seeded random order), which spreads the work and rarely needs to back up."""

    def __init__(self, parties: dict[str, Party], group_of: dict[str, int], rules: Rules, rng: random.Random):
        self.parties, self.group_of, self.rules, self.rng = parties, group_of, rules, rng
        self.load: dict[tuple[str, int], int] = defaultdict(int)  # (reviewer, group) -> States reviewed
        self.reviewers_of: dict[str, dict[str, int]] = defaultdict(dict)  # State -> reviewer -> slots held
        self.chosen: dict[Task, str] = {}
        self.excluded: dict[str, set[str]] = defaultdict(set)  # State -> reviewers it may not get (redraws)
        self.hardest: tuple[int, Task | None] = (-1, None)

    # -- rules ----------------------------------------------------------------------------------------------
    def statically_possible(self, task: Task, reviewer: str) -> bool:
        """Rules that do not depend on the other choices: not oneself, party to the instruments, region."""
        party, state = self.parties[reviewer], self.parties[task.state]
        if reviewer == task.state or not needed(task) <= party.instruments:
            return False
        if task.same_region:
            return party.regional_group == state.regional_group
        return not state.regional_group or party.regional_group != state.regional_group

    def why_not(self, task: Task, reviewer: str) -> str | None:
        """Which rule, given the choices made so far, keeps this reviewer from the task (None: none does)."""
        if reviewer in self.excluded[task.state]:
            return "redrawn"
        if reviewer in self.reviewers_of[task.state]:
            return "already reviews this State"
        if self.rules.no_reciprocal_reviews and task.state in self.reviewers_of[reviewer]:
            return "reciprocal review"
        if self.load[reviewer, self.group_of[task.state]] >= self.rules.max_reviews_per_year:
            return "max_reviews_per_year"
        return None

    def candidates(self, task: Task) -> list[str]:
        possible = [
            code
            for code in self.parties
            if self.statically_possible(task, code) and not self.why_not(task, code)
        ]
        year = self.group_of[task.state]
        keys = {code: (self.load[code, year], self.rng.random()) for code in possible}
        return sorted(possible, key=keys.__getitem__)

    # -- choices --------------------------------------------------------------------------------------------
    def take(self, task: Task, reviewer: str) -> list[Task]:
        """Record the choice; returns the additional slots it makes necessary."""
        self.chosen[task] = reviewer
        held = self.reviewers_of[task.state]
        if reviewer not in held:
            self.load[reviewer, self.group_of[task.state]] += 1
        held[reviewer] = held.get(reviewer, 0) + 1
        missing = task.instruments if task.slot == ADDITIONAL else frozenset()
        if task.slot != ADDITIONAL:
            missing = self.parties[task.state].instruments - self.parties[reviewer].instruments
        if task.slot == ADDITIONAL or not missing:
            return []
        return self.additional_tasks(task, missing)

    def additional_tasks(self, task: Task, missing: frozenset[str]) -> list[Task]:
        """One additional reviewer for all the missing instruments when some State could be it; otherwise
        one per instrument."""
        together = Task(task.state, ADDITIONAL, missing, task.same_region, task.seat)
        if any(self.statically_possible(together, code) for code in self.parties) or len(missing) == 1:
            return [together]
        return [
            Task(task.state, ADDITIONAL, frozenset([i]), task.same_region, task.seat) for i in sorted(missing)
        ]

    def give_back(self, task: Task) -> None:
        reviewer = self.chosen.pop(task)
        held = self.reviewers_of[task.state]
        held[reviewer] -= 1
        if not held[reviewer]:
            del held[reviewer]
            self.load[reviewer, self.group_of[task.state]] -= 1

    # -- search ---------------------------------------------------------------------------------------------
    def solve(self, tasks: list[Task]) -> None:
        """Fill the tasks (and the additional ones they lead to) or raise DrawImpossible."""
        todo = list(reversed(tasks))
        frames: list[list] = []  # [task, remaining candidates, chosen or None, additional tasks added]
        steps = 0
        while todo:
            task = todo.pop()
            frames.append([task, iter(self.candidates(task)), None, 0])
            while True:
                frame = frames[-1]
                if frame[2] is not None:
                    self.give_back(frame[0])
                    del todo[len(todo) - frame[3] :]
                    frame[2] = None
                reviewer = next(frame[1], None)
                steps += 1
                if reviewer is not None and steps <= MAX_STEPS:
                    added = self.take(frame[0], reviewer)
                    todo.extend(reversed(added))
                    frame[2], frame[3] = reviewer, len(added)
                    break
                self.hardest = max(self.hardest, (len(frames), frame[0]), key=lambda item: item[0])
                frames.pop()
                todo.append(frame[0])
                if not frames or steps > MAX_STEPS:
                    raise self.explain(self.hardest[1] or frame[0])

    def explain(self, task: Task) -> DrawImpossible:
        """Why no State can fill this task, rule by rule."""
        state = self.parties[task.state]
        values: dict[str, Any] = {
            "region": state.regional_group or "—",
            "instruments": ", ".join(sorted(task.instruments, key=INSTRUMENTS.index)),
            "slot": task.slot,
            "group": self.group_of[task.state],
        }
        static = [code for code in self.parties if self.statically_possible(task, code)]
        if not static:
            template = (
                gettext_noop(
                    "%(state)s (%(region)s): no other State in its regional group is party to %(instruments)s, "
                    "so the %(slot)s slot cannot be filled"
                )
                if task.same_region
                else gettext_noop(
                    "%(state)s (%(region)s): no State outside its regional group is party to %(instruments)s, "
                    "so the %(slot)s slot cannot be filled"
                )
            )
            return DrawImpossible(
                task.state, "same_group" if task.same_region else "other_group", template, **values
            )
        reasons: dict[str, list[str]] = defaultdict(list)
        for code in static:
            reasons[self.why_not(task, code) or "needed elsewhere by the search"].append(code)
        rule = max(reasons, key=lambda r: len(reasons[r]))
        values["detail"] = "; ".join(f"{why}: {', '.join(codes)}" for why, codes in sorted(reasons.items()))
        template = (
            gettext_noop(
                "%(state)s (%(region)s, group %(group)s): every State in its regional group party to "
                "%(instruments)s is ruled out for the %(slot)s slot (%(detail)s)"
            )
            if task.same_region
            else gettext_noop(
                "%(state)s (%(region)s, group %(group)s): every State outside its regional group party to "
                "%(instruments)s is ruled out for the %(slot)s slot (%(detail)s)"
            )
        )
        return DrawImpossible(task.state, rule, template, reasons=dict(reasons), **values)


def primary_tasks(parties: dict[str, Party], order: list[str]) -> list[Task]:
    """The two slots of each State under review: one in its regional group and one outside it (both
    outside for a party in no regional group)."""
    tasks = []
    for code in order:
        party = parties[code]
        first = Task(code, SAME, party.instruments, True, 0) if party.regional_group else None
        tasks.append(first or Task(code, OTHER, party.instruments, False, 0))
        tasks.append(Task(code, OTHER, party.instruments, False, 1))
    return tasks


def check_capacity(parties: dict[str, Party], group_of: dict[str, int], rules: Rules) -> None:
    """Enough reviewing capacity for each group (a State reviews at most max_reviews_per_year States of one
    group): two reviewers per State under review, one of them from its own regional group and one from
    outside it. Raises DrawImpossible naming the first State that could not be served."""
    cap = rules.max_reviews_per_year
    members: dict[str, list[str]] = defaultdict(list)
    for party in parties.values():
        members[party.regional_group].append(party.code)
    for group in range(1, rules.groups + 1):
        under_review = sorted(code for code in parties if group_of[code] == group)
        if under_review and 2 * len(under_review) > cap * len(parties):
            raise DrawImpossible(
                under_review[0],
                "max_reviews_per_year",
                gettext_noop(
                    "%(state)s cannot get two reviewers: the %(count)s States under review of group %(group)s need "
                    "%(needed)s reviews, but the %(parties)s States may review at most %(cap)s States of a group each"
                ),
                count=len(under_review),
                group=group,
                needed=2 * len(under_review),
                parties=len(parties),
                cap=cap,
            )
        for region, codes in sorted(members.items()):
            here = [code for code in under_review if code in codes]
            outside = len(parties) - (len(codes) if region else 0)
            needs = [(SAME, len(codes), CAPACITY_INSIDE), (OTHER, outside, CAPACITY_OUTSIDE)]
            for slot, available, template in needs if region else needs[1:]:
                wanted = len(here) * (1 if region else 2)
                if here and available > 1 and wanted > cap * available:
                    raise DrawImpossible(
                        here[0],
                        "max_reviews_per_year",
                        template,
                        slot=slot,
                        count=len(here),
                        region=region or "—",
                        group=group,
                        needed=wanted,
                        available=available,
                        cap=cap,
                    )


CAPACITY_INSIDE = gettext_noop(
    "%(state)s cannot get its %(slot)s reviewer: the %(count)s States under review of regional group "
    "%(region)s in group %(group)s need %(needed)s reviewers from it, but its %(available)s States may "
    "review at most %(cap)s each"
)
CAPACITY_OUTSIDE = gettext_noop(
    "%(state)s cannot get its %(slot)s reviewer: the %(count)s States under review of regional group "
    "%(region)s in group %(group)s need %(needed)s reviewers from outside it, but the %(available)s States "
    "there may review at most %(cap)s each"
)


def draw(parties: list[Party], rules: Rules, seed: int) -> Draw:
    """Draw groups and reviewers. Raises DrawImpossible naming the State and the rule that cannot be met."""
    rules.check()
    rng = random.Random(seed)
    taking_part, left_out = eligible(parties, rules)
    group_of = draw_groups(taking_part, rules, rng)
    check_capacity(taking_part, group_of, rules)
    solver = Solver(taking_part, group_of, rules, rng)
    # the States with the fewest possible reviewers first: they decide whether a draw is possible at all
    tasks = primary_tasks(taking_part, sorted(taking_part))
    fewest: dict[str, int] = {}
    for task in tasks:
        count = sum(solver.statically_possible(task, code) for code in taking_part)
        fewest[task.state] = min(fewest.get(task.state, count), count)
    tasks.sort(key=lambda task: (fewest[task.state], task.state))  # stable: each State's slots stay in order
    solver.solve(tasks)
    return _result(solver, seed, left_out)


def redraw(parties: list[Party], rules: Rules, seed: int, previous: dict, state: str, reviewer: str) -> Draw:
    """Replace one reviewing State of one State under review, every other assignment staying as drawn.
    `previous` is the current draw (Draw.as_dict()); the replaced State is never drawn for `state` again.
    A replaced reviewer of the first two slots takes its additional reviewers with it: the new one may be
    party to other instruments, and additional reviewers are drawn for what it is not party to."""
    taking_part, left_out = eligible(parties, rules)
    group_of = {code: int(number) for number, codes in previous["groups"].items() for code in codes}
    solver = Solver(taking_part, group_of, rules, random.Random(seed))
    solver.excluded[state] = set(previous.get("redrawn", {}).get(state, [])) | {reviewer}
    chosen = [(Task.from_dict(values), values["reviewer"]) for values in previous["assignments"]]
    replaced = [task for task, code in chosen if task.state == state and code == reviewer]
    if not replaced:
        raise ValueError(f"{reviewer} is not a reviewing State of {state} in this draw")
    seats = {task.seat for task in replaced if task.slot != ADDITIONAL}
    for task, code in chosen:
        dropped = task.state == state and (
            code == reviewer or (task.slot == ADDITIONAL and task.seat in seats)
        )
        if not dropped and code in taking_part:
            solver.take(task, code)
    solver.solve([task for task in replaced if task.slot != ADDITIONAL] or replaced)
    result = _result(solver, seed, left_out)
    result.redrawn = {**previous.get("redrawn", {}), state: sorted(solver.excluded[state])}
    return result


def _result(solver: Solver, seed: int, left_out: dict[str, str]) -> Draw:
    assignments = [
        task.as_dict(reviewer)
        for task, reviewer in sorted(
            solver.chosen.items(), key=lambda item: (item[0].state, item[0].seat, item[0].slot, item[1])
        )
    ]
    groups = _groups(solver.group_of, solver.rules)
    return Draw(seed, solver.rules, groups, _reviews(solver, solver.group_of), left_out, assignments)


def _groups(group_of: dict[str, int], rules: Rules) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {number: [] for number in range(1, rules.groups + 1)}
    for code, number in sorted(group_of.items()):
        groups[number].append(code)
    return groups


def _reviews(solver: Solver, group_of: dict[str, int]) -> list[Review]:
    """One review per State under review and instrument, its reviewers in slot order."""
    slots = {SAME: 0, OTHER: 1, ADDITIONAL: 2}
    by_state: dict[str, list[tuple[Task, str]]] = defaultdict(list)
    for task, reviewer in solver.chosen.items():
        by_state[task.state].append((task, reviewer))
    reviews = []
    for code in sorted(by_state):
        chosen = sorted(by_state[code], key=lambda item: (slots[item[0].slot], item[1]))
        for instrument in sorted(solver.parties[code].instruments, key=INSTRUMENTS.index):
            reviewers = [
                {"state": reviewer, "slot": task.slot}
                for task, reviewer in chosen
                if instrument in task.instruments and instrument in solver.parties[reviewer].instruments
            ]
            reviews.append(Review(code, group_of[code], instrument, reviewers))
    return reviews
