"""A serving process, once started, has every view loaded and what it loaded out of the collector's sight."""

import gc
import sys

from palermo.core.warm import settle


def test_settle_loads_the_views_and_freezes_what_is_loaded():
    try:
        settle()
        assert gc.get_freeze_count() > 10_000
        assert "palermo.conference.views.pages" in sys.modules
    finally:
        gc.unfreeze()
