from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.issuing.views import open_draft
from vstb.lib.files import safe_filename
from vstb.lib.pagination import paginate
from vstb.lib.query import query_year
from vstb.lib.versioning import save_unless_stale
from vstb.reviews import services
from vstb.reviews.criteria import CRITERIA
from vstb.reviews.forms import ChecklistForm, FindingForm, OutcomeForm, ReceiveForm, ReviewForm
from vstb.reviews.models import DraftReview


@authenticated
def review_list(request):
    """One unit's reviews of drafts received in a year, with what the year counts."""
    unit = access.acting_unit(request)
    year = query_year(request.GET) or timezone.localdate().year
    context = {"unit": unit, "year": year, "years": range(year + 1, year - 6, -1)}
    if unit is None:
        context["choices"] = access.units_to_choose(request.user, request.GET.get("q", ""))
        return render(request, "reviews/review_list.html", context)
    visible = access.reviews_visible_to(request.user).filter(unit=unit)
    reviews = visible.filter(received_on__year=year).select_related(
        "drafting_agency", "reviewer_agency", "opinion"
    )
    context.update(
        page_obj=paginate(request, reviews),
        counts=services.counts(visible, date(year, 1, 1), date(year, 12, 31)),
        can_receive=access.can_receive_drafts(request.user, unit),
        chooses_unit=access.chooses_unit(request.user),
        today=timezone.localdate(),
    )
    return render(request, "reviews/review_list.html", context)


@authenticated
def review_receive(request, unit_pk):
    unit = access.get_unit_for_user(request.user, unit_pk, write=True)
    form = ReceiveForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ReceiveForm.Meta.fields}
        upload = form.cleaned_data["file"]
        review = services.receive(
            unit,
            fields,
            upload,
            upload.sniffed,
            safe_filename(upload.name, upload.sniffed[1]),
            by=request.user,
        )
        messages.success(
            request,
            _("The draft has been received. Answer the checklist and write your findings."),
        )
        return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/receive_form.html", {"form": form, "unit": unit})


@authenticated
def review_detail(request, pk):
    review = access.get_review_for_user(request.user, pk)
    return _detail(request, review)


def _detail(request, review: DraftReview, **forms):
    """The review page; `forms` are forms sent back with their errors."""
    can_change = access.can_change_review(request.user, review)
    findings = list(review.findings.all())
    writing = can_change and review.is_open
    context = {
        "review": review,
        "findings": findings,
        "answers": _answers(review),
        "can_change": can_change,
        "writing": writing,
        "sees_sources": access.sees_review_sources(request.user, review.unit),
        "today": timezone.localdate(),
        "checklist_form": forms.get("checklist_form")
        or (ChecklistForm(review=review) if writing else None),
        "finding_form": forms.get("finding_form") or (FindingForm() if writing else None),
        "outcome_form": forms.get("outcome_form")
        or (
            OutcomeForm(review=review, findings=findings)
            if can_change and review.has_opinion_issued
            else None
        ),
    }
    return render(request, "reviews/review_detail.html", context)


def _answers(review: DraftReview) -> list:
    """(criterion, its answer or None) in the checklist's order, for reading."""
    given = {a.code: a for a in review.answers.all()}
    return [(criterion, given.get(criterion.code)) for criterion in CRITERIA]


@authenticated
def review_edit(request, pk):
    review = access.get_review_for_user(request.user, pk, write=True)
    if not review.is_open:
        messages.error(request, services.CLOSED)
        return redirect("reviews:detail", pk=review.pk)
    form = ReviewForm(request.POST or None, instance=review, unit=review.unit)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The draft's details have been saved."))
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/review_form.html", {"form": form, "review": review})


@authenticated
def draft_file(request, pk):
    review = access.get_review_for_user(request.user, pk)
    extension = review.draft_file.name.rsplit(".", 1)[-1]
    # A draft is saved, never opened in VSTB's origin.
    response = FileResponse(
        review.draft_file.open("rb"),
        content_type=review.draft_content_type,
        as_attachment=True,
        filename=safe_filename(review.draft_file_name, extension),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@authenticated
@require_POST
def review_checklist(request, pk):
    review = access.get_review_for_user(request.user, pk, write=True)
    form = ChecklistForm(request.POST, review=review)
    if not form.is_valid():
        return _detail(request, review, checklist_form=form)
    try:
        services.save_checklist(review, form.answers(), form.cleaned_data["version"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The checklist has been saved."))
    return redirect(f"{review_url(review)}#checklist")


def review_url(review: DraftReview) -> str:
    return reverse("reviews:detail", args=[review.pk])


@authenticated
@require_POST
def finding_add(request, pk):
    review = access.get_review_for_user(request.user, pk, write=True)
    form = FindingForm(request.POST)
    if not form.is_valid():
        return _detail(request, review, finding_form=form)
    data = form.cleaned_data
    try:
        services.add_finding(review, data["reference"], data["finding"], data["recommendation"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The finding has been added."))
    return redirect(f"{review_url(review)}#findings")


@authenticated
def finding_edit(request, pk):
    finding = access.get_finding_for_user(request.user, pk, write=True)
    review = finding.review
    if not review.is_open:
        messages.error(request, services.CLOSED)
        return redirect("reviews:detail", pk=review.pk)
    form = FindingForm(request.POST or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_unless_stale(form, lambda: services.save_finding(form))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reviews:detail", pk=review.pk)
        if saved is not None:
            messages.success(request, _("The finding has been saved."))
            return redirect(f"{review_url(review)}#findings")
    return render(
        request, "reviews/finding_form.html", {"form": form, "finding": finding, "review": review}
    )


@authenticated
@require_POST
def finding_delete(request, pk):
    finding = access.get_finding_for_user(request.user, pk, write=True)
    try:
        services.delete_finding(finding)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The finding has been removed."))
    return redirect(f"{review_url(finding.review)}#findings")


@authenticated
@require_POST
def review_opinion(request, pk):
    """Draft the opinion letter (or open the draft already started) in the documents."""
    review = access.get_review_for_user(request.user, pk, write=True)
    done = _(
        "The opinion letter is drafted from the checklist and the findings. Check it, download it if you need, then issue it."
    )
    return open_draft(request, services.draft_opinion, review, "reviews:detail", done)


@authenticated
@require_POST
def review_outcome(request, pk):
    review = access.get_review_for_user(request.user, pk, write=True)
    form = OutcomeForm(request.POST, review=review, findings=review.findings.all())
    if not form.is_valid():
        return _detail(request, review, outcome_form=form)
    data = form.cleaned_data
    try:
        services.record_outcome(
            review,
            outcome=data["outcome"],
            reference=data["adopted_reference"],
            adopted_on=data["adopted_on"],
            taken_up=form.taken_up(),
            version=data["version"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The outcome in the adopted text has been recorded."))
    return redirect(f"{review_url(review)}#outcome")
