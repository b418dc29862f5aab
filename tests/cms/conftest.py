from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from cms.models import PolicyColumnPage, SubCollegePage
from cms.permissions import COURSE_EDITORS, PUBLICITY_STAFF, REVIEWERS, editorial_access_ensure
from tests.learners.factories import make_user


@dataclass
class Newsroom:
    """The academy with its policy column under review, and one member of each editorial group."""

    coal: SubCollegePage
    chemicals: SubCollegePage
    column: PolicyColumnPage
    editor: object
    publicity: object
    reviewer: object


@pytest.fixture
def newsroom(academy) -> Newsroom:
    column = academy.home.add_child(instance=PolicyColumnPage(title="安全技能提升行动", slug="column"))
    column.save_revision().publish()
    editorial_access_ensure()
    users = {}
    for username, group in (
        ("editor", COURSE_EDITORS),
        ("publicity", PUBLICITY_STAFF),
        ("reviewer", REVIEWERS),
    ):
        users[username] = make_user(username)
        users[username].groups.add(Group.objects.get(name=group))
    return Newsroom(
        coal=academy.sub_colleges["coal"],
        chemicals=academy.sub_colleges["chemicals"],
        column=column,
        **users,
    )
