"""Administrators read the register here; every change goes through the services (and their journal)."""

from __future__ import annotations

from django.contrib import admin

from nisi.core.admin import ReadOnlyAdmin
from nisi.registry import models


@admin.register(models.ProductionConditions)
class ProductionConditionsAdmin(ReadOnlyAdmin):
    list_display = ("product_code", "version", "title", "valid_from", "minimum_operations")
    search_fields = ("product_code", "title")


@admin.register(models.RegisterApplication)
class RegisterApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "organization", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("number", "organization__identifier", "organization__name")


@admin.register(models.RegisterRecord)
class RegisterRecordAdmin(ReadOnlyAdmin):
    list_display = ("number", "organization", "basis", "status", "included_on", "removed_on")
    list_filter = ("status", "basis", "region_code")
    search_fields = ("number", "organization__identifier", "organization__name")


@admin.register(models.Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "filed_on", "decided_on")
    list_filter = ("status",)


@admin.register(models.MonitoringRun)
class MonitoringRunAdmin(ReadOnlyAdmin):
    list_display = ("quarter", "status", "total", "started_at", "finished_at")


@admin.register(models.SoftwareNotice)
class SoftwareNoticeAdmin(ReadOnlyAdmin):
    list_display = ("identifier", "kind", "software_name", "received_at", "result")


@admin.register(models.WhollyProducedEntry)
class WhollyProducedEntryAdmin(ReadOnlyAdmin):
    list_display = ("source", "identifier", "document_number", "hs_code", "status", "received_at")
    list_filter = ("source", "status")
