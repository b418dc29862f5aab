"""Vocational training packages (职业培训包): reads for their page and the one-step assignment."""


def package_context(*, request, package) -> dict:
    return {}
