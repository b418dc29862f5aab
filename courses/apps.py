from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cms.page_cache import invalidate

        from .models import Position, Specialty

        # Filter choices are shown on cached pages: a vocabulary change is a content change.
        for model in (Specialty, Position):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"invalidate_on_{model.__name__}_save")
            post_delete.connect(
                invalidate, sender=model, dispatch_uid=f"invalidate_on_{model.__name__}_delete"
            )
