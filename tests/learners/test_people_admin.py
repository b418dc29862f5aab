"""The Wagtail admin's People screens: they list and open only what `learners.access` allows, never
show an identity number in full, and validate credit codes as everywhere else."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from learners.fake import fake_credit_code
from learners.models import Enterprise, Learner
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner, make_user

D = datetime.date


@pytest.fixture
def people(db):
    admin_a, a = make_enterprise_admin(name="甲化工有限公司", prefecture="changchun")
    admin_b, b = make_enterprise_admin(name="乙煤业有限公司", prefecture="jilin", industry="coal")
    worker = make_learner(name="王工", phone="13800000001")
    engage(worker, a, started_on=D(2022, 1, 1))
    former = make_learner(name="李前")
    engage(former, a, started_on=D(2019, 1, 1), ended_on=D(2021, 12, 31))
    stranger = make_learner(name="赵外")
    engage(stranger, b, started_on=D(2023, 1, 1))
    return {
        "a": a,
        "b": b,
        "admin_a": admin_a,
        "worker": worker,
        "former": former,
        "stranger": stranger,
        "superuser": make_user(is_superuser=True, is_staff=True),
    }


def give_admin_access(user, *codenames: str):
    """Let a non-superuser into the Wagtail admin with the given model permissions."""
    group = Group.objects.create(name=f"staff-{user.pk}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="learners", codename=codename))
    user.groups.add(group)
    return user


def test_the_superuser_lists_people_with_masked_identity_numbers_only(client, people):
    client.force_login(people["superuser"])
    response = client.get(reverse("learner:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("worker", "former", "stranger"):
        learner = people[key]
        assert learner.name in html
        assert learner.identity_number_masked in html
        assert learner.identity_number not in html


def test_the_superuser_lists_enterprises_and_filters_and_searches_them(client, people):
    client.force_login(people["superuser"])
    url = reverse("enterprise:index")
    html = client.get(url).content.decode()
    assert "甲化工有限公司" in html and "乙煤业有限公司" in html
    coal = client.get(url, {"industry": "coal"}).content.decode()
    assert "乙煤业有限公司" in coal and "甲化工有限公司" not in coal
    found = client.get(url, {"q": "甲化工"}).content.decode()
    assert "甲化工有限公司" in found and "乙煤业有限公司" not in found


def enterprise_form(**fields):
    return {
        "name": "丙冶金有限公司",
        "credit_code": fake_credit_code(777),
        "industry": "metallurgy",
        "prefecture": "siping",
        "size": "medium",
        **fields,
    }


def test_creating_an_enterprise_with_a_bad_credit_code_shows_the_error_and_creates_nothing(client, people):
    client.force_login(people["superuser"])
    code = fake_credit_code(777)
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = client.post(reverse("enterprise:add"), enterprise_form(credit_code=bad))
    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert not Enterprise.objects.filter(name="丙冶金有限公司").exists()


def test_creating_an_enterprise_cleans_its_credit_code_and_sets_its_administrators(client, people):
    client.force_login(people["superuser"])
    account = make_user(first_name="新管理员")
    response = client.post(
        reverse("enterprise:add"),
        enterprise_form(credit_code=f"  {fake_credit_code(777).lower()} ", administrators=[account.pk]),
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(name="丙冶金有限公司")
    assert enterprise.credit_code == fake_credit_code(777)
    assert list(enterprise.administrators.all()) == [account]


def test_authority_accounts_cannot_be_chosen_as_enterprise_administrators(client, people):
    client.force_login(people["superuser"])
    authority = make_authority("changchun")
    response = client.post(reverse("enterprise:add"), enterprise_form(administrators=[authority.pk]))
    assert response.status_code == 200
    assert "administrators" in response.context["form"].errors
    assert not Enterprise.objects.filter(name="丙冶金有限公司").exists()


def test_editing_a_learner_changes_only_name_phone_and_education(client, people):
    worker = people["worker"]
    number = worker.identity_number
    client.force_login(people["superuser"])
    url = reverse("learner:edit", args=[worker.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert number not in page.content.decode()
    response = client.post(
        url,
        {"name": " 王工程 ", "phone": "+86 139-0000-0002", "education": "college", "identity_number": "X"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.name, worker.phone, worker.education) == ("王工程", "13900000002", "college")
    assert worker.identity_number == number


def test_a_bad_mobile_number_is_refused_and_changes_nothing(client, people):
    worker = people["worker"]
    client.force_login(people["superuser"])
    response = client.post(reverse("learner:edit", args=[worker.pk]), {"name": "王工", "phone": "12345"})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    worker.refresh_from_db()
    assert worker.phone == "13800000001"


def test_learners_are_neither_added_nor_deleted_in_the_admin(client, people):
    client.force_login(people["superuser"])
    assert client.get("/admin/learner/new/").status_code == 404
    assert client.get(f"/admin/learner/delete/{people['worker'].pk}/").status_code == 404
    assert client.get(f"/admin/enterprise/delete/{people['a'].pk}/").status_code == 404
    assert Learner.objects.count() == 3


def test_a_staff_enterprise_administrator_lists_and_opens_only_their_enterprises_people(client, people):
    admin_a = give_admin_access(people["admin_a"], "change_learner", "change_enterprise")
    client.force_login(admin_a)
    html = client.get(reverse("learner:index")).content.decode()
    assert "王工" in html and "李前" in html
    assert "赵外" not in html
    enterprises = client.get(reverse("enterprise:index")).content.decode()
    assert "甲化工有限公司" in enterprises and "乙煤业有限公司" not in enterprises
    assert client.get(reverse("learner:edit", args=[people["stranger"].pk])).status_code == 404
    assert client.get(reverse("enterprise:edit", args=[people["b"].pk])).status_code == 404
    assert client.get(reverse("learner:history", args=[people["stranger"].pk])).status_code == 404
    # A current worker's details are the enterprise's to correct.
    assert client.get(reverse("learner:edit", args=[people["worker"].pk])).status_code == 200


def test_a_former_employer_may_not_edit_or_see_the_private_details_of_a_former_worker(client, people):
    admin_a = give_admin_access(people["admin_a"], "change_learner")
    client.force_login(admin_a)
    response = client.get(reverse("learner:edit", args=[people["former"].pk]))
    assert response.status_code in (302, 403)
    assert people["former"].identity_number not in response.content.decode()


def test_an_authority_with_admin_access_lists_only_its_prefectures_people(client, people):
    authority = give_admin_access(make_authority("jilin"), "change_learner")
    client.force_login(authority)
    html = client.get(reverse("learner:index")).content.decode()
    assert "赵外" in html
    assert "王工" not in html and "李前" not in html
    assert people["stranger"].identity_number not in html


def test_a_staff_user_without_people_permissions_is_refused(client, people):
    client.force_login(give_admin_access(make_user()))
    for name in ("learner:index", "enterprise:index", "authorityuser:index"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert "王工" not in response.content.decode()
