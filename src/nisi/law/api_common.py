"""The API's common vocabulary, written once for every router: the one error shape (`Problem`) and the constrained
input types (a BIN or IIN, text a database column can hold, bounded numbers and dates).

Every constraint a handler relies on is in the schema, so that the OpenAPI description says what is accepted and
a request outside it is refused at the edge with 422 (`Problem.errors` names the field) before it reaches a
service or the database. It lives in the law layer, the bottom one, because every app's router uses it, the
law's own included (`nisi.law` imports nothing of the domain, so `nisi.core` could not hold it for the law).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any

from ninja import Field, Path, Query, Schema

BIGINT_MAX = 2**63 - 1  # the largest id or count a database column holds (PostgreSQL bigint)
NO_NUL = r"^[^\x00]*$"  # no text column of PostgreSQL can hold a NUL character
IDENTIFIER_PATTERN = r"^[0-9]{12}$"  # ASCII digits only: `isdigit()` would let other scripts' digits through
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
DAY_RANGE = f"a date from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


class FieldError(Schema):
    loc: list[str | int] = Field(description="where: the part of the request (path, query, body) and the field")
    msg: str = Field(description="what is wrong with it")
    type: str = Field(description="a stable code for the kind of error, e.g. string_pattern_mismatch")


class Problem(Schema):
    """Every error the API answers has this shape: `detail` for a person, `errors` for a program."""

    detail: str = Field(description="what went wrong and what to do about it")
    errors: list[FieldError] = Field(
        default_factory=list,
        description="each field that does not match this description (a 422 for the request's shape); else empty",
    )


class FieldRefusal(Exception):
    """A well-formed request that a rule refuses because of the values of some of its fields (a code not in the
    classifier): answered as a 422 `Problem` whose `errors` name those fields, as for a request of the wrong
    shape, so that a program can point at them."""

    def __init__(self, detail: str, fields: dict[str, list[str]], *, part: str = "body") -> None:
        super().__init__(detail)
        self.errors = [
            {"loc": [part, name], "msg": message, "type": "value_refused"}
            for name, messages in fields.items()
            for message in messages
        ]


def problem(detail: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The body of an error response, for handlers that build one without a declared response schema."""
    return {"detail": detail, "errors": errors or []}


Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        description="a BIN or IIN: 12 digits, the last one a check digit",
        json_schema_extra={"example": "100140000003"},
    ),
]
Day = Annotated[dt.date, Field(description=DAY_RANGE, ge=FIRST_DAY, le=LAST_DAY)]


def text(max_length: int, *, min_length: int = 0, **kwargs: Any) -> Any:
    """A schema field of text that fits its column: at most `max_length` characters, no NUL character."""
    return Field(min_length=min_length, max_length=max_length, pattern=NO_NUL, **kwargs)


def query_text(max_length: int, default: str | None = "", **kwargs: Any) -> Any:
    """A query parameter of text: at most `max_length` characters, no NUL character."""
    return Query(default, max_length=max_length, pattern=NO_NUL, **kwargs)


def _one_of(values: Iterable[str]) -> tuple[list[Any], str]:
    choices = sorted(values)
    return choices, "^(" + "|".join(re.escape(v) for v in choices) + ")$"


def one_of(values: Iterable[str], default: Any = ..., **kwargs: Any) -> Any:
    """A schema field taking one of `values` (the choices of a model's field: no enum class is named in the
    description, whose names could clash, e.g. two models' `Status`)."""
    choices, pattern = _one_of(values)
    return Field(default, pattern=pattern, json_schema_extra={"enum": choices}, **kwargs)


def query_one_of(values: Iterable[str], default: Any = None, **kwargs: Any) -> Any:
    """A query parameter taking one of `values` (the pattern lists them)."""
    return Query(default, pattern=_one_of(values)[1], **kwargs)


def path_code(pattern: str, description: str, example: str) -> Any:
    """A path parameter naming a record by its public code, e.g. a register or submission number."""
    return Path(..., pattern=pattern, description=description, example=example)


def explain(statuses: dict[int, str]) -> dict[str, Any]:
    """`openapi_extra` saying when an operation gives each of its statuses, e.g.
    `explain({404: "No call with this number is published."})`."""
    return {"responses": {status: {"description": why} for status, why in statuses.items()}}
