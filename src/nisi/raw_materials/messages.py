"""Messages of domestic raw materials to personal accounts, their deadline kinds, the export licence's document
kind, and where the records live."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nisi.core.links import register_subject_link
from nisi.core.messages import register

APPLICATION = "raw_material_application"
RAW_MATERIAL = "raw_material"
PRODUCER = "raw_material_producer"  # subject id "code:BIN"
AGREEMENT = "raw_material_agreement"
LICENCE = "raw_material_licence"
LICENCE_DOCUMENT = "raw_materials_export_licence"
APPLICATION_DEADLINE = "raw_materials.deadline.application"
AGREEMENT_DEADLINE = "raw_materials.deadline.agreement"

register(
    "raw_materials.application.listed",
    _("Raw material %(code)s is on the list of domestic raw materials"),
    _("Your application %(number)s was granted: %(code)s is on the list of domestic raw materials (IP-60.1)."),
)
register(
    "raw_materials.application.refused",
    _("Application %(number)s to list a raw material refused"),
    _("Your application %(number)s to list %(code)s was refused (IP-60.3): %(reasons)s"),
)
register(
    "raw_materials.agreement.terminated",
    _("Agreement %(number)s on domestic raw materials terminated"),
    _("Agreement %(number)s was terminated for the sale of the raw material to third parties (IP-60.8): %(reasons)s"),
)
register(
    "raw_materials.licence.refused",
    _("Export licence %(number)s refused"),
    _("The authorized body refused export licence %(number)s (IP-60.9): %(reasons)s"),
)
register(
    APPLICATION_DEADLINE,
    _("Consider application %(number)s to list a raw material"),
    _("Consider the application %(number)s to list %(code)s as a domestic raw material (IP-60.2, IP-60.3)."),
)
register(
    AGREEMENT_DEADLINE,
    _("Listed producer %(bin)s has no agreement for %(code)s"),
    _(
        "Producer %(bin)s is on the list of domestic raw materials for %(code)s and has concluded no agreement to "
        "supply manufacturing enterprises: the agreement is mandatory (IP-60.6)."
    ),
)
register_subject_link(APPLICATION, lambda number: reverse("raw_materials:application", args=[number]))
register_subject_link(RAW_MATERIAL, lambda code: reverse("raw_materials:raw_material", args=[code]))
register_subject_link(PRODUCER, lambda key: reverse("raw_materials:raw_material", args=[key.split(":")[0]]))
register_subject_link(AGREEMENT, lambda number: reverse("raw_materials:agreement", args=[number]))
register_subject_link(LICENCE, lambda number: reverse("raw_materials:licence", args=[number]))
