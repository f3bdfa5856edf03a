"""Exports of cases (issue 15, item 5): encrypted by default, never opt-in.

The file is an Excel workbook encrypted as Office encrypts it (ECMA-376 agile encryption:
AES-256, SHA-512, 100,000 rounds; msoffcrypto-tool): Excel and LibreOffice ask for the
passphrase and open it, where an AES zip would need 7-Zip on an office PC (Windows opens only
the weak ZipCrypto). The passphrase is shown once to whoever asked for the export and is
never stored; the file can be downloaded once within EXPORT_HOURS. An export with names and
numbers waits for another supervisor's approval of its reason."""

import io
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from vstb.cases import services
from vstb.cases.models import (
    CODE_LETTERS,
    AccessAction,
    CaseExport,
    ExportState,
    ReferralState,
)
from vstb.lib.workbooks import to_bytes

EXPORT_HOURS = 24
MAX_CASES = 20_000


def passphrase() -> str:
    """Five groups of five letters and digits (about 120 bits), easy to type into Excel."""
    letters = "".join(secrets.choice(CODE_LETTERS) for _ in range(25))
    return "-".join(letters[i : i + 5] for i in range(0, 25, 5))


def workbook(cases, identifiable: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cases")
    header = [
        _("Survivor code"), _("Commune"), _("Kind"), _("Sex"), _("Age"), _("Received through"),
        _("Reported on"), _("Risk"), _("Status"), _("Closed on"), _("Incidents"),
        _("Referrals given"),
    ]  # fmt: skip
    if identifiable:
        header += [_("Full name"), _("Identity card number"), _("How to reach them safely"),
                   _("Address")]  # fmt: skip
    sheet.append(header)
    for case in cases:
        row = [
            case.code, case.unit.name, case.get_kind_display(), case.get_sex_display(),
            case.get_age_band_display(), case.get_channel_display(),
            case.reported_on.strftime("%d/%m/%Y"), case.get_risk_display(),
            case.get_status_display(),
            case.closed_on.strftime("%d/%m/%Y") if case.closed_on else "",
            case.incident_count, case.referrals_done,
        ]  # fmt: skip
        if identifiable:
            row += [case.full_name.reveal(), case.id_number.reveal(), case.contact.reveal(),
                    case.address.reveal()]  # fmt: skip
        sheet.append(row)
    return to_bytes(book)


def encrypt(data: bytes, secret: str) -> bytes:
    source = OOXMLFile(io.BytesIO(data))
    output = io.BytesIO()
    source.encrypt(secret, output)
    return output.getvalue()


@transaction.atomic
def request_export(user, cases, identifiable: bool, reason: str) -> tuple[CaseExport, str]:
    """The export of `cases` (those the user sees), encrypted now; (export, passphrase)."""
    if identifiable and not reason.strip():
        raise services.CaseRefused(_("Write why names and numbers must leave VSTB."))
    cases = (
        cases.select_related("unit")
        .annotate(
            incident_count=Count("incidents", distinct=True),
            referrals_done=Count(
                "referrals", filter=Q(referrals__state=ReferralState.DONE), distinct=True
            ),
        )
        .order_by("unit__name", "reported_on", "pk")
    )
    chosen = list(cases[: MAX_CASES + 1])
    if len(chosen) > MAX_CASES:
        raise services.CaseRefused(
            _("Too many cases for one file: choose fewer (a status, or one commune).")
        )
    secret = passphrase()
    export = CaseExport.objects.create(
        requested_by=user,
        identifiable=identifiable,
        reason=reason.strip()[:300],
        cases=len(chosen),
        state=ExportState.AWAITING if identifiable else ExportState.READY,
        expires_at=timezone.now() + timedelta(hours=EXPORT_HOURS),
        content=encrypt(workbook(chosen, identifiable), secret),
    )
    export.units.set({case.unit_id for case in chosen})
    services.log_list(
        chosen,
        AccessAction.EXPORT,
        f"export:{export.pk}" + (":identifiable" if identifiable else ""),
    )
    return export, secret


@transaction.atomic
def decide(export: CaseExport, approve: bool, user) -> None:
    if export.requested_by_id == user.pk:
        raise services.CaseRefused(_("Another supervisor must approve the export you asked for."))
    changes: dict = {
        "state": ExportState.READY if approve else ExportState.REFUSED,
        "decided_by": user,
    }
    if not approve:
        changes["content"] = b""
    if not CaseExport.objects.filter(pk=export.pk, state=ExportState.AWAITING).update(**changes):
        raise services.CaseRefused(_("This export is not waiting for a decision."))


@transaction.atomic
def take(export: CaseExport) -> bytes:
    """The file, once: claimed by a conditional UPDATE, then wiped."""
    now = timezone.now()
    row = CaseExport.objects.select_for_update().filter(pk=export.pk).first()
    if row is None or row.state != ExportState.READY:
        raise services.CaseRefused(_("This file has already been downloaded, or cannot be."))
    if row.expires_at <= now:
        CaseExport.objects.filter(pk=row.pk).update(state=ExportState.EXPIRED, content=b"")
        raise services.CaseRefused(_("This file has expired: ask for a new export."))
    content = bytes(row.content)
    CaseExport.objects.filter(pk=row.pk).update(
        state=ExportState.DOWNLOADED, downloaded_at=now, content=b""
    )
    return content


def expire_old() -> int:
    """Wipe the files whose time has passed (run by `vstb case-retention`)."""
    return CaseExport.objects.filter(
        state__in=[ExportState.READY, ExportState.AWAITING], expires_at__lte=timezone.now()
    ).update(state=ExportState.EXPIRED, content=b"")
