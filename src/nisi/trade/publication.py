"""The catalogue for foreign buyers in the open data catalogue (ADR 37): a monthly dataset of dated editions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.publication import datasets as ds

MONTHLY = "MONTHLY"  # the EU frequency vocabulary's term
_SOURCE = _("The register of Kazakhstani commodity producers, and the export profiles the producers confirmed")


def register() -> None:
    ds.register_dataset(
        ds.Dataset(
            key="export-catalogue",
            title=_("Catalogue of Kazakhstani producers for foreign buyers"),
            description=_(
                "Kazakhstani producers listed in the register and their goods, with HS codes and names in English, "
                "Kazakh and Russian, region, export markets and certifications, and contact details where the "
                "producer consented; published every month as a dated edition (IP-43.2.3)."
            ),
            provisions=("IP-43.2.3",),
            frequency=MONTHLY,
            landing=lambda: reverse("trade:catalogue"),
            distributions=(
                ds.Distribution(_("Latest edition (CSV)"), "text/csv", lambda: reverse("trade:latest", args=["csv"])),
                ds.Distribution(
                    _("Latest edition (JSON)"), "application/json", lambda: reverse("trade:latest", args=["json"])
                ),
            ),
            fields=(
                ds.PublishedField("identifier", _("BIN of the producer"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("name", _("Name of the producer"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("region", _("Region"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("hs_code", _("HS code of the good"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("name_en", _("Name of the good in English (HS classifier)"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("markets", _("Export markets"), _SOURCE, "IP-43.2.3"),
                ds.PublishedField("contacts", _("Contact details, with the producer's consent"), _SOURCE, "IP-6.3"),
            ),
            keywords=("export", "producers", "catalogue"),
        )
    )
