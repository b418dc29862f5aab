"""Upload checks for the editors' audio, video and documents: extension, real file type by content, size."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtailmedia.forms import BaseMediaForm

from learners.uploads import (
    FILE_TYPE_NOT_ALLOWED,
    check_upload_size,
    upload_extension,
    upload_head,
    upload_kind,
)

# What the file's first bytes must say for each allowed extension.
MEDIA_MIME_TYPES = {
    "mp4": {"video/mp4", "video/quicktime"},
    "webm": {"video/webm"},
    "mp3": {"audio/mpeg"},
    "m4a": {"audio/mp4", "video/mp4", "audio/m4a"},
}


class CheckedMediaForm(BaseMediaForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged file on edit
        check_upload_size(upload, limit=settings.ACADEMY_MEDIA_MAX_UPLOAD_BYTES)
        if upload_kind(upload, MEDIA_MIME_TYPES) is None:
            raise ValidationError(
                _("This file is not an allowed audio or video file (%(types)s).")
                % {"types": ", ".join(sorted(MEDIA_MIME_TYPES))},
                code=FILE_TYPE_NOT_ALLOWED,
            )
        return upload


# Legacy Office files are all one container format (OLE2); which of the three it holds says little.
OLE_MIME_TYPES = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}


DOCUMENT_MIME_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "doc": OLE_MIME_TYPES,
    "txt": set(),  # no signature: checked as text
}


# Office files are zip archives whose member names tell their kind; they can sit beyond the first 8 KB.
DOCUMENT_HEAD_BYTES = 256 * 1024


class CheckedDocumentForm(BaseDocumentForm):
    """Documents (PDF, Word, teaching materials, column attachments) must be what their extension says:
    a file renamed to .pdf is refused, as is a text file that is not text. Wagtail itself checks only
    the extension and `WAGTAILDOCS_MAX_UPLOAD_SIZE`."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged file on edit
        extension = upload_extension(upload)
        if not _is_document(extension, upload_head(upload, DOCUMENT_HEAD_BYTES)):
            raise ValidationError(
                _("This file's content is not a %(type)s file; upload one of: %(types)s.")
                % {"type": extension.upper() or "?", "types": ", ".join(DOCUMENT_MIME_TYPES)},
                code=FILE_TYPE_NOT_ALLOWED,
            )
        return upload

    def _post_clean(self):
        # Wagtail's Document.clean would check the extension of the file refused above, which is no
        # longer on the instance, and add a second, empty-named error ("extension “” not allowed").
        if "file" not in self._errors:
            super()._post_clean()


def _is_document(extension: str, head: bytes) -> bool:
    if extension not in DOCUMENT_MIME_TYPES:
        return False
    if extension == "txt":
        return _is_text(head)
    kind = filetype.guess(head)
    return kind is not None and kind.mime in DOCUMENT_MIME_TYPES[extension]


def _is_text(head: bytes) -> bool:
    """No NUL bytes, and UTF-8 or GB18030 (Chinese text files are often the latter)."""
    if b"\x00" in head:
        return False
    if len(head) == DOCUMENT_HEAD_BYTES:
        head = head[:-4]  # the head may end inside a multi-byte character
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False
