from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vstb import access
from vstb.access import authenticated
from vstb.commendations import evidence, services
from vstb.commendations.awards import NOT_CONFIRMED_NOTE, forms_for
from vstb.commendations.forms import (
    AddProposalForm,
    DecideForm,
    ProposalForm,
    RoundDatesForm,
    RoundForm,
)
from vstb.commendations.models import Round, Submission
from vstb.issuing.views import open_draft
from vstb.lib.pagination import paginate
from vstb.lib.query import whole_number
from vstb.lib.search import search_q
from vstb.lib.versioning import save_unless_stale


@authenticated
def round_list(request):
    """A unit's rounds, and what was sent to it for decision."""
    unit = access.acting_unit(request)
    context = {"unit": unit}
    if unit is None:
        context["choices"] = access.units_to_choose(request.user, request.GET.get("q", ""))
        return render(request, "commendations/round_list.html", context)
    rounds = access.rounds_visible_to(request.user).filter(unit=unit).select_related("unit")
    to_decide = (
        access.submissions_visible_to(request.user)
        .filter(deciding_unit=unit, sent=True)
        .select_related("round__unit", "proposal_document", "decision")
        .order_by("decided", "-pk")
    )
    context.update(
        page_obj=paginate(request, rounds),
        to_decide=to_decide[:50],
        can_open=access.can_open_round(request.user, unit),
        chooses_unit=access.chooses_unit(request.user),
    )
    return render(request, "commendations/round_list.html", context)


@authenticated
def round_open(request, unit_pk):
    unit = access.get_rounds_unit_for_user(request.user, unit_pk, write=True)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.open_round(unit, data["year"], data["proposals_due"], by=request.user)
        except (ValidationError, IntegrityError) as error:
            form.add_error(
                None,
                " ".join(getattr(error, "messages", []))
                or _("A commendation round for this year is already open. Open it from the list."),
            )
        else:
            messages.success(
                request,
                _(
                    "The round is open. VSTB has proposed the candidates the year's evidence supports: check them, edit, add or remove, then send them."
                ),
            )
            return redirect("commendations:detail", pk=round_.pk)
    return render(request, "commendations/round_form.html", {"form": form, "unit": unit})


@authenticated
def round_detail(request, pk):
    round_ = access.get_round_for_user(request.user, pk)
    return _detail(request, round_)


def _detail(request, round_: Round, add_form=None):
    can_change = access.can_open_round(request.user, round_.unit)
    proposals = round_.proposals.select_related("submission")
    query = request.GET.get("q", "").strip()
    if query:
        proposals = proposals.filter(search_q(query, "search_text"))
    drafts = round_.proposals.filter(status="draft").exists()
    context = {
        "round": round_,
        "page_obj": paginate(request, proposals),
        "q": query,
        "can_change": can_change,
        "has_drafts": drafts,
        "rule": evidence.RULE,
        "award_forms": forms_for(round_.unit),
        "sees_sources": access.sees_review_sources(request.user, round_.unit),
        "not_confirmed": NOT_CONFIRMED_NOTE,
        "submissions": round_.submissions.select_related(
            "deciding_unit", "proposal_document", "decision"
        ),
    }
    # The candidates not proposed, each with its evidence: why the rule left it out.
    others = services.candidates_to_add(round_)
    context["not_proposed"] = others
    if can_change:
        context["add_form"] = add_form or AddProposalForm(round_=round_, candidates=others)
    return render(request, "commendations/round_detail.html", context)


@authenticated
def round_edit(request, pk):
    round_ = access.get_round_for_user(request.user, pk, write=True)
    form = RoundDatesForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        if save_unless_stale(form, form.save) is not None:
            messages.success(request, _("The round's date has been saved."))
            return redirect("commendations:detail", pk=round_.pk)
    return render(request, "commendations/round_edit.html", {"form": form, "round": round_})


@authenticated
@require_POST
def round_refresh(request, pk):
    round_ = access.get_round_for_user(request.user, pk, write=True)
    added = services.refresh(round_)
    messages.success(
        request,
        _("The evidence has been read again; %(count)s candidates were added.") % {"count": added},
    )
    return redirect("commendations:detail", pk=round_.pk)


@authenticated
@require_POST
def proposal_add(request, pk):
    round_ = access.get_round_for_user(request.user, pk, write=True)
    form = AddProposalForm(
        request.POST, round_=round_, candidates=services.candidates_to_add(round_)
    )
    if not form.is_valid():
        return _detail(request, round_, add_form=form)
    data = form.cleaned_data
    try:
        services.add_proposal(round_, data["candidate"], data["award"], data["reason"].strip())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal has been added."))
    return redirect(f"{reverse('commendations:detail', args=[round_.pk])}#proposals")


@authenticated
def proposal_edit(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    round_ = proposal.round
    if not proposal.is_draft:
        messages.error(request, str(services.NOT_DRAFT))
        return redirect("commendations:detail", pk=round_.pk)
    form = ProposalForm(request.POST or None, instance=proposal, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_unless_stale(form, lambda: services.save_proposal(form))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("commendations:detail", pk=round_.pk)
        if saved is not None:
            messages.success(request, _("The proposal has been saved."))
            return redirect(f"{reverse('commendations:detail', args=[round_.pk])}#proposals")
    return render(
        request,
        "commendations/proposal_form.html",
        {"form": form, "proposal": proposal, "round": round_},
    )


@authenticated
@require_POST
def proposal_remove(request, pk):
    proposal = access.get_proposal_for_user(request.user, pk, write=True)
    version = whole_number(request.POST.get("version", ""), minimum=1) or 0
    try:
        services.remove_proposal(proposal, version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal has been removed."))
    return redirect(f"{reverse('commendations:detail', args=[proposal.round_id])}#proposals")


@authenticated
@require_POST
def round_send(request, pk):
    """Draft the Tờ trình (one per deciding unit) of the proposals being prepared."""
    round_ = access.get_round_for_user(request.user, pk, write=True)
    try:
        submissions = services.send(round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("commendations:detail", pk=round_.pk)
    messages.success(
        request,
        _(
            "The submission (Tờ trình) is drafted from the proposals. Check it, then issue it: the proposals are sent when it is issued."
        ),
    )
    if len(submissions) == 1:
        return redirect("issuing:detail", pk=submissions[0].proposal_document_id)
    return redirect(f"{reverse('commendations:detail', args=[round_.pk])}#submissions")


@authenticated
def submission_detail(request, pk):
    submission = access.get_submission_for_user(request.user, pk)
    return _submission(request, submission)


def _submission(request, submission: Submission, forms=None):
    can_decide = access.can_decide(request.user, submission) and submission.awaits_decision
    rows = []
    for proposal in submission.proposals.order_by("kind", "-score", "name"):
        form = (forms or {}).get(proposal.pk) or DecideForm(
            prefix=f"p{proposal.pk}",
            initial={
                "version": proposal.version,
                "approve": {"approved": "yes", "refused": "no"}.get(proposal.status),
                "reason": proposal.decision_reason,
            },
        )
        rows.append((proposal, form if can_decide else None))
    context = {
        "submission": submission,
        "round": submission.round,
        "rows": rows,
        "can_decide": can_decide,
    }
    return render(request, "commendations/submission_detail.html", context)


@authenticated
@require_POST
def proposal_decide(request, pk):
    proposal = access.get_proposal_to_decide(request.user, pk)
    submission = proposal.submission
    form = DecideForm(request.POST, prefix=f"p{proposal.pk}")
    if not form.is_valid():
        return _submission(request, submission, forms={proposal.pk: form})
    data = form.cleaned_data
    try:
        services.decide(proposal, data["approve"], data["reason"], data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision on this proposal has been recorded."))
    return redirect(f"{reverse('commendations:submission', args=[submission.pk])}#p{proposal.pk}")


@authenticated
@require_POST
def submission_decision(request, pk):
    """Draft the decision (QĐ khen thưởng), or open the draft already started."""
    submission = access.get_submission_for_user(request.user, pk, decide=True)
    done = _(
        "The decision is drafted with the approved proposals. Check it, then issue it: the awards are recorded when it is issued."
    )
    return open_draft(
        request, services.draft_decision, submission, "commendations:submission", done
    )
