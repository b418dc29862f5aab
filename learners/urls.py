"""Pages about people (served under the language prefix)."""

from django.urls import path, re_path

from .lifelong_file import views as files
from .roster import views as roster
from .views import accounts, engagements, enterprises

app_name = "learners"

urlpatterns = [
    path("enterprises/", enterprises.enterprise_index, name="enterprises"),
    path("<int:pk>/password/", accounts.issue_password, name="issue_password"),
    path("<int:pk>/engagements/<int:engagement_pk>/end/", engagements.engagement_end, name="engagement_end"),
    path(
        "<int:pk>/engagements/<int:engagement_pk>/operation-items/",
        engagements.engagement_operation_items,
        name="engagement_operation_items",
    ),
    # The lifelong file (一人一档).
    path("me/", files.my_file, name="me"),
    path("me/pdf/", files.my_file_pdf, name="me_pdf"),
    path("<int:pk>/", files.file_page, name="file"),
    path("<int:pk>/pdf/", files.file_pdf, name="file_pdf"),
    path("<int:pk>/certificates/new/", files.certificate_new, name="certificate_new"),
    path(
        "<int:pk>/certificates/<int:certificate_pk>/renew/", files.certificate_renew, name="certificate_renew"
    ),
    path("<int:pk>/certificates/<int:certificate_pk>/scan/", files.certificate_scan, name="certificate_scan"),
    path("<int:pk>/assessments/new/", files.assessment_new, name="assessment_new"),
    path("<int:pk>/accidents/new/", files.accident_new, name="accident_new"),
    path("verify/<str:token>/", files.verify, name="verify"),
    # An enterprise's people and roster imports.
    path("", roster.people_list, name="people"),
    path("import/", roster.roster_import, name="roster_import"),
    path("import/progress/", roster.roster_import_progress, name="roster_import_progress"),
    re_path(r"^import/template\.(?P<extension>xlsx|csv)$", roster.roster_template, name="roster_template"),
    path("imports/<int:pk>/", roster.roster_import_detail, name="roster_import_detail"),
]
