"""Give the author groups video (wagtailmedia) permissions in their own collection on sites that ran
0004 before videos were included (see cms/permissions.py); the function adds only what is missing."""

from django.db import migrations


def forwards(apps, schema_editor):
    from cms.permissions import editorial_access_ensure

    editorial_access_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_add_editorial_groups_and_review_workflow"),
        ("courses", "0005_add_assignment_package"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
