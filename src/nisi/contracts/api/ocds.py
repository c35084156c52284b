"""The Open Contracting feed (OCDS 1.1, ADR 24), public: release packages paged by a cursor in the action journal's
order, and a contracting process's record package (its releases and the compiled release). The release, release
package and record package schemas are in `contracts/data/ocds/`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import SerializerFunctionWrapHandler, model_serializer

from nisi.contracts.selectors import ocds as selectors
from nisi.contracts.selectors.ocds_build import PARTY_SCHEME
from nisi.law import clock
from nisi.law.api_common import Problem, explain, path_code, query_one_of

router = Router(tags=["contracts: open contracting"])

LANGUAGES = ("ru", "kk", "en")
RELEASE_SCHEMA = "an OCDS 1.1 release (contracts/data/ocds/release-schema.json)"


class OcdsPublisher(Schema):
    name: str
    scheme: str | None = Field(None, description="KZ-BIN: Kazakhstan's register of business identification numbers")
    uid: str | None = Field(None, description="the authorized body's BIN (left out where it is not configured)")
    uri: str

    @model_serializer(mode="wrap")
    def _without_unknown(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """OCDS gives a publisher's scheme and uid as strings or not at all, never null."""
        return {k: v for k, v in handler(self).items() if v is not None}


class OcdsLinks(Schema):
    next: str = Field(description="the next page: the same address with the cursor of this page's last release")


class _OcdsPackage(Schema):
    uri: str = Field(description="this package's address")
    version: str = Field(description="the OCDS version: 1.1")
    publishedDate: str = Field(description="when this package was made (UTC)")  # noqa: N815  (OCDS's name)
    publisher: OcdsPublisher
    publicationPolicy: str = Field(description="the page that explains the feed")  # noqa: N815  (OCDS's name)


class OcdsReleasePackage(_OcdsPackage):
    releases: list[dict[str, Any]] = Field(description=f"each {RELEASE_SCHEMA}, in the action journal's order")
    links: OcdsLinks


class OcdsRecord(Schema):
    ocid: str
    releases: list[dict[str, Any]] = Field(description=f"each {RELEASE_SCHEMA}, in the action journal's order")
    compiledRelease: dict[str, Any] = Field(  # noqa: N815  (OCDS's name)
        description=f"{RELEASE_SCHEMA}: the releases merged in their order"
    )


class OcdsRecordPackage(_OcdsPackage):
    records: list[OcdsRecord]


def _publisher_identifier() -> dict[str, str]:
    """The authorized body's BIN (`NISI_AUTHORIZED_BODY_BIN`, its check digit verified at start) in the scheme
    org-id.guide lists for Kazakhstan's BIN register, as the parties' identifiers are; none where it is unset."""
    bin_ = settings.NISI_AUTHORIZED_BODY_BIN
    return {"scheme": PARTY_SCHEME, "uid": bin_} if bin_ else {}


def _package(request: HttpRequest) -> dict[str, Any]:
    return {
        "uri": request.build_absolute_uri(),
        "version": "1.1",
        "publishedDate": clock.now().astimezone().isoformat(timespec="seconds"),
        "publisher": {
            "name": _("National Information System of Industry of the Republic of Kazakhstan"),
            **_publisher_identifier(),
            "uri": request.build_absolute_uri("/"),
        },
        "publicationPolicy": request.build_absolute_uri(reverse("contracts:open_contracting")),
    }


@router.get(
    "/ocds/releases",
    response=OcdsReleasePackage,
    summary="Open Contracting releases of plans and contracts, in the journal's order (OCDS 1.1)",
)
def releases(
    request: HttpRequest,
    after: str = Query(
        "", pattern=r"^[0-9]{0,18}$", description="the cursor: `links.next` of the page before (empty: from the start)"
    ),
    limit: int = Query(
        100,
        ge=1,
        le=selectors.MAX_LIMIT,
        description="releases on the page at most, save that one act's releases (planning and tender) stay together",
    ),
    lang: str = query_one_of(LANGUAGES, "ru", description="the language of the texts nisi writes"),
) -> Any:
    """A release package: planning and tender at a list's publication (IP-47.5), award and contract at a contract's
    signature, implementation for deliveries, acceptance and each year's outcome (IP-48.2), contractTermination.
    Page on with `links.next` until a page comes back empty; ask again later with its cursor for what is new. No
    release is skipped or repeated however many arrive meanwhile. Amounts are left out where the customer keeps the
    price as its commercial secret (ADR 21)."""
    with translation.override(lang):
        page = selectors.releases_after(int(after or 0), limit, lang)
        package = _package(request)
    query = request.GET.copy()
    query["after"] = str(page.cursor)
    package["releases"] = page.releases
    package["links"] = {"next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}
    return package


@router.get(
    "/ocds/records/{ocid}",
    response={200: OcdsRecordPackage, 404: Problem},
    summary="The record of a contracting process: its releases and the compiled release (OCDS 1.1)",
    openapi_extra=explain({404: "No published plan, and no contract, has this ocid."}),
)
def record(
    request: HttpRequest,
    ocid: str = path_code(
        r"^ocds-nisi-[A-Za-z0-9-]{1,40}$",
        "`ocds-nisi-` and the number of a published plan (or of a contract concluded on no list)",
        "ocds-nisi-PP-2026-00001",
    ),
    lang: str = query_one_of(LANGUAGES, "ru", description="the language of the texts nisi writes"),
) -> Any:
    with translation.override(lang):
        found = selectors.record(ocid, lang)
        package = _package(request)
    if found is None:
        return Status(404, {"detail": _("No published contracting process has this ocid.")})
    package["records"] = [found]
    return package
