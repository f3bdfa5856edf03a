"""Indicator figures in and out as DHIS2 data value sets, ADX and SDMX-CSV (issue 18,
item 4): a unit's subtree for a range of years, streamed; imports all-or-nothing with
DHIS2's import summary. The formats and the code mapping are `vstb/indicators/exchange/`."""

from typing import Annotated

from django.http import StreamingHttpResponse
from ninja import Query, Router

from vstb import access
from vstb.api.lists import json_response
from vstb.api.schemas import ERRORS, ImportSummary
from vstb.indicators import exchange

router = Router(tags=["exchange"])

FORMATS = {
    "dataValueSets": (exchange.datavaluesets_json, "application/json", "json"),
    "adx": (exchange.adx_xml, "application/adx+xml", "xml"),
    # SDMX-CSV 2.0 (SDMX 3.0 technical notes, section "SDMX-CSV"): its registered media type.
    "sdmx": (exchange.sdmx_csv, "application/vnd.sdmx.data+csv;version=2.0.0", "csv"),
}


def _export(request, pk: int, kind: str, start_year: int, end_year: int):
    unit = access.get_indicator_unit_for_user(request.user, pk)
    write, media_type, suffix = FORMATS[kind]
    chunks = write(unit, start_year, end_year, user=request.user)
    response = StreamingHttpResponse(chunks, content_type=media_type)
    response["Content-Disposition"] = (
        f'attachment; filename="vstb-{unit.code}-{start_year}-{end_year}.{suffix}"'
    )
    return response


# DHIS2 and VSTB keep years of this century; a start after the end gives no figures.
Years = Annotated[int, Query(ge=2000, le=2100)]


EXPORT = {200: None, **ERRORS}


@router.get(
    "/units/{int:pk}/dataValueSets", response=EXPORT, summary="Figures as a DHIS2 data value set"
)
def datavaluesets_out(request, pk: int, start_year: Years, end_year: Years):
    return _export(request, pk, "dataValueSets", start_year, end_year)


@router.get("/units/{int:pk}/adx", response=EXPORT, summary="Figures as ADX (IHE)")
def adx_out(request, pk: int, start_year: Years, end_year: Years):
    return _export(request, pk, "adx", start_year, end_year)


@router.get("/units/{int:pk}/sdmx", response=EXPORT, summary="Figures as SDMX-CSV 2.0")
def sdmx_out(request, pk: int, start_year: Years, end_year: Years):
    return _export(request, pk, "sdmx", start_year, end_year)


def _import(request, pk: int, read, dry_run: bool):
    access.require_writing_token(request.api_token)
    access.get_indicator_unit_for_user(request.user, pk, write=True)
    summary = read(request.user, request.body, dry_run=dry_run)
    return json_response(summary, status=409 if summary["status"] == "ERROR" else 200)


def _body(media_type: str, schema: dict) -> dict:
    """The request body as the schema documents it (the operation reads it raw)."""
    return {"requestBody": {"required": True, "content": {media_type: {"schema": schema}}}}


@router.post(
    "/units/{int:pk}/dataValueSets",
    response={200: ImportSummary, 409: ImportSummary, **ERRORS},
    summary="Import a DHIS2 data value set",
    openapi_extra=_body("application/json", {"type": "object"}),
)
def datavaluesets_in(request, pk: int, dry_run: bool = False):
    """All or nothing: any conflict stores nothing (409, each bad value named)."""
    return _import(request, pk, exchange.import_datavaluesets, dry_run)


@router.post(
    "/units/{int:pk}/adx",
    response={200: ImportSummary, 409: ImportSummary, **ERRORS},
    summary="Import ADX",
    openapi_extra=_body("application/adx+xml", {"type": "string"}),
)
def adx_in(request, pk: int, dry_run: bool = False):
    return _import(request, pk, exchange.import_adx, dry_run)
