"""Editors' uploads are checked: type by content, size, and image dimensions."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from cms.permissions import COURSE_EDITORS, COURSE_MATERIALS_COLLECTION
from learners.uploads import FILE_TOO_LARGE
from tests.files import png_bomb_bytes, png_bytes, webm_bytes


@pytest.fixture
def editor_client(client, db):
    editor = get_user_model().objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name=COURSE_EDITORS))
    client.force_login(editor)
    return client


def error_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data()["file"]]


def upload_video(client, name: str, content: bytes):
    return client.post(
        "/admin/media/video/add/",
        {
            "title": "视频",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.objects.get(name=COURSE_MATERIALS_COLLECTION).pk,
            "tags": "",
        },
    )


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {
            "title": "封面",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.objects.get(name=COURSE_MATERIALS_COLLECTION).pk,
        },
    )


@pytest.mark.django_db
def test_an_editor_can_upload_a_real_webm_video(editor_client):
    response = upload_video(editor_client, "lesson.webm", webm_bytes())
    assert response.status_code == 302
    assert get_media_model().objects.get(title="视频").collection.name == COURSE_MATERIALS_COLLECTION


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("lesson.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("lesson.mp4", b"this is a text file pretending to be a video"),
        ("lesson.mp4", png_bytes()),
    ],
)
def test_a_file_that_is_not_an_allowed_video_is_refused_with_a_message(editor_client, name, content):
    response = upload_video(editor_client, name, content)
    assert response.status_code == 200
    assert error_codes(response)
    assert not get_media_model().objects.exists()


@pytest.mark.django_db
def test_an_oversized_video_is_refused_with_its_size(editor_client, settings):
    settings.ACADEMY_MEDIA_MAX_UPLOAD_BYTES = 50_000
    response = upload_video(editor_client, "lesson.webm", webm_bytes())
    assert response.status_code == 200
    assert error_codes(response) == [FILE_TOO_LARGE]
    assert not get_media_model().objects.exists()


@pytest.mark.django_db
def test_an_editor_can_upload_a_png_cover(editor_client):
    response = upload_image(editor_client, "cover.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.get(title="封面").collection.name == COURSE_MATERIALS_COLLECTION


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cover.png", b"not an image at all"),
        ("cover.gif", b"GIF89a" + b"\x00" * 30),
        ("cover.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ],
)
def test_an_upload_that_is_not_an_allowed_image_is_refused(editor_client, name, content):
    response = upload_image(editor_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_decompression_bomb_is_refused(editor_client):
    bomb = png_bomb_bytes()
    assert len(bomb) < 100_000  # small on disk, 400 million pixels when decoded
    response = upload_image(editor_client, "bomb.png", bomb)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_oversized_image_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1_000
    buffer = io.BytesIO(png_bytes(400, 400))
    response = upload_image(editor_client, "big.png", buffer.getvalue() + b"\x00" * 2_000)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
