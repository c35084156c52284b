"""The register's API under /api/v1/register/: the public lookups and the other bodies' feeds, and the whole
lifecycle of an application, a record and an objection for the applicants', the officers' and the commission's
systems (the same services and policies as the pages; docs/adr/0018)."""

from ninja import Router

from nisi.registry.api import applications, decisions, monitoring, public, records

router = Router()
for _area in (public, applications, decisions, records, monitoring):
    router.add_router("", _area.router)
