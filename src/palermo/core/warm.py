"""What a serving process does once it has started: loads every view (the URLconf) and moves everything
loaded so far out of the garbage collector's sight (`gc.freeze`). The app's own objects (the FtM model, the
translations, the URL patterns: about 230,000 objects once started) are never garbage, yet every full
collection walked them, and what requests had loaded since, pausing a request for 0.2 to 0.4 s now and
then (docs/benchmarks.md, the Conference's follow-up page)."""

import gc


def settle() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    gc.collect()
    gc.freeze()
