"""The Wagtail admin's credit bank screen: authority staff list the entries of the people they may see,
record corrections and reverse entries, each with a reason and recorded as theirs. The ledger is
append-only, so nothing is edited or deleted here, and every refusal is the service's, with its code."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape

from credits.bank.admin import reversal_state
from credits.bank.models import BankEntry
from credits.bank.services import bank_entry_reverse
from credits.compliance.selectors import hours_by_learner
from credits.errors import BankError
from credits.study.models import StudySource
from learners.errors import ErrorCode as LearnersErrorCode
from learners.fake import fake_identity_number
from tests.credits import bank_helpers
from tests.credits.bank_helpers import NOW, D, entry
from tests.learners.factories import engage, make_authority, make_enterprise, make_learner, make_user
from tests.queries import count_queries

clock = bank_helpers.clock
bank_world = bank_helpers.bank_world

TODAY = NOW.date()


def grant(user, *codenames: str):
    """Admin access plus the given `credits` permissions, through a group as the demo data grant them."""
    group, _ = Group.objects.get_or_create(name=f"Bank staff {'-'.join(codenames) or 'none'}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="credits", codename=codename))
    user.groups.add(group)
    return user


def changchun_staff(*codenames: str):
    return grant(make_authority("changchun"), *codenames)


BANK_STAFF = ("view_bankentry", "add_bankentry")


@pytest.fixture
def staff(db):
    return changchun_staff(*BANK_STAFF)


@pytest.fixture
def stranger(db):
    """A worker of a Jilin City enterprise, with one entry: outside a Changchun authority's sight."""
    learner = make_learner(name="外市工人")
    engage(learner, make_enterprise(prefecture="jilin"), started_on=D(2025, 1, 1))
    recorded = entry(
        learner, day=D(2026, 3, 1), source=StudySource.OFFLINE, class_hours="6", by=make_user(), reason="外市"
    )
    return {"learner": learner, "entry": recorded}


def correction_form(learner, **fields):
    return {
        "identity_number": learner.identity_number,
        "earned_on": "2026-05-15",
        "source": StudySource.ONLINE,
        "class_hours": "2",
        "reason": "补录线上学时",
        **fields,
    }


def form_error_codes(response, field=None) -> set[str]:
    errors = response.context["form"].errors.as_data()
    return {error.code for error in errors.get(field or "__all__", [])}


def hours_until_today(learner) -> Decimal:
    return hours_by_learner(learner_ids=[learner.pk], on=TODAY)[learner.pk].until_day


def reverse_url(entry: BankEntry) -> str:
    return reverse("bankentry:reverse", args=[entry.pk])


def shown_state(entry: BankEntry) -> str:
    """The reversal state as the admin shows it, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(reversal_state(BankEntry.objects.select_related("reversed_by").get(pk=entry.pk)))


def refused(response) -> bool:
    """Wagtail's answer to a missing permission: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# Who may


def test_staff_without_the_bank_permissions_are_refused_every_screen(client, bank_world):
    client.force_login(changchun_staff())
    offline = bank_world["offline"]
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    assert refused(client.get(reverse("bankentry:index")))
    assert refused(client.get(reverse("bankentry:inspect", args=[offline.pk])))
    assert refused(client.post(reverse("bankentry:add"), correction_form(bank_world["learner"])))
    assert refused(client.post(reverse_url(recognised), {"reason": "错录"}))
    assert BankEntry.objects.count() == 4


def test_staff_who_may_only_view_list_and_inspect_but_cannot_correct_or_reverse(client, bank_world):
    client.force_login(changchun_staff("view_bankentry"))
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    html = client.get(reverse("bankentry:index")).content.decode()
    assert reverse("bankentry:add") not in html and reverse_url(recognised) not in html
    inspect = client.get(reverse("bankentry:inspect", args=[recognised.pk]))
    assert inspect.status_code == 200 and reverse_url(recognised) not in inspect.content.decode()
    assert refused(client.post(reverse("bankentry:add"), correction_form(bank_world["learner"])))
    assert refused(client.get(reverse_url(recognised)))
    assert refused(client.post(reverse_url(recognised), {"reason": "错录"}))
    assert BankEntry.objects.count() == 4


def test_the_menu_shows_the_bank_only_to_those_who_may_view_it(client, db):
    client.force_login(changchun_staff("view_bankentry"))
    assert reverse("bankentry:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(changchun_staff())
    assert reverse("bankentry:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_authority_user_lists_and_opens_only_the_entries_of_people_they_may_see(
    client, bank_world, stranger, staff
):
    client.force_login(staff)
    html = client.get(reverse("bankentry:index")).content.decode()
    assert bank_world["learner"].name in html and stranger["learner"].name not in html
    assert client.get(reverse("bankentry:inspect", args=[stranger["entry"].pk])).status_code == 404
    assert client.get(reverse_url(stranger["entry"])).status_code == 404
    assert client.post(reverse_url(stranger["entry"]), {"reason": "错录"}).status_code == 404
    assert not BankEntry.objects.filter(reverses=stranger["entry"]).exists()


def test_a_correction_for_a_person_of_another_prefecture_is_refused_as_if_there_were_no_such_person(
    client, stranger, staff
):
    client.force_login(staff)
    response = client.post(reverse("bankentry:add"), correction_form(stranger["learner"]))
    assert response.status_code == 200
    assert form_error_codes(response, "identity_number") == {LearnersErrorCode.LEARNER_NOT_FOUND}
    unknown = client.post(
        reverse("bankentry:add"),
        correction_form(stranger["learner"], identity_number=fake_identity_number(999_999)),
    )
    assert (
        response.context["form"].errors["identity_number"]
        == unknown.context["form"].errors["identity_number"]
    )
    assert BankEntry.objects.filter(learner=stranger["learner"]).count() == 1


# The list


def test_the_list_shows_the_person_masked_with_each_entry_its_reversal_state_and_who_recorded_it(
    client, bank_world, staff
):
    client.force_login(staff)
    learner, offline, reversal = bank_world["learner"], bank_world["offline"], bank_world["reversal"]
    html = client.get(reverse("bankentry:index")).content.decode()
    assert learner.identity_number_masked in html and learner.identity_number not in html
    assert shown_state(offline) in html and shown_state(reversal) in html
    assert "签到表不符" in html and "审核员" in html and "-4.00" in html


def test_the_list_offers_reverse_only_for_entries_that_can_still_be_reversed(client, bank_world, staff):
    client.force_login(staff)
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    html = client.get(reverse("bankentry:index")).content.decode()
    assert reverse_url(recognised) in html
    assert reverse_url(bank_world["offline"]) not in html and reverse_url(bank_world["reversal"]) not in html
    inspect = client.get(reverse("bankentry:inspect", args=[recognised.pk])).content.decode()
    assert reverse_url(recognised) in inspect
    inspect = client.get(reverse("bankentry:inspect", args=[bank_world["reversal"].pk])).content.decode()
    assert reverse_url(bank_world["reversal"]) not in inspect


def test_the_list_filters_by_source_and_earned_on_range_and_searches_by_name(client, bank_world, staff):
    other = make_learner(name="李四")
    engage(other, bank_world["enterprise"], started_on=D(2025, 1, 1))
    entry(other, day=D(2026, 2, 1), source=StudySource.RECOGNISED, class_hours="7", by=staff)
    client.force_login(staff)
    index = reverse("bankentry:index")

    def listed(**params):
        return set(client.get(index, params).context["object_list"].values_list("pk", flat=True))

    recognised = set(BankEntry.objects.filter(source=StudySource.RECOGNISED).values_list("pk", flat=True))
    assert listed(source="recognised") == recognised and len(recognised) == 2
    in_may = {bank_world["offline"].pk, bank_world["reversal"].pk}
    assert listed(earned_on_from="2026-05-01", earned_on_to="2026-05-31") == in_may
    assert listed(q="李四") == set(BankEntry.objects.filter(learner=other).values_list("pk", flat=True))


def test_the_list_makes_the_same_number_of_queries_whatever_the_number_of_entries(client, bank_world, staff):
    client.force_login(staff)
    index = reverse("bankentry:index")
    few = count_queries(client, index)
    for serial in range(5):
        learner = make_learner(name=f"工人{serial}")
        engage(learner, bank_world["enterprise"], started_on=D(2025, 1, 1))
        recorded = entry(
            learner, day=D(2026, 3, 1), source=StudySource.OFFLINE, class_hours="2", by=make_user()
        )
        entry(learner, day=D(2026, 3, 2), source=StudySource.ONLINE, class_hours="-1", by=staff)
        bank_entry_reverse(entry=recorded, by=staff, reason="错录")
    assert count_queries(client, index) == few


# Corrections


def test_a_correction_is_recorded_as_the_staff_user_and_counts_in_the_hours(client, bank_world, staff):
    learner = bank_world["learner"]
    assert hours_until_today(learner) == Decimal("45.50")
    client.force_login(staff)
    response = client.post(reverse("bankentry:add"), correction_form(learner, class_hours="2"))
    assert response.status_code == 302
    correction = BankEntry.objects.latest("pk")
    assert (correction.learner, correction.source, correction.earned_on) == (
        learner,
        StudySource.ONLINE,
        D(2026, 5, 15),
    )
    assert (correction.class_hours, correction.credits) == (Decimal("2.00"), Decimal("0.1250"))
    assert (correction.created_by, correction.reason) == (staff, "补录线上学时")
    assert hours_until_today(learner) == Decimal("47.50")


def test_a_negative_correction_takes_hours_away(client, bank_world, staff):
    learner = bank_world["learner"]
    client.force_login(staff)
    form = correction_form(learner, class_hours="-1.5", identity_number=learner.identity_number.lower())
    assert client.post(reverse("bankentry:add"), form).status_code == 302
    assert BankEntry.objects.latest("pk").class_hours == Decimal("-1.50")
    assert hours_until_today(learner) == Decimal("44.00")


def test_a_correction_without_a_reason_or_that_changes_nothing_is_refused_with_the_service_code(
    client, bank_world, staff
):
    client.force_login(staff)
    learner = bank_world["learner"]
    response = client.post(reverse("bankentry:add"), correction_form(learner, reason="  "))
    assert response.status_code == 200
    assert form_error_codes(response, "reason") == {BankError.REASON_REQUIRED}
    response = client.post(reverse("bankentry:add"), correction_form(learner, class_hours="0"))
    assert form_error_codes(response, "class_hours") == {BankError.ZERO}
    assert BankEntry.objects.count() == 4


# Reversals


def test_reversing_an_entry_records_the_opposite_entry_as_the_staff_user_and_nets_to_zero(
    client, bank_world, staff
):
    learner = bank_world["learner"]
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    client.force_login(staff)
    form_page = client.get(reverse_url(recognised))
    assert form_page.status_code == 200 and "职校课程" in form_page.content.decode()
    response = client.post(reverse_url(recognised), {"reason": "证书系伪造"})
    reversal = BankEntry.objects.get(reverses=recognised)
    assert response.status_code == 302
    assert response["Location"] == reverse("bankentry:inspect", args=[reversal.pk])
    assert (reversal.class_hours, reversal.credits) == (-recognised.class_hours, -recognised.credits)
    assert (reversal.created_by, reversal.reason) == (staff, "证书系伪造")
    assert hours_until_today(learner) == Decimal("42.50")
    html = client.get(reverse("bankentry:inspect", args=[recognised.pk])).content.decode()
    assert shown_state(recognised) in html and reverse_url(recognised) not in html


def test_a_reversal_cannot_be_reversed_and_the_form_says_why(client, bank_world, staff):
    client.force_login(staff)
    response = client.post(reverse_url(bank_world["reversal"]), {"reason": "撤销冲销"})
    assert response.status_code == 200
    assert form_error_codes(response) == {BankError.REVERSAL_OF_REVERSAL}
    (message,) = response.context["form"].non_field_errors()
    assert escape(message) in response.content.decode()
    assert not BankEntry.objects.filter(reverses=bank_world["reversal"]).exists()


def test_an_entry_is_reversed_only_once(client, bank_world, staff):
    client.force_login(staff)
    response = client.post(reverse_url(bank_world["offline"]), {"reason": "再次冲销"})
    assert form_error_codes(response) == {BankError.ALREADY_REVERSED}
    assert BankEntry.objects.filter(reverses=bank_world["offline"]).count() == 1


def test_a_reversal_needs_a_reason(client, bank_world, staff):
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    client.force_login(staff)
    response = client.post(reverse_url(recognised), {"reason": "   "})
    assert form_error_codes(response, "reason") == {BankError.REASON_REQUIRED}
    assert not BankEntry.objects.filter(reverses=recognised).exists()


# Append-only


def test_no_screen_edits_or_deletes_an_entry_not_even_for_a_superuser(client, bank_world):
    superuser = make_user(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    recognised = BankEntry.objects.get(source=StudySource.RECOGNISED)
    for name in ("edit", "delete", "history", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"bankentry:{name}", args=[recognised.pk])
    index = reverse("bankentry:index")
    for action in ("edit", "delete"):
        assert client.get(f"{index}{action}/{recognised.pk}/").status_code == 404
        assert client.post(f"{index}{action}/{recognised.pk}/").status_code == 404
    listing = client.get(index).content.decode()
    inspect = client.get(reverse("bankentry:inspect", args=[recognised.pk])).content.decode()
    for html in (listing, inspect):
        assert f"edit/{recognised.pk}/" not in html and f"delete/{recognised.pk}/" not in html
    assert BankEntry.objects.filter(pk=recognised.pk, class_hours=Decimal("3.00")).exists()
