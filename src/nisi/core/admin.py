"""The administrators' view. The journal and the audit log are read-only here: nothing may rewrite them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nisi.core import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("identifier", "name", "region", "oked", "resident", "liquidated_on")
    list_filter = ("region", "resident")
    search_fields = ("identifier", "name")
    readonly_fields = ("identifier", "identifier_kind", "created_at")


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organization", "region")
    list_filter = ("role", "region")
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
