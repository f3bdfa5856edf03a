"""Reading spreadsheet cells as people fill them in. Shared by every XLSX import; each
reader raises CellError with a sentence saying what to type instead."""

import re
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _


class CellError(Exception):
    """A cell that cannot be read; the message says what to type instead."""


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def entered_value(cell: Any) -> Any:
    """The value a person typed into `cell`; a formula or an error value is refused (the
    import reads what is stored, not what Excel would compute)."""
    if cell.data_type == "f":
        raise CellError(
            _(
                "This cell holds a formula. Type the value itself, or paste it with "
                "Paste Special → Values only."
            )
        )
    if cell.data_type == "e":
        raise CellError(
            _("This cell shows an error (%(value)s). Type the value itself.")
            % {"value": cell.value}
        )
    return cell.value


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime | date):
        value = f"{value:%d/%m/%Y}"
    return str(value).strip()


# "1500", "1.500", "1,500" and "1 500" as people type them into a cell formatted as text.
WHOLE_NUMBER = re.compile(r"\d+|\d{1,3}(?:[., ]\d{3})+")


def whole_number(value: object) -> int:
    """A whole number of zero or more, typed as a number or as text."""
    if isinstance(value, str):
        typed = value.strip().replace("\u00a0", " ")
        if WHOLE_NUMBER.fullmatch(typed):
            return int(re.sub(r"\D", "", typed))
        if re.fullmatch(r"-\s*[\d., ]+", typed):
            raise CellError(_("A number here cannot be negative."))
        raise CellError(
            _("Type a whole number here, with no words (for example 120), not “%(value)s”.")
            % {"value": typed[:40]}
        )
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CellError(
            _("Type a whole number here, with no words (for example 120), not “%(value)s”.")
            % {"value": cell_text(value)[:40]}
        )
    if value < 0:
        raise CellError(_("A number here cannot be negative."))
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("Type a whole number here, not %(value)s.") % {"value": value})
    return int(value)
