"""Signed links that let anyone holding a printed file check that the academy issued it.

The token carries only the learner's id and the day the file was issued, signed with the site's
secret (and a salt of its own, so no other signed value of the site can pass for one). A file is
valid for life (一人一档、终身有效), so tokens do not expire; rotating SECRET_KEY with
SECRET_KEY_FALLBACKS keeps old prints verifiable. Changing any character makes it "not valid".
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from learners.lifelong_file.selectors import FileSummary, file_summary
from learners.models import Learner

SALT = "learners.lifelong_file.selectors-verification"


@dataclass(frozen=True)
class VerifiedFile:
    learner: Learner
    issued_on: datetime.date
    summary: FileSummary


def verification_token(*, learner: Learner, issued_on: datetime.date) -> str:
    return signing.dumps([learner.pk, issued_on.isoformat()], salt=SALT)


def verification_url(*, request, learner: Learner, issued_on: datetime.date) -> str:
    """The absolute link printed (and QR-encoded) on the PDF."""
    token = verification_token(learner=learner, issued_on=issued_on)
    return request.build_absolute_uri(reverse("learners:verify", kwargs={"token": token}))


def verification_read(*, token: str) -> VerifiedFile | None:
    """The file a token vouches for, or None when the token is forged, altered or its person is gone."""
    try:
        learner_id, issued = signing.loads(token, salt=SALT)
        issued_on = datetime.date.fromisoformat(issued)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(learner_id, int) or issued_on > timezone.localdate():
        return None
    learner = Learner.objects.filter(pk=learner_id).first()
    if learner is None:
        return None
    return VerifiedFile(
        learner=learner, issued_on=issued_on, summary=file_summary(learner=learner, on=issued_on)
    )
