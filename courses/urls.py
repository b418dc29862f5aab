"""Study pages (served under the language prefix): "我的课程" and an enterprise's assignments."""

from django.urls import path

from courses.enrolments import views

app_name = "study"

urlpatterns = [
    path("", views.my_courses_page, name="my_courses"),
    path("enrol/<int:pk>/", views.enrol, name="enrol"),
    path("enrolments/<int:pk>/drop/", views.drop, name="drop"),
    path("assignments/", views.assignment_index, name="assignments"),
    path("assignments/new/", views.assignment_new, name="assignment_new"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/withdraw/", views.assignment_withdraw, name="assignment_withdraw"),
    path("assignments/package/<int:package_id>/", views.package_assign, name="package_assign"),
]
