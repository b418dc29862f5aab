from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from academy.api import not_found
from courses.apis import CourseViewSet, QuizLessonViewSet

handler404 = "academy.api.not_found"
handler500 = "academy.api.server_error"

router = DefaultRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("quiz-lessons", QuizLessonViewSet, basename="quiz-lesson")

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(router.urls)),
    path("api/v1/", include("learners.api_urls")),
    path("api/v1/", include("credits.api_urls")),
    path("api/v1/", include("courses.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    # Nothing else under /api/ is a page: answer in JSON rather than fall through to Wagtail.
    re_path(r"^api/", not_found),
]

urlpatterns += i18n_patterns(
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("people/", include("learners.urls")),
    path("study/", include("courses.urls")),
    path("training/", include("credits.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.ACADEMY_SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns = [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ] + urlpatterns
