"""A gender review from the draft received to the outcome in the adopted text (models.py
says what a review is).

- `receive` records a draft sent for the committee's opinion, with its file;
- `save_checklist`, `add_finding`, `save_finding`, `delete_finding` are the reviewer's work
  while the review is open; the first answer or finding starts the review;
- `draft_opinion` starts the official letter (vstb/issuing) from the checklist and the
  findings (`opinion_letter`, registered as the builder of Purpose.REVIEW_OPINION, so that
  issuing writes it again from the review unless the clerk corrected it);
- `opinion_issued` (connected to issuing's `document_issued`) moves the review on and tells
  the drafting agency's focal points;
- `record_outcome` records how the adopted text took the opinion up, finding by finding;
- `reviews_in_period` counts them for a report.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vstb import access
from vstb.issuing import builders
from vstb.issuing import services as issuing
from vstb.issuing.models import DocType, DocumentStatus, IssuedDocument, Purpose
from vstb.notifications.models import Kind
from vstb.notifications.services import in_vietnamese, notify
from vstb.org.models import Agency, Committee, Unit
from vstb.plans.models import IssuerBody
from vstb.reporting.models import Figure
from vstb.reviews.criteria import CRITERIA, Answer
from vstb.reviews.models import (
    ANSWERED,
    CriterionAnswer,
    DraftReview,
    Finding,
    Outcome,
    ReviewStatus,
)

STALE_REVIEW = gettext_lazy(
    "Someone else saved this review while you were working on it, so your changes were not saved. Open the review again to see theirs, then make yours."
)


CLOSED = gettext_lazy(
    "The opinion on this draft has been issued, so its checklist and findings can no longer be changed. Record how the adopted text took them up instead."
)


def _closed() -> ValidationError:
    return ValidationError(str(CLOSED))


# Receiving ----------------------------------------------------------------------------------


@transaction.atomic
def receive(
    unit: Unit, fields: dict, upload, sniffed: tuple[str, str], file_name: str, by=None
) -> DraftReview:
    """A draft received for the committee's opinion. `fields` are the review's fields
    (drafting agency or body, kind, title, dates, reviewer); `upload` is the draft's file,
    already checked (forms.check_draft_file), `sniffed` its (content type, extension) and
    `file_name` the name it is downloaded under."""
    content_type, extension = sniffed
    review = DraftReview(
        unit=unit,
        created_by=by if getattr(by, "pk", None) else None,
        draft_file_name=file_name,
        draft_content_type=content_type,
        draft_size=upload.size,
        **fields,
    )
    review.full_clean(exclude=["draft_file"])
    review.draft_file.save(f"draft.{extension}", upload, save=False)
    try:
        review.save()
    except Exception:
        review.draft_file.delete(save=False)  # no file without its review
        raise
    return review


# The reviewer's work ------------------------------------------------------------------------


def _claim(review: DraftReview, version: int) -> None:
    """Take the review's version the form showed (a conditional UPDATE that also locks the
    row until the transaction ends); refuse when someone saved it meanwhile or the opinion
    went out."""
    claimed = DraftReview.objects.filter(pk=review.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ValidationError(STALE_REVIEW, code="stale")
    review.version = version + 1


@transaction.atomic
def save_checklist(review: DraftReview, answers: dict[str, tuple[str, str]], version: int) -> None:
    """The checklist's answers by criterion code: (answer, note); a criterion left without an
    answer is removed."""
    _claim(review, version)
    review.refresh_from_db(fields=["status"])
    if not review.is_open:
        raise _closed()
    existing = {a.code: a for a in review.answers.all()}
    for criterion in CRITERIA:
        answer, note = answers.get(criterion.code, ("", ""))
        row = existing.get(criterion.code)
        if not answer:
            if row is not None:
                row.delete()
            continue
        row = row or CriterionAnswer(review=review, code=criterion.code)
        if (row.answer, row.note) != (answer, note.strip()) or row.pk is None:
            row.answer, row.note = answer, note.strip()
            row.save()
    if answers:
        review.start_review()


@transaction.atomic
def add_finding(review: DraftReview, reference: str, finding: str, recommendation: str) -> Finding:
    locked = DraftReview.objects.select_for_update().get(pk=review.pk)
    if not locked.is_open:
        raise _closed()
    last = review.findings.aggregate(last=Max("order"))["last"] or 0
    added = Finding.objects.create(
        review=review,
        order=last + 1,
        reference=reference.strip(),
        finding=finding.strip(),
        recommendation=recommendation.strip(),
    )
    review.status = locked.status
    review.start_review()
    return added


def save_finding(form) -> Finding:
    """A finding's changes from its form (VersionedForm: a stale edit raises StaleEdit). Run
    inside lib.versioning.save_unless_stale."""
    finding = form.instance
    if not DraftReview.objects.select_for_update().get(pk=finding.review_id).is_open:
        raise _closed()
    return form.save()


@transaction.atomic
def delete_finding(finding: Finding) -> None:
    if not DraftReview.objects.select_for_update().get(pk=finding.review_id).is_open:
        raise _closed()
    finding.delete()


# The opinion letter -------------------------------------------------------------------------


def _author(unit: Unit, issuer_body: str) -> str:
    """Who gives the opinion, as the letter's sentences name it."""
    if issuer_body == IssuerBody.COMMITTEE:
        committee = Committee.objects.filter(unit=unit).first()
        if committee is not None:
            return committee.name
    return unit.body_name()


def draft_opinion(review: DraftReview, by=None) -> IssuedDocument:
    """The draft of the opinion letter (a công văn "V/v góp ý dự thảo …" to the drafting
    agency), or the draft already started. Issued by the committee where the unit has one
    (its own number series, Decree 30/2020/NĐ-CP, Appendix I, II.3.a), else by the People's
    Committee."""
    with transaction.atomic():
        review = DraftReview.objects.select_for_update().get(pk=review.pk)
        if review.opinion_id is not None:
            if review.opinion.status == DocumentStatus.DRAFT:
                return review.opinion
            raise ValidationError(_("This review's opinion has already been issued."))
        if not review.is_open:
            raise _closed()
        if not review.answers.exists() and not review.findings.exists():
            raise ValidationError(
                _("Answer the checklist or write a finding before drafting the opinion letter.")
            )
        has_committee = Committee.objects.filter(unit=review.unit_id).exists()
        drafting = review.drafting_agency
        # A drafting agency of a unit above receives the letter in its unit's inbox; one of
        # the unit itself is told directly (opinion_issued), as is a body outside VSTB by post.
        addressees = [drafting.unit] if drafting and drafting.unit_id != review.unit_id else []
        document = issuing.create(
            review.unit,
            purpose=Purpose.REVIEW_OPINION,
            doc_type=DocType.LETTER,
            subject=f"góp ý {review.draft_name}"[:500],
            by=by,
            issuer_body=IssuerBody.COMMITTEE if has_committee else IssuerBody.PEOPLES_COMMITTEE,
            params={"review": review.pk},
            addressees=addressees,
        )
        review.opinion = document
        review.save(update_fields=["opinion"])
        return document


def opinion_letter(document: IssuedDocument) -> dict:
    """The letter's words: "Kính gửi" the drafting agency; the draft received; the general
    assessment from the checklist; the findings article by article with what is asked;
    "Trân trọng./." (issuing.builders: a builder reads, never writes)."""
    review = DraftReview.objects.select_related("unit", "drafting_agency").get(
        pk=document.params["review"]
    )
    content = builders.base(document)
    signer = content.get("signer") or {}
    if not signer.get("name"):
        # A unit whose committee has no chair yet: the clerk types the signer in the draft
        # (builders.signer gives "", which the schema refuses; null is "not known").
        content["signer"] = {**signer, "name": None}
    author = _author(review.unit, document.issuer_body)
    drafting = review.drafting_name
    content["recipients_to"] = [drafting]
    content["preamble"] = [
        f"{author} nhận được {review.draft_name} do {drafting} gửi xin ý kiến ngày "
        f"{review.received_on:%d/%m/%Y}. Sau khi nghiên cứu dự thảo, {author} có ý kiến góp ý "
        "về lồng ghép vấn đề bình đẳng giới như sau:"
    ]
    sections = []
    general = assessment(review)
    if general:
        sections.append(_section("Đánh giá chung", general))
    findings = list(review.findings.all())
    if findings:
        part = _section("Ý kiến cụ thể", [])
        part["children"] = [
            {
                "label": "-",
                "title": None,
                "kind": "other",
                "paragraphs": _finding_lines(finding),
                "children": [],
            }
            for finding in findings
        ]
        sections.append(part)
    for number, section in enumerate(sections, start=1):
        section["label"] = str(number)
    sections.append(
        {
            "label": None,
            "title": None,
            "kind": "other",
            "paragraphs": [
                f"Trên đây là ý kiến góp ý của {author} đối với {review.draft_name}, đề nghị "
                f"{drafting} nghiên cứu, tiếp thu, hoàn thiện dự thảo.",
                "Trân trọng./.",
            ],
            "children": [],
        }
    )
    content["sections"] = sections
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def assessment(review: DraftReview) -> list[str]:
    """The checklist as the letter's sentences, in the order of the criteria; a note the
    reviewer wrote follows its sentence; "not applicable" says nothing."""
    answers = {a.code: a for a in review.answers.all()}
    lines = []
    for criterion in CRITERIA:
        answer = answers.get(criterion.code)
        if answer is None or answer.answer == Answer.NOT_APPLICABLE:
            continue
        sentence = criterion.said[answer.answer]
        note = answer.note.strip()
        if note:
            sentence += " " + (note if note.endswith((".", "!", "?")) else f"{note}.")
        lines.append(sentence)
    return lines


def _section(title: str, paragraphs: list[str]) -> dict:
    return {
        "label": None,
        "title": title,
        "kind": "other",
        "paragraphs": paragraphs,
        "children": [],
    }


def _finding_lines(finding: Finding) -> list[str]:
    text = finding.finding.strip()
    first = f"{finding.reference}: {text}" if finding.reference else text
    lines = [first]
    if finding.recommendation.strip():
        lines.append(f"Đề nghị: {finding.recommendation.strip()}")
    return lines


def opinion_issued(sender=None, document: IssuedDocument | None = None, **kwargs) -> None:
    """issuing.services.document_issued: an opinion letter issued moves its review on and
    tells the drafting agency's focal points (inside the issuing transaction)."""
    if document is None or document.purpose != Purpose.REVIEW_OPINION:
        return
    # Only the review's row is locked: PostgreSQL refuses FOR UPDATE on the nullable side of
    # the outer join a select_related of the (optional) drafting agency would add.
    review = (
        DraftReview.objects.select_for_update(of=("self",))
        .filter(pk=document.params.get("review"))
        .select_related("drafting_agency")
        .first()
    )
    if review is None:
        return
    review.opinion_issued(document)
    if review.drafting_agency_id:
        notify(
            access.people_to_tell(agencies=[review.drafting_agency]),
            Kind.DOCUMENT_RECEIVED,
            in_vietnamese(
                gettext_lazy("%(unit)s has sent its opinion on %(draft)s"),
                unit=_author(document.unit, document.issuer_body),
                draft=review.draft_name,
            ),
            reverse("issuing:detail", args=[document.pk]),
        )


# Follow-up ----------------------------------------------------------------------------------


@transaction.atomic
def record_outcome(
    review: DraftReview,
    *,
    outcome: str,
    reference: str,
    adopted_on: date,
    taken_up: dict[int, str],
    version: int,
) -> None:
    """How the adopted text took the opinion up: overall, and for each finding (by pk)."""
    _claim(review, version)
    review.refresh_from_db(fields=["status", "opinion"])
    findings = {f.pk: f for f in review.findings.all()}
    unknown = set(taken_up) - set(findings)
    if unknown:
        raise ValidationError(_("Some findings are not of this review. Open the review again."))
    review.record_outcome(outcome, reference.strip(), adopted_on)
    for pk, value in taken_up.items():
        if findings[pk].taken_up != value:
            Finding.objects.filter(pk=pk).update(taken_up=value, version=F("version") + 1)


# Counting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewCounts:
    """What a unit's committee did on drafts in a period: each number counts what happened
    in the period (a draft received in March whose opinion went out in April counts as
    received in March and answered in April)."""

    received: int
    opinions_issued: int
    taken_up: int
    partly: int
    not_taken_up: int

    @property
    def outcomes(self) -> int:
        return self.taken_up + self.partly + self.not_taken_up


def counts(reviews, start: date, end: date) -> ReviewCounts:
    """The counts of `reviews` (a queryset) from `start` to `end`, both included, in one
    query."""
    issued = Q(status__in=ANSWERED, opinion__issued_on__range=(start, end))
    adopted = Q(status=ReviewStatus.OUTCOME_RECORDED, adopted_on__range=(start, end))
    figures = reviews.aggregate(
        received=Count("pk", filter=Q(received_on__range=(start, end))),
        opinions_issued=Count("pk", filter=issued),
        taken_up=Count("pk", filter=adopted & Q(outcome=Outcome.TAKEN_UP)),
        partly=Count("pk", filter=adopted & Q(outcome=Outcome.PARTLY)),
        not_taken_up=Count("pk", filter=adopted & Q(outcome=Outcome.NOT_TAKEN_UP)),
    )
    return ReviewCounts(**figures)


def reviews_in_period(unit: Unit, start: date, end: date) -> ReviewCounts:
    """For a report of `unit`: drafts received, opinions issued, and adopted texts that took
    the opinion up fully, partly or not, from `start` to `end`. The unit's own reviews only:
    the levels above add up the reports of the units below."""
    return counts(DraftReview.objects.filter(unit=unit), start, end)


def drafting_agencies(unit: Unit):
    """The agencies a draft may come from: the unit's and those of the units above it."""
    return (
        Agency.objects.filter(unit_id__in=[unit.pk, *unit.ancestor_ids], active=True)
        .select_related("unit")
        .order_by("unit__level", "name")
    )


def report_counts(report) -> dict[str, int]:
    """A unit's own report's figures counted from its reviews in the report's window (up to
    today): drafts received, opinions issued, opinions taken up fully or in part. An agency's
    report counts none: its reviews are the unit's."""
    if report.unit_id is None:
        return {}
    requirement = report.requirement
    last = min(requirement.window_end, timezone.localdate())
    found = reviews_in_period(report.unit, requirement.window_start, last)
    return {
        Figure.Source.DRAFTS_REVIEWED: found.received,
        Figure.Source.OPINIONS_ISSUED: found.opinions_issued,
        Figure.Source.OPINIONS_TAKEN_UP: found.taken_up + found.partly,
    }
