"""Identity numbers, credit codes and phone numbers are refused with a reason, everywhere alike."""

import pytest
from django.core.exceptions import ValidationError

from learners.errors import IdentityError
from learners.fake import fake_credit_code, fake_identity_number
from learners.identity import (
    credit_code_clean,
    identity_number_clean,
    identity_number_mask,
    phone_clean,
)

GOOD = "11010519491231002X"


def refusal_code(value) -> str:
    with pytest.raises(ValidationError) as caught:
        identity_number_clean(value)
    return caught.value.code


def test_a_valid_number_is_accepted_unchanged():
    assert identity_number_clean(GOOD) == GOOD


def test_a_lowercase_x_is_accepted_and_stored_upper_case():
    assert identity_number_clean(GOOD.lower()) == GOOD


def test_spaces_around_and_inside_are_ignored():
    assert identity_number_clean(" 110105 19491231 002X ") == GOOD


def test_a_wrong_check_character_is_refused():
    assert refusal_code("110105194912310021") == IdentityError.CHECKSUM


def test_an_old_15_digit_number_is_refused_with_its_own_reason():
    assert refusal_code("110105491231002") == IdentityError.OLD_FORMAT


@pytest.mark.parametrize("value", ["", "1101051949", "11010519491231002XX"])
def test_a_number_of_the_wrong_length_is_refused(value):
    assert refusal_code(value) == IdentityError.LENGTH


def test_letters_inside_the_number_are_refused():
    assert refusal_code("1101051949123A002X") == IdentityError.FORMAT


def test_an_impossible_birth_date_is_refused():
    body = "11010519490231002"  # 31 February
    from stdnum.cn import ric

    assert refusal_code(body + ric.calc_check_digit(body + "0")) == IdentityError.BIRTH_DATE


def test_a_future_birth_date_is_refused():
    from stdnum.cn import ric

    body = "22010221000101900"
    assert refusal_code(body + ric.calc_check_digit(body + "0")) == IdentityError.BIRTH_DATE


def test_an_unknown_province_code_is_refused_but_an_unlisted_county_is_accepted():
    from stdnum.cn import ric

    unknown_province = "99010519491231002"
    assert (
        refusal_code(unknown_province + ric.calc_check_digit(unknown_province + "0")) == IdentityError.REGION
    )
    # 220199 is not a county in python-stdnum's list; new counties must not lock people out.
    new_county = "22019919800101001"
    number = new_county + ric.calc_check_digit(new_county + "0")
    assert identity_number_clean(number) == number


def test_the_mask_keeps_the_first_and_last_four_characters():
    assert identity_number_mask(GOOD) == "1101**********002X"


def test_every_demo_identity_number_is_valid_and_distinct():
    numbers = [fake_identity_number(serial) for serial in range(3000)]
    assert len(set(numbers)) == 3000
    assert all(identity_number_clean(number) == number for number in numbers)


def test_credit_codes_are_checked():
    code = fake_credit_code(7)
    assert credit_code_clean(code.lower()) == code
    with pytest.raises(ValidationError) as caught:
        credit_code_clean(code[:-1] + ("0" if code[-1] != "0" else "1"))
    assert caught.value.code == "credit_code_checksum"
    with pytest.raises(ValidationError) as caught:
        credit_code_clean("12345")
    assert caught.value.code == "credit_code_format"


def test_phone_numbers_are_normalised_or_refused():
    assert phone_clean("+86 138-0000-0000") == "13800000000"
    assert phone_clean("") == ""
    with pytest.raises(ValidationError):
        phone_clean("12800000000")
