"""Background jobs of the networks app (found by palermo.core.jobs' autodiscovery)."""

from palermo.core.jobs import register
from palermo.networks.domain.imports import JOB_KIND, abandon_import, run_import

register(JOB_KIND, unit="lines", on_abandon=abandon_import)(run_import)

# The search for candidates ("networks.resolve"), the analysis of the network ("networks.analyse"), loading
# watch lists and screening against them ("networks.watch_list", "networks.screen").
from palermo.networks import jobs_analysis, jobs_resolution, jobs_screening  # noqa: E402, F401
