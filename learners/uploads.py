"""Checks for evidence files (certificate scans, sign-in sheets): real type, size, and image bombs."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Extension → what the file's first bytes must say.
EVIDENCE_MIME_TYPES = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "webp": {"image/webp"},
}
# Error codes shared by every upload check in the academy.
FILE_TOO_LARGE = "file_too_large"
FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
IMAGE_BOMB = "image_bomb"


def check_evidence_file(upload) -> None:
    limit = settings.ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code=FILE_TOO_LARGE,
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if (
        extension not in EVIDENCE_MIME_TYPES
        or kind is None
        or kind.mime not in EVIDENCE_MIME_TYPES[extension]
    ):
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
