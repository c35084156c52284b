"""The register's forms, in the GOV.UK pattern; errors say what to do."""

from nisi.registry.forms.applications import (
    AppealDecisionForm,
    AppealForm,
    AppealStepForm,
    AssessmentForm,
    CodeSearchForm,
    ConsentsForm,
    EvidenceForm,
    GoodCodeForm,
    GoodForm,
    InspectionReportForm,
    InspectionScheduleForm,
    RegisterSearchForm,
    SiteForm,
)
from nisi.registry.forms.assessment import GoodsDecisionForm
from nisi.registry.forms.desks import (
    ConditionsAgreementForm,
    ConditionsForm,
    IdentifierField,
    SoftwareNoticeForm,
    WhollyProducedForm,
    WhollyProducedUploadForm,
)

__all__ = [
    "AppealDecisionForm",
    "AppealForm",
    "AppealStepForm",
    "AssessmentForm",
    "CodeSearchForm",
    "ConditionsAgreementForm",
    "ConditionsForm",
    "ConsentsForm",
    "EvidenceForm",
    "GoodCodeForm",
    "GoodForm",
    "GoodsDecisionForm",
    "IdentifierField",
    "InspectionReportForm",
    "InspectionScheduleForm",
    "RegisterSearchForm",
    "SiteForm",
    "SoftwareNoticeForm",
    "WhollyProducedForm",
    "WhollyProducedUploadForm",
]
