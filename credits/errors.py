"""Every error code of `credits`: the services' refusals (a `ValidationError`'s `code`) and the API's
own refusals. Clients, the admin and tests match on these strings; each is defined here once. The codes
about people and enterprises (`enterprise_not_found`, `learner_not_found`, `not_enterprise_administrator`,
…) are `learners.errors.ErrorCode`'s.

A service's refusal becomes an API error body in one way only: `academy.api.refusal`.
"""


class StudyError:
    """Refusals of study (`credits.study.services`); the heartbeat protocol in the README lists them."""

    NOT_ENROLLED = "not_enrolled"
    NOT_TIMED = "not_timed_lesson"
    SUPERSEDED = "superseded"
    NOT_YOUR_SESSION = "not_your_session"
    STALE_SEQUENCE = "stale_sequence"
    INVALID = "invalid"


class StandardError:
    """Refusals of `credits.rules.standard`."""

    IN_FORCE = "standard_in_force"
    NOT_FUTURE = "standard_not_future"
    SAME_DAY = "standard_same_day"
    NOT_POSITIVE = "standard_not_positive"


class RequirementError:
    """Refusals of `credits.rules.requirements`."""

    IN_FORCE = "requirement_in_force"
    NOT_FUTURE = "requirement_not_future"
    SAME_DAY = "requirement_same_day"
    HOURS_NOT_POSITIVE = "requirement_hours_not_positive"
    DETAIL_MISSING = "requirement_detail_missing"


class OfflineError:
    """Refusals of `credits.offline.services`."""

    REQUIRED = "required"
    HELD_IN_FUTURE = "held_in_future"
    CLASS_HOURS_OUT_OF_RANGE = "class_hours_out_of_range"
    NO_ATTENDEES = "no_attendees"
    NOT_ON_ROSTER = "not_on_roster"
    EVIDENCE_REQUIRED = "evidence_required"
    REASON_REQUIRED = "reason_required"
    ALREADY_WITHDRAWN = "already_withdrawn"


class RecognitionError:
    """Refusals of `credits.recognition.services`."""

    NOT_ALLOWED = "recognition_not_allowed"
    REQUIRED = "required"
    KIND_INVALID = "recognition_kind_invalid"
    EVIDENCE_REQUIRED = "evidence_required"
    COMPLETED_IN_FUTURE = "completed_in_future"
    CLASS_HOURS_OUT_OF_RANGE = "class_hours_out_of_range"
    NOT_ENGAGED = "not_engaged_with_enterprise"
    NOT_A_REVIEWER = "not_a_reviewer"
    OWN_REQUEST = "own_request"
    REASON_REQUIRED = "reason_required"
    GRANT_REQUIRED = "class_hours_granted_required"
    GRANT_OUT_OF_RANGE = "class_hours_granted_out_of_range"
    GRANT_ON_REJECTION = "class_hours_granted_on_rejection"
    ALREADY_DECIDED = "already_decided"
    NOT_ACCEPTED = "not_accepted"
    ENTRY_NOT_OF_REQUEST = "bank_entry_not_of_request"


class BankError:
    """Refusals of `credits.bank.services` (and of the admin's correction form)."""

    REASON_REQUIRED = "reason_required"
    REVERSAL_OF_REVERSAL = "reversal_of_reversal"
    ALREADY_REVERSED = "already_reversed"
    ZERO = "zero_class_hours"


class ErrorCode:
    """The API's own refusals in `credits`."""

    # 403: an account without a learner record asks for what only a learner has (study sessions,
    # enrolments, verdicts, the credit bank) — a refusal of who the caller is, like `not_authority`;
    # the same status on every endpoint.
    NO_LEARNER = "no_learner"
    NOT_AUTHORITY = "not_authority"
    # 400
    COURSE_NOT_FOUND = "course_not_found"
    LESSON_NOT_FOUND = "lesson_not_found"
    LEARNER_REQUIRED = "learner_required"
    # 404
    BANK_ENTRY_NOT_FOUND = "bank_entry_not_found"
