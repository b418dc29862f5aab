"""Publicity staff's uploads into the column's collection are checked like the editors': the real type
of a document (not only its extension), its size, and an image's pixels. A refused upload stores nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.permissions import COURSE_MATERIALS_COLLECTION, POLICY_COLUMN_COLLECTION
from learners.uploads import FILE_TYPE_NOT_ALLOWED
from tests.files import pdf_bytes, png_bomb_bytes, png_bytes

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


@pytest.fixture
def publicity(newsroom) -> Client:
    client = Client()
    client.force_login(newsroom.publicity)
    return client


def column_collection() -> Collection:
    return Collection.objects.get(name=POLICY_COLUMN_COLLECTION)


def upload_document(client, name: str, content: bytes, *, collection=None):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "补贴名单",
            "file": SimpleUploadedFile(name, content),
            "collection": (collection or column_collection()).pk,
            "tags": "",
        },
    )


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": "配图", "file": SimpleUploadedFile(name, content), "collection": column_collection().pk},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("名单.pdf", pdf_bytes()),
        ("名单.docx", docx_bytes()),
        ("名单.txt", "吉林省安全技能提升补贴名单".encode("gb18030")),
        ("名单.txt", "吉林省安全技能提升补贴名单".encode()),
    ],
)
def test_publicity_staff_upload_real_documents_into_the_column_collection(publicity, name, content):
    response = upload_document(publicity, name, content)
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get()
    assert document.collection == column_collection()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("名单.pdf", b"<html><script>alert(1)</script></html>"),
        ("名单.docx", pdf_bytes()),
        ("名单.doc", b"MZ\x90\x00" + b"\x00" * 200),
        ("名单.txt", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("名单.exe", b"MZ\x90\x00" + b"\x00" * 200),
        ("名单.html", b"<html></html>"),
    ],
)
def test_a_document_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(publicity, name, content):
    response = upload_document(publicity, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_renamed_file_is_refused_with_the_reason_in_chinese(publicity):
    response = upload_document(publicity, "名单.pdf", b"<html></html>")
    errors = response.context["form"].errors.as_data()["file"]
    assert [error.code for error in errors] == [FILE_TYPE_NOT_ALLOWED]
    assert "不是" in str(response.context["form"].errors["file"])


def test_the_multiple_upload_checks_the_content_too(publicity):
    response = publicity.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("名单.pdf", b"<html></html>"), "collection": column_collection().pk},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


def test_an_oversized_document_is_refused(publicity, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    response = upload_document(publicity, "名单.pdf", pdf_bytes() + b"\n" * 2_000)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_an_image_decompression_bomb_is_refused(publicity):
    response = upload_image(publicity, "bomb.png", png_bomb_bytes())
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_an_ordinary_image_is_accepted(publicity):
    response = upload_image(publicity, "配图.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.get().collection == column_collection()


def test_publicity_staff_cannot_upload_into_the_course_materials_collection(publicity):
    course_materials = Collection.objects.get(name=COURSE_MATERIALS_COLLECTION)
    upload_document(publicity, "名单.pdf", pdf_bytes(), collection=course_materials)
    # The column's is the only collection they may add to, so Wagtail puts the file there.
    assert get_document_model().objects.get().collection == column_collection()
