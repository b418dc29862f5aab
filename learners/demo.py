"""Demo accounts. The password is published in the README: local use only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "academy-demo"


def _user(username: str, **fields):
    user, created = get_user_model().objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user, created


def seed_accounts(*, stdout) -> None:
    _, created = _user("admin", is_staff=True, is_superuser=True, first_name="管理员")
    if created:
        stdout.write("Created demo account admin (superuser).")
    editor, created = _user("editor", first_name="编辑")
    # Wagtail's own "Editors" group may add and edit pages anywhere in the tree and use the admin.
    editor.groups.add(Group.objects.get(name="Editors"))
    if created:
        stdout.write("Created demo account editor (Editors group).")
