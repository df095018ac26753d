"""Import and export pages: upload → preview → confirm → result, and the export downloads."""

from collections.abc import Iterator

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from davor.customers import selectors
from davor.customers.exports import FORMATS, customers_export
from davor.customers.forms import CustomerFilterForm
from davor.customers.imports import (
    COLUMNS,
    ImportRejected,
    ImportResult,
    UnreadableFile,
    import_preview,
    import_run,
    import_steps,
    read_file,
)
from davor.customers.imports.uploads import upload_delete, upload_get, upload_save, upload_set_mapping
from davor.users.http import AuthenticatedRequest as Request

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SHOWN_ROWS = 500
# From this many rows the confirm page streams a progress bar.
STREAM_FROM_ROWS = 200
PROGRESS_MARKER = "<!-- progress -->"


@require_safe
def export(request: Request) -> HttpResponse:
    """The customers the list shows (same filters), as a download."""
    fmt = request.GET.get("format", "csv-de")
    if fmt not in FORMATS:
        fmt = "csv-de"
    filters = CustomerFilterForm(request.GET).filters()
    customers = selectors.customer_list(
        user=request.user, query=filters["q"], status=filters["status"], city=filters["city"]
    ).order_by("sort_name", "pk")
    exported = customers_export(user=request.user, customers=customers, fmt=fmt, request=request)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request: Request) -> HttpResponse:
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a CSV or vCard file.")
        elif upload.size and upload.size > MAX_UPLOAD_BYTES:
            error = _("The file is larger than 20 MB. Split it, or import it with `davor import`.")
        else:
            token = upload_save(user=request.user, filename=upload.name or "", data=upload.read())
            return redirect("customers:import_preview", token=token)
    return render(request, "customers/import_upload.html", {"error": error, "nav": "customers"})


def _preview_context(request: Request, token: str) -> dict:
    upload = upload_get(user=request.user, token=token)
    context: dict = {"upload": upload, "nav": "customers", "columns": COLUMNS}
    try:
        raw = read_file(upload.data(), upload.filename)
    except UnreadableFile as exc:
        context["unreadable"] = str(exc)
        return context
    preview = import_preview(user=request.user, raw=raw, mapping=upload.mapping)
    context.update(
        preview=preview,
        raw=raw,
        counts=preview.counts(),
        headers=list(zip(raw.headers, preview.mapping, strict=False)),
        shown=preview.to_review()[:SHOWN_ROWS],
    )
    return context


@require_http_methods(["GET", "POST"])
def import_preview_page(request: Request, token: str) -> HttpResponse:
    """The preview; a POST changes which column means what."""
    if request.method == "POST":
        upload = upload_get(user=request.user, token=token)
        valid = {column.key for column in COLUMNS}
        mapping = [key if key in valid else "" for key in request.POST.getlist("column")]
        upload_set_mapping(upload=upload, mapping=mapping)
        return redirect("customers:import_preview", token=token)
    return render(request, "customers/import_preview.html", _preview_context(request, token))


@require_POST
def import_confirm(request: Request, token: str) -> HttpResponse | StreamingHttpResponse:
    """Runs the import in this request, in one transaction, and shows the result.

    A large file's page is streamed: the browser shows a progress bar that
    grows as the rows are written (no script needed), then the result. A
    browser that goes away mid-way rolls the whole import back.
    """
    context = _preview_context(request, token)
    preview = context.get("preview")
    if preview is None:
        return render(request, "customers/import_preview.html", context, status=400)
    if not preview.is_valid:
        messages.error(request, str(ImportRejected(preview.problems)))
        return render(request, "customers/import_preview.html", context, status=400)
    if len(preview.rows) >= STREAM_FROM_ROWS:
        page = render_to_string(
            "customers/import_running.html", {"rows": len(preview.rows), "nav": "customers"}, request=request
        )
        head, _marker, tail = page.partition(PROGRESS_MARKER)
        return StreamingHttpResponse(
            _import_stream(request, context, head, tail), content_type="text/html; charset=utf-8"
        )
    result = import_run(user=request.user, preview=preview, filename=context["upload"].filename, request=request)
    upload_delete(upload=context["upload"])
    return render(request, "customers/import_done.html", {"result": result, "nav": "customers"})


def _import_stream(request: Request, context: dict, head: str, tail: str) -> Iterator[str]:
    yield head
    shown = -1
    steps = import_steps(
        user=request.user, preview=context["preview"], filename=context["upload"].filename, request=request
    )
    for step in steps:
        if isinstance(step, ImportResult):
            upload_delete(upload=context["upload"])
            yield render_to_string("customers/import_done.html#result", {"result": step}, request=request)
            continue
        done, total = step
        percent = done * 100 // total
        if percent > shown:  # at most a hundred updates, whatever the file's size
            shown = percent
            yield f'<progress value="{done}" max="{total}">{percent} %</progress>\n'
    yield tail
