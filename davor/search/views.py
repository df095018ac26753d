from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from davor.search.selectors import SearchResults, search
from davor.users.http import AuthenticatedRequest

MENU_HITS = 4  # per group, in the top bar's menu


@require_safe
def results(request: AuthenticatedRequest) -> HttpResponse:
    """The search page; for htmx (as you type) only its results, with the last word as a prefix.

    The top bar's box asks as you type too: its answer is the short menu of
    hits that drops down under it.
    """
    query = request.GET.get("q", "").strip()
    menu = bool(request.htmx) and request.htmx.target == "search-menu"
    limit = MENU_HITS if menu else 8
    found = search(user=request.user, query=query, prefix=bool(request.htmx), limit=limit) if query else None
    template = "search/results.html#menu" if menu else "search/results.html#results"
    if not request.htmx:
        template = "search/results.html"
    return TemplateResponse(request, template, {"results": found or SearchResults(query=""), "query": query})
