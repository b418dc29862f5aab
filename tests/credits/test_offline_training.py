"""Offline training recorded by an enterprise: it lands in each attendee's file as enterprise-declared
class hours; a mistake is withdrawn, never edited; refusals write nothing; only the enterprise's own
administrators see its records."""

import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cms.demo.people import seed_accounts, seed_people
from cms.demo.study import seed_offline_training
from credits.errors import OfflineError
from credits.ledger import AppendOnlyError
from credits.offline import services as offline
from credits.offline.models import OfflineAttendance, OfflineTraining, OfflineTrainingWithdrawal
from credits.offline.selectors import offline_class_hours
from credits.study.models import StudySource
from learners.lifelong_file.selectors import TimelineKind, learner_file
from learners.uploads import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB
from tests.credits.offline_helpers import make_world as _make_world
from tests.credits.offline_helpers import (
    pdf_bytes,
    pdf_upload,
    png_upload,
    record,
    stored_evidence,
)
from tests.files import png_bomb_bytes, webm_bytes
from tests.learners.factories import engage, make_authority, make_enterprise_admin
from tests.queries import count_queries

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


@pytest.fixture
def world(db):
    return _make_world()


def form_data(world, **changes):
    data = {
        "topic": "危险化学品储存安全",
        "held_on": "2025-05-20",
        "class_hours": "2.5",
        "trainer": "王海涛",
        "location": "三楼培训室",
        "evidence": pdf_upload(),
        "learners": [world["li"].pk, world["wang"].pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def offline_entries(file):
    return [entry for entry in file.timeline if entry.kind == TimelineKind.OFFLINE_TRAINING]


# Recording and the file


def test_an_administrator_records_a_training_and_it_lands_in_each_attendees_file(client, world):
    client.force_login(world["admin"])
    response = client.post(reverse("training:offline_new"), form_data(world))

    training = OfflineTraining.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:offline_detail", args=[training.pk])
    assert training.enterprise == world["enterprise"] and training.recorded_by == world["admin"]
    assert training.class_hours == Decimal("2.5") and training.source == StudySource.OFFLINE
    assert training.evidence.read() == form_data(world)["evidence"].read()
    # Stored under a random name: the uploaded one (a person's name, say) is not kept.
    assert "签到表" not in training.evidence.name
    assert set(OfflineAttendance.objects.values_list("learner_id", flat=True)) == {
        world["li"].pk,
        world["wang"].pk,
    }

    for person in ("li", "wang"):
        file = learner_file(user=world[person].user, learner=world[person])
        [entry] = offline_entries(file)
        assert entry.on == D(2025, 5, 20) and not entry.withdrawn
        assert "危险化学品储存安全" in entry.summary and world["enterprise"].name in entry.summary
        assert file.sections["offline_class_hours"] == Decimal("2.5")
    page = client.get(reverse("learners:file", args=[world["li"].pk])).content.decode()
    assert "危险化学品储存安全" in page and 'id="offline-training"' in page

    # Someone who did not attend, though on the same roster, has nothing of it.
    zhao_file = learner_file(user=world["admin"], learner=world["zhao"])
    assert offline_entries(zhao_file) == [] and zhao_file.sections["offline_class_hours"] == 0


def test_the_form_offers_the_current_roster_with_masked_identity_numbers(client, world):
    client.force_login(world["admin"])
    response = client.get(reverse("training:offline_new"))
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["learners"].choices)
    assert set(choices) == {world["li"].pk, world["wang"].pk, world["zhao"].pk}
    assert world["li"].identity_number_masked in choices[world["li"].pk]
    assert world["li"].identity_number not in response.content.decode()


def test_a_withdrawn_training_is_marked_in_the_file_and_its_hours_no_longer_count(client, world):
    kept = record(world, topic="消防器材使用", class_hours="1.5")
    mistaken = record(world, topic="重复录入的培训")
    client.force_login(world["admin"])
    response = client.post(reverse("training:offline_withdraw", args=[mistaken.pk]), {"reason": "重复录入"})
    assert response.status_code == 302

    withdrawal = OfflineTrainingWithdrawal.objects.get()
    assert withdrawal.training == mistaken and withdrawal.withdrawn_by == world["admin"]
    file = learner_file(user=world["li"].user, learner=world["li"])
    entries = {entry.summary.split(" — ")[0]: entry for entry in offline_entries(file)}
    assert entries["重复录入的培训"].withdrawn and "重复录入" in entries["重复录入的培训"].summary
    assert not entries["消防器材使用"].withdrawn
    assert file.sections["offline_class_hours"] == kept.class_hours
    assert offline_class_hours(learner_ids=[world["li"].pk, world["zhao"].pk]) == {
        world["li"].pk: Decimal("1.5")
    }

    client.force_login(world["li"].user)
    page = client.get(reverse("learners:me")).content.decode()
    assert "timeline__entry--withdrawn" in page and '<s class="timeline__summary">' in page
    client.force_login(world["admin"])
    listing = client.get(reverse("training:offline_list")).content.decode()
    assert listing.count("offline-training--withdrawn") == 1
    # The withdrawn training keeps its record and shows why; it cannot be withdrawn twice.
    detail = client.get(reverse("training:offline_detail", args=[mistaken.pk])).content.decode()
    assert "重复录入" in detail and reverse("training:offline_withdraw", args=[mistaken.pk]) not in detail
    again = client.post(reverse("training:offline_withdraw", args=[mistaken.pk]), {"reason": "再来"})
    assert again.status_code == 400
    assert again.context["form"].has_error("__all__", OfflineError.ALREADY_WITHDRAWN)
    assert OfflineTrainingWithdrawal.objects.count() == 1


def test_a_withdrawal_needs_a_reason(client, world):
    training = record(world)
    client.force_login(world["admin"])
    response = client.post(reverse("training:offline_withdraw", args=[training.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert not OfflineTrainingWithdrawal.objects.exists()


def test_offline_training_records_are_append_only(world):
    training = record(world)
    training.topic = "改过的主题"
    with pytest.raises(AppendOnlyError):
        training.save()
    with pytest.raises(AppendOnlyError):
        training.delete()
    attendance = OfflineAttendance.objects.first()
    with pytest.raises(AppendOnlyError):
        attendance.save()
    withdrawal = offline.offline_training_withdraw(training=training, by=world["admin"], reason="录错")
    withdrawal.reason = "另一个理由"
    with pytest.raises(AppendOnlyError):
        withdrawal.save()
    assert OfflineTraining.objects.get().topic == "危险化学品储存安全"
    assert OfflineTrainingWithdrawal.objects.get().reason == "录错"


def test_recording_makes_the_same_queries_however_many_attendees(world):
    def queries(learners):
        with CaptureQueriesContext(connection) as captured:
            record(world, learners=learners)
        return len(captured)

    few = queries([world["li"]])
    assert queries([world["li"], world["wang"], world["zhao"]]) == few


# Refusals: a clear reason on the field, and nothing written (no rows, no stored file)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"held_on": "2025-06-02"}, "held_on", OfflineError.HELD_IN_FUTURE),
        # 赵磊 started on 2025-03-01: on 2025-02-20 he was not on the roster.
        ({"held_on": "2025-02-20", "learners": "zhao"}, "learners", OfflineError.NOT_ON_ROSTER),
        ({"class_hours": "0"}, "class_hours", OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours": "-1"}, "class_hours", OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours": "8.5"}, "class_hours", OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"learners": []}, "learners", OfflineError.NO_ATTENDEES),
        ({"evidence": None}, "evidence", OfflineError.EVIDENCE_REQUIRED),
        # A real video, and a real PNG that claims to be a PDF.
        ({"evidence": "webm"}, "evidence", FILE_TYPE_NOT_ALLOWED),
        ({"evidence": "png-as-pdf"}, "evidence", FILE_TYPE_NOT_ALLOWED),
        # 64 million pixels: over the academy's limit, under the one Pillow enforces itself.
        ({"evidence": "bomb"}, "evidence", IMAGE_BOMB),
    ],
)
def test_a_bad_training_is_refused_on_its_field_and_nothing_is_written(client, world, changes, field, code):
    uploads = {
        "webm": lambda: png_upload(name="training.webm", content=webm_bytes()),
        "png-as-pdf": lambda: png_upload(name="sheet.pdf"),
        "bomb": lambda: png_upload(content=png_bomb_bytes(8000, 8000)),
    }
    if changes.get("evidence") in uploads:
        changes = {**changes, "evidence": uploads[changes["evidence"]]()}
    if changes.get("learners") == "zhao":
        changes = {**changes, "learners": [world["li"].pk, world["zhao"].pk]}
    files_before = stored_evidence()
    client.force_login(world["admin"])
    response = client.post(reverse("training:offline_new"), form_data(world, **changes))
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code), response.context["form"].errors
    assert not OfflineTraining.objects.exists() and not OfflineAttendance.objects.exists()
    assert stored_evidence() == files_before


def test_a_refusal_names_the_people_not_on_the_roster_that_day(world):
    with pytest.raises(ValidationError) as refused:
        record(world, held_on=D(2025, 2, 20), learners=[world["li"], world["zhao"], world["outsider"]])
    [error] = refused.value.error_dict["learners"]
    assert error.code == OfflineError.NOT_ON_ROSTER
    message = " ".join(error.messages)
    assert "赵磊" in message and "李建国" not in message
    # Someone the enterprise never employed is counted, not named.
    assert "孙外人" not in message


def test_someone_who_left_before_the_training_cannot_be_declared(world):
    with pytest.raises(ValidationError) as refused:
        record(world, learners=[world["leaver"]])
    assert refused.value.error_dict["learners"][0].code == OfflineError.NOT_ON_ROSTER
    # Before they left, they could.
    assert record(world, learners=[world["leaver"]], held_on=D(2024, 6, 1)).attendances.count() == 1


def test_an_oversized_scan_is_refused(client, world, settings):
    settings.ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES = 1000
    files_before = stored_evidence()
    client.force_login(world["admin"])
    response = client.post(
        reverse("training:offline_new"), form_data(world, evidence=pdf_upload(content=pdf_bytes("x" * 2000)))
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("evidence", FILE_TOO_LARGE)
    assert not OfflineTraining.objects.exists() and stored_evidence() == files_before


def test_a_stored_evidence_file_is_removed_when_the_write_fails_after_saving_it(world, monkeypatch):
    # Fault injection: the database refuses the attendances after the file has been stored.
    def refuse(*args, **kwargs):
        raise IntegrityError("refused")

    monkeypatch.setattr(OfflineAttendance.objects, "bulk_create", refuse)
    files_before = stored_evidence()
    with pytest.raises(IntegrityError):
        record(world)
    assert stored_evidence() == files_before
    assert not OfflineTraining.objects.exists()


# Who may


def test_a_worker_is_told_why_they_may_not_use_the_pages(client, world):
    training = record(world)
    client.force_login(world["li"].user)
    for url in (
        reverse("training:offline_list"),
        reverse("training:offline_new"),
        reverse("training:offline_detail", args=[training.pk]),
        reverse("training:offline_evidence", args=[training.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.context["reason"]
    response = client.post(reverse("training:offline_new"), form_data(world))
    assert response.status_code == 403 and OfflineTraining.objects.count() == 1
    response = client.post(reverse("training:offline_withdraw", args=[training.pk]), {"reason": "x"})
    assert response.status_code == 403 and not OfflineTrainingWithdrawal.objects.exists()


def test_another_enterprises_administrator_gets_404(client, world):
    training = record(world)
    client.force_login(world["other_admin"])
    assert client.get(reverse("training:offline_detail", args=[training.pk])).status_code == 404
    assert client.get(reverse("training:offline_evidence", args=[training.pk])).status_code == 404
    response = client.post(reverse("training:offline_withdraw", args=[training.pk]), {"reason": "x"})
    assert response.status_code == 404 and not OfflineTrainingWithdrawal.objects.exists()
    enterprise = f"?enterprise={world['enterprise'].pk}"
    assert client.get(reverse("training:offline_list") + enterprise).status_code == 404
    assert client.post(reverse("training:offline_new") + enterprise, form_data(world)).status_code == 404
    # Its own list does not show the other enterprise's training.
    assert "危险化学品储存安全" not in client.get(reverse("training:offline_list")).content.decode()


def test_the_other_enterprise_cannot_declare_our_people(client, world):
    client.force_login(world["other_admin"])
    response = client.post(reverse("training:offline_new"), form_data(world, learners=[world["li"].pk]))
    # Not on its roster, so not even a choice on its form.
    assert response.status_code == 400 and response.context["form"].has_error("learners")
    with pytest.raises(ValidationError):
        record(world, enterprise=world["other"], recorded_by=world["other_admin"], learners=[world["li"]])
    assert not OfflineTraining.objects.exists()


def test_the_evidence_downloads_for_the_enterprise_only(client, world):
    training = record(world)
    client.force_login(world["admin"])
    response = client.get(reverse("training:offline_evidence", args=[training.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.logout()
    response = client.get(reverse("training:offline_evidence", args=[training.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_enterprise_sees_only_its_own_offline_training_in_a_file(world):
    # 李建国 worked for the other enterprise before; each enterprise declared a training.
    engage(world["li"], world["other"], started_on=D(2022, 1, 1), ended_on=D(2023, 12, 31))
    record(world, topic="我们的培训")
    record(
        world,
        enterprise=world["other"],
        recorded_by=world["other_admin"],
        learners=[world["li"]],
        topic="前东家的培训",
        held_on=D(2023, 6, 1),
    )

    def topics(user):
        return {
            entry.summary.split(" — ")[0]
            for entry in offline_entries(learner_file(user=user, learner=world["li"]))
        }

    assert topics(world["admin"]) == {"我们的培训"}
    assert topics(world["other_admin"]) == {"前东家的培训"}
    assert topics(world["li"].user) == {"我们的培训", "前东家的培训"}
    assert topics(make_authority("changchun")) == {"我们的培训", "前东家的培训"}
    total = learner_file(user=world["admin"], learner=world["li"]).sections["offline_class_hours"]
    assert total == Decimal("2.5")


# Lists, downloads, query counts


def test_the_list_shows_newest_first_with_attendee_counts_and_downloads_as_excel(client, world):
    record(world, topic="较早的培训", held_on=D(2025, 4, 1), learners=[world["li"]])
    record(world, topic="较新的培训", held_on=D(2025, 5, 1))
    client.force_login(world["admin"])
    response = client.get(reverse("training:offline_list"))
    rows = list(response.context["page_obj"].object_list)
    assert [row.topic for row in rows] == ["较新的培训", "较早的培训"]
    assert [row.attendee_count for row in rows] == [2, 1]

    response = client.get(reverse("training:offline_list") + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[1] for row in values] == ["较新的培训", "较早的培训"]
    assert [row[5] for row in values] == [2, 1]


def test_an_administrator_of_several_enterprises_picks_one(client, world):
    admin = world["admin"]
    world["other"].administrators.add(admin)
    record(world, enterprise=world["other"], learners=[world["outsider"]], topic="别家的培训")
    client.force_login(admin)
    first = client.get(reverse("training:offline_list") + f"?enterprise={world['enterprise'].pk}")
    assert "别家的培训" not in first.content.decode()
    second = client.get(reverse("training:offline_list") + f"?enterprise={world['other'].pk}")
    assert "别家的培训" in second.content.decode()


def test_the_list_page_makes_the_same_queries_however_many_trainings(client, world):
    client.force_login(world["admin"])
    record(world)
    few = count_queries(client, reverse("training:offline_list"))
    for day in range(1, 12):
        training = record(
            world, held_on=D(2025, 5, day), learners=[world["li"], world["wang"], world["zhao"]]
        )
        if day % 3 == 0:
            offline.offline_training_withdraw(training=training, by=world["admin"], reason="录错")
    assert count_queries(client, reverse("training:offline_list")) == few


def test_the_file_makes_the_same_queries_however_many_trainings(client, world):
    client.force_login(world["admin"])
    record(world)
    few = count_queries(client, reverse("learners:file", args=[world["li"].pk]))
    for day in range(1, 10):
        training = record(world, held_on=D(2025, 5, day))
        if day % 2:
            offline.offline_training_withdraw(training=training, by=world["admin"], reason="录错")
    assert count_queries(client, reverse("learners:file", args=[world["li"].pk])) == few


def test_the_file_pdf_includes_offline_training(client, world):
    record(world)
    offline.offline_training_withdraw(
        training=record(world, topic="撤回的培训"), by=world["admin"], reason="录错"
    )
    client.force_login(world["li"].user)
    response = client.get(reverse("learners:me_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# Demo


def test_the_demo_seeds_two_trainings_once_with_the_worker_attending_one(db):
    out = io.StringIO()
    seed_accounts(stdout=out)
    seed_people(stdout=out)
    seed_offline_training(stdout=out)
    seed_offline_training(stdout=out)
    trainings = list(OfflineTraining.objects.all())
    assert len(trainings) == 2
    assert all(training.enterprise.name == "长春示范化工有限公司" for training in trainings)
    assert all(training.evidence.read().startswith(b"%PDF") for training in trainings)
    worker = OfflineAttendance.objects.filter(learner__user__username="worker")
    assert worker.count() == 1


def test_make_enterprise_admin_is_enough_to_use_the_pages(client, db):
    admin, _enterprise = make_enterprise_admin()
    client.force_login(admin)
    assert client.get(reverse("training:offline_list")).status_code == 200
    assert client.get(reverse("training:offline_new")).status_code == 200
