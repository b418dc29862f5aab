"""Workers sign in with their mobile number or identity number and a password."""

import contextlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.shortcuts import render

from .identity import identity_number_clean, phone_clean
from .models import Learner


def account_for_credential(credential: str):
    """The user account a sign-in name means: a username, a mobile number or an identity number."""
    credential = (credential or "").strip()
    # No account name holds a NUL, and PostgreSQL refuses one in a query: refuse it here, not with a 500.
    if not credential or "\x00" in credential:
        return None
    User = get_user_model()
    learner = None
    with contextlib.suppress(ValidationError):
        learner = Learner.objects.select_related("user").filter(phone=phone_clean(credential) or None).first()
    if learner is None and len(credential) == 18:
        try:
            number = identity_number_clean(credential)
        except ValidationError:
            number = None
        if number:
            learner = Learner.objects.select_related("user").filter(identity_number=number).first()
    if learner is not None:
        return learner.user
    return User.objects.filter(username=credential).first()


def lockout_username(request, credentials) -> str:
    """django-axes keys a lock-out on the account, however the person typed its name.

    Without this, a phone number and an identity number would count as two accounts
    and double the attempts an attacker gets.
    """
    credential = (credentials or {}).get("username") or ""
    user = account_for_credential(credential)
    # axes stores the name of a failed attempt; PostgreSQL text cannot hold NUL.
    return user.get_username() if user is not None else credential.replace("\x00", "").strip()


class CredentialBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = account_for_credential(username)
        if user is None:
            # Run the hasher anyway so that unknown names take as long as wrong passwords.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_response(request, original_response, credentials):
    """The page shown while an account is locked, in the visitor's language, with the wait."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
