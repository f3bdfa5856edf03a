"""The only figures that leave the case register (issue 15, item 4): counts of cases, never a
name, a code, a date of birth or a word of free text; only cases whose survivor consents to
being counted in statistics (the latest consent to statistics given); each case counted once
whatever its referrals; and above the commune, a count under VSTB_CASE_MIN_CELL suppressed,
with a second cell suppressed where one alone could be worked out from a total."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from vstb.cases.catalogue import CaseKind, ConsentScope, ViolenceForm
from vstb.cases.models import Case, Consent, Referral, ReferralState, Service

# A cell that is not shown: fewer cases than the minimum, or hidden so that another cannot be
# worked out by subtraction.
SUPPRESSED = None


def counted(cases, start: date, end: date):
    """Cases reported in [start, end] whose survivor's latest consent to statistics is given."""
    latest = (
        Consent.objects.filter(case=OuterRef("pk"), scope=ConsentScope.STATISTICS)
        .order_by("-recorded_at", "-pk")
        .values("given")[:1]
    )
    return (
        cases.filter(reported_on__range=(start, end))
        .annotate(counted=Subquery(latest))
        .filter(counted=True)
    )


def supported_in(cases, start: date, end: date):
    """Of `cases`, those that received at least one service in the window: given by the
    commune, or a referral done."""
    service = Service.objects.filter(case=OuterRef("pk"), given_on__range=(start, end))
    referral = Referral.objects.filter(
        case=OuterRef("pk"), state=ReferralState.DONE, done_on__range=(start, end)
    )
    return cases.filter(Q(Exists(service)) | Q(Exists(referral)))


VIOLENCE = [CaseKind.DOMESTIC, CaseKind.GENDER_BASED]


def report_counts(units, start: date, end: date) -> dict[str, int]:
    """The four figures a report takes from the register, for cases of `units`: detected and
    supported victims of violence, and of trafficking; one query."""
    service = Service.objects.filter(case=OuterRef("pk"), given_on__range=(start, end))
    referral = Referral.objects.filter(
        case=OuterRef("pk"), state=ReferralState.DONE, done_on__range=(start, end)
    )
    supported = Q(Exists(service)) | Q(Exists(referral))
    violence, trafficking = Q(kind__in=VIOLENCE), Q(kind=CaseKind.TRAFFICKING)
    counts = counted(Case.objects.filter(unit__in=units), start, end).aggregate(
        cases_detected=Count("pk", filter=violence),
        cases_supported=Count("pk", filter=violence & supported),
        trafficking_detected=Count("pk", filter=trafficking),
        trafficking_supported=Count("pk", filter=trafficking & supported),
    )
    return {key: value or 0 for key, value in counts.items()}


@dataclass
class Table:
    """Rows (units) × columns, with row totals; cells None where suppressed."""

    columns: list[tuple[str, str]]
    rows: list[tuple[object, list[int | None], int | None]] = field(default_factory=list)
    totals: list[int | None] = field(default_factory=list)
    grand_total: int | None = 0
    suppressed: bool = False


def form_table(units, start: date, end: date, suppress: bool) -> Table:
    """Victims of violence by commune and form of violence (a case counted once per form it
    suffered, and once in the total), suppressed when shown above the commune; one query."""
    columns = list(ViolenceForm.choices)
    cases = counted(Case.objects.filter(unit__in=units, kind__in=VIOLENCE), start, end)
    per_form = {
        # A form is an element of the incident's JSON list: its quoted name in the text.
        code: Count("pk", filter=Q(incidents__forms__icontains=f'"{code}"'), distinct=True)
        for code, _label in columns
    }
    counts = {
        row["unit_id"]: row
        for row in cases.values("unit_id").annotate(total=Count("pk", distinct=True), **per_form)
    }
    grid = [[counts.get(unit.pk, {}).get(code, 0) for code, _label in columns] for unit in units]
    row_totals = [counts.get(unit.pk, {}).get("total", 0) for unit in units]
    column_totals = [sum(row[index] for row in grid) for index in range(len(columns))]
    grand = sum(row_totals)
    table = Table(columns=columns)
    if suppress:
        shown, row_shown, column_shown, grand_shown = suppress_cells(
            grid, row_totals, column_totals, grand, settings.VSTB_CASE_MIN_CELL
        )
        table.suppressed = True
    else:
        shown, row_shown, column_shown, grand_shown = grid, row_totals, column_totals, grand
    table.rows = [(unit, shown[i], row_shown[i]) for i, unit in enumerate(units)]
    table.totals = column_shown
    table.grand_total = grand_shown
    return table


def suppress_cells(grid, row_totals, column_totals, grand, minimum):
    """Primary suppression: every count from 1 to minimum-1 (a total too). Complementary:
    where a row or a column would have exactly one hidden cell beside a shown total, the
    smallest other shown cell of it is hidden too, so that no hidden cell is the difference
    of what is shown; repeated until nothing changes. Zeros stay (nobody is in them)."""

    def small(value: int) -> bool:
        return 0 < value < minimum

    hidden = [[small(value) for value in row] for row in grid]
    rows_hidden = [small(value) for value in row_totals]
    columns_hidden = [small(value) for value in column_totals]
    grand_hidden = small(grand)

    def complete(cells: list[int], flags: list[bool], total_hidden: bool) -> int | None:
        """The index of a cell to hide so that a line is not back-computable, or None."""
        if total_hidden or flags.count(True) != 1:
            return None
        candidates = [i for i, value in enumerate(cells) if not flags[i] and value > 0]
        if not candidates:
            candidates = [i for i in range(len(cells)) if not flags[i]]
        return min(candidates, key=lambda i: cells[i]) if candidates else None

    changed = True
    while changed:
        changed = False
        for r, row in enumerate(grid):
            index = complete(row, hidden[r], rows_hidden[r])
            if index is not None:
                hidden[r][index] = changed = True
        for c in range(len(column_totals)):
            column = [row[c] for row in grid]
            flags = [hidden[r][c] for r in range(len(grid))]
            index = complete(column, flags, columns_hidden[c])
            if index is not None:
                hidden[index][c] = changed = True
        # The row totals against the grand total, likewise.
        index = complete(row_totals, rows_hidden, grand_hidden)
        if index is not None:
            rows_hidden[index] = changed = True
        index = complete(column_totals, columns_hidden, grand_hidden)
        if index is not None:
            columns_hidden[index] = changed = True

    def show(value: int, flag: bool) -> int | None:
        return SUPPRESSED if flag else value

    shown = [[show(v, hidden[r][c]) for c, v in enumerate(row)] for r, row in enumerate(grid)]
    return (
        shown,
        [show(v, f) for v, f in zip(row_totals, rows_hidden, strict=True)],
        [show(v, f) for v, f in zip(column_totals, columns_hidden, strict=True)],
        show(grand, grand_hidden),
    )
