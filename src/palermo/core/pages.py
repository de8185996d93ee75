"""One way to cut a long list into pages: `page_of()` in the view, core/_pagination.html in the template
(links keep the list's filters and search). No list page shows an unbounded table."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(request, items, per_page: int = PER_PAGE) -> Page:
    """The page asked for by `?page=` (the first for anything that is not a page number, the last past
    the end): never an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
