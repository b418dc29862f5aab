"""Checks for evidence files (certificate scans, sign-in sheets): real type, size, and image bombs."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .errors import UploadError

# Extension → what the file's first bytes must say.
EVIDENCE_MIME_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "webp": {"image/webp"},
}
# Error codes shared by every upload check in the academy (defined in `learners.errors`).
FILE_TOO_LARGE = UploadError.FILE_TOO_LARGE
FILE_TYPE_NOT_ALLOWED = UploadError.FILE_TYPE_NOT_ALLOWED
IMAGE_BOMB = UploadError.IMAGE_BOMB


def upload_extension(upload) -> str:
    """The extension of an uploaded file's name, lower case; empty without one."""
    return upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""


def upload_head(upload, size: int = 8192) -> bytes:
    """The first `size` bytes, which say what the file really is; the file is left at its start."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def upload_kind(upload, allowed: dict[str, set[str]]):
    """What filetype recognises in `upload` if it is what its extension claims (by `allowed`: extension
    to MIME types), else None."""
    extension = upload_extension(upload)
    kind = filetype.guess(upload_head(upload))
    if extension in allowed and kind is not None and kind.mime in allowed[extension]:
        return kind
    return None


def check_upload_size(upload, *, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code=FILE_TOO_LARGE,
        )


def check_evidence_file(upload) -> None:
    check_upload_size(upload, limit=settings.ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES)
    kind = upload_kind(upload, EVIDENCE_MIME_TYPES)
    if kind is None:
        raise ValidationError(
            _("Upload a scan as PDF, JPEG, PNG or WebP."),
            code=FILE_TYPE_NOT_ALLOWED,
        )
    if kind.mime.startswith("image/"):
        try:
            with Image.open(upload) as image:
                width, height = image.size
        except Image.DecompressionBombError:
            raise ValidationError(_("This image is too large in pixels."), code=IMAGE_BOMB) from None
        except Exception:
            raise ValidationError(_("This image cannot be read."), code=FILE_TYPE_NOT_ALLOWED) from None
        finally:
            upload.seek(0)
        if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
            raise ValidationError(_("This image is too large in pixels."), code=IMAGE_BOMB)


def evidence_response(file, *, filename_stem: str) -> FileResponse:
    """Serve a stored evidence file (after the caller has checked who may see it). Images open in the
    browser, sandboxed so that nothing in them runs in the site's origin; a PDF (which browsers will not
    show in a sandbox) is downloaded and opened by the phone's reader. A missing file is a 404."""
    extension = file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = next(iter(EVIDENCE_MIME_TYPES.get(extension, {"application/octet-stream"})))
    is_image = content_type.startswith("image/")
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=not is_image,
        filename=f"{filename_stem}.{extension}",
    )
    if is_image:
        response["Content-Security-Policy"] = "sandbox"
    return response
