"""Checksum-valid, clearly fake identity numbers and credit codes for demo data and tests.

Fake identity numbers use sequence numbers 900–999 of birth dates in 1960–2005 in Jilin
counties; fake credit codes use registration codes starting 9122 with a 'DEMO'-like body.
"""

import datetime

from stdnum.cn import ric, uscc

JILIN_COUNTIES = [
    "220102",
    "220104",
    "220203",
    "220302",
    "220402",
    "220502",
    "220602",
    "220702",
    "220802",
    "222401",
]


def fake_identity_number(serial: int) -> str:
    """The `serial`-th fake identity number; the same serial always gives the same number."""
    county = JILIN_COUNTIES[serial % len(JILIN_COUNTIES)]
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=(serial * 37) % (45 * 365))
    sequence = 900 + (serial // len(JILIN_COUNTIES)) % 100
    body = f"{county}{birth:%Y%m%d}{sequence:03d}"
    # Beyond 1,000 serials the county and sequence repeat; vary the birth date instead.
    extra = serial // 1000
    if extra:
        birth = birth + datetime.timedelta(days=extra)
        body = f"{county}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def fake_credit_code(serial: int) -> str:
    body = f"912200{serial:09d}"[:15] + "MA"
    body = body[:17]
    return body + uscc.calc_check_digit(body)
