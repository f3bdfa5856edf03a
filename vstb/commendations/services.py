"""A commendation round from its opening to the awards (models.py says what each thing is).

- `open_round` opens a unit's round for a year and proposes the candidates the evidence
  supports (evidence.py); `refresh` proposes those that have become eligible since and
  brings the evidence of the proposals still being prepared up to date;
- `add_proposal`, the proposal form, `remove_proposal` are the secretariat's corrections;
- `send` groups the proposals being prepared by form of award and drafts, for each deciding
  unit, a Tờ trình (vstb/issuing, Purpose.COMMENDATION_PROPOSAL, built by
  `proposal_document`); issuing it (`document_issued` → `submission_issued`) freezes each
  proposal's evidence and tells the deciding unit's secretariat;
- `decide` approves or refuses one proposal; `draft_decision` drafts the QĐ khen thưởng
  (Purpose.COMMENDATION_DECISION, `decision_document`) listing the approved ones; issuing it
  (`decision_issued`) records the awards and tells the proposing committee.
"""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.commendations import awards, evidence
from vstb.commendations.models import (
    Award,
    Kind,
    Proposal,
    ProposalStatus,
    Round,
    Submission,
)
from vstb.documents.plan_schema import new_section
from vstb.issuing import builders
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.notifications.models import Kind as NotificationKind
from vstb.notifications.services import in_vietnamese, notify
from vstb.org.models import Committee, Unit
from vstb.plans.models import IssuerBody

STALE = gettext_lazy(
    "Someone else changed this proposal while you were working on it, so your change was not saved. Open the round again to see theirs, then make yours."
)
NOT_DRAFT = gettext_lazy(
    "This proposal has been sent for decision and can no longer be changed here."
)

# Law on Emulation and Commendation No. 06/2022/QH15, passed on 15/06/2022 (read in Công
# báo No. 571+572 of 15/07/2022): the basis of every proposal and decision.
LAW_BASIS = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"


# Opening and proposing ------------------------------------------------------------------


@transaction.atomic
def open_round(unit: Unit, year: int, proposals_due: date | None, by=None) -> Round:
    """A unit's round for `year`, with the candidates the evidence supports proposed."""
    if Round.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("A commendation round for this year is already open. Open it from the list.")
        )
    round_ = Round.objects.create(
        unit=unit,
        year=year,
        proposals_due=proposals_due,
        created_by=by if getattr(by, "pk", None) else None,
    )
    refresh(round_)
    return round_


def refresh(round_: Round, today: date | None = None) -> int:
    """Propose the eligible candidates not proposed yet and update the evidence of the
    proposals still being prepared; a proposal the secretariat removed is proposed again
    only if they add it back. Returns how many were added."""
    found = evidence.candidates(round_.unit, round_.year, today)
    existing = {p.key: p for p in round_.proposals.all()}
    round_.refresh_from_db(fields=["removed_keys"])
    removed = set(round_.removed_keys)
    default = awards.default_for(round_.unit).code
    added = []
    for candidate in found:
        proposal = existing.get(candidate.key)
        if proposal is not None:
            if proposal.is_draft and (proposal.evidence, proposal.score) != (
                candidate.sentences,
                candidate.score,
            ):
                Proposal.objects.filter(pk=proposal.pk).update(
                    evidence=candidate.sentences, score=candidate.score
                )
            continue
        if candidate.eligible and candidate.key not in removed:
            added.append(_proposal(round_, candidate, default, from_evidence=True))
    Proposal.objects.bulk_create(added)
    return len(added)


def _proposal(
    round_: Round, candidate, award: str, from_evidence: bool, reason: str = ""
) -> Proposal:
    target = {
        Kind.UNIT: "unit_id",
        Kind.AGENCY: "agency_id",
        Kind.MEMBER: "membership_id",
        Kind.OFFICER: "user_id",
    }[Kind(candidate.kind)]
    return Proposal(
        round=round_,
        kind=candidate.kind,
        name=candidate.name,
        position=candidate.position,
        agency_name=candidate.agency_name,
        award=award,
        reason=reason or default_reason(round_),
        from_evidence=from_evidence,
        score=candidate.score,
        evidence=candidate.sentences,
        **{target: candidate.target_id},
    )


def default_reason(round_: Round) -> str:
    return (
        "Đã có thành tích xuất sắc trong công tác vì sự tiến bộ của phụ nữ và bình đẳng giới "
        f"năm {round_.year}"
    )


def candidates_to_add(round_: Round, found: list | None = None) -> list:
    """The candidates not proposed in the round, for adding one by hand."""
    found = found if found is not None else evidence.candidates(round_.unit, round_.year)
    taken = {p.key for p in round_.proposals.all()}
    return [c for c in found if c.key not in taken]


@transaction.atomic
def add_proposal(round_: Round, key: str, award: str, reason: str) -> Proposal:
    """A candidate proposed by hand, eligible or not, with its evidence."""
    candidate = next((c for c in candidates_to_add(round_) if c.key == key), None)
    if candidate is None:
        raise ValidationError(
            _("This candidate is already proposed or is not a candidate of this round.")
        )
    proposal = _proposal(round_, candidate, award, from_evidence=False, reason=reason)
    proposal.save()
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if key in round_.removed_keys:
        round_.removed_keys = [k for k in round_.removed_keys if k != key]
        round_.save(update_fields=["removed_keys"])
    return proposal


def save_proposal(form) -> Proposal:
    """The proposal form's changes (a VersionedForm: a stale edit raises StaleEdit); run
    inside lib.versioning.save_unless_stale."""
    locked = Proposal.objects.select_for_update().get(pk=form.instance.pk)
    if not locked.is_draft:
        raise ValidationError(str(NOT_DRAFT))
    return form.save()


@transaction.atomic
def remove_proposal(proposal: Proposal, version: int) -> None:
    """Remove a proposal being prepared; a refresh does not propose it again."""
    claimed = Proposal.objects.filter(
        pk=proposal.pk, version=version, status=ProposalStatus.DRAFT
    ).update(version=F("version") + 1)
    if not claimed:
        proposal.refresh_from_db()
        raise ValidationError(str(NOT_DRAFT if not proposal.is_draft else STALE))
    round_ = Round.objects.select_for_update().get(pk=proposal.round_id)
    round_.removed_keys = sorted({*round_.removed_keys, proposal.key})
    round_.save(update_fields=["removed_keys"])
    proposal.delete()


# Sending up ---------------------------------------------------------------------------------


def deciding_unit(round_: Round, award: str) -> Unit:
    """The unit whose chair (or minister) decides `award` for the round: the round's unit
    or the one just above it."""
    level = awards.BY_CODE[award].level
    unit = round_.unit
    if unit.level == level:
        return unit
    if unit.parent_id is not None and unit.parent.level == level:
        return unit.parent
    raise ValidationError(_("No unit above this one decides this form of award."))


@transaction.atomic
def send(round_: Round, by=None) -> list[Submission]:
    """Draft a Tờ trình for each form of award among the proposals being prepared (or take
    the draft already started), linking the proposals to it. They are sent when it is issued."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    drafts = list(round_.proposals.filter(status=ProposalStatus.DRAFT))
    if not drafts:
        raise ValidationError(_("There is no proposal being prepared to send."))
    by_award: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in drafts:
        by_award[proposal.award].append(proposal)
    has_committee = Committee.objects.filter(unit=round_.unit_id).exists()
    submissions = []
    for award, proposals in sorted(by_award.items()):
        submission = round_.submissions.filter(award=award, sent=False).first()
        if submission is None:
            decider = deciding_unit(round_, award)
            document = issuing.create(
                round_.unit,
                purpose=Purpose.COMMENDATION_PROPOSAL,
                doc_type=DocType.SUBMISSION,
                subject=f"đề nghị tặng {awards.BY_CODE[award].name} năm {round_.year}"[:500],
                by=by,
                issuer_body=IssuerBody.COMMITTEE if has_committee else IssuerBody.PEOPLES_COMMITTEE,
                params={"round": round_.pk, "award": award},
                addressees=[decider] if decider.pk != round_.unit_id else [],
            )
            submission = Submission.objects.create(
                round=round_, deciding_unit=decider, award=award, proposal_document=document
            )
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(submission=submission)
        submissions.append(submission)
    return submissions


def _author(unit: Unit, issuer_body: str) -> str:
    if issuer_body == IssuerBody.COMMITTEE:
        committee = Committee.objects.filter(unit=unit).first()
        if committee is not None:
            return committee.name
    return unit.body_name()


def _chair_of(unit: Unit) -> str:
    """Who decides, as "Kính gửi" names them."""
    if unit.level == 0:
        return "Bộ trưởng"
    return f"Chủ tịch {unit.body_name()}"


def _listed(document: IssuedDocument, round_: Round, award: str) -> list[Proposal]:
    """The proposals a Tờ trình lists: those linked to its submission (sent or still being
    prepared); while it is first drafted, the round's proposals being prepared for `award`."""
    submission = (
        Submission.objects.filter(proposal_document=document).first() if document.pk else None
    )
    if submission is None:
        proposals = round_.proposals.filter(status=ProposalStatus.DRAFT, award=award)
    else:
        proposals = submission.proposals.all()
    return list(proposals.order_by("kind", "-score", "name", "pk"))


def proposal_document(document: IssuedDocument) -> dict:
    """The Tờ trình's words: the round, the collectives and the individuals proposed, each
    with what they are commended for and the evidence, and the request to decide."""
    round_ = Round.objects.select_related("unit__parent").get(pk=document.params["round"])
    award = awards.BY_CODE[document.params["award"]]
    decider = deciding_unit(round_, award.code)
    content = builders.base(document)
    if not (content.get("signer") or {}).get("name"):
        content["signer"] = {**(content.get("signer") or {}), "name": None}
    author = _author(round_.unit, document.issuer_body)
    content["recipients_to"] = [_chair_of(decider)]
    proposals = _listed(document, round_, award.code)
    collectives = [p for p in proposals if p.is_collective]
    people = [p for p in proposals if not p.is_collective]
    content["preamble"] = []
    intro = (
        f"{LAW_BASIS}; căn cứ kết quả thực hiện công tác vì sự tiến bộ của phụ nữ và bình đẳng "
        f"giới năm {round_.year}, {author} kính trình {_chair_of(decider)} xem xét, tặng "
        f"{award.name} cho {len(collectives)} tập thể và {len(people)} cá nhân như sau:"
    )
    sections = [new_section(None, None, paragraphs=[intro])]
    for label, title, group in (("I", "TẬP THỂ", collectives), ("II", "CÁ NHÂN", people)):
        if not group:
            continue
        part = new_section(label, title)
        part["children"] = [
            new_section(
                str(index),
                None,
                paragraphs=[f"{_named(p)}: {p.reason.strip().rstrip('.')}.", *p.evidence],
            )
            for index, p in enumerate(group, start=1)
        ]
        sections.append(part)
    sections.append(
        new_section(
            None,
            None,
            paragraphs=[f"Kính trình {_chair_of(decider)} xem xét, quyết định./."],
        )
    )
    content["sections"] = sections
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def _named(proposal: Proposal) -> str:
    if proposal.is_collective:
        return proposal.name
    parts = [proposal.name, proposal.position, proposal.agency_name]
    return ", ".join(part for part in parts if part)


def submission_issued(sender=None, document: IssuedDocument | None = None, **kwargs) -> None:
    """issuing.services.document_issued: a Tờ trình issued sends its proposals, their
    evidence frozen as it stands that day, and tells the deciding unit's secretariat; a
    decision issued records its awards (`decision_issued`)."""
    if document is None:
        return
    if document.purpose == Purpose.COMMENDATION_DECISION:
        decision_issued(document)
        return
    if document.purpose != Purpose.COMMENDATION_PROPOSAL:
        return
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round__unit", "deciding_unit")
        .filter(proposal_document=document)
        .first()
    )
    if submission is None:
        return
    round_ = submission.round
    found = {c.key: c for c in evidence.candidates(round_.unit, round_.year)}
    for proposal in submission.proposals.filter(status=ProposalStatus.DRAFT):
        candidate = found.get(proposal.key)
        if candidate is not None:
            proposal.send(submission, candidate.sentences, candidate.score)
        else:
            proposal.send(submission, proposal.evidence, proposal.score)
    submission.sent = True
    submission.save(update_fields=["sent"])
    notify(
        access.people_to_tell(units=[submission.deciding_unit]),
        NotificationKind.COMMENDATION,
        in_vietnamese(
            gettext_lazy("%(unit)s proposes commendations for %(year)s for your decision"),
            unit=_author(round_.unit, document.issuer_body),
            year=round_.year,
        ),
        reverse("commendations:submission", args=[submission.pk]),
    )


# Deciding -----------------------------------------------------------------------------------


@transaction.atomic
def decide(proposal: Proposal, approve: bool, reason: str, version: int) -> None:
    proposal.refresh_from_db(fields=["submission", "status"])
    submission = Submission.objects.select_for_update().filter(pk=proposal.submission_id).first()
    if submission is None or not submission.sent:
        raise ValidationError(_("Only a proposal sent for decision can be approved or refused."))
    if (
        submission.decided
        or submission.decision_id is not None
        and (submission.decision.status != DocumentStatus.DRAFT)
    ):
        raise ValidationError(_("The decision on these proposals has been issued."))
    claimed = Proposal.objects.filter(pk=proposal.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ValidationError(str(STALE))
    proposal.version = version + 1
    proposal.decide(approve, reason)
    statuses = set(submission.proposals.values_list("status", flat=True))
    if statuses == {ProposalStatus.REFUSED}:
        # Nothing to decide in a QĐ: the round is closed here and its committee told.
        submission.decided = True
        submission.save(update_fields=["decided"])
        _tell_outcome(submission, approved=0)


def _tell_outcome(submission: Submission, approved: int) -> None:
    round_ = submission.round
    notify(
        access.people_to_tell(units=[round_.unit]),
        NotificationKind.COMMENDATION,
        in_vietnamese(
            gettext_lazy(
                "The decision on your commendations for %(year)s has been issued: %(approved)s of %(total)s approved"
            )
            if approved
            else gettext_lazy("None of your commendation proposals for %(year)s was approved"),
            year=round_.year,
            approved=approved,
            total=submission.proposals.count(),
        ),
        reverse("commendations:detail", args=[round_.pk]),
    )


def draft_decision(submission: Submission, by=None) -> IssuedDocument:
    """The draft of the QĐ khen thưởng of the deciding unit's People's Committee chair, or
    the draft already started."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.decision_id is not None:
            if submission.decision.status == DocumentStatus.DRAFT:
                return submission.decision
            raise ValidationError(_("The decision on these proposals has been issued."))
        statuses = list(submission.proposals.values_list("status", flat=True))
        if not submission.sent:
            raise ValidationError(_("These proposals have not been sent yet."))
        if ProposalStatus.SENT in statuses:
            raise ValidationError(
                _("Approve or refuse every proposal before drafting the decision.")
            )
        if ProposalStatus.APPROVED not in statuses:
            raise ValidationError(
                _(
                    "No proposal is approved, so there is no decision to draft. The proposing committee sees the reasons."
                )
            )
        round_ = submission.round
        document = issuing.create(
            submission.deciding_unit,
            purpose=Purpose.COMMENDATION_DECISION,
            doc_type=DocType.DECISION,
            subject=f"tặng {submission.award_form.name} năm {round_.year}"[:500],
            by=by,
            issuer_body=IssuerBody.PEOPLES_COMMITTEE,
            params={"submission": submission.pk},
            addressees=[round_.unit] if round_.unit_id != submission.deciding_unit_id else [],
        )
        submission.decision = document
        submission.save(update_fields=["decision"])
        return document


def decision_document(document: IssuedDocument) -> dict:
    """The decision's words: its bases, Article 1 with the list of the collectives and
    individuals awarded, who carries it out."""
    submission = Submission.objects.select_related("round__unit", "proposal_document").get(
        pk=document.params["submission"]
    )
    round_, award = submission.round, submission.award_form
    unit = document.unit
    content = builders.base(document)
    if not (content.get("signer") or {}).get("name"):
        content["signer"] = {**(content.get("signer") or {}), "name": None}
    content["authority"] = (
        "BỘ TRƯỞNG" if unit.level == 0 else f"CHỦ TỊCH {unit.body_name().upper()}"
    )
    proposal_doc = submission.proposal_document
    proposed_by = _author(round_.unit, proposal_doc.issuer_body)
    reference = (
        f"tại Tờ trình số {proposal_doc.number_and_symbol} ngày {proposal_doc.issued_on:%d/%m/%Y}"
        if proposal_doc.issued_on
        else ""
    )
    content["preamble"] = [
        f"{LAW_BASIS};",
        f"Xét đề nghị của {proposed_by} {reference}".strip() + ".",
    ]
    approved = list(
        submission.proposals.filter(status=ProposalStatus.APPROVED).order_by(
            "kind", "-score", "name"
        )
    )
    collectives = [p for p in approved if p.is_collective]
    people = [p for p in approved if not p.is_collective]
    article_1 = new_section(
        "Điều 1",
        None,
        paragraphs=[
            f"Tặng {award.name} cho {len(collectives)} tập thể và {len(people)} cá nhân đã có "
            f"thành tích xuất sắc trong công tác vì sự tiến bộ của phụ nữ và bình đẳng giới năm "
            f"{round_.year}, gồm:"
        ],
    )
    children = []
    for title, group in (("Tập thể", collectives), ("Cá nhân", people)):
        if not group:
            continue
        part = new_section(None, None, paragraphs=[f"{title}:"])
        part["children"] = [
            new_section(
                str(index), None, paragraphs=[f"{_named(p)}: {p.reason.strip().rstrip('.')}."]
            )
            for index, p in enumerate(group, start=1)
        ]
        children.append(part)
    article_1["children"] = children
    content["sections"] = [
        article_1,
        new_section("Điều 2", None, paragraphs=["Quyết định này có hiệu lực kể từ ngày ký."]),
        new_section(
            "Điều 3",
            None,
            paragraphs=[
                f"Chánh Văn phòng {unit.body_name()}, {proposed_by}, thủ trưởng các cơ quan, "
                "đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách "
                "nhiệm thi hành Quyết định này./."
            ],
        ),
    ]
    content["recipients"] = ["Như Điều 3", "Lưu: VT"]
    return content


def decision_issued(document: IssuedDocument) -> None:
    """The decision issued: each approved proposal becomes an award on the collective's or
    person's history, and the proposing committee is told the outcome."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round__unit")
        .filter(decision=document)
        .first()
    )
    if submission is None or submission.decided:
        return
    round_ = submission.round
    proposals = list(submission.proposals.all())
    Award.objects.bulk_create(
        [
            Award(
                proposal=p,
                decision=document,
                award=p.award,
                year=round_.year,
                unit_id=p.unit_id,
                agency_id=p.agency_id,
                membership_id=p.membership_id,
                name=p.name,
                reason=p.reason,
            )
            for p in proposals
            if p.status == ProposalStatus.APPROVED
        ]
    )
    submission.decided = True
    submission.save(update_fields=["decided"])
    _tell_outcome(submission, approved=sum(p.status == ProposalStatus.APPROVED for p in proposals))


def awards_of(unit: Unit):
    """The unit page's awards (the unit, its agencies, its committee's members)."""
    return Award.objects.of_unit(unit).select_related("decision")
