"""Assignments under /api/v1/assignments/."""

from rest_framework.routers import SimpleRouter

from courses.enrolments.apis import AssignmentViewSet

router = SimpleRouter()
router.register("assignments", AssignmentViewSet, basename="assignment")

urlpatterns = router.urls
