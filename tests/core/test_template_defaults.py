"""A `|default:` argument is resolved strictly by Django: `{{ a.b|default:a.c.d }}` raises (a 500) when
`a.c` is None instead of falling back. No template may follow a relation inside a `default` argument."""

import re
from pathlib import Path

from django.conf import settings

CHAINED_ARGUMENT = re.compile(r"\|default:[a-z_]+\.[a-z_]+\.[a-z_]")


def test_no_default_argument_follows_a_relation():
    offenders = []
    for template in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if CHAINED_ARGUMENT.search(line):
                offenders.append(f"{template.relative_to(settings.PACKAGE_DIR)}:{number}")
    assert offenders == [], "use a filter such as |person instead: " + ", ".join(offenders)
