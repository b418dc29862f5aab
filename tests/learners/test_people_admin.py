"""The Wagtail admin's People screens: they list and open only what `learners.access` allows, never
show an identity number in full, and save through `learners.services`, so that credit codes, mobile
numbers and usernames are judged as everywhere else, a refusal shows on the form in the user's language
with nothing written, and Wagtail's history records who changed what."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from learners import services
from learners.access import learners_visible_to
from learners.fake import fake_credit_code
from learners.identity import credit_code_clean, phone_clean
from learners.models import AuthorityUser, Enterprise, Learner
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


def form_error_codes(response, field: str = "__all__") -> set[str]:
    return {error.code for error in response.context["form"].errors.as_data().get(field, [])}


def refusal_in(language: str, clean, value: str) -> str:
    """What `clean` (a function of `learners.identity`) says of `value` in `language`."""
    with translation.override(language):
        try:
            clean(value)
        except ValidationError as refusal:
            return refusal.messages[0]
    raise AssertionError(f"{value!r} was accepted")


def history(instance) -> list[tuple[str, int]]:
    """Wagtail's log entries for `instance`, oldest first: (action, user id)."""
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )


def wrong_check_character(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


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


def test_creating_an_enterprise_with_a_bad_credit_code_shows_the_services_reason_and_creates_nothing(
    client, people
):
    client.force_login(people["superuser"])
    bad = wrong_check_character(fake_credit_code(777))
    response = client.post(reverse("enterprise:add"), enterprise_form(credit_code=bad))
    assert response.status_code == 200
    assert form_error_codes(response, "credit_code") == {"credit_code_checksum"}
    # In the user's language (the admin's default, Chinese), beside the field.
    html = response.content.decode()
    assert escape(refusal_in("zh-hans", credit_code_clean, bad)) in html
    assert escape(refusal_in("en", credit_code_clean, bad)) not in html
    assert not Enterprise.objects.filter(name="丙冶金有限公司").exists()


def test_creating_an_enterprise_cleans_its_credit_code_sets_its_administrators_and_logs_it(client, people):
    client.force_login(people["superuser"])
    account = make_user(first_name="新管理员")
    response = client.post(
        reverse("enterprise:add"),
        enterprise_form(
            name=" 丙冶金有限公司 ",
            credit_code=f"  {fake_credit_code(777).lower()} ",
            administrators=[account.pk],
        ),
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(name="丙冶金有限公司")
    assert enterprise.credit_code == fake_credit_code(777)
    assert list(enterprise.administrators.all()) == [account]
    assert history(enterprise) == [("wagtail.create", people["superuser"].pk)]


def test_an_enterprise_is_not_created_when_one_of_its_administrators_is_refused(client, people, monkeypatch):
    """One transaction: the enterprise, its administrators and the log entry, or none of them."""

    def refuse(*, enterprise, user):
        raise ValidationError({"administrators": ValidationError("refused", code="administrator_refused")})

    monkeypatch.setattr(services, "enterprise_administrator_add", refuse)
    client.force_login(people["superuser"])
    response = client.post(reverse("enterprise:add"), enterprise_form(administrators=[make_user().pk]))
    assert response.status_code == 200
    assert form_error_codes(response, "administrators") == {"administrator_refused"}
    assert not Enterprise.objects.filter(credit_code=fake_credit_code(777)).exists()
    assert not ModelLogEntry.objects.filter(content_type__model="enterprise").exists()


def edited_enterprise(enterprise: Enterprise, **fields) -> dict:
    return {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "industry": enterprise.industry,
        "prefecture": enterprise.prefecture,
        "size": enterprise.size,
        "administrators": [user.pk for user in enterprise.administrators.all()],
        **fields,
    }


def test_editing_an_enterprise_cleans_its_credit_code_replaces_its_administrators_and_logs_it(client, people):
    a = people["a"]
    client.force_login(people["superuser"])
    account = make_user()
    response = client.post(
        reverse("enterprise:edit", args=[a.pk]),
        edited_enterprise(
            a,
            name=" 甲化工股份有限公司 ",
            credit_code=fake_credit_code(778).lower(),
            size="large",
            administrators=[account.pk],
        ),
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.name, a.credit_code, a.size) == ("甲化工股份有限公司", fake_credit_code(778), "large")
    assert list(a.administrators.all()) == [account]
    assert history(a) == [("wagtail.edit", people["superuser"].pk)]


def test_editing_an_enterprise_with_a_bad_or_taken_credit_code_is_refused_and_changes_nothing(client, people):
    a, b = people["a"], people["b"]
    before = (a.name, a.credit_code, list(a.administrators.all()))
    client.force_login(people["superuser"])
    url = reverse("enterprise:edit", args=[a.pk])
    for credit_code, code in (
        (wrong_check_character(a.credit_code), "credit_code_checksum"),
        (b.credit_code, "unique"),
    ):
        response = client.post(
            url, edited_enterprise(a, name="改名有限公司", credit_code=credit_code, administrators=[])
        )
        assert response.status_code == 200
        assert form_error_codes(response, "credit_code") == {code}
        # The page still names the enterprise as it is stored.
        assert "改名有限公司" not in response.context["page_subtitle"]
    a.refresh_from_db()
    assert (a.name, a.credit_code, list(a.administrators.all())) == before
    assert history(a) == []


def test_a_staff_enterprise_administrator_edits_only_their_own_enterprise_and_the_edit_is_theirs(
    client, people
):
    a, b = people["a"], people["b"]
    admin_a = give_admin_access(people["admin_a"], "change_enterprise")
    client.force_login(admin_a)
    response = client.post(reverse("enterprise:edit", args=[a.pk]), edited_enterprise(a, size="medium"))
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.size == "medium"
    assert history(a) == [("wagtail.edit", admin_a.pk)]
    response = client.post(reverse("enterprise:edit", args=[b.pk]), edited_enterprise(b, name="被改名"))
    assert response.status_code == 404
    b.refresh_from_db()
    assert b.name == "乙煤业有限公司" and history(b) == []


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


def test_an_edited_learner_has_a_history_entry_that_shows_the_identity_number_masked(client, people):
    worker = people["worker"]
    client.force_login(people["superuser"])
    response = client.post(
        reverse("learner:edit", args=[worker.pk]), {"name": "王工", "phone": "", "education": ""}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.phone is None  # NULL, not '': the column is unique
    assert history(worker) == [("wagtail.edit", people["superuser"].pk)]
    assert ModelLogEntry.objects.for_instance(worker).get().label == str(worker)
    page = client.get(reverse("learner:history", args=[worker.pk])).content.decode()
    assert worker.identity_number_masked in page
    assert worker.identity_number not in page


def test_a_bad_mobile_number_is_refused_in_the_users_language_and_changes_nothing(client, people):
    worker = people["worker"]
    client.force_login(people["superuser"])
    url = reverse("learner:edit", args=[worker.pk])
    response = client.post(url, {"name": "王工程", "phone": "12345"})
    assert response.status_code == 200
    assert form_error_codes(response, "phone") == {"phone_format"}
    assert escape(refusal_in("zh-hans", phone_clean, "12345")) in response.content.decode()
    # A user who prefers English reads the same reason in English.
    profile = UserProfile.get_for_user(people["superuser"])
    profile.preferred_language = "en"
    profile.save()
    response = client.post(url, {"name": "王工程", "phone": "12345"})
    assert escape(refusal_in("en", phone_clean, "12345")) in response.content.decode()
    worker.refresh_from_db()
    assert (worker.name, worker.phone) == ("王工", "13800000001")
    assert history(worker) == []


def test_another_persons_mobile_number_is_refused_and_changes_nothing(client, people):
    former = people["former"]
    client.force_login(people["superuser"])
    response = client.post(
        reverse("learner:edit", args=[former.pk]), {"name": "李前", "phone": "138 0000 0001", "education": ""}
    )
    assert response.status_code == 200
    assert form_error_codes(response, "phone") == {"unique"}
    former.refresh_from_db()
    assert former.phone is None
    assert history(former) == []


def test_a_staff_enterprise_administrator_edits_their_current_worker_but_not_someone_outside_their_scope(
    client, people
):
    admin_a = give_admin_access(people["admin_a"], "change_learner")
    client.force_login(admin_a)
    worker, stranger = people["worker"], people["stranger"]
    response = client.post(
        reverse("learner:edit", args=[worker.pk]),
        {"name": "王工", "phone": "13900000003", "education": "bachelor"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.phone, worker.education) == ("13900000003", "bachelor")
    assert history(worker) == [("wagtail.edit", admin_a.pk)]
    response = client.post(
        reverse("learner:edit", args=[stranger.pk]), {"name": "改名", "phone": "13900000004"}
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert (stranger.name, stranger.phone) == ("赵外", None)
    assert history(stranger) == []


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


# Authority users


def authority_form(**fields) -> dict:
    return {
        "username": "siping-bureau",
        "first_name": "四平市应急管理局",
        "password1": "Spring-lantern-7391",
        "password2": "Spring-lantern-7391",
        "prefecture": "siping",
        **fields,
    }


def test_creating_an_authority_user_makes_a_new_account_for_the_bureau_and_logs_it(client, people):
    client.force_login(people["superuser"])
    response = client.post(reverse("authorityuser:add"), authority_form())
    assert response.status_code == 302
    user = get_user_model().objects.get(username="siping-bureau")
    assert user.first_name == "四平市应急管理局"
    assert user.check_password("Spring-lantern-7391")
    assert not (user.is_staff or user.is_superuser)
    assert user.authority.prefecture == "siping"
    assert history(user.authority) == [("wagtail.create", people["superuser"].pk)]


def test_a_username_already_taken_is_refused_by_the_service_and_nothing_is_created(client, people):
    client.force_login(people["superuser"])
    taken = people["admin_a"].username
    response = client.post(reverse("authorityuser:add"), authority_form(username=taken))
    assert response.status_code == 200
    assert form_error_codes(response, "username") == {"unique"}
    assert not AuthorityUser.objects.exists()
    assert not get_user_model().objects.filter(first_name="四平市应急管理局").exists()


def test_differing_or_weak_passwords_are_refused(client, people):
    client.force_login(people["superuser"])
    url = reverse("authorityuser:add")
    response = client.post(url, authority_form(password2="Spring-lantern-7392"))
    assert form_error_codes(response, "password2") == {"password_mismatch"}
    response = client.post(url, authority_form(password1="12345678", password2="12345678"))
    assert "password_entirely_numeric" in form_error_codes(response, "password1")
    assert not get_user_model().objects.filter(username="siping-bureau").exists()


def test_editing_an_authority_user_renames_it_and_moves_what_it_sees_and_logs_it(client, people):
    authority = services.authority_user_create(
        username="changchun-bureau", password="pw", prefecture="changchun", first_name="长春市应急管理局"
    )
    assert set(learners_visible_to(authority)) == {people["worker"], people["former"]}
    client.force_login(people["superuser"])
    url = reverse("authorityuser:edit", args=[authority.authority.pk])
    assert client.get(url).context["form"]["first_name"].value() == "长春市应急管理局"
    response = client.post(url, {"first_name": " 吉林市应急管理局 ", "prefecture": "jilin"})
    assert response.status_code == 302
    authority = get_user_model().objects.get(pk=authority.pk)
    assert (authority.first_name, authority.authority.prefecture) == ("吉林市应急管理局", "jilin")
    assert authority.username == "changchun-bureau" and authority.check_password("pw")
    assert set(learners_visible_to(authority)) == {people["stranger"]}
    assert history(authority.authority) == [("wagtail.edit", people["superuser"].pk)]


def recording(calls: list[str], name: str, service):
    """`service`, noting its name in `calls` each time it is called."""

    def spy(*args, **kwargs):
        calls.append(name)
        return service(*args, **kwargs)

    return spy


def test_every_save_in_the_people_admin_goes_through_the_services(client, people, monkeypatch):
    """The admin is one more door to the same rules: each create and edit calls its service."""
    calls = []
    for name in (
        "enterprise_create",
        "enterprise_administrator_add",
        "enterprise_update",
        "learner_update",
        "authority_user_create",
        "authority_user_update",
    ):
        monkeypatch.setattr(services, name, recording(calls, name, getattr(services, name)))
    client.force_login(people["superuser"])
    a, worker = people["a"], people["worker"]

    def saved(url, data) -> list[str]:
        calls.clear()
        assert client.post(url, data).status_code == 302
        return list(calls)

    assert saved(reverse("enterprise:add"), enterprise_form(administrators=[make_user().pk])) == [
        "enterprise_create",
        "enterprise_administrator_add",
    ]
    assert saved(reverse("enterprise:edit", args=[a.pk]), edited_enterprise(a)) == ["enterprise_update"]
    assert saved(reverse("learner:edit", args=[worker.pk]), {"name": "王工", "phone": ""}) == [
        "learner_update"
    ]
    assert saved(reverse("authorityuser:add"), authority_form()) == ["authority_user_create"]
    authority = AuthorityUser.objects.get(user__username="siping-bureau")
    assert saved(
        reverse("authorityuser:edit", args=[authority.pk]), {"first_name": "四平", "prefecture": "siping"}
    ) == ["authority_user_update"]
