"""The Wagtail admin's "People" menu: enterprises, learners and authority users.

Wagtail's model permissions decide who may open these screens at all; `learners.access` decides
which rows they list and open, exactly as on the pages and in the API, so that a staff user who is,
say, an enterprise administrator never lists people outside their enterprise. An object outside the
viewer's scope is a 404.

A learner's identity number is never editable here and never shown in full: the list shows it masked,
and only name, mobile number and education can be edited, by those who may see the full number (the
mobile number is as private as the full identity number).

Enterprises and learners cannot be deleted here: their records carry legal weight and are protected
by the file's other records (一人一档、终身有效).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .access import enterprises_visible_to, file_window, learners_visible_to
from .identity import credit_code_clean, phone_clean
from .models import AuthorityUser, Enterprise, Learner

# Scoped views: each lists or opens only what `visible_to(user)` returns.


class ScopedIndexView(generic.IndexView):
    visible_to = None

    def get_base_queryset(self):
        return self.visible_to(self.request.user)


class ScopedEditView(generic.EditView):
    visible_to = None

    def get_queryset(self):
        return self.visible_to(self.request.user)


class ScopedDeleteView(generic.DeleteView):
    visible_to = None

    def get_queryset(self):
        return self.visible_to(self.request.user)


class ScopedHistoryView(history.HistoryView):
    visible_to = None

    def get_base_object_queryset(self):
        return self.visible_to(self.request.user)


class ScopedUsageView(usage.UsageView):
    visible_to = None

    def get_base_object_queryset(self):
        return self.visible_to(self.request.user)


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose views start from `visible_to(user)`; copying and inspecting are off."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    # Nothing here holds references to index, and indexing would add work to every roster import's save.
    add_to_reference_index = False
    add_view_enabled = True
    delete_view_enabled = True

    @staticmethod
    def visible_to(user):
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Passed only to the views that have the attribute (ViewSet.construct_view filters them).
        view_kwargs["visible_to"] = self.visible_to
        if not self.add_view_enabled:
            view_kwargs["add_url_name"] = None
        if not self.delete_view_enabled:
            view_kwargs["delete_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        disabled = set()
        if not self.add_view_enabled:
            disabled.add("add")
        if not self.delete_view_enabled:
            disabled.add("delete")
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in disabled]


# Enterprises


class AdministratorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class EnterpriseForm(WagtailAdminModelForm):
    """The credit code is cleaned by the same function as everywhere else (upper case, checksum)."""

    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "industry", "prefecture", "size", "administrators"]
        field_classes = {"administrators": AdministratorChoiceField}
        widgets = {"administrators": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Authority and superuser accounts act for the state, not for an enterprise.
        self.fields["administrators"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, is_superuser=False, authority__isnull=True)
            .order_by("username")
        )

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_credit_code(self):
        return credit_code_clean(self.cleaned_data["credit_code"])


class EnterpriseViewSet(ScopedModelViewSet):
    model = Enterprise
    icon = "site"
    menu_order = 100
    list_display = ["name", "credit_code", "industry", "prefecture", "size"]
    list_filter = ["industry", "prefecture"]
    search_fields = ["name", "credit_code"]
    delete_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("credit_code"),
            FieldPanel("industry"),
            FieldPanel("prefecture"),
            FieldPanel("size"),
            FieldPanel("administrators"),
        ],
        base_form_class=EnterpriseForm,
    )

    @staticmethod
    def visible_to(user):
        return enterprises_visible_to(user)


# Learners


class LearnerForm(WagtailAdminModelForm):
    # Longer than the stored 11 digits, so that "+86 139-0000-0000" reaches phone_clean.
    phone = forms.CharField(label=_("mobile number"), max_length=20, required=False)

    class Meta:
        model = Learner
        fields = ["name", "phone", "education"]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_phone(self):
        # NULL, not '', when there is none: the column is unique.
        return phone_clean(self.cleaned_data["phone"] or "") or None


class LearnerEditView(ScopedEditView):
    def get_object(self, queryset=None):
        learner = super().get_object(queryset)
        window = file_window(self.request.user, learner)
        if not (window and window.full_identity_number):
            raise PermissionDenied
        return learner


class LearnerViewSet(ScopedModelViewSet):
    """People come in through roster imports and the API, which check the identity number."""

    model = Learner
    icon = "user"
    menu_order = 200
    edit_view_class = LearnerEditView
    list_display = [
        "name",
        Column("identity_number_masked", label=_("identity number"), accessor="identity_number_masked"),
        "education",
        "updated_at",
    ]
    search_fields = ["name"]
    add_view_enabled = False
    delete_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("phone"), FieldPanel("education")], base_form_class=LearnerForm
    )

    @staticmethod
    def visible_to(user):
        return learners_visible_to(user)


# Authority users


class AuthorityUserViewSet(ModelViewSet):
    """Authority accounts are staff accounts, not people's files: Wagtail's model permissions decide."""

    model = AuthorityUser
    add_to_reference_index = False
    icon = "key"
    menu_order = 300
    copy_view_enabled = False
    list_display = ["user", "prefecture"]
    list_filter = ["prefecture"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    form_fields = ["user", "prefecture"]


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 250
    items = (EnterpriseViewSet, LearnerViewSet, AuthorityUserViewSet)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()
