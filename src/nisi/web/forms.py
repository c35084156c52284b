"""The web shell's own forms: signing in, personal API tokens, revoking a document."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from nisi.forms import GovukFormMixin
from nisi.forms.listing import ListFilterForm, Sort


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
        "inactive": _("This account is disabled. Ask the administrator of your organization."),
    }


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What will use this token, e.g. 'ERP integration'. You can revoke it at any time."),
        error_messages={"required": _("Enter a name for the token")},
    )


class RevokeForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason for revoking the document")},
    )


class DocumentFilterForm(ListFilterForm):
    """The filters of the personal account's documents."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("valid", _("Valid")), ("replaced", _("Replaced")), ("revoked", _("Revoked"))],
    )
    STATUS_FILTERS: ClassVar[dict[str, dict[str, Any]]] = {
        "valid": {"revoked_at__isnull": True, "replaced_at__isnull": True},
        "replaced": {"revoked_at__isnull": True, "replaced_at__isnull": False},
        "revoked": {"revoked_at__isnull": False},
    }
    SORTS = (
        Sort("newest", _("Newest first"), ("-issued_at", "-pk")),
        Sort("oldest", _("Oldest first"), ("issued_at", "pk")),
        Sort("title", _("Title"), ("title", "-issued_at")),
    )
