"""`academy.api.refusal`: the one way from a service's refusal (a Django ValidationError) to an API error
body, for every app. No database."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from academy.api import exception_handler, refusal


def answered(exc):
    response = exception_handler(exc, {})
    return response.status_code, response.data


def test_a_refusal_naming_no_field_is_its_code_and_its_message():
    status, body = answered(refusal(ValidationError("已撤回。", code="already_withdrawn")))
    assert (status, body) == (400, {"code": "already_withdrawn", "detail": "已撤回。"})


def test_a_refusal_naming_fields_gives_the_messages_per_field_and_the_first_specific_code():
    error = ValidationError(
        {
            "held_on": [
                ValidationError("Not a day.", code="invalid"),
                ValidationError("Future.", code="held_in_future"),
            ],
            NON_FIELD_ERRORS: [ValidationError("Nobody.", code="no_attendees")],
        }
    )
    status, body = answered(refusal(error))
    assert status == 400
    assert body["code"] == "held_in_future"
    assert body["errors"] == {"held_on": ["Not a day.", "Future."], "non_field_errors": ["Nobody."]}
    assert body["detail"] == "held_on: Not a day. Future.; non_field_errors: Nobody."


def test_the_view_gives_a_code_its_status_and_a_default_code():
    assert (
        answered(refusal(ValidationError("Superseded.", code="superseded"), statuses={"superseded": 409}))[0]
        == 409
    )
    assert answered(refusal(ValidationError("No code.")))[1]["code"] == "invalid"
    assert answered(refusal(ValidationError("No code."), default_code="required"))[1]["code"] == "required"


def test_a_field_can_be_named_for_an_error_and_for_a_code():
    status, body = answered(
        refusal(ValidationError("Bad checksum.", code="identity_checksum"), field="identity_number")
    )
    assert body == {
        "code": "identity_checksum",
        "detail": "identity_number: Bad checksum.",
        "errors": {"identity_number": ["Bad checksum."]},
    }
    body = answered(
        refusal(
            ValidationError("Too large.", code="file_too_large"), fields_of_codes={"file_too_large": "scan"}
        )
    )[1]
    assert body["errors"] == {"scan": ["Too large."]}


def test_a_refusal_a_view_let_through_is_answered_the_same_way():
    status, body = answered(ValidationError("Already renewed.", code="already_renewed"))
    assert (status, body["code"], body["errors"]) == (
        400,
        "already_renewed",
        {"non_field_errors": ["Already renewed."]},
    )
