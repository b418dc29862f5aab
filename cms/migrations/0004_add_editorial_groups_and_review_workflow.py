"""Give real sites the editorial groups, collections and review workflow (see cms/permissions.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from cms.permissions import editorial_access_ensure

    editorial_access_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_add_policy_column"),
        ("courses", "0003_add_assignments"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
