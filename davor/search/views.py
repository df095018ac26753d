from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from davor.search.selectors import SearchResults, search
from davor.users.http import AuthenticatedRequest


@require_safe
def results(request: AuthenticatedRequest) -> HttpResponse:
    """The search page; for htmx (as you type) only its results, with the last word as a prefix."""
    query = request.GET.get("q", "").strip()
    found = search(user=request.user, query=query, prefix=bool(request.htmx)) if query else SearchResults(query="")
    template = "search/results.html#results" if request.htmx else "search/results.html"
    return TemplateResponse(request, template, {"results": found, "query": query})
