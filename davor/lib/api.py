"""Small helpers the API routers share: cursor pagination, the acting user, PATCH fields, field errors.

No business rules here; every router still reads through its app's scoped
selectors and writes through its services.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import CursorPagination as NinjaCursorPagination

from davor.lib import bounds
from davor.lib.phones import InvalidPhoneNumber, parse_phone


class CursorPagination(NinjaCursorPagination):
    """Ninja's cursor pagination, newest id first; a cursor that does not fit is a 422, not a crash."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("ordering", ("-pk",))
        kwargs.setdefault("page_size", 50)
        kwargs.setdefault("max_page_size", 200)
        super().__init__(**kwargs)

    class Input(NinjaCursorPagination.Input):
        # 0 or a negative size is a mistake, not "everything": a 422 says so.
        page_size: int | None = Field(None, ge=1, le=200)

    def _find_position(self, queryset, cursor):  # type: ignore[no-untyped-def]
        if cursor.p is not None and not cursor.p.lstrip("-").isdigit():
            raise NinjaValidationError([{"loc": ["query", "cursor"], "msg": "Invalid cursor", "type": "value_error"}])
        return super()._find_position(queryset, cursor)


def acting_user(request: HttpRequest) -> Any:
    """The user the request acts as: the token's or the session's (set by the API's auth classes)."""
    return request.auth  # type: ignore[attr-defined]


def patch_fields(payload: Schema, *, nullable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a PATCH sent; null means "leave as is", except for the ``nullable`` fields, which it empties."""
    return {
        name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None or name in nullable
    }


def field_error(loc: str, message: str) -> NinjaValidationError:
    """A 422 on one body field, in ninja's error shape."""
    return NinjaValidationError([{"loc": ["body", *loc.split(".")], "msg": message, "type": "value_error"}])


def phone_e164(value: str, loc: str) -> str:
    """A typed telephone number as E.164; "" stays ""; a number nobody can dial is a 422."""
    if not value.strip():
        return ""
    try:
        return parse_phone(value).e164
    except InvalidPhoneNumber as error:
        raise field_error(loc, _("This is not a telephone number we can dial.")) from error


# A datetime in an API input: aware, in UTC, between 1900 and 2200 (davor.lib.bounds), else a 422.
Moment = bounds.Moment


def expected_version(body_version: int | None, if_match: str | None) -> int:
    """The version a revision is based on, from the body or an If-Match header (``"3"``, ``W/"3"``, ``3``)."""
    if body_version is not None:
        return body_version
    raw = (if_match or "").strip().removeprefix("W/").strip('"')
    if raw.isdigit():
        return int(raw)
    raise HttpError(
        428,
        _(
            "Send the version you read (field “version” or an If-Match header): "
            "without it a save could overwrite someone else’s."
        ),
    )
