"""What the public lookups' kept answers could not be told of (ADR 17, addendum 10)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UntoldChange(models.Model):
    """A change of the register that the cache of public answers (or the web processes' memories) could not be told
    of when it was made: Redis did not answer. Written in the writer's own transaction, so that it lasts exactly as
    long as the change does; the cache is told at the next `public_answers.untold_changes_tell` that reaches Redis
    (every kept answer retires), and the row goes."""

    noted_at = models.DateTimeField(_("noted at"))
    names = models.TextField(_("versions"), help_text=_("the versions the change moved, one a line"))

    class Meta:
        verbose_name = _("change the kept public answers were not told of")
        verbose_name_plural = _("changes the kept public answers were not told of")

    def __str__(self) -> str:
        return f"{self.noted_at:%Y-%m-%d %H:%M:%S} {self.names[:60]}"
