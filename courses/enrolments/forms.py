"""Forms of enrolments and assignments: a new assignment, and assigning a training package. They only
parse; the rules are in `courses.enrolments.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learners.choices import Role
from learners.models import EmploymentType


class AssignmentForm(forms.Form):
    """The form of a new assignment; the choices come from the live courses and the enterprise's current
    roster. It only parses: the rules are checked by `courses.enrolments.services.assignment_create`."""

    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    courses = forms.TypedMultipleChoiceField(
        label=_("Courses"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    positions = forms.MultipleChoiceField(
        label=_("Positions"), widget=forms.CheckboxSelectMultiple, required=False
    )
    employment_types = forms.MultipleChoiceField(
        label=_("Employment types"),
        choices=EmploymentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    learners = forms.TypedMultipleChoiceField(
        label=_("People chosen by hand"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    auto_assign_new = forms.BooleanField(
        label=_("Also assign to people who match later (roster imports)"), required=False
    )

    def __init__(self, *args, courses: list[tuple[int, str]], positions: list[str], people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].choices = courses
        self.fields["positions"].choices = [(position, position) for position in positions]
        self.fields["learners"].choices = [(person.learner_id, person.learner.name) for person in people]
        self.people = people
        # The order number typed beside each course; a course left without one follows the numbered ones.
        self.course_order = {}
        for pk, _title in courses:
            raw = (self.data.get(f"order_{pk}") or "").strip() if self.is_bound else ""
            self.course_order[pk] = int(raw) if raw.isdigit() else None

    def ordered_course_ids(self) -> list[int]:
        chosen = self.cleaned_data.get("courses") or []
        return sorted(
            chosen,
            key=lambda pk: (
                self.course_order.get(pk) is None,
                self.course_order.get(pk) or 0,
                chosen.index(pk),
            ),
        )


class PackageAssignForm(forms.Form):
    """Assign a vocational training package in one step: the due date and, for an administrator of several
    enterprises, which one. It only parses: the view refuses an enterprise the user does not manage and
    `courses.enrolments.services.package_assign` checks the rest."""

    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    # Read by the view (`learners.views.managed.chosen_enterprise`); here only to be shown.
    enterprise = forms.TypedChoiceField(label=_("Enterprise"), coerce=int, required=False)

    def __init__(self, *args, enterprises: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprises = enterprises
        self.fields["enterprise"].choices = [(enterprise.pk, enterprise.name) for enterprise in enterprises]
