"""What every enterprise administrator's page starts with: the enterprises the user administers, the one
the page is about (`?enterprise=<id>`, the first when none is given), and the 403 page that says why
someone who administers none may not use it."""

from django.http import Http404
from django.shortcuts import render

from ..models import Enterprise
from ..selectors import enterprises_managed_by


def managed_enterprises(user) -> list[Enterprise]:
    return list(enterprises_managed_by(user=user).only("pk", "name").order_by("name", "pk"))


def chosen_enterprise(value, enterprises: list[Enterprise]) -> Enterprise:
    """The enterprise asked for (the first one when none is); 404 when it is not one of `enterprises`."""
    if value in (None, ""):
        return enterprises[0]
    for enterprise in enterprises:
        if str(enterprise.pk) == str(value):
            return enterprise
    raise Http404


def forbidden(request, reason: str):
    return render(request, "learners/roster_forbidden.html", {"reason": reason}, status=403)
