"""The papers a commune prints for a case, in the Decree 30/2020/NĐ-CP layout (rendered by
vstb/documents/docx.py), each holding only what it needs (issue 15, item 7):

- the record of receipt of a report (biên bản tiếp nhận tin báo; "BB" in Decree 30 Appendix
  III): when and how the report came, who received it, the survivor's code, sex and age, the
  incidents' dates and forms; no name, no informant (they stay sealed in the register);
- the referral slip (phiếu chuyển; "PC" in Decree 30 Appendix III) to a provider: the service
  asked, the survivor's code, sex, age and risk, the note written for the provider, and how to
  reach the survivor only where the referral shares it.

The words are Vietnamese because the documents are."""

from vstb.cases.catalogue import ViolenceForm
from vstb.cases.models import Case, Referral
from vstb.documents.docx import render_docx
from vstb.documents.plan_schema import empty_plan, new_section
from vstb.lib.dates import long_date
from vstb.notifications.services import in_vietnamese
from vstb.org.models import Level, Unit


def _issuer(unit: Unit) -> dict:
    parent = unit.parent
    above = parent.body_name().upper() if parent and parent.level != Level.NATIONAL else None
    return {"parent": above, "name": unit.body_name().upper()}


def _base(unit: Unit, doc_type: str, symbol: str, title: str, subject: str, day) -> dict:
    document = empty_plan()
    document.update(
        doc_type=doc_type,
        symbol=symbol,
        issuer=_issuer(unit),
        place=unit.place_name,
        date=day.isoformat(),
        year=day.year,
        title=title,
        subject=subject,
    )
    return document


def _lower_first(text: str) -> str:
    """A catalogue label inside a sentence ("Chưa ghi nhận" → "chưa ghi nhận"); a label that
    starts with a proper name ("Ủy ban nhân dân cấp xã") keeps its capital."""
    return text if text.startswith(("Ủy ban", "Hội", "Công an")) else text[:1].lower() + text[1:]


def _label(text) -> str:
    return _lower_first(in_vietnamese(text))


def _survivor(case: Case) -> str:
    return (
        f"Mã nạn nhân {case.code}; giới tính: {_label(case.get_sex_display())}; "
        f"độ tuổi: {_label(case.get_age_band_display())}."
    )


FORMS = dict(ViolenceForm.choices)


def receipt(case: Case) -> bytes:
    """The record of receipt of the report of a case."""
    person = case.received_by
    received = (person.full_name or person.username) if person is not None else ""
    document = _base(
        case.unit, "BB", "BB-UBND", "BIÊN BẢN",
        f"Tiếp nhận tin báo về vụ việc {_label(case.get_kind_display())}",
        case.reported_on,
    )  # fmt: skip
    incidents = [
        "Ngày xảy ra: "
        + (incident.occurred_on.strftime("%d/%m/%Y") if incident.occurred_on else "không rõ")
        + "; hình thức: "
        + (", ".join(_label(FORMS[f]) for f in incident.forms if f in FORMS) or "chưa xác định")
        + "."
        for incident in case.incidents.all()
    ]  # fmt: skip
    document["sections"] = [
        new_section("1", "Thời gian, hình thức tiếp nhận", paragraphs=[
            f"Tin báo được tiếp nhận {long_date(case.reported_on)}, qua: "
            f"{_label(case.get_channel_display())}.",
            f"Người tiếp nhận: {received}." if received else "Người tiếp nhận: chưa ghi.",
        ]),
        new_section("2", "Người bị bạo lực", paragraphs=[
            _survivor(case),
            "Họ tên, địa chỉ và thông tin người báo tin được lưu giữ bí mật trong sổ vụ việc "
            "theo mã nạn nhân, không ghi vào biên bản này.",
        ]),
        new_section("3", "Sự việc", paragraphs=incidents or ["Chưa ghi nhận sự việc."]),
    ]  # fmt: skip
    document["signer"] = {"lines": ["NGƯỜI TIẾP NHẬN"], "name": received or None}
    document["recipients"] = ["Lưu: hồ sơ vụ việc."]
    return render_docx(document)


def referral_slip(referral: Referral) -> bytes:
    """The slip that goes with a referral to a provider."""
    case = referral.case
    document = _base(
        case.unit, "PC", "PC-UBND", "PHIẾU CHUYỂN",
        f"Đề nghị hỗ trợ: {_label(referral.get_measure_display())}",
        referral.sent_at.date(),
    )  # fmt: skip
    document["recipients_to"] = [referral.provider.name]
    paragraphs = [
        _survivor(case),
        f"Mức độ nguy cơ: {_label(case.get_risk_display())}.",
        f"Đề nghị trả lời trước ngày {referral.answer_due:%d/%m/%Y}.",
    ]
    note = referral.shared_note.reveal()
    if note:
        paragraphs.append(f"Thông tin cần biết: {note}")
    if referral.share_contact:
        contact = case.contact.reveal()
        if contact:
            paragraphs.append(f"Cách liên hệ an toàn (nạn nhân đã đồng ý chia sẻ): {contact}")
    paragraphs.append(
        "Đề nghị giữ bí mật thông tin về nạn nhân và chỉ sử dụng cho việc hỗ trợ được đề nghị."
    )
    document["preamble"] = paragraphs
    sender = referral.sent_by
    document["signer"] = {
        "lines": ["NGƯỜI CHUYỂN GỬI"],
        "name": (sender.full_name or sender.username) if sender is not None else None,
    }
    document["recipients"] = ["Như trên;", "Lưu: hồ sơ vụ việc."]
    return render_docx(document)
