from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site content")

    def ready(self):
        from academy import page_cache
        from courses.registry import sub_college_page_register

        from .models import SubCollegePage

        page_cache.connect_invalidation()
        sub_college_page_register(SubCollegePage)
