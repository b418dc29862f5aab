from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from academy.page_cache import invalidate
        from courses.materials.services import record_published_edition
        from courses.models import Position, Specialty
        from learners.signals import roster_applied

        # Filter choices are shown on cached pages: a vocabulary change is a content change.
        for model in (Specialty, Position):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"invalidate_on_{model.__name__}_save")
            post_delete.connect(
                invalidate, sender=model, dispatch_uid=f"invalidate_on_{model.__name__}_delete"
            )
        roster_applied.connect(assign_after_roster_import, dispatch_uid="courses_assign_after_roster_import")
        page_published.connect(record_published_edition, dispatch_uid="courses_record_published_edition")


def assign_after_roster_import(sender, *, enterprise, identity_numbers, on, **kwargs):
    """People a roster import adds or changes get the enterprise's auto-assigning assignments they match."""
    from courses.enrolments.services import assignment_apply_to_new
    from learners.models import Learner

    assignment_apply_to_new(
        enterprise=enterprise,
        learner_ids=Learner.objects.filter(identity_number__in=identity_numbers).values("pk"),
        on=on,
    )
