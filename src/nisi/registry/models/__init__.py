from nisi.registry.models.answers import UntoldChange
from nisi.registry.models.appeals import Appeal
from nisi.registry.models.application import (
    ApplicationProduct,
    Evidence,
    RegisterApplication,
    WhollyProducedKind,
)
from nisi.registry.models.assessment import OnSiteInspection, ProductionAssessment
from nisi.registry.models.catalogue import ConditionsAgreement, ProductionConditions
from nisi.registry.models.certificates import PriorCertificate
from nisi.registry.models.feeds import SoftwareNotice, WhollyProducedEntry
from nisi.registry.models.monitoring import MonitoringCheck, MonitoringRun, NonComplianceNotice
from nisi.registry.models.register import RecordPeriod, RegisterGood, RegisterRecord, Removal
from nisi.registry.models.segments import GoodsSegment, ProducerSegment, SegmentsStale

__all__ = [
    "Appeal",
    "ApplicationProduct",
    "ConditionsAgreement",
    "Evidence",
    "GoodsSegment",
    "MonitoringCheck",
    "MonitoringRun",
    "NonComplianceNotice",
    "OnSiteInspection",
    "PriorCertificate",
    "ProducerSegment",
    "ProductionAssessment",
    "ProductionConditions",
    "RecordPeriod",
    "RegisterApplication",
    "RegisterGood",
    "RegisterRecord",
    "Removal",
    "SegmentsStale",
    "SoftwareNotice",
    "UntoldChange",
    "WhollyProducedEntry",
    "WhollyProducedKind",
]
