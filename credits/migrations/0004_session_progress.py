import django.db.models.deletion
from django.db import migrations, models


def link_progress(apps, schema_editor):
    """Sessions opened before this migration point at their learner's progress on the lesson."""
    StudySession = apps.get_model("credits", "StudySession")
    LessonProgress = apps.get_model("credits", "LessonProgress")
    for session in StudySession.objects.filter(progress__isnull=True).iterator():
        progress, _created = LessonProgress.objects.get_or_create(
            learner_id=session.learner_id, lesson_id=session.lesson_id
        )
        StudySession.objects.filter(pk=session.pk).update(progress=progress)


class Migration(migrations.Migration):
    dependencies = [
        ("credits", "0003_offline_training"),
    ]

    operations = [
        migrations.AddField(
            model_name="studysession",
            name="progress",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="credits.lessonprogress",
                verbose_name="lesson progress",
            ),
        ),
        migrations.RunPython(link_progress, migrations.RunPython.noop),
    ]
