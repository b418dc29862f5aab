"""Identity numbers (GB 11643), unified social credit codes (GB 32100) and phone numbers.

Pure functions: every form, serializer, import and service validates through these,
so a number refused in one place is refused everywhere with the same reason.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from .errors import IdentityError

# Province-level codes of GB/T 2260 (first two digits). python-stdnum's county list lags real
# region codes, so a number from a new county would be refused; the province is checked instead.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def identity_number_clean(value: str, *, today: datetime.date | None = None) -> str:
    """The 18-character identity number in canonical form (upper-case X), or ValidationError."""
    number = ric.compact(str(value or "")).replace(" ", "")
    if len(number) == 15 and number.isdigit():
        raise ValidationError(
            _("This is an old 15-digit identity number; enter the 18-character number on the current card."),
            code=IdentityError.OLD_FORMAT,
        )
    if len(number) != 18:
        raise ValidationError(_("An identity number has 18 characters."), code=IdentityError.LENGTH)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("An identity number is 17 digits followed by a digit or X."), code=IdentityError.FORMAT
        )
    if number[17] != ric.calc_check_digit(number):
        raise ValidationError(
            _("The identity number's check character does not match; please check it again."),
            code=IdentityError.CHECKSUM,
        )
    # python-stdnum's own validate() also looks the county up in a list that lags real region
    # codes; the birth date and the province are judged here instead.
    try:
        birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date.year < 1900 or birth_date > (today or timezone.localdate()):
        raise ValidationError(
            _("The birth date inside the identity number is not a real date."), code=IdentityError.BIRTH_DATE
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The identity number does not start with a province code."), code=IdentityError.REGION
        )
    return number


def identity_number_mask(number: str) -> str:
    """Keep the first four and last four characters: 2201**********123X."""
    if len(number) != 18:
        return "*" * len(number)
    return f"{number[:4]}{'*' * 10}{number[-4:]}"


def credit_code_clean(value: str) -> str:
    """The 18-character unified social credit code, checksum included, or ValidationError."""
    try:
        return uscc.validate(str(value or "").strip().upper())
    except (InvalidLength, InvalidFormat, InvalidComponent):
        raise ValidationError(
            _("A unified social credit code has 18 digits and capital letters."),
            code=IdentityError.CREDIT_CODE_FORMAT,
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("The unified social credit code's check character does not match."),
            code=IdentityError.CREDIT_CODE_CHECKSUM,
        ) from None


def phone_clean(value: str) -> str:
    """An 11-digit mainland mobile number, or '' when none is given."""
    phone = re.sub(r"[\s-]", "", str(value or "")).removeprefix("+86")
    if phone and not PHONE_RE.match(phone):
        raise ValidationError(
            _("A mobile number has 11 digits and starts with 1."), code=IdentityError.PHONE_FORMAT
        )
    return phone


def validate_identity_number(value: str) -> None:
    identity_number_clean(value)


def validate_credit_code(value: str) -> None:
    credit_code_clean(value)


def validate_phone(value: str) -> None:
    phone_clean(value)
