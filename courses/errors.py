"""Every error code of `courses`: the services' refusals (a `ValidationError`'s `code`) and the API's own
refusals. Clients, the admin and tests match on these strings; each is defined here once. The codes about
people and enterprises (`enterprise_not_found`, `not_enterprise_administrator`, `enterprise_required`)
are `learners.errors.ErrorCode`'s.

A service's refusal becomes an API error body in one way only: `academy.api.refusal`.
"""


class EnrolmentError:
    """Refusals of `courses.enrolments.services.enrolment_drop`."""

    ASSIGNED_ENROLMENT = "assigned_enrolment"
    ALREADY_DROPPED = "already_dropped"


class AssignmentError:
    """Refusals of `courses.enrolments.services.assignment_create`, `assignment_withdraw` and `package_assign`."""

    NO_COURSE = "no_course"
    COURSE_NOT_FOUND = "course_not_found"
    DUE_IN_PAST = "due_in_past"
    NO_ONE_CHOSEN = "no_one_chosen"
    AUTO_WITHOUT_CRITERIA = "auto_assign_without_criteria"
    NOT_ENGAGED = "not_engaged"
    UNKNOWN_CHOICE = "unknown_choice"
    NO_TITLE = "no_title"
    NOBODY_MATCHES = "nobody_matches"
    CONCURRENT_CHANGE = "concurrent_change"
    ALREADY_WITHDRAWN = "already_withdrawn"
    PACKAGE_NOT_FOUND = "package_not_found"


class MaterialError:
    """Refusals of a teaching material's new edition (`courses.materials.services.edition_check`)."""

    EDITION_REPLACED = "edition_replaced"
    EDITION_CHANGES_MISSING = "edition_changes_missing"


class ErrorCode:
    """The API's own refusals in `courses`."""

    PACKAGE_OR_COURSES = "package_or_courses"
