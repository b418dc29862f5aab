from django.utils.functional import SimpleLazyObject

from .access import viewer_scope


def capacities(request):
    """What the signed-in user acts as, for the navigation: read once per request, only if a template asks."""
    user = getattr(request, "user", None)
    return {"capacities": SimpleLazyObject(lambda: viewer_scope(user))}
