from django.urls import path

from nisi.registry.views import applications, catalogue, feeds, inclusion, public, records

app_name = "registry"
urlpatterns = [
    path("", public.search, name="search"),
    path("producers/<str:identifier>/", public.producer, name="producer"),
    path("open-data.<str:fmt>", public.open_data, name="open_data"),
    path("conditions/", public.conditions, name="conditions"),
    path("conditions/new/", catalogue.conditions_new, name="conditions_new"),
    path("conditions/<str:product_code>/draft/", catalogue.conditions_draft, name="conditions_draft"),
    path("conditions/<str:product_code>/draft/edit/", catalogue.conditions_draft_edit, name="conditions_draft_edit"),
    path(
        "conditions/<str:product_code>/draft/agreements/",
        catalogue.conditions_draft_agreement,
        name="conditions_draft_agreement",
    ),
    path(
        "conditions/<str:product_code>/draft/approve/",
        catalogue.conditions_draft_approve,
        name="conditions_draft_approve",
    ),
    path(
        "conditions/<str:product_code>/draft/discard/",
        catalogue.conditions_draft_discard,
        name="conditions_draft_discard",
    ),
    path("conditions/<str:product_code>/", public.conditions_detail, name="conditions_detail"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<str:number>/", applications.application_detail, name="application"),
    path("applications/<str:number>/site/", applications.application_site, name="application_site"),
    path("applications/<str:number>/goods/", applications.application_goods, name="application_goods"),
    path(
        "applications/<str:number>/goods/<int:pk>/remove/",
        applications.application_good_remove,
        name="application_good_remove",
    ),
    path("applications/<str:number>/evidence/", applications.application_evidence, name="application_evidence"),
    path("applications/<str:number>/evidence/<int:pk>/", applications.evidence_file, name="evidence_file"),
    path("applications/<str:number>/consents/", applications.application_consents, name="application_consents"),
    path("applications/<str:number>/submit/", applications.application_submit, name="application_submit"),
    path("applications/<str:number>/progress/", applications.application_progress, name="application_progress"),
    path("applications/<str:number>/withdraw/", applications.application_withdraw, name="application_withdraw"),
    path("applications/<str:number>/assess/", applications.application_assess, name="application_assess"),
    path(
        "applications/<str:number>/assess/check/", inclusion.application_assess_check, name="application_assess_check"
    ),
    path("applications/<str:number>/included/", inclusion.application_included, name="application_included"),
    path("applications/<str:number>/inspection/", applications.application_inspection, name="application_inspection"),
    path("assessment/", applications.assessment_queue, name="assessment_queue"),
    path("records/<str:number>/", records.record_detail, name="record"),
    path("records/<str:number>/extract/", records.record_extract, name="record_extract"),
    path("records/<str:number>/leave/", records.record_leave, name="record_leave"),
    path("records/<str:number>/notices/<int:pk>/recheck/", records.notice_recheck, name="notice_recheck"),
    path("software-notices/", feeds.software_notices, name="software_notices"),
    path("software-notices/new/", feeds.software_notice_new, name="software_notice_new"),
    path("wholly-produced/", feeds.wholly_produced, name="wholly_produced"),
    path("wholly-produced/new/", feeds.wholly_produced_new, name="wholly_produced_new"),
    path("wholly-produced/upload/", feeds.wholly_produced_upload, name="wholly_produced_upload"),
    path("wholly-produced/<int:pk>/enter/", feeds.wholly_produced_enter, name="wholly_produced_enter"),
    path("appeals/", records.appeal_list, name="appeals"),
    path("appeals/<str:number>/", records.appeal_detail, name="appeal"),
]
