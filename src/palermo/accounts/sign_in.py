"""Signed-out visitors who follow a link to a page that needs signing in are sent to sign in, and then back
to the page (`?next=`, checked to be a path of this site). The decision is made by the URL pattern, before
the view looks anything up: every page outside `PUBLIC_PAGES` redirects a signed-out visitor, whether or not
the object in its address exists, so a redirect tells nothing about confidential objects. A page in
`PUBLIC_PAGES` that is 404 for a signed-out visitor (an unpublished record) stays 404 for them, as it does
for a signed-in outsider. The API answers with status codes, never redirects."""

from urllib.parse import urlencode, urlsplit

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# URL names whose pages (some or all of their objects) anyone may see without signing in.
PUBLIC_PAGES = frozenset(
    {
        "set_language",
        "core:home",
        "accounts:login",
        "accounts:login_verify",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_sent",
        "accounts:password_reset_confirm",
        "accounts:activate",
        "register:parties",
        "register:party",
        "register:instruments",
        "register:instrument",
        "register:article",
        "register:imports",
        "register:import",
        "register:export_json",
        "register:export_csv",
        "knowledge:search",
        "knowledge:search_csv",
        "knowledge:search_jsonl",
        "knowledge:feed",
        "knowledge:records",
        "knowledge:record",
        "knowledge:attachment",
        "knowledge:export_jsonl",
        "knowledge:export_csv",
        "knowledge:implementation",
        "knowledge:term",
        "review:cycles",
        "review:cycle",
        "review:draw",
        "review:draw_result",
        "review:draw_participation",
        "review:summaries",
        "review:summary",
        "review:summary_file",
        "cooperation:directory",
        "cooperation:legal_basis",
        "conference:meetings",
        "conference:meeting",
        "conference:decision",
        "conference:follow_up_overview",
        "conference:search",
        "conference:questionnaires",
        "conference:questionnaire",
        "conference:questionnaire_results",
        "conference:general_review",
        "conference:assistance",
        "conference:offer",
        "conference:general_review_csv",
        "conference:general_review_docx",
        "conference:document_file",
    }
)
UNREDIRECTED_NAMESPACES = ("api",)


def needs_signing_in(view_name: str) -> bool:
    """Whether a signed-out visitor of this URL name is sent to sign in (by the URL alone)."""
    namespace = view_name.split(":", 1)[0] if ":" in view_name else ""
    return view_name not in PUBLIC_PAGES and namespace not in UNREDIRECTED_NAMESPACES


def safe_next(request, target: str | None) -> str:
    """`target` when it is a path of this site (no other host, no scheme tricks); '' otherwise."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def sign_in_url(next_url: str) -> str:
    return reverse("accounts:login") + ("?" + urlencode({"next": next_url}) if next_url else "")


class SignInToSeeMiddleware:
    """Send a signed-out visitor of a page that needs signing in to the sign-in page, then back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or user.is_authenticated or not needs_signing_in(match.view_name):
            return None
        if request.method in ("GET", "HEAD"):
            back = request.get_full_path()
        else:  # a form posted after the session ended: back to the page the form was on
            referer = urlsplit(safe_next(request, request.headers.get("Referer", "")))
            back = referer.path + (f"?{referer.query}" if referer.query else "")
        return redirect(sign_in_url(back))
