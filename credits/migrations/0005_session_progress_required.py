import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Separate from 0004: PostgreSQL refuses to alter a table with row updates pending in the same
    transaction."""

    dependencies = [
        ("credits", "0004_session_progress"),
    ]

    operations = [
        migrations.AlterField(
            model_name="studysession",
            name="progress",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="credits.lessonprogress",
                verbose_name="lesson progress",
            ),
        ),
    ]
