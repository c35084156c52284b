"""The OpenAPI description itself: one name for one shape, every error documented with the one error shape and
words saying when it is given, the token's scheme and its 401 on every operation that takes a token."""

from __future__ import annotations

import json
from http.client import responses as reason_phrases
from typing import Any

import pytest
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import NinjaJSONEncoder

from nisi.config.api import api

DESCRIPTION = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))  # as /api/v1/openapi.json
OPERATIONS = [
    (f"{method.upper()} {path}", operation)
    for path, methods in DESCRIPTION["paths"].items()
    for method, operation in methods.items()
]


def test_no_two_schemas_share_a_component_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # ninja keeps the last definition under a name and drops the others silently: two schemas of one name made the
    # description show the wrong shape (BasisOut of participants and governance, DeadlineOut of law and core).
    seen: dict[str, list[dict[str, Any]]] = {}
    keep = OpenAPISchema.add_schema_definitions

    def recording(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            seen.setdefault(name, []).append(definition)
        keep(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema()
    assert seen
    assert {name: shapes for name, shapes in seen.items() if any(s != shapes[0] for s in shapes)} == {}


@pytest.mark.parametrize(("name", "operation"), OPERATIONS, ids=[name for name, _ in OPERATIONS])
def test_every_error_is_a_problem_and_says_when_it_is_given(name: str, operation: dict[str, Any]) -> None:
    assert operation.get("summary")
    for status, response in operation["responses"].items():
        if int(status) < 400:
            continue
        schema = response["content"]["application/json"]["schema"]
        name = schema["$ref"].rsplit("/", 1)[1]
        assert name == "Problem" or name.endswith("ImportProblems"), status  # a Problem, with an import's bad rows
        assert response["description"] not in {"", reason_phrases[int(status)]}, status


@pytest.mark.parametrize(("name", "operation"), OPERATIONS, ids=[name for name, _ in OPERATIONS])
def test_what_every_operation_of_a_kind_can_answer_is_documented(name: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    if operation.get("security") == [{"TokenAuth": []}, {}]:  # a token is optional: it is never refused
        assert "401" not in responses
    elif operation.get("security"):
        assert operation["security"] == [{"TokenAuth": []}]
        assert "Bearer nisi_" in responses["401"]["description"]
        assert responses["401"]["headers"]["WWW-Authenticate"]["required"] is True
    else:
        assert "401" not in responses
    assert "400" in responses
    if operation.get("parameters") or operation.get("requestBody"):
        assert "422" in responses


def test_the_problem_and_the_token_scheme_are_described() -> None:
    schema = DESCRIPTION
    problem = schema["components"]["schemas"]["Problem"]
    assert problem["required"] == ["detail"]
    assert set(problem["properties"]) == {"detail", "errors"}
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert "Authorization: Bearer nisi_…" in schema["info"]["description"]
