"""A request that does not match the schema, told in the request's language: each parameter or
field named as the program sent it, with what it must be. Pydantic's own messages are
English only, so each kind of error it reports (its "type") has a sentence here; a kind not
listed is "is not valid"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Where pydantic found the value: the first part of the location says which part of the
# request ("query", "path", "body") and the body's own parameter ("payload") follows it.
PARTS = {"query", "path", "body", "header", "cookie", "form", "file", "payload"}

PROBLEMS = {
    "missing": gettext_lazy("is required"),
    "int_parsing": gettext_lazy("must be a whole number"),
    "int_type": gettext_lazy("must be a whole number"),
    "int_from_float": gettext_lazy("must be a whole number"),
    "float_parsing": gettext_lazy("must be a number"),
    "float_type": gettext_lazy("must be a number"),
    "decimal_parsing": gettext_lazy("must be a number"),
    "finite_number": gettext_lazy("must be a number"),
    "bool_parsing": gettext_lazy("must be true or false"),
    "bool_type": gettext_lazy("must be true or false"),
    "string_type": gettext_lazy("must be text"),
    "date_parsing": gettext_lazy("must be a date written YYYY-MM-DD"),
    "date_from_datetime_parsing": gettext_lazy("must be a date written YYYY-MM-DD"),
    "date_type": gettext_lazy("must be a date written YYYY-MM-DD"),
    "datetime_parsing": gettext_lazy("must be a time written YYYY-MM-DDTHH:MM:SS"),
    "datetime_from_date_parsing": gettext_lazy("must be a time written YYYY-MM-DDTHH:MM:SS"),
    "datetime_type": gettext_lazy("must be a time written YYYY-MM-DDTHH:MM:SS"),
    "greater_than_equal": gettext_lazy("must be %(ge)s or more"),
    "greater_than": gettext_lazy("must be more than %(gt)s"),
    "less_than_equal": gettext_lazy("must be %(le)s or less"),
    "less_than": gettext_lazy("must be less than %(lt)s"),
    "too_short": gettext_lazy("is too short"),
    "too_long": gettext_lazy("is too long"),
    "string_too_long": gettext_lazy("is too long"),
    "list_type": gettext_lazy("must be a list"),
    "dict_type": gettext_lazy("must be an object"),
    "model_type": gettext_lazy("must be an object"),
    "model_attributes_type": gettext_lazy("must be an object"),
    "json_invalid": gettext_lazy("is not valid JSON"),
    "literal_error": gettext_lazy("must be one of: %(expected)s"),
    "enum": gettext_lazy("must be one of: %(expected)s"),
    "extra_forbidden": gettext_lazy("is not a field of this request"),
}


def field_name(location) -> str:
    parts = [str(part) for part in location]
    while len(parts) > 1 and parts[0] in PARTS:
        parts.pop(0)
    return ".".join(parts)


def describe(error: dict) -> str:
    """One error of pydantic's list as "<field>: <what it must be>"."""
    problem = PROBLEMS.get(error.get("type", ""))
    text = _("is not valid")
    if problem is not None:
        try:
            text = str(problem) % {key: value for key, value in (error.get("ctx") or {}).items()}
        except (KeyError, TypeError, ValueError):
            text = _("is not valid")
    return f"{field_name(error.get('loc', ()))}: {text}"
