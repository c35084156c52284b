from nisi.astana_hub.models.assets import AssetMovement, AssetSource
from nisi.astana_hub.models.fees import FeeCharge, FeePayment, FeeSchedule
from nisi.astana_hub.models.financing import (
    ExpertAssignment,
    FinancingAgreement,
    FinancingApplication,
    FinancingCall,
    FinancingTranche,
    ProjectMonitoringReport,
    ScoringCriterion,
)
from nisi.astana_hub.models.governance import CommitteeDecision, CommitteeMatter, StrategicTask
from nisi.astana_hub.models.participants import ClusterActorCategory, ClusterActorEntry, HubActor, SezParticipant
from nisi.astana_hub.models.programmes import Cohort, CohortMember, HousingAllocation, Invitation, Programme
from nisi.astana_hub.models.workers import (
    FamilyMember,
    ForeignWorker,
    QualificationDocument,
    Submission,
    SubmissionRecipient,
    SubmissionSchedule,
    Visa,
)

__all__ = [
    "AssetMovement",
    "AssetSource",
    "ClusterActorCategory",
    "ClusterActorEntry",
    "Cohort",
    "CohortMember",
    "CommitteeDecision",
    "CommitteeMatter",
    "ExpertAssignment",
    "FamilyMember",
    "FeeCharge",
    "FeePayment",
    "FeeSchedule",
    "FinancingAgreement",
    "FinancingApplication",
    "FinancingCall",
    "FinancingTranche",
    "ForeignWorker",
    "HousingAllocation",
    "HubActor",
    "Invitation",
    "Programme",
    "ProjectMonitoringReport",
    "QualificationDocument",
    "ScoringCriterion",
    "SezParticipant",
    "StrategicTask",
    "Submission",
    "SubmissionRecipient",
    "SubmissionSchedule",
    "Visa",
]
