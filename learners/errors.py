"""Every error code of `learners`: the services' refusals (a `ValidationError`'s `code`), the roster's
problems, and the API's own refusals. Clients, the roster report and tests match on these strings; they
are the public contract, so each is defined here once. Higher apps (courses, credits) use `ErrorCode`'s
codes for the same cases (an enterprise or a person one may not see, an administrator's enterprise).

A service's refusal becomes an API error body in one way only: `academy.api.refusal`.
"""


class IdentityError:
    """Codes of `identity.identity_number_clean`, `credit_code_clean` and `phone_clean`."""

    OLD_FORMAT = "identity_old_format"
    LENGTH = "identity_length"
    FORMAT = "identity_format"
    CHECKSUM = "identity_checksum"
    BIRTH_DATE = "identity_birth_date"
    REGION = "identity_region"
    CREDIT_CODE_FORMAT = "credit_code_format"
    CREDIT_CODE_CHECKSUM = "credit_code_checksum"
    PHONE_FORMAT = "phone_format"


class UploadError:
    """Codes of every upload check in the academy (`uploads.check_evidence_file` and the CMS's)."""

    FILE_TOO_LARGE = "file_too_large"
    FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
    IMAGE_BOMB = "image_bomb"


class EngagementError:
    """Codes of refused engagements and their operation items; the roster import reports the same codes
    row by row."""

    UNKNOWN_ROLE = "unknown_role"
    ROLES_REQUIRED = "required"
    END_BEFORE_START = "end_before_start"
    OPERATION_ITEMS_NOT_SPECIAL_OPERATOR = "operation_items_not_special_operator"
    OPERATION_ITEM_BLANK = "operation_item_blank"
    OPERATION_ITEM_TOO_LONG = "operation_item_too_long"
    TOO_MANY_OPERATION_ITEMS = "too_many_operation_items"


class CertificateError:
    """Codes of `services.certificate_record`."""

    OPERATION_ITEM_REQUIRED = "operation_item_required"
    END_BEFORE_START = "end_before_start"
    RENEWS_OTHER_PERSON = "renews_other_person"
    ALREADY_RENEWED = "already_renewed"
    RENEWAL_BEFORE_ORIGINAL = "renewal_before_original"


class RosterError:
    """Codes of roster problems; the identity number's own codes are `IdentityError`'s and a bad mobile
    number is `phone_format`, as in every other form."""

    FILE_TOO_LARGE = UploadError.FILE_TOO_LARGE
    FILE_TYPE_NOT_ALLOWED = UploadError.FILE_TYPE_NOT_ALLOWED
    NOT_A_ROSTER = "not_a_roster"
    TOO_MANY_ROWS = "too_many_rows"
    NO_ROWS = "no_rows"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    IDENTITY_AS_NUMBER = "identity_as_number"
    EXAMPLE_ROW = "example_row"
    UNKNOWN_ROLE = "unknown_role"
    UNKNOWN_EMPLOYMENT_TYPE = "unknown_employment_type"
    UNKNOWN_EDUCATION = "unknown_education"
    OPERATION_ITEMS_NOT_SPECIAL_OPERATOR = EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR
    OPERATION_ITEM_TOO_LONG = EngagementError.OPERATION_ITEM_TOO_LONG
    TOO_MANY_OPERATION_ITEMS = EngagementError.TOO_MANY_OPERATION_ITEMS
    DATE_FORMAT = "date_format"
    DATE_IN_FUTURE = "date_in_future"
    DUPLICATE_ROW = "duplicate_row"
    PHONE_TAKEN = "phone_taken"
    NAME_MISMATCH = "registered_under_another_name"
    OVERLAPS_ENDED = "overlaps_ended_engagement"
    CONCURRENT_CHANGE = "concurrent_change"


class ErrorCode:
    """The API's refusals about people and enterprises, in every app's API."""

    # 404: what the caller may not see (ids reveal nothing).
    LEARNER_NOT_FOUND = "learner_not_found"
    ENTERPRISE_NOT_FOUND = "enterprise_not_found"
    RENEWS_NOT_FOUND = "renews_not_found"
    # 403: what the caller sees but may not do.
    NOT_ENTERPRISE_ADMINISTRATOR = "not_enterprise_administrator"
    CANNOT_RECORD = "cannot_record_for_learner"
    # 400
    ENTERPRISE_REQUIRED = "enterprise_required"
    ENTERPRISE_NOT_ALLOWED = "enterprise_not_allowed"
    ROSTER_REFUSED = "roster_refused"
