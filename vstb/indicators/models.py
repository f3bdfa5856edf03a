"""Indicators: the catalogue, targets, data values with their history, and the register of
key leadership positions.

A data element is one figure a unit enters for a period ("live births", broken down by
sex). An indicator is computed from elements: a count is one element summed; a ratio is
(Σ numerator / Σ denominator) × scale, never an average of lower units' ratios
(vstb/indicators/rollup.py). A target is a value an indicator should reach by a year:
the National Strategy on Gender Equality 2021–2030 (Resolution 28/NQ-CP) for every unit,
or a unit's own local target.

Each value is the unit's own figure, never a total of its lower units: the system totals.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vstb.org.models import Agency, Level, Sex, Unit


class Measure(models.TextChoices):
    PERCENT = "percent", _("percent (%)")
    RATIO = "ratio", _("ratio")
    COUNT = "count", _("count")
    HOURS = "hours", _("hours")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("year")
    FIRST_HALF = "h1", _("first six months")


class SexSlot(models.TextChoices):
    """The sex breakdown of a value: "" is everyone (the total)."""

    TOTAL = "", _("Total")
    WOMEN = "f", _("Women")
    MEN = "m", _("Men")


class Area(models.TextChoices):
    ALL = "", _("Urban and rural")
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class AgeGroup(models.TextChoices):
    ALL = "", _("All ages")
    UNDER_16 = "under_16", _("Under 16")
    FROM_16_TO_30 = "16_30", _("16 to 30")
    FROM_31_TO_60 = "31_60", _("31 to 60")
    OVER_60 = "over_60", _("Over 60")


DISAGGREGATIONS = [("sex", _("sex")), ("age", _("age group")), ("area", _("urban/rural"))]


class DataElement(models.Model):
    """One figure a unit enters for a period: the raw material of indicators."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    measure = models.CharField(_("unit of measure"), max_length=10, choices=Measure.choices)
    by_sex = models.BooleanField(_("entered by sex"), default=False)
    by_area = models.BooleanField(_("entered as urban/rural"), default=False)
    levels = models.JSONField(
        _("levels that enter it"),
        default=list,
        help_text=_("Each level enters only its own figure, never a total of lower units."),
    )
    additive = models.BooleanField(
        _("can be summed"),
        default=True,
        help_text=_(
            "Unticked for survey averages (hours a week): they are never summed over units; "
            "a unit's value is the one it entered itself."
        ),
    )
    definition = models.TextField(_("definition"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name_vi}"

    def entered_at(self, level: int) -> bool:
        return level in self.levels

    def slots(self) -> list[tuple[str, str]]:
        """The (sex, area) cells a unit fills in for this element: the total first."""
        slots = [(SexSlot.TOTAL, Area.ALL)]
        if self.by_sex:
            slots += [(SexSlot.WOMEN, Area.ALL), (SexSlot.MEN, Area.ALL)]
        if self.by_area:
            slots += [(SexSlot.TOTAL, Area.URBAN), (SexSlot.TOTAL, Area.RURAL)]
        return slots


DISAGGREGATION_NAMES = {
    "sex": _("sex"),
    "age": _("age group"),
    "area": _("urban or rural area"),
}


class Indicator(models.Model):
    """An entry of the catalogue: what is measured, how it is computed, where it comes from."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400)
    measure = models.CharField(_("unit of measure"), max_length=10, choices=Measure.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    disaggregations = models.JSONField(
        _("disaggregations"), default=list, help_text=_("Any of: sex, age, area.")
    )
    period_kind = models.CharField(
        _("period"), max_length=4, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    definition = models.TextField(_("definition"), blank=True)
    numerator = models.ForeignKey(
        DataElement,
        verbose_name=_("numerator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    numerator_sex = models.CharField(
        _("numerator: sex"), max_length=1, choices=SexSlot.choices, blank=True
    )
    denominator = models.ForeignKey(
        DataElement,
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a count: the numerator summed."),
    )
    denominator_sex = models.CharField(
        _("denominator: sex"), max_length=1, choices=SexSlot.choices, blank=True
    )
    scale = models.DecimalField(
        _("scale"),
        max_digits=10,
        decimal_places=0,
        default=Decimal(1),
        help_text=_("100 for a percentage or boys per 100 girls; 100000 per 100,000."),
    )
    # Where the indicator comes from: the Strategy's objective and target number, or a
    # local plan. The number stays empty where it has not been checked against the text.
    objective = models.PositiveSmallIntegerField(_("Strategy objective"), null=True, blank=True)
    target_number = models.PositiveSmallIntegerField(_("Strategy target"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=400, blank=True)
    to_confirm = models.BooleanField(
        _("to confirm"),
        default=False,
        help_text=_("Ticked where the wording or the place in the Strategy has not been checked."),
    )
    confirm_note = models.TextField(_("what to confirm"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name_vi}"

    @property
    def is_ratio(self) -> bool:
        return self.denominator_id is not None

    @property
    def disaggregation_names(self) -> list[str]:
        """The breakdowns in the reader's language ("giới tính", not "sex")."""
        return [str(DISAGGREGATION_NAMES.get(name, name)) for name in self.disaggregations]

    @property
    def computable(self) -> bool:
        return self.numerator_id is not None

    @property
    def elements(self) -> list[DataElement]:
        return [e for e in (self.numerator, self.denominator) if e is not None]

    @property
    def levels(self) -> list[int]:
        """The levels that enter its figures (those of its elements)."""
        return sorted({level for element in self.elements for level in element.levels})

    def level_names(self) -> str:
        return ", ".join(str(Level(level).label) for level in self.levels)

    def formula(self) -> str:
        """The formula as a line of text, e.g. "Live births (men) / Live births (women) × 100"."""
        if not self.computable:
            return ""
        top = _element_text(self.numerator, self.numerator_sex)
        if not self.is_ratio:
            return f"Σ {top}"
        bottom = _element_text(self.denominator, self.denominator_sex)
        scale = f" × {self.scale:,.0f}".replace(",", ".") if self.scale != 1 else ""
        return f"Σ {top} / Σ {bottom}{scale}"


def _element_text(element: DataElement, sex: str) -> str:
    if sex:
        return f"{element.name_vi} ({SexSlot(sex).label})"
    return element.name_vi


class Operator(models.TextChoices):
    """How a target is worded in the Strategy."""

    REACH = "reach", _("reach")  # "đạt", "còn": at least, or at most when lower is better
    AT_LEAST = "at_least", _("at least")  # "ít nhất"
    UNDER = "under", _("under")  # "dưới"
    ABOUT = "about", _("about")  # "khoảng"
    FROM_YEAR = "from_year", _("from this year on")  # "từ năm 2025 trở đi"


class TargetQuerySet(models.QuerySet):
    def for_unit(self, unit: Unit) -> "TargetQuerySet":
        """The Strategy's targets (for every unit) and the unit's own local targets."""
        return self.filter(Q(unit__isnull=True) | Q(unit=unit))


class Target(models.Model):
    """A value an indicator should reach by a year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_targets",
        help_text=_("Empty for a target of the National Strategy, which applies everywhere."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    operator = models.CharField(_("operator"), max_length=10, choices=Operator.choices)
    value = models.DecimalField(
        _("target value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty where the value has not been confirmed: never guess it."),
    )
    wording = models.TextField(_("wording in the source"), blank=True)
    source = models.CharField(_("source document"), max_length=400, blank=True)
    to_confirm = models.BooleanField(_("to confirm"), default=False)
    confirm_note = models.TextField(_("what to confirm"), blank=True)
    # The API's `?updated_since=` (issue 18): programs copying the targets ask only for what
    # changed since their last pass.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__order", "indicator__code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(unit__isnull=True),
                name="target_unique_strategy_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"], name="target_unique_local_year"
            ),
        ]

    def __str__(self) -> str:
        value = "?" if self.value is None else f"{self.value:g}"
        return f"{self.indicator.code} {self.year}: {self.get_operator_display()} {value}"

    @property
    def is_local(self) -> bool:
        return self.unit_id is not None

    def clean(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("A target cannot be negative.")})
        if (
            self.value is not None
            and self.indicator_id
            and self.indicator.measure == Measure.PERCENT
            and self.value > 100
        ):
            raise ValidationError({"value": _("A percentage target lies between 0 and 100.")})


class Source(models.TextChoices):
    FORM = "form", _("form")
    IMPORT = "import", _("spreadsheet import")
    REGISTER = "register", _("leadership register")
    REPORT = "report", _("accepted report")
    # Data exchange with other systems (vstb/indicators/exchange/).
    DHIS2 = "dhis2", _("DHIS2 data exchange")
    ADX = "adx", _("ADX data exchange")
    API = "api", _("program through the API")
    # Only `vstb demo` writes these: illustrative figures, never real statistics.
    DEMO = "demo", _("illustrative demo figure")


class DataValue(models.Model):
    """One figure of one unit for one period and one breakdown (sex, age group, area)."""

    # No index of their own on the two keys: datavalue_unique_cell leads with the element and
    # datavalue_unit_year_idx with the unit. A lone unit index also misled PostgreSQL's planner
    # into reading every year of each unit in a roll-up (docs/benchmarks.md, rollup).
    element = models.ForeignKey(
        DataElement,
        verbose_name=_("data element"),
        on_delete=models.PROTECT,
        related_name="values",
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=4, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    sex = models.CharField(_("sex"), max_length=1, choices=SexSlot.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    area = models.CharField(_("area"), max_length=5, choices=Area.choices, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    source = models.CharField(_("entered through"), max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["element", "unit", "year", "period", "sex", "age_group", "area"],
                name="datavalue_unique_cell",
            )
        ]
        indexes = [
            # Roll-up: the values of a few elements for one period, joined to the units of
            # a subtree (rollup.py); the unit side uses unit_path_idx.
            models.Index(fields=["year", "period", "element"], name="datavalue_period_idx"),
            # Data entry and the year-on-year check: one unit's values for two years.
            models.Index(fields=["unit", "year"], name="datavalue_unit_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.element.code} {self.unit} {self.year}: {self.value}"


class DataValueChange(models.Model):
    """History of a cell: who changed it, when, from what to what. Kept when a value is
    cleared, so it names the cell instead of pointing at the value."""

    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=PeriodKind.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=SexSlot.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    area = models.CharField(_("area"), max_length=5, choices=Area.choices, blank=True)
    old_value = models.DecimalField(
        _("old value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    new_value = models.DecimalField(
        _("new value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("entered through"), max_length=10, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("data value change")
        verbose_name_plural = _("data value changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [
            # The entry page's history: one unit's changes for one period.
            models.Index(fields=["unit", "year", "period"], name="datavaluechange_cell_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.element.code} {self.unit} {self.year}: {self.old_value} → {self.new_value}"


class ExchangeKind(models.TextChoices):
    ELEMENT = "element", _("data element")
    SEX = "sex", _("sex breakdown")
    AREA = "area", _("urban/rural breakdown")
    UNIT = "unit", _("administrative unit")
    DATA_SET = "data_set", _("data set")


# The data set has one key: VSTB's figures as a whole (ADX names a data set in each group).
EXCHANGE_DATA_SET = "VSTB"
# The VSTB keys of the breakdowns, as DataValue stores them: the sex ("" is the total of
# everyone) and the area.
EXCHANGE_KEYS = {
    ExchangeKind.SEX: SexSlot.values,
    ExchangeKind.AREA: [Area.URBAN, Area.RURAL],
    ExchangeKind.DATA_SET: [EXCHANGE_DATA_SET],
}


class ExchangeCode(models.Model):
    """A partner system's code for one of VSTB's data elements, breakdowns, units or its data
    set, in each exchange format (vstb/indicators/exchange/). Where none is given, VSTB's
    own code travels: the element's code, the unit's official code, "f"/"m"/"urban"/"rural"."""

    kind = models.CharField(_("kind"), max_length=10, choices=ExchangeKind.choices)
    key = models.CharField(
        _("VSTB code"),
        max_length=40,
        blank=True,
        help_text=_(
            "The data element's code, the unit's official code, f or m for women or men "
            "(empty for the total), urban or rural, or VSTB for the data set."
        ),
    )
    dhis2_id = models.CharField(
        _("DHIS2 identifier"),
        max_length=50,
        blank=True,
        help_text=_(
            "The DHIS2 dataElement, categoryOptionCombo, orgUnit or dataSet identifier "
            "(its UID, or its code when DHIS2 reads codes)."
        ),
    )
    adx_code = models.CharField(_("ADX code"), max_length=50, blank=True)
    sdmx_code = models.CharField(_("SDMX code"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("exchange code")
        verbose_name_plural = _("exchange codes")
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="exchangecode_unique_key"),
            # An import reads a partner's code back to one VSTB key, so none may stand for two.
            *(
                models.UniqueConstraint(
                    fields=["kind", field],
                    condition=~Q(**{field: ""}),
                    name=f"exchangecode_unique_{field}",
                )
                for field in ("dhis2_id", "adx_code", "sdmx_code")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key or '–'}"

    def clean(self) -> None:
        known = EXCHANGE_KEYS.get(self.kind)
        if self.kind == ExchangeKind.ELEMENT:
            found = DataElement.objects.filter(code=self.key).exists()
        elif self.kind == ExchangeKind.UNIT:
            found = Unit.objects.filter(code=self.key).exists()
        else:
            found = known is not None and self.key in known
        if not found:
            raise ValidationError({"key": _("VSTB has no such code of this kind.")})
        # A DHIS2 categoryOptionCombo stands for a sex or an area breakdown alike.
        if self.kind in (ExchangeKind.SEX, ExchangeKind.AREA) and self.dhis2_id:
            clash = ExchangeCode.objects.filter(
                kind__in=[ExchangeKind.SEX, ExchangeKind.AREA], dhis2_id=self.dhis2_id
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"dhis2_id": _("Another breakdown already has this DHIS2 identifier.")}
                )


class LeadershipRank(models.TextChoices):
    HEAD = "head", _("head")
    DEPUTY = "deputy", _("deputy head")


class LeadershipPositionQuerySet(models.QuerySet):
    def held_on(self, day: date) -> "LeadershipPositionQuerySet":
        """Positions held on `day`: started on or before it, not ended before it."""
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class LeadershipPosition(models.Model):
    """A key leadership position (lãnh đạo chủ chốt) of a state agency or a local government
    (its People's Committee), held by one person between two dates."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="leadership_positions"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="leadership_positions",
        help_text=_("The state agency, or the People's Committee for the local government."),
    )
    title = models.CharField(
        _("leadership position"), max_length=200, help_text=_("E.g. Chủ tịch UBND.")
    )
    rank = models.CharField(_("rank"), max_length=10, choices=LeadershipRank.choices)
    holder_sex = models.CharField(_("holder's sex"), max_length=3, choices=Sex.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True, help_text=_("The last day held."))

    objects = LeadershipPositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("key leadership position")
        verbose_name_plural = _("key leadership positions")
        ordering = ["agency__name", "rank", "start"]
        indexes = [
            # Register page and the yearly counts: one unit's positions held on a date.
            models.Index(fields=["unit", "start", "end"], name="leadership_unit_asof_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="leadership_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.agency}"

    def clean(self) -> None:
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end date comes before the start date.")
        if self.agency_id and self.unit_id and self.agency.unit_id != self.unit_id:
            errors["agency"] = _("Choose an agency of this unit.")
        if errors:
            raise ValidationError(errors)


class PublicPage(models.Model):
    """A read-only page of chosen indicators that a unit publishes for anyone to see, off
    until a secretariat approves it. It shows only the current value and status of the
    indicators chosen here, as they were when approved."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="public_page"
    )
    # The unit's managers choose the indicators and ask for the page; a secretariat of the
    # unit or above approves it, and what the public sees is the snapshot taken then, never
    # live figures (vstb/indicators/public_page.py).
    enabled = models.BooleanField(_("ask to publish"), default=False)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("published indicators"), blank=True, related_name="+"
    )
    snapshot = models.JSONField(_("published figures"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")

    def __str__(self) -> str:
        return f"{self.unit}"


class PublishedDocument(models.Model):
    """An issued plan or an issued compiled report that its unit's secretariat has put on
    the unit's public page, for anyone to read. One row per document; deleting it
    unpublishes the document (vstb/indicators/publishing.py)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="published_documents"
    )
    plan = models.OneToOneField(
        "plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="publication"
    )
    report = models.OneToOneField(
        "reporting.Report",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publication",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published on"))

    class Meta:
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False, report__isnull=True)
                | Q(plan__isnull=True, report__isnull=False),
                name="published_document_plan_xor_report",
            ),
        ]
        indexes = [
            # The public index and a unit's public page: its documents, newest first.
            models.Index(fields=["unit", "published_at"], name="published_unit_idx"),
        ]

    def __str__(self) -> str:
        return str(self.plan or self.report)

    @property
    def document(self):
        return self.plan or self.report
