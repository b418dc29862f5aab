"""Upload checks for audio and video: the extension, the real file type and the size."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm

from learners.uploads import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED

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
        limit = settings.ACADEMY_MEDIA_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("This file is %(size)s; the largest allowed is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code=FILE_TOO_LARGE,
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        if extension not in MEDIA_MIME_TYPES or kind is None or kind.mime not in MEDIA_MIME_TYPES[extension]:
            raise ValidationError(
                _("This file is not an allowed audio or video file (%(types)s).")
                % {"types": ", ".join(sorted(MEDIA_MIME_TYPES))},
                code=FILE_TYPE_NOT_ALLOWED,
            )
        return upload
