"""The administrators' view. The journal and the audit log are read-only here: nothing may rewrite them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from nisi.core import identifiers, models
from nisi.core.authz import actor_for
from nisi.core.services.organizations import OrganizationError, check_oked, organization_register, region_for_kato


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrganizationAdminForm(forms.ModelForm):
    class Meta:
        model = models.Organization
        fields = (
            "identifier",
            "name",
            "name_kk",
            "resident",
            "oked",
            "kato",
            "address",
            "email",
            "phone",
            "liquidated_on",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            if not self.instance.pk and "identifier" in data:
                data["identifier"] = identifiers.validate(data["identifier"])
            region_for_kato(data.get("kato") or "")
            check_oked(data.get("oked") or "")
        except (identifiers.InvalidIdentifier, OrganizationError) as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Organizations are added through the same service as everywhere (BIN check, region, journal)."""

    form = OrganizationAdminForm
    list_display = ("identifier", "name", "region", "oked", "resident", "liquidated_on")
    list_filter = ("region", "resident")
    search_fields = ("identifier", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("identifier",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            obj.region = region_for_kato(obj.kato)
            obj.save()
            return
        data = form.cleaned_data
        created = organization_register(
            actor=actor_for(request.user),
            identifier=data["identifier"],
            name=data["name"],
            name_kk=data.get("name_kk", ""),
            kato=data.get("kato", ""),
            oked=data.get("oked", ""),
            resident=data.get("resident", True),
            address=data.get("address", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
        )
        obj.pk = created.pk
        obj.refresh_from_db()


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organization", "region", "body")
    list_filter = ("role", "region", "body")
    search_fields = ("user__username", "organization__identifier", "organization__name")
    autocomplete_fields = ("organization",)


@admin.register(models.Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_en", "name_ru", "name_kk", "kind")


@admin.register(models.ClassifierCode)
class ClassifierCodeAdmin(ReadOnlyAdmin):
    list_display = ("system", "code", "name_en", "name_ru")
    list_filter = ("system", "level")
    search_fields = ("code", "name_en", "name_ru")


@admin.register(models.JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ("subject_type", "subject_id", "seq", "action", "at", "actor_label")
    list_filter = ("subject_type", "action")
    search_fields = ("subject_id",)


@admin.register(models.JournalCheckpoint)
class JournalCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("number", "at", "entries", "chains", "digest", "key_id")
    exclude = ("heads",)


@admin.register(models.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "username", "ip")
    list_filter = ("kind",)
    search_fields = ("username",)


@admin.register(models.Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ("kind", "subject_type", "subject_id", "due_on", "status", "overdue_since", "provision")
    list_filter = ("status", "provision", "responsible_role")


@admin.register(models.Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "organization", "issued_at", "revoked_at")
    list_filter = ("kind",)


@admin.register(models.Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("message_key", "organization", "user", "created_at", "read_at")


@admin.register(models.ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")


@admin.register(models.OutboxTask)
class OutboxTaskAdmin(ReadOnlyAdmin):
    """What committed work owes the broker (ADR 11): the sweeper sends it; `nisi outbox status` lists it too."""

    list_display = ("name", "created_at", "dispatched_at", "attempts", "next_attempt_at", "last_error")
    list_filter = (("dispatched_at", admin.EmptyFieldListFilter), "name")
