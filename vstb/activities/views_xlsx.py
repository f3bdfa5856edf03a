"""Activities as spreadsheets: export, import template, import (vstb.activities.spreadsheets)."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vstb import access
from vstb.access import authenticated
from vstb.activities import spreadsheets
from vstb.lib.files import XLSX
from vstb.lib.query import query_year
from vstb.lib.uploads import XlsxUploadForm


class ImportForm(XlsxUploadForm):
    too_large = _("The file is larger than %(limit)s MB. Split the activities into several files.")


def _readable_unit(user, unit_pk: int):
    """A unit whose activities the user may read (as the activity list shows them)."""
    unit = access.get_unit_for_user(user, unit_pk)
    if not access.reads_within_scope(user, unit):
        raise Http404
    return unit


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@authenticated
def activity_export(request, unit_pk):
    unit = _readable_unit(request.user, unit_pk)
    activities = access.activities_visible_to(request.user).filter(unit=unit)
    year = query_year(request.GET)
    if year:
        activities = activities.filter(start__year=year)
    content = spreadsheets.export_workbook(unit, activities.order_by("start", "pk"), year)
    filename = (
        f"hoat-dong-{unit.file_stem}-{year}.xlsx" if year else f"hoat-dong-{unit.file_stem}.xlsx"
    )
    return _xlsx_response(content, filename)


@authenticated
def import_template(request, unit_pk):
    unit = _readable_unit(request.user, unit_pk)
    return _xlsx_response(
        spreadsheets.template_workbook(unit), f"mau-nhap-hoat-dong-{unit.file_stem}.xlsx"
    )


@authenticated
def activity_import(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk)
    if not access.can_record_activity(request.user, unit):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        # Managers record for any agency of the unit; a focal point only for their own.
        own = None
        if not access.can_manage_unit(request.user, unit):
            own = access.own_agency_ids(request.user)
        result = spreadsheets.import_activities(form.cleaned_data["file"], unit, request.user, own)
        if not result.problems:
            count = len(result.created)
            messages.success(
                request,
                ngettext(
                    "%(count)s activity has been imported.",
                    "%(count)s activities have been imported.",
                    count,
                )
                % {"count": count},
            )
            return redirect("activities:list", unit_pk=unit.pk)
        problems = result.problems
    return render(
        request, "activities/xlsx_import.html", {"unit": unit, "form": form, "problems": problems}
    )
