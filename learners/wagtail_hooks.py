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

Saving goes through `learners.services`, as on the pages and in the API, so their rules hold whichever
door is used: the forms only parse what staff type, the services judge it (credit codes, mobile numbers,
usernames, uniqueness) and write it in one transaction, and a refusal comes back as the form's errors,
with its code, with nothing written. Wagtail's history is logged as its own views would.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from . import services
from .access import enterprises_visible_to, file_window, learners_visible_to
from .models import AuthorityUser, Enterprise, Learner

# Saving through the services


def _refusal_to_form(form, refusal: ValidationError) -> None:
    """A service's refusal as the form's errors, codes kept: beside the field it names when the form has
    that field, above the form otherwise."""
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal)
        return
    for field, errors in refusal.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceForm(WagtailAdminModelForm):
    """Parses what staff type (required fields, lengths, choices). The model's own validation is left to
    the service, which runs it with its own rules: run here first, it would answer in the service's place
    and a rule the form does not know would be skipped."""

    def _post_clean(self):
        pass


class SaveThroughServiceMixin:
    """For Wagtail's create and edit views: `save_instance` calls `save_through_service` instead of saving
    the form, and logs the action as Wagtail's own create and edit actions do (which is what the history
    shows). Wagtail runs it in a transaction, so a refusal leaves nothing written, log entry included."""

    log_action = ""

    def save_through_service(self, values: dict):
        raise NotImplementedError

    def content_changed(self) -> bool:
        return self.form.has_changed()

    def save_instance(self):
        instance = self.save_through_service(self.form.cleaned_data)
        log(
            instance=instance,
            action=self.log_action,
            user=self.request.user,
            content_changed=self.content_changed(),
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            _refusal_to_form(form, refusal)
            if getattr(self, "object", None) is not None and self.object.pk:
                # The service may have changed the object before refusing; show it as it is stored.
                self.object.refresh_from_db()
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateView(SaveThroughServiceMixin, generic.CreateView):
    log_action = "wagtail.create"

    def content_changed(self) -> bool:
        return True


class ServiceEditView(SaveThroughServiceMixin, generic.EditView):
    log_action = "wagtail.edit"


# Scoped views: each lists or opens only what `visible_to(user)` returns.


class ScopedIndexView(generic.IndexView):
    visible_to = None

    def get_base_queryset(self):
        return self.visible_to(self.request.user)


class ScopedEditView(ServiceEditView):
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


class EnterpriseForm(ServiceForm):
    """The credit code is judged by the services, with the same function as everywhere else."""

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


class EnterpriseCreateView(ServiceCreateView):
    def save_through_service(self, values: dict) -> Enterprise:
        enterprise = services.enterprise_create(
            name=values["name"],
            credit_code=values["credit_code"],
            industry=values["industry"],
            prefecture=values["prefecture"],
            size=values["size"],
        )
        for user in values["administrators"]:
            services.enterprise_administrator_add(enterprise=enterprise, user=user)
        return enterprise


class EnterpriseEditView(ScopedEditView):
    def save_through_service(self, values: dict) -> Enterprise:
        return services.enterprise_update(
            enterprise=self.object,
            name=values["name"],
            credit_code=values["credit_code"],
            industry=values["industry"],
            prefecture=values["prefecture"],
            size=values["size"],
            administrators=values["administrators"],
        )


class EnterpriseViewSet(ScopedModelViewSet):
    model = Enterprise
    icon = "site"
    menu_order = 100
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
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


class LearnerForm(ServiceForm):
    # Longer than the stored 11 digits, so that "+86 139-0000-0000" reaches `learner_update`'s phone_clean.
    phone = forms.CharField(label=_("mobile number"), max_length=20, required=False)

    class Meta:
        model = Learner
        fields = ["name", "phone", "education"]


class LearnerEditView(ScopedEditView):
    def get_object(self, queryset=None):
        learner = super().get_object(queryset)
        window = file_window(self.request.user, learner)
        if not (window and window.full_identity_number):
            raise PermissionDenied
        return learner

    def save_through_service(self, values: dict) -> Learner:
        return services.learner_update(
            learner=self.object, name=values["name"], phone=values["phone"], education=values["education"]
        )


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


class AuthorityUserCreateForm(ServiceForm):
    """A new account for a bureau. The username is judged by `authority_user_create`; the password by
    Django's password validators, as wherever staff choose a password."""

    username = forms.CharField(label=_("username"), max_length=150)
    first_name = forms.CharField(
        label=_("name"), max_length=150, help_text=_("The bureau, e.g. 长春市应急管理局.")
    )
    password1 = forms.CharField(label=_("password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("password again"), strip=False, widget=forms.PasswordInput)

    field_order = ["username", "first_name", "password1", "password2", "prefecture"]

    class Meta:
        model = AuthorityUser
        fields = ["prefecture"]

    def clean(self):
        cleaned_data = super().clean()
        password, again = cleaned_data.get("password1"), cleaned_data.get("password2")
        if password and again and password != again:
            self.add_error(
                "password2", ValidationError(_("The two passwords differ."), code="password_mismatch")
            )
        elif password:
            user = get_user_model()(
                username=cleaned_data.get("username", ""), first_name=cleaned_data.get("first_name", "")
            )
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class AuthorityUserEditForm(ServiceForm):
    """The bureau's name and prefecture; the username and password are the Users screens' to change."""

    first_name = forms.CharField(label=_("name"), max_length=150)

    field_order = ["first_name", "prefecture"]

    class Meta:
        model = AuthorityUser
        fields = ["prefecture"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("first_name", self.instance.user.first_name)


class AuthorityUserCreateView(ServiceCreateView):
    def save_through_service(self, values: dict) -> AuthorityUser:
        user = services.authority_user_create(
            username=values["username"],
            password=values["password1"],
            prefecture=values["prefecture"],
            first_name=values["first_name"],
        )
        return user.authority


class AuthorityUserEditView(ServiceEditView):
    def save_through_service(self, values: dict) -> AuthorityUser:
        return services.authority_user_update(
            authority_user=self.object, first_name=values["first_name"], prefecture=values["prefecture"]
        )


class AuthorityUserViewSet(ModelViewSet):
    """Authority accounts are staff accounts, not people's files: Wagtail's model permissions decide."""

    model = AuthorityUser
    add_to_reference_index = False
    icon = "key"
    menu_order = 300
    copy_view_enabled = False
    add_view_class = AuthorityUserCreateView
    edit_view_class = AuthorityUserEditView
    list_display = ["user", "prefecture"]
    list_filter = ["prefecture"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_form_class(self, for_update=False):
        return AuthorityUserEditForm if for_update else AuthorityUserCreateForm


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("People")
    menu_icon = "group"
    menu_order = 250
    items = (EnterpriseViewSet, LearnerViewSet, AuthorityUserViewSet)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()
