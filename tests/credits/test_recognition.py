"""Recognition (认定) of outside learning: a worker or their enterprise submits it with evidence, an
authority reviewer accepts it (the granted hours enter the credit bank under the standard in force on the
day it was completed) or rejects it, once; a reviewer can reverse an acceptance, and a reversal is final.
Refusals write nothing; people who may not see a request get a 404."""

import datetime
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from credits.bank.models import BankEntry
from credits.bank.services import bank_entry_reverse
from credits.errors import BankError, RecognitionError
from credits.ledger import AppendOnlyError
from credits.recognition import services as service
from credits.recognition.models import Recognition, RecognitionDecision
from credits.rules.models import ConversionStandard
from learners.uploads import FILE_TYPE_NOT_ALLOWED
from tests.credits.offline_helpers import pdf_bytes, pdf_upload, png_upload
from tests.files import webm_bytes
from tests.learners.factories import (
    engage,
    make_authority,
    make_enterprise,
    make_enterprise_admin,
    make_learner,
)
from tests.queries import count_queries

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


def stored_recognition_evidence() -> set[str]:
    """Every recognition evidence file in private storage (shared by the run: compare before/after)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "recognition"
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def make_recognition_world():
    """Two enterprises in two prefectures, their administrators and people, and reviewers: one of each
    prefecture and one of the province. A later standard (from 2025-03-01) counts a recognised class
    hour as 0.8 and makes a credit of 10 class hours."""
    admin, enterprise = make_enterprise_admin(name="长春示范化工有限公司", prefecture="changchun")
    other_admin, other = make_enterprise_admin(name="吉林别家冶炼公司", prefecture="jilin")
    li = make_learner(name="李建国", password="pw")
    wang = make_learner(name="王强", password="pw")
    leaver = make_learner(name="钱离职", password="pw")
    outsider = make_learner(name="孙外人", password="pw")
    engage(li, enterprise, started_on=D(2024, 1, 1))
    engage(wang, enterprise, started_on=D(2024, 1, 1))
    engage(leaver, enterprise, started_on=D(2020, 1, 1), ended_on=D(2024, 12, 31))
    engage(outsider, other, started_on=D(2020, 1, 1))
    ConversionStandard.objects.create(
        effective_from=D(2025, 3, 1), recognised_factor=Decimal("0.8"), class_hours_per_credit=Decimal("10")
    )
    return {
        "admin": admin,
        "enterprise": enterprise,
        "other_admin": other_admin,
        "other": other,
        "li": li,
        "wang": wang,
        "leaver": leaver,
        "outsider": outsider,
        "reviewer": make_authority("changchun"),
        "other_reviewer": make_authority("jilin"),
        "provincial": make_authority(""),
    }


@pytest.fixture
def world(db):
    return make_recognition_world()


def submit(world, *, learner=None, submitted_by=None, **changes):
    learner = learner or world["li"]
    values = {
        "kind": "vocational_school",
        "title": "化工安全技术（职业院校课程）",
        "provider": "吉林工业职业技术学院",
        "completed_on": D(2025, 4, 10),
        "class_hours_claimed": "40",
        "evidence": pdf_upload("成绩单.pdf"),
    }
    values.update(changes)
    return service.recognition_submit(learner=learner, submitted_by=submitted_by or learner.user, **values)


def accept(world, recognition, hours="32", by=None):
    return service.recognition_decide(
        recognition=recognition,
        decided_by=by or world["reviewer"],
        accepted=True,
        class_hours_granted=hours,
        reason="证书真实，课程内容相符",
    )


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


def form_data(**changes):
    data = {
        "person": "me",
        "kind": "external_training",
        "title": "危险化学品安全管理培训",
        "provider": "长春市安全生产培训中心",
        "completed_on": "2025-04-10",
        "class_hours_claimed": "24",
        "evidence": pdf_upload(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# The flow


def test_a_worker_submits_a_reviewer_accepts_and_the_hours_enter_the_bank_under_that_days_standard(
    client, world
):
    client.force_login(world["li"].user)
    response = client.post(reverse("training:recognition_new"), form_data())
    recognition = Recognition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:recognition_detail", args=[recognition.pk])
    assert recognition.learner == world["li"] and recognition.submitted_by == world["li"].user
    assert recognition.enterprise is None and recognition.class_hours_claimed == Decimal("24")
    assert recognition.evidence.read() == pdf_bytes()
    assert not BankEntry.objects.exists()

    client.force_login(world["reviewer"])
    queue = client.get(reverse("training:recognition_review"))
    assert [row.pk for row in queue.context["page_obj"].object_list] == [recognition.pk]
    page = client.get(reverse("training:recognition_detail", args=[recognition.pk])).content.decode()
    assert reverse("training:recognition_accept", args=[recognition.pk]) in page
    assert reverse("training:recognition_reject", args=[recognition.pk]) in page
    assert reverse("training:recognition_evidence", args=[recognition.pk]) in page
    response = client.post(
        reverse("training:recognition_accept", args=[recognition.pk]),
        {"class_hours_granted": "20", "reason": "培训证明真实"},
    )
    assert response.status_code == 302

    decision = RecognitionDecision.objects.get()
    assert decision.accepted and decision.class_hours_granted == Decimal("20")
    assert decision.decided_by == world["reviewer"]
    entry = BankEntry.objects.get()
    # Completed on 2025-04-10, under the standard from 2025-03-01: 20 × 0.8 class hours, 10 to a credit.
    assert entry.learner == world["li"] and entry.source == "recognised" and entry.recognition == recognition
    assert entry.earned_on == D(2025, 4, 10)
    assert entry.class_hours == Decimal("16.00") and entry.credits == Decimal("1.6000")
    assert client.get(reverse("training:recognition_review")).context["page_obj"].object_list == []

    client.force_login(world["li"].user)
    page = client.get(reverse("training:recognition_detail", args=[recognition.pk])).content.decode()
    assert "recognition-status--accepted" in page and "16.00" in page


def test_learning_completed_before_a_standard_change_counts_under_the_older_standard(world):
    recognition = submit(world, completed_on=D(2024, 12, 1), class_hours_claimed="40")
    accept(world, recognition, hours="32")
    entry = BankEntry.objects.get()
    # The first standard: a recognised class hour counts in full, 16 to a credit.
    assert entry.earned_on == D(2024, 12, 1)
    assert entry.class_hours == Decimal("32.00") and entry.credits == Decimal("2.0000")


def test_a_rejected_request_puts_nothing_in_the_bank(client, world):
    recognition = submit(world)
    client.force_login(world["reviewer"])
    response = client.post(
        reverse("training:recognition_reject", args=[recognition.pk]), {"reject-reason": "证书无法核验"}
    )
    assert response.status_code == 302
    decision = RecognitionDecision.objects.get()
    assert (
        not decision.accepted and decision.class_hours_granted is None and decision.reason == "证书无法核验"
    )
    assert not BankEntry.objects.exists()
    assert service.recognitions_visible_to(user=world["li"].user).get().status == "rejected"


def test_a_reversal_takes_the_hours_out_with_a_negative_entry_and_the_request_stays(client, world):
    recognition = submit(world)
    accept(world, recognition)
    client.force_login(world["reviewer"])
    response = client.post(
        reverse("training:recognition_reverse", args=[recognition.pk]), {"reverse-reason": "证书系伪造"}
    )
    assert response.status_code == 302

    original, reversal = BankEntry.objects.order_by("pk")
    assert reversal.reverses == original and reversal.recognition == recognition
    assert reversal.class_hours == -original.class_hours == Decimal("-25.60")
    assert reversal.credits == -original.credits
    assert reversal.reason == "证书系伪造" and reversal.created_by == world["reviewer"]
    assert sum(entry.class_hours for entry in BankEntry.objects.all()) == 0
    detail = client.get(reverse("training:recognition_detail", args=[recognition.pk]))
    assert detail.context["recognition"].status == "reversed"
    assert "bank-entry--reversal" in detail.content.decode()
    assert reverse("training:recognition_reverse", args=[recognition.pk]) not in detail.content.decode()


def test_a_reversal_of_a_reversal_is_refused(world):
    recognition = submit(world)
    accept(world, recognition)
    reversal = service.recognition_reverse(recognition=recognition, by=world["reviewer"], reason="证书系伪造")
    with pytest.raises(ValidationError) as refused:
        service.recognition_reverse(
            recognition=recognition, by=world["reviewer"], reason="撤回撤销", entry=reversal
        )
    assert codes(refused.value) == {BankError.REVERSAL_OF_REVERSAL}
    with pytest.raises(ValidationError) as refused:
        bank_entry_reverse(entry=reversal, by=world["reviewer"], reason="撤回撤销")
    assert codes(refused.value) == {BankError.REVERSAL_OF_REVERSAL}
    assert BankEntry.objects.count() == 2


def test_an_acceptance_is_reversed_once(client, world):
    recognition = submit(world)
    accept(world, recognition)
    service.recognition_reverse(recognition=recognition, by=world["reviewer"], reason="证书系伪造")
    with pytest.raises(ValidationError) as refused:
        service.recognition_reverse(recognition=recognition, by=world["provincial"], reason="再撤一次")
    assert codes(refused.value) == {BankError.ALREADY_REVERSED}
    client.force_login(world["reviewer"])
    again = client.post(
        reverse("training:recognition_reverse", args=[recognition.pk]), {"reverse-reason": "再撤一次"}
    )
    assert again.status_code == 400
    assert again.context["reverse_form"].has_error("__all__", BankError.ALREADY_REVERSED)
    assert BankEntry.objects.count() == 2


def test_only_an_accepted_request_can_be_reversed(world):
    pending = submit(world)
    with pytest.raises(ValidationError) as refused:
        service.recognition_reverse(recognition=pending, by=world["reviewer"], reason="无")
    assert codes(refused.value) == {RecognitionError.NOT_ACCEPTED}
    service.recognition_decide(
        recognition=pending, decided_by=world["reviewer"], accepted=False, reason="不符"
    )
    with pytest.raises(ValidationError) as refused:
        service.recognition_reverse(recognition=pending, by=world["reviewer"], reason="无")
    assert codes(refused.value) == {RecognitionError.NOT_ACCEPTED}


def test_a_bank_entry_of_another_request_is_not_reversed_through_this_one(world):
    first, second = submit(world), submit(world, title="另一门课程")
    accept(world, first)
    accept(world, second)
    with pytest.raises(ValidationError) as refused:
        service.recognition_reverse(
            recognition=first,
            by=world["reviewer"],
            reason="错",
            entry=BankEntry.objects.get(recognition=second),
        )
    assert codes(refused.value) == {RecognitionError.ENTRY_NOT_OF_REQUEST}


def test_a_request_is_decided_once(client, world):
    recognition = submit(world)
    accept(world, recognition)
    for accepted, hours in ((True, "10"), (False, None)):
        with pytest.raises(ValidationError) as refused:
            service.recognition_decide(
                recognition=recognition,
                decided_by=world["provincial"],
                accepted=accepted,
                class_hours_granted=hours,
                reason="再审",
            )
        assert codes(refused.value) == {RecognitionError.ALREADY_DECIDED}
    client.force_login(world["reviewer"])
    again = client.post(
        reverse("training:recognition_reject", args=[recognition.pk]), {"reject-reason": "改主意"}
    )
    assert again.status_code == 400
    assert again.context["reject_form"].has_error("__all__", RecognitionError.ALREADY_DECIDED)
    assert RecognitionDecision.objects.count() == 1 and BankEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("accepted", "hours", "reason", "code"),
    [
        (True, None, "真实", RecognitionError.GRANT_REQUIRED),
        (True, "0", "真实", RecognitionError.GRANT_OUT_OF_RANGE),
        (True, "-3", "真实", RecognitionError.GRANT_OUT_OF_RANGE),
        (True, "40.1", "真实", RecognitionError.GRANT_OUT_OF_RANGE),  # more than the 40 claimed
        (True, "1.25", "真实", RecognitionError.GRANT_OUT_OF_RANGE),
        (True, "abc", "真实", RecognitionError.GRANT_OUT_OF_RANGE),
        (True, "10", "  ", RecognitionError.REASON_REQUIRED),
        (False, None, "", RecognitionError.REASON_REQUIRED),
        (False, "10", "不符", RecognitionError.GRANT_ON_REJECTION),
    ],
)
def test_a_bad_decision_is_refused_and_writes_nothing(world, accepted, hours, reason, code):
    recognition = submit(world)
    with pytest.raises(ValidationError) as refused:
        service.recognition_decide(
            recognition=recognition,
            decided_by=world["reviewer"],
            accepted=accepted,
            class_hours_granted=hours,
            reason=reason,
        )
    assert codes(refused.value) == {code}
    assert not RecognitionDecision.objects.exists() and not BankEntry.objects.exists()


def test_all_the_hours_claimed_may_be_granted(world):
    recognition = submit(world, class_hours_claimed="40")
    accept(world, recognition, hours="40")
    assert BankEntry.objects.get().class_hours == Decimal("32.00")


# Who may decide


@pytest.mark.parametrize("who", ["other_reviewer", "admin", "li_user", "other_admin"])
def test_only_reviewers_overseeing_the_person_decide(world, who):
    recognition = submit(world, learner=world["wang"])
    user = world["li"].user if who == "li_user" else world[who]
    with pytest.raises(ValidationError) as refused:
        accept(world, recognition, by=user)
    assert codes(refused.value) == {RecognitionError.NOT_A_REVIEWER}
    assert not RecognitionDecision.objects.exists()


def test_a_provincial_reviewer_and_a_superuser_decide_anywhere(world, django_user_model):
    first, second = submit(world, learner=world["outsider"]), submit(world)
    accept(world, first, by=world["provincial"])
    superuser = django_user_model.objects.create_superuser(username="root", password="pw")
    accept(world, second, by=superuser)
    assert BankEntry.objects.count() == 2


def test_nobody_reviews_a_request_of_their_own(world, django_user_model):
    superuser = django_user_model.objects.create_superuser(username="root", password="pw")
    world["li"].user = superuser
    world["li"].save()
    recognition = submit(world, submitted_by=superuser)
    with pytest.raises(ValidationError) as refused:
        accept(world, recognition, by=superuser)
    assert codes(refused.value) == {RecognitionError.OWN_REQUEST}
    assert list(service.recognition_review_queue(user=superuser)) == []


def test_a_non_reviewer_who_sees_the_request_is_told_they_may_not_decide(client, world):
    recognition = submit(world)
    client.force_login(world["admin"])
    response = client.post(
        reverse("training:recognition_accept", args=[recognition.pk]),
        {"class_hours_granted": "10", "reason": "自己批准"},
    )
    assert response.status_code == 403
    assert not RecognitionDecision.objects.exists()
    assert client.get(reverse("training:recognition_review")).status_code == 403


# Submitting: who, and refusals that write nothing


def test_an_administrator_submits_for_one_of_their_current_people(client, world):
    client.force_login(world["admin"])
    form = client.get(reverse("training:recognition_new")).context["form"]
    people = dict(form.fields["person"].choices)
    assert set(people) == {str(world["li"].pk), str(world["wang"].pk)}  # not the leaver, not "me"
    assert world["li"].identity_number not in str(people)

    response = client.post(reverse("training:recognition_new"), form_data(person=str(world["wang"].pk)))
    assert response.status_code == 302
    recognition = Recognition.objects.get()
    assert recognition.learner == world["wang"] and recognition.enterprise == world["enterprise"]
    assert recognition.submitted_by == world["admin"]


def test_an_administrator_cannot_submit_for_someone_not_on_the_roster_through_the_form(client, world):
    client.force_login(world["admin"])
    for person in (world["leaver"], world["outsider"]):
        response = client.post(reverse("training:recognition_new"), form_data(person=str(person.pk)))
        assert response.status_code == 400 and response.context["form"].has_error("person")
    assert not Recognition.objects.exists()


@pytest.mark.parametrize(
    ("learner", "by", "enterprise"),
    [
        ("leaver", "admin", None),  # a former employee
        ("leaver", "admin", "enterprise"),
        ("outsider", "admin", None),  # another enterprise's worker
        ("outsider", "admin", "other"),
        ("wang", "li", None),  # one worker for another
        ("wang", "reviewer", None),  # authority staff review; they do not submit
        ("li", "other_admin", "other"),
    ],
)
def test_only_the_person_or_their_current_enterprise_submits(world, learner, by, enterprise):
    submitter = world[by].user if by in ("li", "wang") else world[by]
    files_before = stored_recognition_evidence()
    with pytest.raises(ValidationError) as refused:
        submit(
            world,
            learner=world[learner],
            submitted_by=submitter,
            enterprise=world[enterprise] if enterprise else None,
        )
    assert codes(refused.value) == {RecognitionError.NOT_ALLOWED}
    assert not Recognition.objects.exists() and stored_recognition_evidence() == files_before


def test_a_worker_naming_an_enterprise_must_work_there_now(world):
    with pytest.raises(ValidationError) as refused:
        submit(world, learner=world["leaver"], enterprise=world["enterprise"])
    assert codes(refused.value) == {RecognitionError.NOT_ENGAGED}
    assert submit(world, enterprise=world["enterprise"]).enterprise == world["enterprise"]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"evidence": None}, "evidence", RecognitionError.EVIDENCE_REQUIRED),
        ({"evidence": "webm"}, "evidence", FILE_TYPE_NOT_ALLOWED),
        ({"completed_on": "2025-06-02"}, "completed_on", RecognitionError.COMPLETED_IN_FUTURE),
        ({"class_hours_claimed": "0"}, "class_hours_claimed", RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours_claimed": "-1"}, "class_hours_claimed", RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours_claimed": "500.1"}, "class_hours_claimed", RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ({"title": "  "}, "title", RecognitionError.REQUIRED),
        ({"provider": ""}, "provider", RecognitionError.REQUIRED),
    ],
)
def test_a_bad_request_is_refused_on_its_field_and_nothing_is_written(client, world, changes, field, code):
    if changes.get("evidence") == "webm":
        changes = {"evidence": png_upload(name="course.webm", content=webm_bytes())}
    files_before = stored_recognition_evidence()
    client.force_login(world["li"].user)
    response = client.post(reverse("training:recognition_new"), form_data(**changes))
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code), response.context["form"].errors
    assert not Recognition.objects.exists() and stored_recognition_evidence() == files_before


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"evidence": None}, RecognitionError.EVIDENCE_REQUIRED),
        ({"class_hours_claimed": "1.25"}, RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours_claimed": "NaN"}, RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours_claimed": "500"}, None),
        ({"kind": "hearsay"}, RecognitionError.KIND_INVALID),
        ({"title": "课" * 201}, "max_length"),
    ],
)
def test_the_service_checks_every_field_itself(world, changes, code):
    files_before = stored_recognition_evidence()
    if code is None:
        assert submit(world, **changes).class_hours_claimed == Decimal("500")
        return
    with pytest.raises(ValidationError) as refused:
        submit(world, **changes)
    assert code in codes(refused.value)
    assert not Recognition.objects.exists() and stored_recognition_evidence() == files_before


def test_a_failed_write_removes_the_stored_evidence(world, monkeypatch):
    files_before = stored_recognition_evidence()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Recognition, "save", broken_save)
    with pytest.raises(RuntimeError):
        submit(world)
    assert stored_recognition_evidence() == files_before


def test_recognition_rows_are_append_only(world):
    recognition = submit(world)
    decision = accept(world, recognition)
    for row in (recognition, decision, BankEntry.objects.get()):
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()


# Who sees what


def test_each_viewer_sees_the_requests_they_may_see(world):
    li_own = submit(world)
    for_wang = submit(world, learner=world["wang"], submitted_by=world["admin"])
    leaver_own = submit(world, learner=world["leaver"])
    outsider_own = submit(world, learner=world["outsider"])

    def seen(user):
        return set(service.recognitions_visible_to(user=user).values_list("pk", flat=True))

    assert seen(world["li"].user) == {li_own.pk}
    assert seen(world["wang"].user) == {for_wang.pk}
    # The employer sees its current people's requests; not what a former employee did after leaving.
    assert seen(world["admin"]) == {li_own.pk, for_wang.pk}
    assert seen(world["other_admin"]) == {outsider_own.pk}
    # A prefecture's reviewer sees the people of its prefecture's enterprises, including former staff.
    assert seen(world["reviewer"]) == {li_own.pk, for_wang.pk, leaver_own.pk}
    assert seen(world["other_reviewer"]) == {outsider_own.pk}
    assert seen(world["provincial"]) == {li_own.pk, for_wang.pk, leaver_own.pk, outsider_own.pk}
    assert {row.pk for row in service.recognition_review_queue(user=world["other_reviewer"])} == {
        outsider_own.pk
    }
    assert list(service.recognition_review_queue(user=world["admin"])) == []


@pytest.mark.parametrize("stranger", ["other_admin", "other_reviewer", "wang"])
def test_a_stranger_gets_404_on_the_request_its_evidence_and_its_forms(client, world, stranger):
    recognition = submit(world)
    user = world["wang"].user if stranger == "wang" else world[stranger]
    client.force_login(user)
    for name in ("recognition_detail", "recognition_evidence"):
        assert client.get(reverse(f"training:{name}", args=[recognition.pk])).status_code == 404
    for name, data in (
        ("recognition_accept", {"class_hours_granted": "10", "reason": "x"}),
        ("recognition_reject", {"reject-reason": "x"}),
        ("recognition_reverse", {"reverse-reason": "x"}),
    ):
        assert client.post(reverse(f"training:{name}", args=[recognition.pk]), data).status_code == 404
    listing = client.get(reverse("training:recognition_list"))
    assert recognition.pk not in [row.pk for row in listing.context["page_obj"].object_list]
    assert not RecognitionDecision.objects.exists()


@pytest.mark.parametrize("viewer", ["li", "admin", "reviewer", "provincial"])
def test_those_who_may_see_the_request_get_its_evidence(client, world, viewer):
    recognition = submit(world)
    client.force_login(world["li"].user if viewer == "li" else world[viewer])
    response = client.get(reverse("training:recognition_evidence", args=[recognition.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert f"recognition-{recognition.pk}.pdf" in response["Content-Disposition"]


def test_an_id_beyond_any_row_is_a_404(client, world):
    client.force_login(world["li"].user)
    assert client.get(f"{reverse('training:recognition_list')}{10**20}/").status_code == 404


def test_someone_who_is_neither_worker_nor_administrator_may_not_submit(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="nobody", password="pw"))
    assert client.get(reverse("training:recognition_new")).status_code == 403
    assert client.get(reverse("training:recognition_list")).status_code == 200
    client.logout()
    assert client.get(reverse("training:recognition_list")).status_code == 302


# Queries


def test_the_list_and_the_queue_make_the_same_queries_however_many_requests(client, world):
    url, queue = reverse("training:recognition_list"), reverse("training:recognition_review")
    accept(world, submit(world))
    submit(world, learner=world["wang"])  # one awaiting review: an empty queue would count separately
    client.force_login(world["admin"])
    few = count_queries(client, url)
    client.force_login(world["reviewer"])
    few_queue = count_queries(client, queue)

    for index in range(6):
        recognition = submit(world, learner=world["wang"] if index % 2 else world["li"], title=f"课程{index}")
        if index % 3 == 0:
            accept(world, recognition, hours="5")
        make_enterprise()  # unrelated rows must not matter either
    assert count_queries(client, queue) == few_queue
    client.force_login(world["admin"])
    assert count_queries(client, url) == few
    assert count_queries(client, f"{url}?status=accepted") == few


def test_an_accepted_recognition_is_in_the_lifelong_file_and_a_reversal_marks_it(world):
    from learners.lifelong_file.selectors import TimelineKind, learner_file

    recognition = submit(world)
    accept(world, recognition)
    pending = submit(world, title="未审核的课程")

    def entries():
        found = learner_file(user=world["li"].user, learner=world["li"]).timeline
        return [entry for entry in found if entry.kind == TimelineKind.RECOGNISED_LEARNING]

    [entry] = entries()
    assert entry.on == D(2025, 4, 10) and "化工安全技术" in entry.summary and not entry.withdrawn
    assert pending.title not in entry.summary
    service.recognition_reverse(recognition=recognition, by=world["reviewer"], reason="证书系伪造")
    [reversed_entry] = entries()
    assert reversed_entry.withdrawn and "证书系伪造" in reversed_entry.summary
