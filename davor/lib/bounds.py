"""What Davor accepts as input, in one place: dates, ids, counts, durations and text.

Forms, API schemas and the phone system's events all use these. Values past
them are refused with a clear message before anything is written, instead of
being stored and breaking every page that shows them later (an appointment in
the year 9999 cannot be shown in Berlin time; a vertical tab in a name makes
the XLSX export fail for everyone who exports that customer).
"""

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, Field

FIRST_YEAR, LAST_YEAR = 1900, 2200
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
MAX_ID = 2**63 - 1  # the largest id a 64-bit database column holds
MAX_FORMS = 100  # rows of one kind in one form (appointments, lines, participants…)
MAX_MINUTES = 24 * 60  # an appointment or a call lasts at most a day
MAX_SECONDS = 24 * 60 * 60

# C0 controls and DEL. Tab, line feed and carriage return are text in a note; in a one-line field
# (a name, a subject) line breaks are not: they break mail headers, vCards and CSV rows.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")

DATE_MESSAGE = _("Enter a date between 1900 and 2200.")
CONTROL_MESSAGE = _("This text contains control characters; remove them, please.")
LINE_MESSAGE = _("This field takes one line: remove the line breaks, please.")


def day_in_bounds(value: date | datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


def validate_day(value: date | datetime | None) -> None:
    """Django validator: a date or time between 1900 and 2200."""
    if value is not None and not day_in_bounds(value):
        raise ValidationError(DATE_MESSAGE, code="date_bounds")


def validate_text(value: str | None) -> None:
    """Django validator for text of several lines: no control characters but tab and line breaks."""
    if value and _CONTROL.search(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def validate_one_line(value: str | None) -> None:
    """Django validator for a one-line field: no control characters, no line breaks."""
    validate_text(value)
    if value and _LINE_BREAK.search(value):
        raise ValidationError(LINE_MESSAGE, code="line_break")


def has_control(value: str) -> bool:
    return bool(_CONTROL.search(value))


def printable(value: str, *, one_line: bool = False) -> str:
    """``value`` with what an export cannot carry removed (stored before these bounds existed)."""
    value = _CONTROL.sub("", value)
    return _LINE_BREAK.sub(" ", value) if one_line else value


def one_line(value: str) -> str:
    """Line breaks and other controls as single spaces: for mail subjects and headers."""
    return " ".join(_ANY_CONTROL.sub(" ", value).split())


def form_count(raw: object, *, limit: int = MAX_FORMS) -> int | None:
    """A formset's TOTAL_FORMS as sent by the browser: a number from 0 to ``limit``, else None."""
    text = str(raw or "0").strip()
    if not text.isdigit() or len(text) > 4:
        return None
    count = int(text)
    return count if count <= limit else None


def id_in_bounds(value: int) -> bool:
    return 1 <= value <= MAX_ID


# --- the same bounds for forms ----------------------------------------------------------------


class DateTimeField(forms.DateTimeField):
    """Django's DateTimeField, refusing times outside 1900–2200 (also those too near year 1 or 9999 to convert)."""

    default_validators = [validate_day]

    def to_python(self, value):  # type: ignore[no-untyped-def]
        try:
            return super().to_python(value)
        except OverflowError as error:
            raise ValidationError(DATE_MESSAGE, code="date_bounds") from error


class DateField(forms.DateField):
    default_validators = [validate_day]


class LineField(forms.CharField):
    """A one-line text: no line breaks, no control characters."""

    default_validators = [validate_one_line]


# --- the same bounds for API schemas (pydantic) ---------------------------------------------


def _moment(value: datetime) -> datetime:
    """A time without a zone is Davor's local time; stored in UTC; only 1900–2200."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value = value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError(str(DATE_MESSAGE)) from error
    if not day_in_bounds(value):
        raise ValueError(str(DATE_MESSAGE))
    return value


def _day(value: date) -> date:
    if not day_in_bounds(value):
        raise ValueError(str(DATE_MESSAGE))
    return value


def _text(value: str) -> str:
    try:
        validate_text(value)
    except ValidationError as error:
        raise ValueError(str(CONTROL_MESSAGE)) from error
    return value


def _line(value: str) -> str:
    try:
        validate_one_line(value)
    except ValidationError as error:
        raise ValueError(str(error.messages[0])) from error
    return value


Moment = Annotated[datetime, AfterValidator(_moment)]
Day = Annotated[date, AfterValidator(_day)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, AfterValidator(_text)]
Line = Annotated[str, AfterValidator(_line)]


# --- the guard in front of every view ---------------------------------------------------------


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


# A whole value that is a date (ISO as browsers and APIs send it, or German): its year must be in bounds.
_DATE_VALUE = re.compile(
    r"^\s*(?:(?P<iso>[+-]?\d{4,6})-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?"
    r"|\d\d?\.\d\d?\.(?P<de>\d{4,6})(?: [\d:]+)?)\s*$"
)


def _outside_calendar(text: str) -> bool:
    match = _DATE_VALUE.match(text) if len(text) <= 40 else None
    if match is None:
        return False
    year = int(match["iso"] or match["de"])
    return not FIRST_YEAR <= year <= LAST_YEAR


def _refusal(request: HttpRequest) -> str | None:
    """Why the request's input is refused outright, or None.

    Control characters anywhere, form counts that are no small number, and
    dates outside 1900–2200 in any field (the wrap-up's too: a field that holds
    nothing but a date holds no prose).
    """
    if request.method not in {"POST", "PUT", "PATCH"}:
        return None
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # the API says what is wrong with it
        texts = list(_texts(data))
        if any(has_control(text) for text in texts):
            return str(CONTROL_MESSAGE)
        return str(DATE_MESSAGE) if any(_outside_calendar(text) for text in texts) else None
    if content_type not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return None
    for name, values in request.POST.lists():
        if any(has_control(text) for text in (name, *values)):
            return str(CONTROL_MESSAGE)
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")) and any(form_count(v) is None for v in values):
            return str(_("The form was sent incomplete or changed; reload the page, please."))
        if any(_outside_calendar(value) for value in values):
            return str(DATE_MESSAGE)
    return None


class InputBoundsMiddleware:
    """Refuses input no field may hold (control characters, form counts that are no number) with a 400/422.

    Before any view runs, so a form or an endpoint that forgets a check still
    stores nothing that breaks exports, mail or the page later. Uploaded files
    are not read here: the import checks its rows itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = _refusal(request)
        if reason is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            detail = [{"loc": ["body"], "msg": reason, "type": "value_error"}]
            return JsonResponse({"detail": detail}, status=422)
        return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
