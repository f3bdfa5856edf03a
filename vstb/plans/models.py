"""Plans (Kế hoạch) and work programmes (Chương trình công tác), their body and their tasks.

A plan is a Vietnamese official document (vstb.plan/1, see vstb/documents/plan_schema.py)
owned by a unit. Its status runs draft → issued → closed, only through the transition
methods; issuing takes the next number of the issuer's yearly register and freezes it.
"""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vstb.lib.search import Searchable, SearchableQuerySet
from vstb.lib.stamps import Stamped
from vstb.lib.text import fold
from vstb.lib.versioning import Versioned
from vstb.org.models import Agency, Unit

# Characters of the subject kept in a download's file name: enough to recognise it.
SUBJECT_IN_FILE_NAME = 80


class PlanKind(models.TextChoices):
    # Decree 30/2020/NĐ-CP, Appendix III: abbreviations of document types.
    PLAN = "KH", _("Plan (Kế hoạch)")
    PROGRAMME = "CTr", _("Work programme (Chương trình)")


TITLE_OF_KIND = {PlanKind.PLAN: "KẾ HOẠCH", PlanKind.PROGRAMME: "CHƯƠNG TRÌNH"}


class IssuerBody(models.TextChoices):
    COMMITTEE = "committee", _("The committee (Ban VSTBPN)")
    PEOPLES_COMMITTEE = "ubnd", _("The People's Committee (UBND)")


# Issuer codes in the number and symbol (Decree 30, Appendix III: "Số: 02/CTr-BVSTBPN").
ISSUER_CODE = {IssuerBody.COMMITTEE: "BVSTBPN", IssuerBody.PEOPLES_COMMITTEE: "UBND"}


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


class PlanQuerySet(SearchableQuerySet):
    def issued(self):
        return self.filter(status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])


class Plan(Searchable):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(
        _("kind"), max_length=4, choices=PlanKind.choices, default=PlanKind.PLAN
    )
    issuer_body = models.CharField(
        _("issued by"),
        max_length=12,
        choices=IssuerBody.choices,
        default=IssuerBody.PEOPLES_COMMITTEE,
    )
    issuer_parent = models.CharField(
        _("parent body (header, first line)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG; leave empty if none."),
    )
    issuer_name = models.CharField(
        _("issuing body (header, second line)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    # The year of the register the number was taken from: the year of issue, which may
    # differ from the year the plan covers (a 2026 plan issued in December 2025).
    register_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True, help_text=_("E.g. KH-UBND."))
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    preamble = models.JSONField(_("opening paragraphs"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    signer_lines = models.JSONField(_("signer's authority and position"), default=list, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    # Dated obligations and named campaigns, as vstb.plan/1 lists; reporting and the
    # calendar read them.
    deadlines = models.JSONField(_("deadlines"), default=list, blank=True)
    events = models.JSONField(_("events"), default=list, blank=True)
    parent_plan = models.ForeignKey(
        "self",
        verbose_name=_("plan implemented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived_plans",
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        editable=False,
    )
    # Optimistic locking: every save of the draft bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The file an imported plan came from, kept with it (served through an access check).
    source_file = models.FileField(upload_to="imports/%Y/", max_length=300, blank=True)
    source_name = models.CharField(max_length=255, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "-issued_on", "-pk"]
        indexes = [
            # Plan list: one unit's plans of a year.
            models.Index(fields=["unit", "year"], name="plan_unit_year_idx"),
        ]
        constraints = [
            # Decree 30/2020/NĐ-CP, Appendix I (số của văn bản): one number per issuer and year.
            models.UniqueConstraint(
                fields=["unit", "issuer_body", "register_year", "number"],
                condition=Q(number__isnull=False),
                name="plan_number_unique_per_register",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_and_symbol or ''} – {self.subject}".strip()

    def searchable_parts(self) -> list:
        return [self.subject, self.symbol, self.place]

    @property
    def title(self) -> str:
        return TITLE_OF_KIND[self.kind]

    @property
    def number_text(self) -> str | None:
        # Decree 30, Appendix I, part I.3: numbers below 10 take a leading zero.
        return f"{self.number:02d}" if self.number is not None else None

    @property
    def number_and_symbol(self) -> str:
        return (
            f"{self.number_text or ''}/{self.symbol}" if self.symbol else (self.number_text or "")
        )

    @property
    def file_stem(self) -> str:
        """The plan's downloads are named by its number, symbol and subject
        ("12-KH-UBND-thuc-hien-cong-tac-binh-dang-gioi-nam-2026"), a draft "du-thao-…";
        never by a unit's code."""
        symbol = re.sub(r"[^A-Za-z0-9-]", "", self.symbol.replace("Đ", "D"))
        subject = slugify(fold(self.subject))[:SUBJECT_IN_FILE_NAME].rstrip("-")
        parts = [self.number_text or "du-thao", symbol, subject]
        return "-".join(part for part in parts if part)

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def in_force_on(self) -> date:
        """The day whose units the plan addresses: its date of issue, or 1 January of its year
        when it was issued before the year began (a 2026 plan issued in December 2025 is
        carried out by the units of 2026). A unit that had ceased by then (Quận Long Biên
        after 1/7/2025) is no lower unit of it."""
        start = date(self.year, 1, 1)
        return max(self.issued_on, start) if self.issued_on else start

    def default_symbol(self) -> str:
        return f"{self.kind}-{ISSUER_CODE[self.issuer_body]}"

    def issue_problems(self) -> list[str]:
        """What stops the plan from being issued, as sentences for the user."""
        problems = []
        # Decree 30/2020/NĐ-CP, Appendix I, II.2: every document names its issuing body.
        if not self.issuer_name.strip():
            problems.append(_("Enter the issuing body (tên cơ quan ban hành) before issuing."))
        if not self.subject.strip():
            problems.append(_("Enter the subject (trích yếu) before issuing."))
        if not self.signer_name.strip() or not self.signer_lines:
            problems.append(_("Enter the signer's position and name before issuing."))
        if not self.place.strip():
            problems.append(_("Enter the place for the date line before issuing."))
        return [str(p) for p in problems]

    @transaction.atomic  # the plan issued and its hand-off: both or neither
    def issue(self, on: date | None = None, number: int | None = None, by=None):
        """Draft → issued: take a number of the issuer's register and freeze the plan, then
        tell the lower units and agencies it gives tasks to (and the parent plan's unit).

        `number` is the one the records office (văn thư) gave, when the issuer's register is
        kept outside VSTB; otherwise the register's next number is taken. Returns who was
        told (notifications.services.Told).
        """
        with transaction.atomic():
            locked = Plan.objects.select_for_update().get(pk=self.pk)
            if locked.status != PlanStatus.DRAFT:
                raise ValidationError(
                    _("Only a draft can be issued; this plan has already been issued.")
                )
            problems = locked.issue_problems()
            if problems:
                raise ValidationError(problems)
            self.issued_on = on or timezone.localdate()
            self.register_year = self.issued_on.year
            self.number = NumberRegister.take(
                self.unit, self.issuer_body, self.register_year, number
            )
            if not self.symbol:
                self.symbol = self.default_symbol()
            self.status = PlanStatus.ISSUED
            self.version = locked.version + 1
            Plan.objects.filter(pk=self.pk).update(
                issued_on=self.issued_on,
                number=self.number,
                symbol=self.symbol,
                register_year=self.register_year,
                status=self.status,
                version=self.version,
                updated_at=timezone.now(),
            )
        return self._tell_issued(by)

    @transaction.atomic  # the plan issued and its hand-off: both or neither
    def record_as_issued(self, number: int | None, on: date | None, by=None):
        """Draft → issued for a plan imported with its original number (it is not re-numbered)."""
        if self.status != PlanStatus.DRAFT:
            raise ValidationError(
                _("Only a draft can be issued; this plan has already been issued.")
            )
        year = on.year if on else None
        with transaction.atomic():
            if number is not None and year is not None:
                # The original number enters the register, which refuses one already taken
                # (Decree 30/2020, Appendix I: one number per issuer and year).
                number = NumberRegister.take(self.unit, self.issuer_body, year, number)
            self.number, self.issued_on, self.status = number, on, PlanStatus.ISSUED
            self.register_year = year
            self.save(
                update_fields=["number", "issued_on", "register_year", "status", "updated_at"]
            )
        return self._tell_issued(by)

    def _tell_issued(self, by):
        # Notifications sit above plans in the layers: imported where it is used.
        from vstb.notifications import handoffs

        if settings.VSTB_PDF_WHEN_ISSUED:
            from vstb.plans import tasks

            pk = self.pk
            transaction.on_commit(lambda: tasks.prepare_pdf.enqueue(pk))
        return handoffs.plan_issued(self, by)

    def close(self) -> None:
        """Issued → closed, at the end of the plan's year."""
        if self.status != PlanStatus.ISSUED:
            raise ValidationError(_("Only an issued plan can be closed."))
        self.status = PlanStatus.CLOSED
        self.save(update_fields=["status", "updated_at"])


# The models numbered from the register (each with unit, issuer_body, register_year and
# number): a number the records office gives is checked against all of them. Apps above
# plans add theirs when they load (issuing.apps), since plans may not import them.
NUMBERED: list[type[models.Model]] = []


class NumberRegister(models.Model):
    """The issuer's yearly register of outgoing document numbers (sổ đăng ký văn bản đi).

    Decree 30/2020/NĐ-CP, Appendix I (số của văn bản): the number is the order of the
    document among those the issuer issues in one year, so numbering restarts each 1 January;
    a committee with its own seal keeps its own series.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    issuer_body = models.CharField(max_length=12, choices=IssuerBody.choices)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "issuer_body", "year"], name="register_unique_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_issuer_body_display()} {self.year}: {self.last_number}"

    @classmethod
    def take(cls, unit: Unit, issuer_body: str, year: int, number: int | None = None) -> int:
        """The next number, or `number` if it is free; safe under concurrent issuing because
        the register row stays locked until the issuing transaction ends."""
        cls.objects.get_or_create(unit=unit, issuer_body=issuer_body, year=year)
        register = cls.objects.select_for_update().get(
            unit=unit, issuer_body=issuer_body, year=year
        )
        if number is None:
            number = register.last_number + 1
        elif any(
            model.objects.filter(
                unit=unit, issuer_body=issuer_body, register_year=year, number=number
            ).exists()
            for model in NUMBERED
        ):
            raise ValidationError(
                _(
                    "Number %(number)02d is already used this year. Enter the number the records office gave."
                )
                % {"number": number}
            )
        register.last_number = max(register.last_number, number)
        register.save(update_fields=["last_number"])
        return number


NUMBERED.append(Plan)


class Reference(models.Model):
    """A document the plan rests on ("Căn cứ …") or implements ("Thực hiện Kế hoạch số …")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("as written"))
    doc_type = models.CharField(_("type"), max_length=8, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=250, blank=True)
    linked_plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan in VSTB"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referenced_by",
    )

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text


class SectionKind(models.TextChoices):
    PURPOSE = "purpose", _("Purposes and requirements")
    TASKS = "tasks", _("Tasks and contents")
    FUNDING = "funding", _("Funding")
    IMPLEMENTATION = "implementation", _("Implementation arrangements")
    OTHER = "other", _("Other")


class Section(Versioned):
    """One labelled item of the body (I. / 1. / a) / -), with its paragraphs."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)
    label = models.CharField(_("label"), max_length=10, blank=True)
    title = models.CharField(_("heading"), max_length=500, blank=True)
    kind = models.CharField(
        _("part"), max_length=16, choices=SectionKind.choices, default=SectionKind.OTHER
    )
    paragraphs = models.JSONField(_("text"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "parent_id", "order"]
        indexes = [
            # Loading a plan's body in one query, in order.
            models.Index(fields=["plan", "order"], name="section_plan_order_idx"),
        ]

    def __str__(self) -> str:
        return " ".join(
            filter(None, [self.label, self.title or (self.paragraphs[:1] or [""])[0][:80]])
        )

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # A task's words are its section's: searching tasks must find the edited text.
        for task in self.tasks.all():
            task.section = self
            Task.objects.filter(pk=task.pk).update(
                search_text=task.searchable_text(), updated_at=timezone.now()
            )

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


class Theme(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    TRAINING = "training", _("Training and capacity")
    WOMEN_CADRES = "women_cadres", _("Women officials")
    COORDINATION = "coordination", _("Inter-agency coordination")
    INSPECTION = "inspection", _("Inspection and supervision")
    VIOLENCE_PREVENTION = "violence_prevention", _("Violence prevention and support")
    FUNDING = "funding", _("Funding")
    DIGITAL = "digital", _("Digital transformation")
    MAINSTREAMING = "mainstreaming", _("Gender mainstreaming")
    COMMEMORATION = "commemoration", _("Action months and national days")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANNOT_DO = "cannot_do", _("Cannot do")


# How far derived tasks reach below the task they implement: a plan is implemented only by
# units below its own (services.cascade), so from the nation (level 0) to a commune (level 3)
# a chain of derived tasks is at most three links long.
DERIVATION_DEPTH = 3


def derived_chain(depth: int) -> str:
    """The lookup from a derived task to the task `depth` links above it: "parent_task",
    "parent_task__parent_task", …"""
    return "__".join(["parent_task"] * depth)


class TaskQuerySet(SearchableQuerySet):
    def overdue(self, today: date | None = None):
        """Open tasks whose due date, or the end of their period, has passed."""
        today = today or timezone.localdate()
        open_ = self.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANNOT_DO])
        return open_.filter(Q(due__lt=today) | Q(due__isnull=True, period_end__lt=today))


def task_text(paragraphs: list[str], paragraph: int, section_title: str) -> str:
    """A task's text: its paragraph of the section, or the section's title when the task is
    the section itself (Task.text, and the home page's rows read as plain values)."""
    if paragraph < len(paragraphs):
        return paragraphs[paragraph]
    return section_title


def task_overdue(deadline: date | None, status: str, today: date) -> bool:
    """Past its deadline and neither done nor found impossible (Task.is_overdue)."""
    return bool(
        deadline and deadline < today and status not in (TaskStatus.DONE, TaskStatus.CANNOT_DO)
    )


class Task(Searchable, Stamped):
    """A body item that someone must carry out: who leads, who supports, who, by when.

    A task is one paragraph of a section: a "-" item's only paragraph, or one of several
    plain paragraphs of a section (vstb.plan/1 task paths "II.1.-3", "II.4.p2").
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks")
    paragraph = models.PositiveSmallIntegerField(default=0)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    lead = models.ForeignKey(
        Agency,
        verbose_name=_("lead agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    # Names as written in an imported document that match no agency or unit yet.
    lead_name = models.CharField(_("lead (as written)"), max_length=250, blank=True)
    support_names = models.JSONField(default=list, blank=True)
    unit_names = models.JSONField(default=list, blank=True)
    support = models.ManyToManyField(
        Agency, verbose_name=_("supporting agencies"), blank=True, related_name="supported_tasks"
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("lower units addressed"), blank=True, related_name="addressed_tasks"
    )
    addresses_all_lower_units = models.BooleanField(
        _("addresses every lower unit"),
        default=False,
        help_text=_("As in “UBND các phường”: every lower unit must carry it out."),
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    parent_task = models.ForeignKey(
        "self",
        verbose_name=_("parent task implemented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived_tasks",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    status_note = models.TextField(_("note"), blank=True)
    status_on = models.DateField(_("as of"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "section__order", "paragraph"]
        constraints = [
            models.UniqueConstraint(fields=["section", "paragraph"], name="task_unique_paragraph")
        ]
        indexes = [
            # My tasks: open tasks of one agency, by due date.
            models.Index(fields=["lead", "status", "due"], name="task_lead_status_due_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:120]

    def searchable_parts(self) -> list:
        return [self.text, self.lead_name, *self.support_names, *self.unit_names]

    @property
    def text(self) -> str:
        return task_text(self.section.paragraphs, self.paragraph, self.section.title)

    @property
    def deadline(self) -> date | None:
        return self.due or self.period_end

    def is_overdue(self, today: date | None = None) -> bool:
        return task_overdue(self.deadline, self.status, today or timezone.localdate())

    def record_status(self, status: str, note: str, on: date, by=None) -> "TaskUpdate":
        """A person reports the task's status (any status: a person may always set it by
        hand). Work reported on a derived task is work on the tasks it implements: those not
        started yet move to in progress."""
        with transaction.atomic():
            update = TaskUpdate.objects.create(task=self, status=status, note=note, on=on, by=by)
            self.status, self.status_note, self.status_on = status, note, on
            self.save(update_fields=["status", "status_note", "status_on"])
            if status in (TaskStatus.IN_PROGRESS, TaskStatus.DONE) and self.parent_task_id:
                Task.work_recorded([self.parent_task_id], on)
        return update

    @classmethod
    def work_recorded(cls, task_ids, on: date | None = None) -> int:
        """Not started → in progress, when work is recorded on these tasks (an activity, a
        status report on a task implementing them): for them and for every task above them
        that they implement. Tasks already in progress, done or impossible keep their status.
        A constant number of queries; returns how many tasks moved."""
        ids = {pk for pk in task_ids if pk}
        if not ids:
            return 0
        on = on or timezone.localdate()
        lookups = ["pk"] + [
            f"{derived_chain(depth)}_id" for depth in range(1, DERIVATION_DEPTH + 1)
        ]
        chain = {pk for row in cls.objects.filter(pk__in=ids).values_list(*lookups) for pk in row}
        with transaction.atomic():
            starting = list(
                cls.objects.select_for_update()
                .filter(pk__in=chain - {None}, status=TaskStatus.NOT_STARTED)
                .values_list("pk", flat=True)
            )
            if not starting:
                return 0
            cls.objects.filter(pk__in=starting).update(
                status=TaskStatus.IN_PROGRESS, status_on=on, updated_at=timezone.now()
            )
            # The history says why the status changed: by nobody, from recorded work.
            TaskUpdate.objects.bulk_create(
                [TaskUpdate(task_id=pk, status=TaskStatus.IN_PROGRESS, on=on) for pk in starting]
            )
        return len(starting)

    def date_warnings(self) -> list[str]:
        """Dates outside the plan's year: allowed (a plan may reach into January) but flagged."""
        year = self.plan.year
        outside = [
            d for d in (self.due, self.period_start, self.period_end) if d and d.year != year
        ]
        if outside:
            return [
                str(
                    _("A date of this task falls outside the plan's year %(year)s; check it.")
                    % {"year": year}
                )
            ]
        return []


class TaskUpdate(models.Model):
    """One status report by an assignee: kept, never overwritten."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    note = models.TextField(blank=True)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_status_display()}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    READING = "reading", _("Being read")
    READ = "read", _("Read, waiting for review")
    REFUSED = "refused", _("Could not be read")
    SAVED = "saved", _("Saved as a plan")


class PlanImport(models.Model):
    """An uploaded document on its way to becoming a plan: read, reviewed, then saved."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="plan_imports")
    file = models.FileField(upload_to="imports/%Y/", max_length=300)
    original_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    data = models.JSONField(null=True, blank=True)  # vstb.plan/1, as read and then corrected
    text = models.TextField(blank=True)  # the document's text, shown beside the fields
    message = models.TextField(blank=True)  # why it could not be read
    # Times a background job began reading it: a file that brought its worker down twice is
    # refused instead of read a third time.
    attempts = models.PositiveSmallIntegerField(default=0)
    plan = models.OneToOneField(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_record"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    # Transitions: each is one conditional UPDATE, so that two requests (a double click, two
    # tabs) or a job run twice move the record once.

    def start_reading(self) -> bool:
        """uploaded → reading; False when another request already started it."""
        started = PlanImport.objects.filter(pk=self.pk, status=ImportStatus.UPLOADED).update(
            status=ImportStatus.READING
        )
        if started:
            self.status = ImportStatus.READING
        return bool(started)

    def finish_reading(self, data: dict, text: str) -> bool:
        """reading → read, with what was read."""
        return self._from_reading(ImportStatus.READ, data=data, text=text, message="")

    def refuse(self, message: str) -> bool:
        """reading → refused, with why; the uploaded file is not kept (nothing of a refused
        file stays on the server but the reason)."""
        done = self._from_reading(ImportStatus.REFUSED, data=None, text="", message=message)
        if done and self.file:
            self.file.delete(save=False)
            PlanImport.objects.filter(pk=self.pk).update(file="")
        return done

    def _from_reading(self, status: str, **values) -> bool:
        done = PlanImport.objects.filter(pk=self.pk, status=ImportStatus.READING).update(
            status=status, **values
        )
        if done:
            self.status = status
            for name, value in values.items():
                setattr(self, name, value)
        return bool(done)
