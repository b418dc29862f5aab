"""Assignments under /api/v1/assignments/."""

from rest_framework.routers import SimpleRouter

from .assignment_apis import AssignmentViewSet

router = SimpleRouter()
router.register("assignments", AssignmentViewSet, basename="assignment")

urlpatterns = router.urls
