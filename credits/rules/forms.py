"""Admin forms for the versioned rules (the conversion standard, the training requirements). They only
parse what staff type, with the model's own field limits; whether a version may be saved is decided by
the services."""

from wagtail.admin.forms import WagtailAdminModelForm

from credits.rules.models import ConversionStandard, Requirement
from credits.rules.requirements import FIELDS as REQUIREMENT_FIELDS
from credits.rules.standard import FIELDS as STANDARD_FIELDS


def _no_constraint_check(exclude=None):
    return None


class VersionForm(WagtailAdminModelForm):
    def validate_unique(self):
        # A second version on the same day is refused by the service, which says which version to change.
        return None

    def _post_clean(self):
        # The table's constraints (one version a day, positive values) are the service's refusals; checked
        # here first, they would speak Django's generic words and skip the service's codes.
        self.instance.validate_constraints = _no_constraint_check
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints


class ConversionStandardForm(VersionForm):
    class Meta:
        model = ConversionStandard
        fields = [*STANDARD_FIELDS, "note"]


class RequirementForm(VersionForm):
    class Meta:
        model = Requirement
        fields = list(REQUIREMENT_FIELDS)
