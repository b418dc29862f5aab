"""The Wagtail admin's "Class hours and credits" screens: the conversion standard and the training
requirements. Model permissions decide who may open them; the services decide what may be saved, so a
version in force is never changed here and every refusal comes back as a form error with its code."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import ERROR, get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from credits.errors import RequirementError, StandardError
from credits.rules.models import ConversionStandard, Requirement
from credits.rules.requirements import (
    VersionStatus,
    requirement_create,
    requirement_delete,
    requirement_update,
)
from credits.rules.standard import standard_create
from credits.study.crediting import STUDY_TIME_ZONE
from tests.learners.factories import make_user
from tests.queries import count_queries

D = datetime.date
TODAY = D(2026, 3, 2)
TOMORROW = D(2026, 3, 3)
SEEDED_DAY = D(2020, 1, 1)  # the migrations' first standard and requirements

VERSIONED_MODELS = ("conversionstandard", "requirement")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=STUDY_TIME_ZONE), tick=False):
        yield


@pytest.fixture
def superuser(db):
    return make_user(is_superuser=True, is_staff=True)


def authority_staff(*actions: str):
    """A member of an "Authority staff" group holding the given actions on both versioned models, as the
    demo data grant them."""
    user = make_user(is_staff=True)
    group, _ = Group.objects.get_or_create(name=f"Authority staff {'-'.join(actions) or 'none'}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for action in actions:
        for model in VERSIONED_MODELS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="credits", codename=f"{action}_{model}")
            )
    user.groups.add(group)
    return user


def standard_form(**fields):
    return {
        "effective_from": "2026-07-01",
        "minutes_per_class_hour": "40",
        "daily_online_class_hours": "8",
        "class_hours_per_credit": "16",
        "offline_factor": "1",
        "recognised_factor": "1",
        "note": "",
        **fields,
    }


def requirement_form(**fields):
    return {
        "code": "principal_annual",
        "industry": "coal",
        "effective_from": "2026-07-01",
        "active": "on",
        "role": "principal",
        "kind": "annual_hours",
        "title": "煤矿主要负责人每年再培训",
        "class_hours": "24",
        "period_days": "0",
        "certificate_kind": "",
        "minimum_education": "",
        "basis": "《煤矿安全培训规定》",
        **fields,
    }


def make_requirement(user, **fields) -> Requirement:
    values = {
        "code": "principal_annual",
        "industry": "coal",
        "effective_from": D(2026, 7, 1),
        "role": "principal",
        "kind": "annual_hours",
        "title": "煤矿主要负责人每年再培训",
        "class_hours": Decimal("24"),
        "basis": "《煤矿安全培训规定》",
        **fields,
    }
    return requirement_create(user=user, **values)


def form_error_codes(response, field=None) -> set[str]:
    errors = response.context["form"].errors.as_data()
    key = field or "__all__"
    return {error.code for error in errors.get(key, [])}


def error_messages(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request) if message.level == ERROR]


def seeded_standard() -> ConversionStandard:
    return ConversionStandard.objects.get(effective_from=SEEDED_DAY)


SCHEDULED_DAY = D(2026, 9, 1)


def future_standard(user, day=SCHEDULED_DAY, minutes=50) -> ConversionStandard:
    return standard_create(
        user=user,
        effective_from=day,
        minutes_per_class_hour=minutes,
        daily_online_class_hours=Decimal("8"),
        class_hours_per_credit=Decimal("16"),
        offline_factor=Decimal("1"),
        recognised_factor=Decimal("1"),
    )


# Who may


def test_staff_without_the_model_permissions_are_refused_every_screen(client, db):
    client.force_login(authority_staff())
    for url in (reverse("conversionstandard:index"), reverse("requirement:index")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = client.post(reverse("conversionstandard:add"), standard_form())
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ConversionStandard.objects.filter(effective_from=D(2026, 7, 1)).exists()
    response = client.get(reverse("conversionstandard:inspect", args=[seeded_standard().pk]))
    assert response.status_code == 302


def test_staff_who_may_only_view_list_and_inspect_but_cannot_add_change_or_delete(client, superuser):
    scheduled = future_standard(superuser)
    client.force_login(authority_staff("view"))
    assert client.get(reverse("conversionstandard:index")).status_code == 200
    assert client.get(reverse("conversionstandard:inspect", args=[scheduled.pk])).status_code == 200
    assert client.post(reverse("conversionstandard:add"), standard_form()).status_code == 302
    assert (
        client.post(reverse("conversionstandard:edit", args=[scheduled.pk]), standard_form()).status_code
        == 302
    )
    assert client.post(reverse("conversionstandard:delete", args=[scheduled.pk])).status_code == 302
    assert not ConversionStandard.objects.filter(effective_from=D(2026, 7, 1)).exists()
    scheduled.refresh_from_db()
    assert scheduled.minutes_per_class_hour == 50


def test_authority_staff_with_the_permissions_add_a_future_version_recorded_as_theirs(client, db):
    staff = authority_staff("view", "add", "change", "delete")
    client.force_login(staff)
    response = client.post(reverse("conversionstandard:add"), standard_form())
    assert response.status_code == 302
    added = ConversionStandard.objects.get(effective_from=D(2026, 7, 1))
    assert (added.minutes_per_class_hour, added.created_by) == (40, staff)
    response = client.post(reverse("requirement:add"), requirement_form())
    assert response.status_code == 302
    assert Requirement.objects.get(code="principal_annual", industry="coal").created_by == staff


def test_the_menu_group_shows_only_to_those_with_a_permission(client, db):
    client.force_login(authority_staff("view"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("conversionstandard:index") in html and reverse("requirement:index") in html
    client.force_login(authority_staff())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("conversionstandard:index") not in html


# The conversion standard


def test_the_list_marks_the_version_in_force_and_offers_edit_only_for_future_versions(client, superuser):
    older = standard_create(
        user=superuser,
        today=D(2023, 12, 31),
        effective_from=D(2024, 1, 1),
        minutes_per_class_hour=45,
        daily_online_class_hours=Decimal("6"),
        class_hours_per_credit=Decimal("16"),
        offline_factor=Decimal("1"),
        recognised_factor=Decimal("1"),
    )
    scheduled = future_standard(superuser)
    client.force_login(superuser)
    response = client.get(reverse("conversionstandard:index"))
    statuses = {row.effective_from: row.version_status for row in response.context["object_list"]}
    assert statuses == {
        SEEDED_DAY: VersionStatus.SUPERSEDED,
        older.effective_from: VersionStatus.IN_FORCE,
        scheduled.effective_from: VersionStatus.SCHEDULED,
    }
    html = response.content.decode()
    assert str(VersionStatus.IN_FORCE.label) in html and str(VersionStatus.SCHEDULED.label) in html
    assert reverse("conversionstandard:edit", args=[scheduled.pk]) in html
    assert reverse("conversionstandard:delete", args=[scheduled.pk]) in html
    for taken_effect in (older, seeded_standard()):
        assert reverse("conversionstandard:edit", args=[taken_effect.pk]) not in html
        assert reverse("conversionstandard:delete", args=[taken_effect.pk]) not in html
        assert reverse("conversionstandard:inspect", args=[taken_effect.pk]) in html


def test_a_valid_future_version_is_created_and_listed_as_not_yet_in_force(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("conversionstandard:add"), standard_form(note="四十分钟一学时"))
    assert response.status_code == 302
    added = ConversionStandard.objects.get(effective_from=D(2026, 7, 1))
    assert (added.minutes_per_class_hour, added.note, added.created_by) == (40, "四十分钟一学时", superuser)
    listed = client.get(reverse("conversionstandard:index")).context["object_list"]
    assert {row.pk: row.version_status for row in listed}[added.pk] == VersionStatus.SCHEDULED
    assert {row.pk: row.version_status for row in listed}[seeded_standard().pk] == VersionStatus.IN_FORCE


def test_a_version_from_today_or_earlier_is_refused_with_the_services_code(client, superuser):
    client.force_login(superuser)
    for day in (TODAY, D(2025, 1, 1)):
        response = client.post(
            reverse("conversionstandard:add"), standard_form(effective_from=day.isoformat())
        )
        assert response.status_code == 200
        assert form_error_codes(response, "effective_from") == {StandardError.NOT_FUTURE}
    assert ConversionStandard.objects.count() == 1


def test_zero_or_negative_values_are_refused_and_nothing_is_created(client, superuser):
    client.force_login(superuser)
    for field, value in (
        ("minutes_per_class_hour", "0"),
        ("minutes_per_class_hour", "-45"),
        ("daily_online_class_hours", "0"),
        ("class_hours_per_credit", "-1"),
    ):
        response = client.post(reverse("conversionstandard:add"), standard_form(**{field: value}))
        assert response.status_code == 200, (field, value)
        assert field in response.context["form"].errors, (field, value)
    assert ConversionStandard.objects.count() == 1


def test_a_second_version_on_the_same_day_is_refused_with_the_services_code(client, superuser):
    scheduled = future_standard(superuser)
    client.force_login(superuser)
    response = client.post(
        reverse("conversionstandard:add"), standard_form(effective_from=scheduled.effective_from.isoformat())
    )
    assert response.status_code == 200
    assert form_error_codes(response, "effective_from") == {StandardError.SAME_DAY}
    assert ConversionStandard.objects.filter(effective_from=scheduled.effective_from).count() == 1


def test_opening_a_version_in_force_for_editing_leads_to_its_inspection_with_the_reason(client, superuser):
    in_force = seeded_standard()
    client.force_login(superuser)
    response = client.get(reverse("conversionstandard:edit", args=[in_force.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("conversionstandard:inspect", args=[in_force.pk])
    assert len(error_messages(response)) == 1


def test_saving_a_version_in_force_is_refused_by_the_service_and_changes_nothing(client, superuser):
    in_force = seeded_standard()
    client.force_login(superuser)
    response = client.post(
        reverse("conversionstandard:edit", args=[in_force.pk]), standard_form(effective_from="2026-07-01")
    )
    assert response.status_code == 200
    assert form_error_codes(response) == {StandardError.IN_FORCE}
    refusal = response.context["form"].errors.as_data()["__all__"][0]
    assert refusal.messages[0] in response.content.decode()
    in_force.refresh_from_db()
    assert (in_force.effective_from, in_force.minutes_per_class_hour) == (SEEDED_DAY, 45)


def test_a_future_version_can_be_edited_and_deleted(client, superuser):
    scheduled = future_standard(superuser)
    client.force_login(superuser)
    url = reverse("conversionstandard:edit", args=[scheduled.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, standard_form(effective_from="2026-09-01", minutes_per_class_hour="55"))
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.minutes_per_class_hour == 55
    assert client.get(reverse("conversionstandard:delete", args=[scheduled.pk])).status_code == 200
    assert client.post(reverse("conversionstandard:delete", args=[scheduled.pk])).status_code == 302
    assert not ConversionStandard.objects.filter(pk=scheduled.pk).exists()


def test_a_version_in_force_cannot_be_deleted(client, superuser):
    in_force = seeded_standard()
    client.force_login(superuser)
    url = reverse("conversionstandard:delete", args=[in_force.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("conversionstandard:inspect", args=[in_force.pk])
    assert len(error_messages(response)) == 1
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("conversionstandard:inspect", args=[in_force.pk])
    assert ConversionStandard.objects.filter(pk=in_force.pk).exists()


def test_a_version_that_took_effect_while_scheduled_for_editing_is_still_refused(client, superuser):
    scheduled = future_standard(superuser, day=TOMORROW)
    client.force_login(superuser)
    assert client.get(reverse("conversionstandard:edit", args=[scheduled.pk])).status_code == 200
    with time_machine.travel(datetime.datetime(2026, 3, 3, 0, 0, 1, tzinfo=STUDY_TIME_ZONE), tick=False):
        response = client.post(
            reverse("conversionstandard:edit", args=[scheduled.pk]),
            standard_form(effective_from="2026-03-10", minutes_per_class_hour="30"),
        )
    assert form_error_codes(response) == {StandardError.IN_FORCE}
    scheduled.refresh_from_db()
    assert (scheduled.effective_from, scheduled.minutes_per_class_hour) == (TOMORROW, 50)


def test_a_past_version_can_be_inspected_without_edit_or_delete(client, superuser):
    in_force = seeded_standard()
    client.force_login(superuser)
    response = client.get(reverse("conversionstandard:inspect", args=[in_force.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "45" in html
    assert reverse("conversionstandard:edit", args=[in_force.pk]) not in html
    assert reverse("conversionstandard:delete", args=[in_force.pk]) not in html
    assert reverse("conversionstandard:copy", args=[in_force.pk]) in html


def test_copying_the_version_in_force_starts_a_later_version(client, superuser):
    in_force = seeded_standard()
    client.force_login(superuser)
    url = reverse("conversionstandard:copy", args=[in_force.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, standard_form(effective_from="2026-08-01", minutes_per_class_hour="45"))
    assert response.status_code == 302
    assert ConversionStandard.objects.count() == 2
    in_force.refresh_from_db()
    assert in_force.effective_from == SEEDED_DAY


def test_the_standard_list_makes_the_same_number_of_queries_however_many_versions(client, superuser):
    client.force_login(superuser)
    url = reverse("conversionstandard:index")
    future_standard(superuser, day=D(2026, 9, 1))
    few = count_queries(client, url)
    for month in range(10, 13):
        future_standard(superuser, day=D(2026, month, 1))
    assert count_queries(client, url) == few


# The training requirements


def test_the_requirements_list_marks_versions_and_filters_by_code_industry_and_role(client, superuser):
    later = make_requirement(superuser, industry="", class_hours=Decimal("20"))
    client.force_login(superuser)
    url = reverse("requirement:index")
    rows = client.get(url, {"code": "principal_annual"}).context["object_list"]
    assert {(row.effective_from, row.version_status) for row in rows} == {
        (SEEDED_DAY, VersionStatus.IN_FORCE),
        (later.effective_from, VersionStatus.SCHEDULED),
    }
    rows = client.get(url, {"industry": "chemicals"}).context["object_list"]
    assert {row.code for row in rows} == {"special_operator_education"}
    rows = client.get(url, {"role": "safety_manager"}).context["object_list"]
    assert {row.code for row in rows} == {"safety_manager_initial", "safety_manager_annual"}
    html = client.get(url, {"code": "principal_annual"}).content.decode()
    assert reverse("requirement:edit", args=[later.pk]) in html
    seeded = Requirement.objects.get(code="principal_annual", effective_from=SEEDED_DAY)
    assert reverse("requirement:edit", args=[seeded.pk]) not in html


def test_a_version_for_one_industry_is_in_force_beside_the_all_industries_one(client, superuser):
    with time_machine.travel(datetime.datetime(2026, 1, 1, 10, 0, tzinfo=STUDY_TIME_ZONE), tick=False):
        coal = make_requirement(superuser, effective_from=D(2026, 2, 1))
    client.force_login(superuser)
    rows = client.get(reverse("requirement:index"), {"code": "principal_annual"}).context["object_list"]
    assert {(row.industry, row.version_status) for row in rows} == {
        ("", VersionStatus.IN_FORCE),
        (coal.industry, VersionStatus.IN_FORCE),
    }


def test_a_valid_future_requirement_version_is_created(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("requirement:add"), requirement_form())
    assert response.status_code == 302
    added = Requirement.objects.get(code="principal_annual", industry="coal")
    assert (added.class_hours, added.effective_from, added.created_by) == (
        Decimal("24"),
        D(2026, 7, 1),
        superuser,
    )


def test_an_hours_requirement_without_positive_class_hours_is_refused(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("requirement:add"), requirement_form(class_hours=""))
    assert response.status_code == 200
    assert form_error_codes(response, "class_hours") == {RequirementError.HOURS_NOT_POSITIVE}
    response = client.post(reverse("requirement:add"), requirement_form(class_hours="0"))
    assert response.status_code == 200 and "class_hours" in response.context["form"].errors
    assert not Requirement.objects.filter(industry="coal").exists()


def test_a_second_requirement_version_on_the_same_day_is_refused(client, superuser):
    client.force_login(superuser)
    assert client.post(reverse("requirement:add"), requirement_form()).status_code == 302
    response = client.post(reverse("requirement:add"), requirement_form(title="重复"))
    assert response.status_code == 200
    assert form_error_codes(response, "effective_from") == {RequirementError.SAME_DAY}
    assert Requirement.objects.filter(industry="coal").count() == 1


def test_a_requirement_from_today_is_refused(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("requirement:add"), requirement_form(effective_from=TODAY.isoformat()))
    assert form_error_codes(response, "effective_from") == {RequirementError.NOT_FUTURE}


def test_a_requirement_in_force_is_neither_changed_nor_deleted(client, superuser):
    seeded = Requirement.objects.get(code="principal_annual", effective_from=SEEDED_DAY)
    client.force_login(superuser)
    response = client.get(reverse("requirement:edit", args=[seeded.pk]))
    assert response["Location"] == reverse("requirement:inspect", args=[seeded.pk])
    response = client.post(
        reverse("requirement:edit", args=[seeded.pk]), requirement_form(industry="", class_hours="8")
    )
    assert form_error_codes(response) == {RequirementError.IN_FORCE}
    response = client.post(reverse("requirement:delete", args=[seeded.pk]))
    assert response.status_code == 302 and len(error_messages(response)) == 1
    seeded.refresh_from_db()
    assert (seeded.class_hours, seeded.effective_from) == (Decimal("16"), SEEDED_DAY)


def test_a_future_requirement_version_can_be_edited_and_deleted(client, superuser):
    client.force_login(superuser)
    client.post(reverse("requirement:add"), requirement_form())
    added = Requirement.objects.get(code="principal_annual", industry="coal")
    response = client.post(reverse("requirement:edit", args=[added.pk]), requirement_form(class_hours="30"))
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.class_hours == Decimal("30")
    assert client.post(reverse("requirement:delete", args=[added.pk])).status_code == 302
    assert not Requirement.objects.filter(pk=added.pk).exists()


def test_the_requirements_list_makes_the_same_number_of_queries_however_many_versions(client, superuser):
    client.force_login(superuser)
    url = reverse("requirement:index")
    few = count_queries(client, url)
    for industry in ("coal", "metallurgy", "fireworks", "oil-gas"):
        make_requirement(superuser, industry=industry)
    assert count_queries(client, url) == few


# The services behind the screens


def refusal_code(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value.code


def test_a_requirement_version_needs_a_day_after_today(superuser):
    for day in (TODAY, SEEDED_DAY):
        code = refusal_code(make_requirement, user=superuser, effective_from=day)
        assert code == RequirementError.NOT_FUTURE
    assert make_requirement(superuser, effective_from=TOMORROW).effective_from == TOMORROW


@pytest.mark.parametrize("kind", ["initial_hours", "annual_hours"])
@pytest.mark.parametrize("class_hours", [None, Decimal("0"), Decimal("-16")])
def test_an_hours_requirement_needs_positive_class_hours(superuser, kind, class_hours):
    code = refusal_code(make_requirement, user=superuser, kind=kind, class_hours=class_hours)
    assert code == RequirementError.HOURS_NOT_POSITIVE


def test_certificate_and_education_requirements_need_what_they_require(superuser):
    code = refusal_code(make_requirement, user=superuser, kind="certificate", class_hours=None)
    assert code == RequirementError.DETAIL_MISSING
    code = refusal_code(make_requirement, user=superuser, kind="education", class_hours=None)
    assert code == RequirementError.DETAIL_MISSING
    made = make_requirement(
        superuser,
        code="special_operator_certificate",
        kind="certificate",
        class_hours=None,
        certificate_kind="special_operation",
    )
    assert made.certificate_kind == "special_operation"


def test_one_version_per_code_industry_and_day(superuser):
    make_requirement(superuser)
    assert refusal_code(make_requirement, user=superuser, title="又一个") == RequirementError.SAME_DAY
    # The same code and day for all industries, or for another industry, is another rule's version.
    assert make_requirement(superuser, industry="").industry == ""
    assert make_requirement(superuser, industry="metallurgy").industry == "metallurgy"


def test_a_future_requirement_version_is_changed_but_not_onto_another_versions_day(superuser):
    first = make_requirement(superuser)
    second = make_requirement(superuser, effective_from=D(2026, 8, 1))
    changed = requirement_update(requirement=first, class_hours=Decimal("30"), title="改")
    assert (changed.class_hours, changed.title) == (Decimal("30"), "改")
    code = refusal_code(requirement_update, requirement=first, effective_from=second.effective_from)
    assert code == RequirementError.SAME_DAY
    code = refusal_code(requirement_update, requirement=first, effective_from=TODAY)
    assert code == RequirementError.NOT_FUTURE
    first.refresh_from_db()
    assert (first.effective_from, first.class_hours) == (D(2026, 7, 1), Decimal("30"))


def test_a_requirement_version_in_force_is_neither_updated_nor_deleted_by_the_services(superuser):
    seeded = Requirement.objects.get(code="new_hire_pre_job", effective_from=SEEDED_DAY)
    assert (
        refusal_code(requirement_update, requirement=seeded, class_hours=Decimal("1"))
        == RequirementError.IN_FORCE
    )
    assert refusal_code(requirement_delete, requirement=seeded) == RequirementError.IN_FORCE
    seeded.refresh_from_db()
    assert seeded.class_hours == Decimal("72")


def test_a_future_requirement_version_is_deleted(superuser):
    version = make_requirement(superuser)
    requirement_delete(requirement=version)
    assert not Requirement.objects.filter(pk=version.pk).exists()


def test_an_unknown_field_is_a_programming_error_not_a_refusal(superuser):
    with pytest.raises(TypeError):
        make_requirement(superuser, colour="red")
