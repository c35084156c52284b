"""The API under /api/v1/, documented at /api/docs (OpenAPI 3.1 from the typed schemas).

Every error has one shape, `Problem` (`{"detail": str, "errors": [...]}`), whoever raises it: a handler's refusal,
the request's validation, a missing token. The responses every operation of a kind can give (401 for a token
operation, 422 for one that takes input, 400 for any) are documented here once, for all of them."""

from __future__ import annotations

from http.client import responses as reason_phrases
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema

from nisi.assembly.api import router as assembly_router
from nisi.astana_hub.api import router as astana_hub_router
from nisi.config.api_errors import what_is_wrong
from nisi.contracts.api import router as contracts_router
from nisi.core.api import router as core_router
from nisi.core.publication.api import router as publication_router
from nisi.core.publication.as_of import AsOfRefused
from nisi.eurasian_register.api import router as eurasian_register_router
from nisi.incentives.api import router as incentives_router
from nisi.industrialization.api import router as industrialization_router
from nisi.industry_needs.api import router as industry_needs_router
from nisi.infrastructure.api import router as infrastructure_router
from nisi.law import legal_calendar, params, provisions
from nisi.law.api import router as law_router
from nisi.law.api_common import DAY_RANGE, FieldRefusal, Problem, problem
from nisi.raw_materials.api import router as raw_materials_router
from nisi.registry.api import router as registry_router
from nisi.reporting.api import router as reporting_router
from nisi.scrap_metal.api import router as scrap_metal_router
from nisi.trade.api import router as trade_router

PROBLEM_REF = {"$ref": REF_TEMPLATE.format(model="Problem")}
WWW_AUTHENTICATE = 'Bearer realm="nisi"'

# What each response every operation of a kind can give means (the operation may say more of its own).
UNAUTHORIZED = (
    "No token, or one that is unknown or revoked, or of a deactivated user: send a personal token as "
    "`Authorization: Bearer nisi_…`."
)
INVALID = "The request does not match this description: `errors` lists each field that is wrong and why."
UNREADABLE = "The request cannot be read: its address holds a control character (such as NUL)."
UNREADABLE_BODY = (
    "The request cannot be read: its body is not JSON, or it holds a control character (such as NUL) that no "
    "field takes."
)


class NisiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_common_responses(schema)
        return schema


def _problem_response(description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": PROBLEM_REF}}, **extra}


def _add(responses: dict[Any, Any], status: int, description: str, **extra: Any) -> None:
    """Documents `status` on an operation; one it documents already keeps its own words, and gains these."""
    current = responses.get(status)
    if current is None:
        responses[status] = _problem_response(description, **extra)
        return
    words = current.get("description", "")
    if words in {"", reason_phrases.get(status)}:  # ninja's generic phrase: the router said nothing of its own
        current["description"] = description
    elif description not in words:
        current["description"] = f"{words} {description}"
    current.setdefault("content", _problem_response("")["content"])
    current.update(extra)


def document_common_responses(schema: dict[str, Any]) -> None:
    """Adds to every operation the responses its kind can give, which its router does not repeat."""
    definitions = Problem.model_json_schema(
        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode="serialization"
    )
    components = schema["components"]["schemas"]
    components.update(definitions.pop("$defs", {}))
    components["Problem"] = definitions
    for path in schema["paths"].values():
        for operation in path.values():
            responses = operation["responses"]
            # An optional token (`{}` among the requirements) is never refused: no 401 to document.
            if operation.get("security") and {} not in operation["security"]:
                _add(
                    responses,
                    401,
                    UNAUTHORIZED,
                    headers={
                        "WWW-Authenticate": {
                            "description": "how to authenticate: a bearer token",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    },
                )
            _add(responses, 400, UNREADABLE_BODY if operation.get("requestBody") else UNREADABLE)
            if operation.get("parameters") or operation.get("requestBody"):
                _add(responses, 422, INVALID)


api = NisiAPI(
    title="nisi API",
    version="1",
    description=(
        "National Information System of Industry of the Republic of Kazakhstan.\n\n"
        "**Authentication.** Public operations need none. The others take a personal token created in the personal "
        "account, sent as `Authorization: Bearer nisi_…`; without a valid one they answer 401. What a token may "
        "do is what its user's roles allow; each operation says how it refuses the rest (403, or 422 with "
        "the reason).\n\n"
        "**Errors.** Every error answers with one shape, `Problem`: `detail`, a sentence saying what went wrong and "
        "what to do, and `errors`, which for a request that does not match this description (422) lists each field "
        "(`loc`: the part of the request and the field's name), what is wrong (`msg`) and a stable code (`type`), "
        "and is empty otherwise. A 422 with empty `errors` is a refusal of a well-formed request; its `detail` "
        "says why. A refusal because of a field's value (a code not in the classifier) names that field in "
        "`errors` with the type `value_refused`.\n\n"
        f"**Input.** Identifiers (BIN, IIN) are 12 ASCII digits; dates are ISO (2026-03-01), {DAY_RANGE}; texts "
        "have the maximum lengths given here and no NUL character; records are named by their public numbers "
        "(AH-W-2025-00001), organizations by BIN."
    ),
    urls_namespace="api",
)
api.add_router("/law", law_router)
api.add_router("/", core_router)
api.add_router("/register", registry_router)
api.add_router("/astana-hub", astana_hub_router)
api.add_router("/contracts", contracts_router)
api.add_router("/incentives", incentives_router)
api.add_router("/industrialization", industrialization_router)
api.add_router("/reporting", reporting_router)
api.add_router("/raw-materials", raw_materials_router)
api.add_router("/assembly", assembly_router)
api.add_router("/scrap-metal", scrap_metal_router)
api.add_router("/trade", trade_router)
api.add_router("/industry-needs", industry_needs_router)
api.add_router("/eurasian-register", eurasian_register_router)
api.add_router("/infrastructure", infrastructure_router)
api.add_router("/", publication_router)


def _where(loc: Any) -> list[str | int]:
    """The part of the request and the field. ninja puts the handler's argument between them for a body
    (`body.payload.amount`), which the caller never sees: every operation takes the body as one object."""
    where = list(loc)
    return where[:1] + where[2:] if where[:1] == ["body"] else where


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"loc": _where(e["loc"]), "msg": what_is_wrong(e), "type": e["type"]} for e in exc.errors]
    fields = "; ".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in errors)
    detail = _("The request does not match the API's description. Correct it and send it again: %(fields)s.") % {
        "fields": fields
    }
    return api.create_response(request, problem(detail, errors), status=422)


@api.exception_handler(FieldRefusal)
def _refused_fields(request: HttpRequest, exc: FieldRefusal) -> HttpResponse:
    return api.create_response(request, problem(str(exc), exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Send a valid personal token as 'Authorization: Bearer nisi_…'; create one in your personal account.")
    response = api.create_response(request, problem(detail), status=401)
    response["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
    return api.create_response(request, problem(detail), status=exc.status_code)


@api.exception_handler(AsOfRefused)
def _as_of_refused(request: HttpRequest, exc: AsOfRefused) -> HttpResponse:
    return api.create_response(request, problem(str(exc)), status=400)


@api.exception_handler(Http404)
@api.exception_handler(params.UnknownParameter)
@api.exception_handler(provisions.UnknownProvision)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, problem(str(exc) or _("Nothing is found here.")), status=404)


@api.exception_handler(params.NoValueOnDate)
@api.exception_handler(legal_calendar.TermError)
def _unprocessable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, problem(str(exc)), status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, problem(str(exc) or _("You may not do this.")), status=403)
