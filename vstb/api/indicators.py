"""The Strategy's indicators and data elements, a unit's figures and targets; figures entered
through the entry form the browser uses (the same checks: women above the total, shares
above 100 %, …), with the change history kept."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext as _
from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response, page, refuse_form
from vstb.api.schemas import (
    ERRORS,
    Catalogue,
    Paging,
    TargetPage,
    ValuePage,
    ValuesIn,
    ValuesSaved,
)
from vstb.indicators import services
from vstb.indicators.forms import EntryForm, field_name
from vstb.indicators.models import DataElement, DataValue, Indicator, PeriodKind, Source

router = Router(tags=["indicators"])


@router.get("/indicators", response={200: Catalogue, **ERRORS}, summary="The catalogue")
def catalogue(request):
    indicators = Indicator.objects.order_by("order", "code").values(
        "id", "code", "name_vi", "name_en", "measure", "direction", "period_kind", "objective",
        "target_number", "to_confirm",
    )  # fmt: skip
    elements = DataElement.objects.order_by("order", "code").values(
        "id", "code", "name_vi", "name_en", "measure", "by_sex", "by_area", "additive"
    )
    return json_response({"indicators": list(indicators), "data_elements": list(elements)})


@router.get(
    "/units/{int:pk}/values", response={200: ValuePage, **ERRORS}, summary="A unit's figures"
)
def value_list(
    request,
    pk: int,
    paging: Query[Paging],
    year: int | None = None,
    element: str | None = None,
):
    unit = access.get_indicator_unit_for_user(request.user, pk)
    values = DataValue.objects.filter(unit=unit)
    if year is not None:
        values = values.filter(year=year)
    if element:
        values = values.filter(element__code=element)
    rows = values.order_by("year", "element__order", "element_id", "period", "sex", "area").values(
        "year", "period", "sex", "age_group", "area", "value", "source", "entered_at",
        element_code=F("element__code"),
    )  # fmt: skip
    return page(request, rows, **paging.dict(), stamp="entered_at")


@router.put(
    "/units/{int:pk}/values",
    response={200: ValuesSaved, **ERRORS},
    summary="Enter a unit's figures for a year",
)
def value_save(request, pk: int, payload: ValuesIn):
    """Figures not sent stay as they are; null clears one. Nothing is saved if any figure is
    refused, and every refusal is named."""
    access.require_writing_token(request.api_token)
    unit = access.get_indicator_unit_for_user(request.user, pk, write=True)
    period = payload.period or PeriodKind.YEAR
    if period not in PeriodKind.values:
        raise ValidationError(
            _("period must be one of: %(periods)s.") % {"periods": ", ".join(PeriodKind.values)}
        )
    elements = services.elements_for(unit)
    stored = services.stored_values(unit, payload.year, period)
    form = EntryForm(_form_data(payload, elements, stored), elements=elements, stored=stored)
    if not form.is_valid():
        refuse_form(form)
    result = services.save_values(
        unit, payload.year, period, form.entries(), request.user, Source.API
    )
    return json_response({"changed": result.changed, "warnings": [str(w) for w in result.warnings]})


def _form_data(payload: ValuesIn, elements, stored) -> dict:
    """The entry form as the page would send it: the stored figures, with the sent ones over
    them; a code or a breakdown the unit does not enter is refused by name."""
    by_code = {element.code: element for element in elements}
    data = {field_name(cell): services.format_figure(value.value) for cell, value in stored.items()}
    problems = []
    for entry in payload.values:
        element = by_code.get(entry.element)
        if element is None or (entry.sex, entry.area) not in set(element.slots()):
            problems.append(
                _("%(element)s (sex '%(sex)s', area '%(area)s') is not a figure this unit enters.")
                % {"element": entry.element, "sex": entry.sex, "area": entry.area}
            )
            continue
        value = None if entry.value is None else Decimal(str(entry.value))
        data[field_name((element.pk, entry.sex, entry.area))] = services.format_figure(value)
    if problems:
        raise ValidationError(problems)
    return data


@router.get(
    "/units/{int:pk}/targets",
    response={200: TargetPage, **ERRORS},
    summary="The Strategy's targets and the unit's own",
)
def target_list(request, pk: int, paging: Query[Paging]):
    unit = access.get_indicator_unit_for_user(request.user, pk)
    targets = access.indicator_targets_visible_to(request.user).filter(
        Q(unit__isnull=True) | Q(unit=unit)
    )
    rows = targets.order_by("indicator__order", "year", "pk").values(
        "id", "unit_id", "year", "operator", "value", "wording", "to_confirm", "updated_at",
        indicator_code=F("indicator__code"),
    )  # fmt: skip
    return page(request, rows, **paging.dict())
