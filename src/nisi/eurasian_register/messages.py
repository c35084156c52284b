"""Where the exchanges live (journal entries link to them)."""

from django.urls import reverse

from nisi.core.links import register_subject_link

SUBJECT = "eaeu_exchange"
register_subject_link(SUBJECT, lambda subject_id: reverse("eurasian_register:exchange", args=[subject_id]))
