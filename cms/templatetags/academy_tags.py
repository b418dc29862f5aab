from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context["request"]
    current = get_language()
    return {
        "languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(request.get_full_path(), code),
                "active": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (or removed when empty)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
