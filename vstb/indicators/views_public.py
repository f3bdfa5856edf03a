"""The public side of a unit: the index of units with something public, a published plan or
compiled report for anyone to read, and the secretariat's publish / unpublish buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated, public
from vstb.indicators import publishing
from vstb.plans import services as plan_services
from vstb.plans.views import _document_context
from vstb.reporting.models import NARRATIVE_SECTIONS


@public
def public_index(request):
    return render(request, "indicators/public_index.html", {"entries": publishing.public_index()})


@public
def public_document(request, pk):
    publication = access.get_published_document(pk)
    context = {"publication": publication, "unit": publication.unit}
    if publication.plan_id:
        context["doc"] = _document_context(plan_services.plan_to_json(publication.plan))
        return render(request, "indicators/public_plan.html", context)
    report = publication.report
    context |= {
        "report": report,
        "narrative": [
            (label, text)
            for key, label in NARRATIVE_SECTIONS
            if (text := (report.narrative or {}).get(key))
        ],
        "figures": publishing.public_figures(report),
        "minimum": publishing.minimum_cell(),
    }
    return render(request, "indicators/public_report.html", context)


@authenticated
@require_POST
def publish_plan(request, pk):
    plan = access.get_plan_to_publish(request.user, pk)
    _publish_or_not(request, plan, publishing.publish_plan)
    return redirect("plans:detail", pk=plan.pk)


@authenticated
@require_POST
def publish_report(request, pk):
    report = access.get_report_to_publish(request.user, pk)
    _publish_or_not(request, report, publishing.publish_report)
    return redirect("reporting:report", pk=report.pk)


def _publish_or_not(request, document, publish) -> None:
    if request.POST.get("action") == "unpublish":
        if publishing.unpublish(document):
            messages.success(request, _("The document has been taken off the public page."))
        return
    try:
        publish(document, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The document is on the unit's public page: anyone can read it.")
        )
