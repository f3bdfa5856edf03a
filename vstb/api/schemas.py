"""What the API answers and accepts, as the OpenAPI schema shows it. Lists are written from
`.values()` rows (vstb/api/lists.py) with exactly these fields; schemathesis holds the two
together in CI."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict


class Error(Schema):
    detail: str = Field(description="What went wrong and what to do, in the request's language.")


class Page(Schema):
    count: int
    next: str | None = Field(description="The address of the next page, or null.")


class Paging(Schema):
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)
    updated_since: datetime | None = Field(
        None, description="Only what changed at or after this ISO 8601 time (incremental sync)."
    )


# Units and committees ------------------------------------------------------------------------


class UnitRow(Schema):
    id: int
    code: str
    name: str
    kind: str
    level: int
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None
    updated_at: datetime


class UnitPage(Page):
    results: list[UnitRow]


class Succession(Schema):
    unit_id: int
    code: str
    name: str
    kind: str = Field(description="merge, split, rename or transfer.")
    date: date


class UnitDetail(UnitRow):
    predecessors: list[Succession]
    successors: list[Succession]


class AgencyRow(Schema):
    id: int
    unit_id: int
    name: str
    short_name: str
    kind: str
    represents_unit_id: int | None
    active: bool
    updated_at: datetime


class MembershipRow(Schema):
    id: int
    full_name: str
    sex: str
    job_title: str
    agency_id: int | None
    position: str
    start: date
    end: date | None
    updated_at: datetime


class CommitteeDetail(Schema):
    id: int
    unit_id: int
    name: str
    standing_agency_id: int | None
    established_by: str
    updated_at: datetime
    members: list[MembershipRow] = Field(description="Members in force on the day asked for.")


class Role(Schema):
    kind: str
    unit_id: int
    unit_name: str
    agency_id: int | None
    valid_from: date | None
    valid_to: date | None


class Me(Schema):
    id: int
    username: str
    full_name: str
    read_only: bool = Field(description="Whether this token may change nothing.")
    token_expires_at: datetime
    roles: list[Role]


# Plans ---------------------------------------------------------------------------------------


class PlanRow(Schema):
    id: int
    unit_id: int
    kind: str
    year: int
    number: int | None
    symbol: str
    issued_on: date | None
    subject: str
    status: str
    parent_plan_id: int | None
    updated_at: datetime


class PlanPage(Page):
    results: list[PlanRow]


class SectionRow(Schema):
    id: int
    parent_id: int | None
    order: int
    label: str
    title: str
    kind: str
    paragraphs: list[Any]


class TaskRow(Schema):
    id: int
    plan_id: int
    section_id: int | None
    paragraph: str
    lead_id: int | None = Field(description="The agency that leads the task.")
    lead_name: str
    support_names: list[Any]
    unit_names: list[Any]
    due: date | None
    period_start: date | None
    period_end: date | None
    themes: list[Any]
    parent_task_id: int | None
    status: str
    status_note: str
    status_on: date | None
    updated_at: datetime


class PlanDetail(PlanRow):
    issuer_name: str
    place: str
    recipients: list[Any]
    deadlines: list[Any]
    sections: list[SectionRow]
    tasks: list[TaskRow]


# Activities ----------------------------------------------------------------------------------


class ActivityRow(Schema):
    id: int
    unit_id: int
    agency_id: int | None
    kind: str
    title: str
    start: date
    end: date | None
    place: str
    participants_total: int | None
    participants_women: int | None
    participants_men: int | None
    participants_ethnic_minority: int | None
    participants_leaders: int | None
    articles: int
    broadcasts: int
    leaflets: int
    social_posts: int
    cost: float | None
    funding_source: str
    updated_at: datetime


class ActivityPage(Page):
    results: list[ActivityRow]


class ActivityDetail(ActivityRow):
    task_ids: list[int]


class ActivityIn(Schema):
    """As the activity form takes it; dates as YYYY-MM-DD or dd/mm/yyyy."""

    kind: str
    title: str
    start: str
    end: str | None = None
    place: str = ""
    agency_id: int | None = None
    participants_total: int | None = None
    participants_women: int | None = None
    participants_men: int | None = None
    participants_ethnic_minority: int | None = None
    participants_leaders: int | None = None
    articles: int = 0
    broadcasts: int = 0
    leaflets: int = 0
    social_posts: int = 0
    cost: float | None = None
    funding_source: str = ""
    task_ids: list[int] = []


# Reporting -----------------------------------------------------------------------------------


class RequirementRow(Schema):
    id: int
    unit_id: int
    title: str
    kind: str
    period_rule: str
    year: int
    quarter: int | None
    window_start: date | None
    window_end: date | None
    source_plan_id: int | None
    updated_at: datetime


class RequirementPage(Page):
    results: list[RequirementRow]


class FigureRow(Schema):
    id: int
    order: int
    code: str
    label: str
    by_sex: bool
    required: bool


class RequirementDetail(RequirementRow):
    due_dates: dict[str, Any]
    figures: list[FigureRow]


class ReportRow(Schema):
    id: int
    requirement_id: int
    unit_id: int | None
    agency_id: int | None
    receiver_id: int | None
    status: str
    submitted_at: datetime | None
    version: int
    number: int | None
    issued_on: date | None
    updated_at: datetime


class ReportPage(Page):
    results: list[ReportRow]


class FigureValueOut(Schema):
    code: str
    label: str
    total: float | None
    women: float | None
    men: float | None


class ReportDetail(ReportRow):
    narrative: dict[str, Any]
    figures: list[FigureValueOut]


class FigureValueIn(Schema):
    total: float | None = None
    women: float | None = None
    men: float | None = None


class ReportOpen(Schema):
    """One of the two: the unit the report is written for, or the member agency."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["unit_id"]}, {"required": ["agency_id"]}]}
    )

    # Not nullable: a field sent counts as the choice (the schema's oneOf), so null is refused.
    unit_id: int = Field(default=None, description="The unit the report is written for.")
    agency_id: int = Field(default=None, description="Or the member agency it is written for.")


class ReportIn(Schema):
    version: int = Field(description="The version read: a save over a newer one is refused (409).")
    figures: dict[str, FigureValueIn] = Field(default={}, description="By figure code.")
    narrative: dict[str, str] = {}


class ReportSaved(Schema):
    version: int
    notes: list[str]


class Submit(Schema):
    version: int


# Indicators ----------------------------------------------------------------------------------


class IndicatorRow(Schema):
    id: int
    code: str
    name_vi: str
    name_en: str
    measure: str
    direction: str
    period_kind: str
    objective: int | None
    target_number: int | None
    to_confirm: bool


class DataElementRow(Schema):
    id: int
    code: str
    name_vi: str
    name_en: str
    measure: str
    by_sex: bool
    by_area: bool
    additive: bool


class Catalogue(Schema):
    indicators: list[IndicatorRow]
    data_elements: list[DataElementRow]


class ValueRow(Schema):
    element_code: str
    year: int
    period: str
    sex: str
    age_group: str
    area: str
    value: float
    source: str
    entered_at: datetime


class ValuePage(Page):
    results: list[ValueRow]


class ValueIn(Schema):
    element: str
    sex: str = ""
    area: str = ""
    value: float | None = Field(description="null clears the figure.")


class ValuesIn(Schema):
    year: int
    period: str = ""
    values: list[ValueIn]


class ValuesSaved(Schema):
    changed: int
    warnings: list[str]


class TargetRow(Schema):
    id: int
    indicator_code: str
    unit_id: int | None
    year: int
    operator: str
    value: float | None
    wording: str
    to_confirm: bool
    updated_at: datetime


class TargetPage(Page):
    results: list[TargetRow]


class ImportCount(Schema):
    imported: int
    updated: int
    ignored: int
    deleted: int


class Conflict(Schema):
    object: str
    value: str


class ImportSummary(Schema):
    """DHIS2's import summary (Web API, "Import summaries")."""

    status: str = Field(description="SUCCESS, WARNING or ERROR.")
    description: str | None = None
    importCount: ImportCount  # noqa: N815 - DHIS2's name
    conflicts: list[Conflict] = []


# Notifications -------------------------------------------------------------------------------


class NotificationRow(Schema):
    id: int
    kind: str
    title: str
    url: str
    detail: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Page):
    results: list[NotificationRow]


ERRORS: dict[int, type] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}
