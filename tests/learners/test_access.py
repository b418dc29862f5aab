"""The one place that decides who sees whom: grants and refusals for each kind of viewer."""

import datetime

import pytest

from learners.access import (
    can_manage_enterprise,
    can_record_for_learner,
    enterprises_visible_to,
    file_window,
    learners_visible_to,
)
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner, make_user

D = datetime.date


@pytest.fixture
def world(db):
    """Two enterprises in Changchun and one in Jilin City, each with an administrator and a worker."""
    cc_admin, cc = make_enterprise_admin(prefecture="changchun")
    cc2_admin, cc2 = make_enterprise_admin(prefecture="changchun")
    jl_admin, jl = make_enterprise_admin(prefecture="jilin")
    alice = make_learner(name="艾丽", password="pw")
    bob = make_learner(name="鲍勃", password="pw")
    carol = make_learner(name="卡萝", password="pw")
    engage(alice, cc, started_on=D(2023, 1, 1))
    engage(bob, cc2, started_on=D(2022, 1, 1))
    # Carol worked at the Changchun enterprise until 2021, and is now at Jilin City's.
    engage(carol, cc, started_on=D(2018, 1, 1), ended_on=D(2020, 12, 31))
    engage(carol, jl, started_on=D(2021, 3, 1))
    return locals()


def test_a_worker_sees_only_themself(world):
    assert list(learners_visible_to(world["alice"].user)) == [world["alice"]]
    assert list(enterprises_visible_to(world["alice"].user)) == []


def test_an_enterprise_administrator_sees_current_and_former_people_of_their_enterprise_only(world):
    assert set(learners_visible_to(world["cc_admin"])) == {world["alice"], world["carol"]}
    assert list(enterprises_visible_to(world["cc_admin"])) == [world["cc"]]
    assert world["bob"] not in learners_visible_to(world["cc_admin"])


def test_an_authority_sees_the_enterprises_and_people_of_their_prefecture_only(world):
    authority = make_authority("jilin")
    assert list(enterprises_visible_to(authority)) == [world["jl"]]
    assert list(learners_visible_to(authority)) == [world["carol"]]


def test_a_provincial_authority_and_a_superuser_see_everyone(world):
    provincial = make_authority("")
    superuser = make_user(is_superuser=True)
    for user in (provincial, superuser):
        assert learners_visible_to(user).count() == 3
        assert enterprises_visible_to(user).count() == 3


def test_an_anonymous_or_unrelated_user_sees_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), make_user()):
        assert not learners_visible_to(user).exists()
        assert not enterprises_visible_to(user).exists()


def test_a_former_employer_sees_the_file_only_for_the_period_of_the_engagement(world):
    window = file_window(world["cc_admin"], world["carol"])
    assert window.covers(D(2019, 6, 1))
    assert not window.covers(D(2022, 6, 1))
    assert not window.full_identity_number


def test_a_current_employer_sees_the_full_identity_number_and_an_authority_does_not(world):
    assert file_window(world["jl_admin"], world["carol"]).full_identity_number
    assert not file_window(make_authority("jilin"), world["carol"]).full_identity_number


def test_the_person_sees_their_whole_file(world):
    window = file_window(world["carol"].user, world["carol"])
    assert window.everything and window.full_identity_number


def test_nobody_else_gets_a_window(world):
    assert file_window(world["cc2_admin"], world["alice"]) is None
    assert file_window(world["bob"].user, world["alice"]) is None
    assert file_window(make_authority("jilin"), world["alice"]) is None


def test_a_certificate_valid_during_the_engagement_is_visible_however_old(world):
    window = file_window(world["jl_admin"], world["carol"])
    assert window.overlaps(D(2015, 1, 1), D(2025, 1, 1))
    assert window.overlaps(D(2015, 1, 1), None)
    assert not window.overlaps(D(2015, 1, 1), D(2020, 1, 1))


def test_engagements_with_other_employers_are_hidden(world):
    window = file_window(world["jl_admin"], world["carol"])
    carol_engagements = list(world["carol"].engagements.all())
    shown = [engagement.enterprise for engagement in carol_engagements if window.shows_engagement(engagement)]
    assert shown == [world["jl"]]


def test_only_a_current_employer_or_authority_may_record_in_a_file(world):
    assert can_record_for_learner(world["jl_admin"], world["carol"])
    assert not can_record_for_learner(world["cc_admin"], world["carol"])  # former employer
    assert not can_record_for_learner(world["cc2_admin"], world["alice"])
    assert can_record_for_learner(make_authority("changchun"), world["alice"])
    assert not can_record_for_learner(make_authority("jilin"), world["alice"])
    assert not can_record_for_learner(world["alice"].user, world["alice"])


def test_only_an_enterprises_administrators_manage_it(world):
    assert can_manage_enterprise(world["cc_admin"], world["cc"])
    assert not can_manage_enterprise(world["cc_admin"], world["cc2"])
    assert not can_manage_enterprise(make_authority("changchun"), world["cc"])
