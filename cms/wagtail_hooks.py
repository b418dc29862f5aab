from wagtail import hooks

from .models import SubCollegePage
from .permissions import editorial_access_ensure


@hooks.register("after_create_page")
def grant_editorial_access_on_new_sub_college(request, page):
    """A sub-college added in the admin is at once open to course editors and under review."""
    if isinstance(page.specific, SubCollegePage):
        editorial_access_ensure()
