"""The credits app's models, defined in its sub-packages by subdomain; Django looks for them here.

- `credits.study.models`: study sessions and heartbeats, the append-only study record (the truth of
  online study), quiz attempts, and the per-lesson and per-day summaries derived from the record;
- `credits.rules.models`: the versioned rules, the conversion standard and the training requirements;
- `credits.offline.models`: offline training declared by enterprises, its attendees and withdrawals;
- `credits.recognition.models`: recognition of learning done outside the academy;
- `credits.bank.models`: the credit bank's entries.
"""

from credits.bank.models import BankEntry
from credits.ledger import AppendOnlyError, AppendOnlyModel
from credits.offline.models import (
    OFFLINE_TRAINING_MAX_CLASS_HOURS,
    OfflineAttendance,
    OfflineTraining,
    OfflineTrainingWithdrawal,
    offline_evidence_path,
)
from credits.recognition.models import (
    Recognition,
    RecognitionDecision,
    RecognitionKind,
    recognition_evidence_path,
)
from credits.rules.models import ConversionStandard, Requirement, RequirementKind
from credits.study.models import (
    DailyStudy,
    Heartbeat,
    LessonProgress,
    QuizAttempt,
    StudyRecord,
    StudySession,
    StudySource,
)

__all__ = [
    "OFFLINE_TRAINING_MAX_CLASS_HOURS",
    "AppendOnlyError",
    "AppendOnlyModel",
    "BankEntry",
    "ConversionStandard",
    "DailyStudy",
    "Heartbeat",
    "LessonProgress",
    "OfflineAttendance",
    "OfflineTraining",
    "OfflineTrainingWithdrawal",
    "QuizAttempt",
    "Recognition",
    "RecognitionDecision",
    "RecognitionKind",
    "Requirement",
    "RequirementKind",
    "StudyRecord",
    "StudySession",
    "StudySource",
    "offline_evidence_path",
    "recognition_evidence_path",
]
