"""Training pages (served under the language prefix): an enterprise's offline training."""

from django.urls import path

from credits.bank import views as me_views
from credits.compliance import views as report_views
from credits.offline import views
from credits.recognition import views as recognition_views

app_name = "training"

urlpatterns = [
    path("offline/", views.offline_list, name="offline_list"),
    path("offline/new/", views.offline_new, name="offline_new"),
    path("offline/<int:pk>/", views.offline_detail, name="offline_detail"),
    path("offline/<int:pk>/evidence/", views.offline_evidence, name="offline_evidence"),
    path("offline/<int:pk>/withdraw/", views.offline_withdraw, name="offline_withdraw"),
    path("recognition/", recognition_views.recognition_list, name="recognition_list"),
    path("recognition/new/", recognition_views.recognition_new, name="recognition_new"),
    path("recognition/review/", recognition_views.recognition_review, name="recognition_review"),
    path("recognition/<int:pk>/", recognition_views.recognition_detail, name="recognition_detail"),
    path(
        "recognition/<int:pk>/evidence/", recognition_views.recognition_evidence, name="recognition_evidence"
    ),
    path("recognition/<int:pk>/accept/", recognition_views.recognition_accept, name="recognition_accept"),
    path("recognition/<int:pk>/reject/", recognition_views.recognition_reject, name="recognition_reject"),
    path("recognition/<int:pk>/reversal/", recognition_views.recognition_reverse, name="recognition_reverse"),
    # The worker's credit bank and the hours certificate (学时证明).
    path("bank/", me_views.my_bank, name="my_bank"),
    path("bank/certificate.pdf", me_views.my_hours_certificate, name="my_hours_certificate"),
    path(
        "people/<int:pk>/hours-certificate.pdf",
        me_views.person_hours_certificate,
        name="person_hours_certificate",
    ),
    # Compliance reports: an enterprise's people, an authority's enterprises, and their Excel downloads.
    path("compliance/", report_views.compliance_enterprise, name="compliance"),
    path("compliance/export.xlsx", report_views.compliance_enterprise_export, name="compliance_export"),
    path("compliance/authority/", report_views.compliance_authority, name="compliance_authority"),
    path(
        "compliance/authority/export.xlsx",
        report_views.compliance_authority_export,
        name="compliance_authority_export",
    ),
]
