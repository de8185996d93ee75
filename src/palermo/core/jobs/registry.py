"""Which function runs each kind of job: `@register("networks.import")` in an app's `jobs` module.

The worker imports `palermo.<app>.jobs` of every installed app (as Django's admin finds `admin` modules),
plus the modules named in the environment variable PALERMO_EXTRA_JOB_MODULES (comma-separated; for tests
that need kinds of their own in a worker process).
"""

import importlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

EXTRA_MODULES_VARIABLE = "PALERMO_EXTRA_JOB_MODULES"


@dataclass(frozen=True)
class Kind:
    name: str
    handler: Callable
    unit: str = ""
    # Called with the Job when it ends failed or cancelled, to undo what it wrote (all or nothing).
    on_abandon: Callable | None = None


_kinds: dict[str, Kind] = {}
_discovered = False


def register(kind: str, *, unit: str = "", on_abandon: Callable | None = None) -> Callable:
    """Decorator: the function runs jobs of `kind`, given a JobContext; `unit` names what it counts
    ("lines"). `on_abandon(job)`, if given, runs when such a job ends failed or cancelled (in the worker,
    or in `cancel` for a job not yet started)."""

    def decorate(handler: Callable) -> Callable:
        known = _kinds.get(kind)
        if known is not None and known.handler is not handler:
            raise ValueError(f"job kind {kind!r} is registered twice")
        _kinds[kind] = Kind(kind, handler, unit, on_abandon)
        return handler

    return decorate


def kind_for(name: str) -> Kind | None:
    autodiscover()
    return _kinds.get(name)


def registered_kinds() -> list[str]:
    autodiscover()
    return sorted(_kinds)


def autodiscover() -> None:
    """Import the `jobs` module of every installed Palermo app, and the extra modules, once."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for config in apps.get_app_configs():
        if not config.name.startswith("palermo."):
            continue
        module = f"{config.name}.jobs"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    for module in os.environ.get(EXTRA_MODULES_VARIABLE, "").split(","):
        if module.strip():
            importlib.import_module(module.strip())
