"""The officer's decision on each good of an application, at the assessment and after an on-site inspection
(IP-51-1.4 … 51-1.6): production is assessed and included good by good (docs/adr/0012)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nisi.forms import CheckboxSelectMultiple, GovukFormMixin, RadioSelect
from nisi.registry import rules
from nisi.registry.models import ApplicationProduct

INCLUDE, REFUSE = "include", "refuse"


class GoodsDecisionForm(GovukFormMixin, forms.Form):
    """For each good assessed: the operations the evidence confirms, whether its production conditions are met, and
    the decision, included or not with the reasons the applicant receives. Goods wholly produced need no assessment
    (IP-51-1.9). `decisions_required` is off when the evidence is not enough and an inspection follows."""

    def __init__(self, *args: Any, products: list[ApplicationProduct], **kwargs: Any) -> None:
        self.products = [p for p in products if not p.wholly_produced and p.conditions is not None]
        self.wholly_produced = [p for p in products if p.wholly_produced]
        self.decisions_required = True
        fields: dict[str, forms.Field] = {}
        for p in self.products:
            conditions = p.conditions
            if conditions is None:
                continue
            fields[f"ops-{p.pk}"] = forms.MultipleChoiceField(
                label=_("Operations the evidence confirms"),
                help_text=_("at least %(n)s, every mandatory one among them") % {"n": conditions.minimum_operations},
                choices=[
                    (op["code"], f"{op['name']}" + (f" ({_('mandatory')})" if op.get("mandatory") else ""))
                    for op in conditions.operations
                    if op["code"] in p.declared_operations
                ],
                required=False,
                widget=CheckboxSelectMultiple,
            )
            fields[f"conditions-{p.pk}"] = forms.BooleanField(
                label=_("The production conditions are met"), required=False
            )
            fields[f"decision-{p.pk}"] = forms.ChoiceField(
                label=_("Decision on %(code)s") % {"code": p.code},
                choices=[(INCLUDE, _("Include it in the register")), (REFUSE, _("Do not include it"))],
                required=False,
                widget=RadioSelect,
            )
            fields[f"reasons-{p.pk}"] = forms.CharField(
                label=_("Reasons for not including %(code)s") % {"code": p.code},
                help_text=_("The applicant receives them (IP-51-1.6)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        # The fields of this application's goods, set up before the GOV.UK mixin styles every field: the form's
        # fields are copied from `base_fields` when it is made, so this form's own are given there.
        self.base_fields = {**self.base_fields, **fields}  # type: ignore[misc]
        super().__init__(*args, **kwargs)

    def rows(self) -> list[dict[str, Any]]:
        """Each good with its bound fields, for the template."""
        return [
            {
                "product": p,
                "ops": self[f"ops-{p.pk}"],
                "conditions": self[f"conditions-{p.pk}"],
                "decision": self[f"decision-{p.pk}"],
                "reasons": self[f"reasons-{p.pk}"],
            }
            for p in self.products
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.decisions_required:
            return data
        for p in self.products:
            conditions = p.conditions
            if conditions is None:
                continue
            decision = data.get(f"decision-{p.pk}")
            if not decision:
                self.add_error(f"decision-{p.pk}", _("Decide whether to include %(code)s") % {"code": p.code})
                continue
            check = rules.check_operations(
                conditions.operations, conditions.minimum_operations, data.get(f"ops-{p.pk}") or []
            )
            problem = rules.good_decision_problem(
                include=decision == INCLUDE,
                threshold_met=check.threshold_met,
                conditions_met=bool(data.get(f"conditions-{p.pk}")),
                reasons=data.get(f"reasons-{p.pk}") or "",
            )
            if problem == "threshold":
                self.add_error(
                    f"decision-{p.pk}",
                    _(
                        "The operations ticked for %(code)s do not reach its minimum threshold of %(n)s, every "
                        "mandatory one among them: do not include it, and give the reasons"
                    )
                    % {"code": p.code, "n": check.minimum},
                )
            elif problem == "conditions":
                self.add_error(
                    f"decision-{p.pk}",
                    _("Tick that the production conditions of %(code)s are met, or do not include it")
                    % {"code": p.code},
                )
            elif problem == "reasons":
                self.add_error(
                    f"reasons-{p.pk}",
                    _("Give the reasons for not including %(code)s: the applicant receives them") % {"code": p.code},
                )
        return data

    def service_arguments(self) -> dict[str, Any]:
        """The decisions as the services take them."""
        data = self.cleaned_data
        return {
            "confirmed_operations": {p.pk: list(data.get(f"ops-{p.pk}") or []) for p in self.products},
            "conditions_met": {p.pk: bool(data.get(f"conditions-{p.pk}")) for p in self.products},
            "included": {
                p.pk: data.get(f"decision-{p.pk}") == INCLUDE for p in self.products if data.get(f"decision-{p.pk}")
            },
            "good_reasons": {p.pk: (data.get(f"reasons-{p.pk}") or "").strip() for p in self.products},
        }
