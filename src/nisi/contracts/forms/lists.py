"""The filters and orders of the contracts' lists that officers work through: the applications for contracts
(IP-47.6), the objections to excluded goods (IP-47.3), the customers whose purchases the reader may see, the
versions of the systemic enterprises' list (IP-47-1) and the akimats' submissions (IP-11.3). Each form is drawn by
web/_list_filters.html; `apply` narrows the reader's own (already scoped) rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from nisi.contracts.models import ExclusionObjection, PlanApplication, ProductionSubmission, SystemicList
from nisi.forms.listing import ListFilterForm, Sort

ANY = [("", _("Any"))]


def _year() -> forms.IntegerField:
    return forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2199)


def _text_match(rows: QuerySet[Any], text: str, fields: tuple[str, ...]) -> QuerySet[Any]:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    return rows.filter(condition)


class ApplicationFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Number, manufacturer, BIN or good"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + PlanApplication.Status.choices)
    kind = forms.ChoiceField(label=_("Kind of contract"), required=False, choices=ANY + PlanApplication.Kind.choices)
    SORTS = (
        Sort("due", _("To be examined soonest"), ("examination_due_on", "id")),
        Sort("newest", _("Newest first"), ("-submitted_on", "-id")),
        Sort("manufacturer", _("Manufacturer"), ("organization__name", "id")),
    )

    def apply(self, rows: QuerySet[PlanApplication]) -> QuerySet[PlanApplication]:
        chosen = self.values()
        if "q" in chosen:
            rows = _text_match(
                rows,
                chosen["q"],
                ("number", "organization__name", "organization__identifier", "line__product_code", "line__description"),
            )
        for name in ("status", "kind"):
            if name in chosen:
                rows = rows.filter(**{name: chosen[name]})
        return rows


class ObjectionFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Number, producer, customer or good"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + ExclusionObjection.Status.choices)
    year = _year()
    SORTS = (
        Sort("newest", _("Newest first"), ("-filed_on", "-id")),
        Sort("oldest", _("Oldest first"), ("filed_on", "id")),
        Sort("customer", _("Customer"), ("customer__name", "id")),
    )

    def apply(self, rows: QuerySet[ExclusionObjection]) -> QuerySet[ExclusionObjection]:
        chosen = self.values()
        if "q" in chosen:
            rows = _text_match(
                rows,
                chosen["q"],
                ("number", "organization__name", "customer__name", "plan__number", "product_code", "description"),
            )
        for name in ("status", "year"):
            if name in chosen:
                rows = rows.filter(**{name: chosen[name]})
        return rows


class CustomerFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Customer's name or BIN"), required=False, max_length=200)
    SORTS = (
        Sort("name", _("Name"), ("name", "id")),
        Sort("bin", _("BIN"), ("identifier", "id")),
    )

    def apply(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        text = self.values().get("q")
        return _text_match(rows, text, ("name", "identifier")) if text else rows


class SystemicListFilterForm(ListFilterForm):
    year = _year()
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + SystemicList.Status.choices)
    SORTS = (
        Sort("newest", _("Newest year and version first"), ("-year", "-version")),
        Sort("oldest", _("Oldest first"), ("year", "version")),
    )

    def apply(self, rows: QuerySet[SystemicList]) -> QuerySet[SystemicList]:
        chosen = self.values()
        for name in ("year", "status"):
            if name in chosen:
                rows = rows.filter(**{name: chosen[name]})
        return rows


class SubmissionFilterForm(ListFilterForm):
    year = _year()
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + ProductionSubmission.Status.choices)
    region = forms.CharField(label=_("Region"), required=False, max_length=200)
    SORTS = (
        Sort("newest", _("Newest year first"), ("-year", "region_id", "-id")),
        Sort("region", _("Region"), ("region_id", "-year", "-id")),
        Sort("oldest", _("Oldest year first"), ("year", "region_id", "id")),
    )

    def apply(self, rows: QuerySet[ProductionSubmission]) -> QuerySet[ProductionSubmission]:
        chosen = self.values()
        for name in ("year", "status"):
            if name in chosen:
                rows = rows.filter(**{name: chosen[name]})
        if "region" in chosen:
            rows = _text_match(
                rows, chosen["region"], ("region__code", "region__name_en", "region__name_ru", "region__name_kk")
            )
        return rows
