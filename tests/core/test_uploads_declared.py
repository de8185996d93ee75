"""Every form that sends a file posts to a view declared to accept one (core.uploads.accepts_file): any
other view is refused a body larger than a form (413), so an undeclared upload view works with small test
files and fails with a real one (a watch list did)."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

FILE_FORM = re.compile(r"<form\b[^>]*>", re.S)
ACTION = re.compile(r"""action="\{% url '([\w:-]+)'""")


def views_by_name() -> dict[str, object]:
    found: dict[str, object] = {}

    def walk(resolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver(), "")
    return found


def test_every_form_with_a_file_posts_to_a_view_that_accepts_one():
    views = views_by_name()
    checked, undeclared = [], []
    for template in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html"):
        for form in FILE_FORM.findall(template.read_text()):
            action = ACTION.search(form)
            if "multipart/form-data" not in form or action is None:
                continue
            checked.append(action.group(1))
            if getattr(views[action.group(1)], "accepts_file_bytes", None) is None:
                undeclared.append(f"{template.name}: {action.group(1)}")
    assert len(checked) >= 8
    assert undeclared == []
