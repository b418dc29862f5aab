from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditsConfig(AppConfig):
    name = "credits"
    verbose_name = _("Class hours and credits")

    def ready(self):
        # courses and learners sit below credits and cannot import it: they learn its facts from what
        # it registers here (courses.registry, learners.lifelong_file.selectors).
        from courses.registry import StudyProgress, study_progress_register
        from learners.lifelong_file.selectors import file_contributor_register

        from .compliance.my_learning import my_learning
        from .learning_file import learning_in_file
        from .study.selectors import course_progress, lesson_study, lessons_completed
        from .study.services import quiz_attempt_record

        study_progress_register(
            StudyProgress(
                course_progress=course_progress,
                lessons_completed=lessons_completed,
                lesson_study=lesson_study,
                quiz_attempt_record=quiz_attempt_record,
                my_learning=my_learning,
            )
        )
        file_contributor_register(learning_in_file)
