"""Indicator figures exchanged with other systems (issue 18): a unit's subtree exported as a
DHIS2 data value set (JSON), an ADX message (XML) or SDMX-CSV, streamed in chunks; DHIS2
data value sets and ADX messages imported, all values or none, through the same checks and
history as the entry form. Partner codes come from ExchangeCode; one module per format,
`common` for what they share."""

from vstb.indicators.exchange.adx import adx_xml, import_adx
from vstb.indicators.exchange.common import MAX_PAYLOAD_BYTES
from vstb.indicators.exchange.dhis2 import datavaluesets_json, import_datavaluesets
from vstb.indicators.exchange.sdmx import sdmx_csv

__all__ = [
    "MAX_PAYLOAD_BYTES",
    "adx_xml",
    "datavaluesets_json",
    "import_adx",
    "import_datavaluesets",
    "sdmx_csv",
]
