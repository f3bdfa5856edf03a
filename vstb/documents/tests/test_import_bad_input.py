"""Bad input to `vstb import-plan`: a clear Vietnamese message, exit status 1, nothing saved."""

import io
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vstb.documents.importer import ImportRefused, import_file
from vstb.documents.plan_schema import SEEDS_DIR
from vstb.plans.models import Plan

VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def assert_vietnamese(message: str) -> None:
    assert any(ch in VIETNAMESE for ch in message.lower()), message


def minimal_pdf_with_only_an_image() -> bytes:
    """A one-page PDF whose only content is a 2×2 grey image: a scan, no text layer."""
    pixels = zlib.compress(bytes([128, 64, 64, 128]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length "
        + str(len(pixels)).encode()
        + b" >>\nstream\n"
        + pixels
        + b"\nendstream",
    ]
    content = b"q 500 0 0 700 40 70 cm /Im1 Do Q"
    objects.append(
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream"
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def renamed_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "Không phải văn bản Word")
    return buffer.getvalue()


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            head = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b")
            )
            out += head.encode("cp1258") + "".join(
                m for m in marks if m not in "\u0302\u0306\u031b"
            ).encode("cp1258")
    return out


BAD = {
    "empty": (b"", "ke-hoach.txt", "trống"),
    "blank": (b"  \r\n\n\t ", "ke-hoach.txt", "trống"),
    "binary": (bytes(range(256)) * 4, "ke-hoach.txt", "nhị phân"),
    "unsupported": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "anh-chup.png", "không được hỗ trợ"),
    "old-doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ke-hoach.doc", ".doc"),
    "renamed-zip": (renamed_zip(), "ke-hoach.docx", "tệp nén ZIP"),
    "broken-docx": (b"PK\x03\x04 not really a zip", "ke-hoach.docx", "bị hỏng"),
    "fake-pdf": (b"Hello, I am not a PDF", "ke-hoach.pdf", "không phải tệp PDF"),
    "scanned-pdf": (minimal_pdf_with_only_an_image(), "ban-scan.pdf", "không có lớp chữ"),
    "unknown-encoding": (
        "Привет, это план работы на 2025 год".encode("koi8_r") * 20,
        "ke-hoach.txt",
        "bảng mã",
    ),
    "legacy-font": (
        "KÕ ho¹ch c«ng t¸c b×nh ®¼ng giíi n¨m 2025 cña UBND quËn ".encode() * 5,
        "ke-hoach.txt",
        "TCVN3",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_refused_with_a_vietnamese_message(case):
    data, name, words = BAD[case]
    with pytest.raises(ImportRefused) as refused:
        import_file(data, name)
    assert words in refused.value.message
    assert_vietnamese(refused.value.message)


def test_over_the_size_limit(settings):
    settings.VSTB_IMPORT_MAX_MB = 0.001  # about 1 KB
    data = (SEEDS_DIR / "bimson-2017-chuong-trinh.txt").read_bytes()
    with pytest.raises(ImportRefused, match="vượt giới hạn"):
        import_file(data, "bim-son.txt")


def test_size_limit_from_the_environment(settings, monkeypatch):
    del settings.VSTB_IMPORT_MAX_MB  # the project's settings may not name it
    monkeypatch.setenv("VSTB_IMPORT_MAX_MB", "0.001")
    with pytest.raises(ImportRefused, match="vượt giới hạn"):
        import_file((SEEDS_DIR / "bimson-2017-chuong-trinh.txt").read_bytes(), "bim-son.txt")


def test_windows_1258_is_read_with_a_warning():
    text = "Số: 07/KH-UBND\nLong Biên, ngày 06 tháng 01 năm 2025\nKẾ HOẠCH\nCông tác bình đẳng giới năm 2025\nI. NHIỆM VỤ\n- Tuyên truyền.\n"
    plan = import_file(cp1258(text), "ke-hoach.txt")
    assert (plan["subject"], plan["date"]) == ("Công tác bình đẳng giới năm 2025", "2025-01-06")
    assert any("Windows-1258" in w for w in plan["warnings"])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings_are_read(encoding):
    text = (SEEDS_DIR / "haiphong-2022-chuong-trinh.txt").read_text(encoding="utf-8")
    plan = import_file(text.encode(encoding), "hai-phong.txt")
    assert plan["number"] == "02" and plan["warnings"] == []


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportRefused, match="Không tìm thấy"):
        import_file(tmp_path / "khong-co.txt")
    with pytest.raises(ImportRefused, match="thư mục"):
        import_file(tmp_path)


# --------------------------------------------------------------------------- the command


@pytest.fixture
def unit(db):
    from vstb.org.models import Unit

    nation = Unit.objects.create(code="VN", name="Việt Nam", kind="quoc_gia")
    province = Unit.objects.create(
        code="01", name="Thành phố Hà Nội", kind="tp_trung_uong", parent=nation
    )
    return Unit.objects.create(code="004", name="Quận Long Biên", kind="quan", parent=province)


@pytest.mark.parametrize(
    "case", ["empty", "binary", "renamed-zip", "scanned-pdf", "unknown-encoding"]
)
def test_command_refuses_and_saves_nothing(case, unit, tmp_path):
    data, name, words = BAD[case]
    path = tmp_path / name
    path.write_bytes(data)
    before = Plan.objects.count()
    with pytest.raises(CommandError, match=words):
        call_command("import_plan", str(path), "--unit", "004", "--save", stdout=StringIO())
    assert Plan.objects.count() == before
    assert not (tmp_path / "imports").exists()


def test_command_over_the_size_limit_saves_nothing(unit, tmp_path, settings):
    settings.VSTB_IMPORT_MAX_MB = 0.001
    path = tmp_path / "bim-son.txt"
    path.write_bytes((SEEDS_DIR / "bimson-2017-chuong-trinh.txt").read_bytes())
    with pytest.raises(CommandError, match="vượt giới hạn"):
        call_command("import_plan", str(path), "--unit", "004", "--save", stdout=StringIO())
    assert Plan.objects.count() == 0


def test_command_unknown_unit_saves_nothing(unit):
    with pytest.raises(CommandError, match="Không có đơn vị mã 999"):
        call_command(
            "import_plan",
            str(SEEDS_DIR / "bimson-2017-chuong-trinh.txt"),
            "--unit",
            "999",
            "--save",
            stdout=StringIO(),
        )
    assert Plan.objects.count() == 0


def test_command_saves_a_draft_and_keeps_the_original(unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    source = SEEDS_DIR / "longbien-2025-ke-hoach.txt"
    call_command("import_plan", str(source), "--unit", "004", "--save", stdout=out)
    plan = Plan.objects.get()
    assert plan.unit == unit and plan.subject.startswith("Thực hiện công tác bình đẳng giới")
    assert plan.source_name == "longbien-2025-ke-hoach.txt"
    assert plan.source_file.read() == source.read_bytes()
    assert (tmp_path / "media" / plan.source_file.name).read_bytes() == source.read_bytes()
    assert plan.source_file.name in out.getvalue()


def test_command_prints_json_and_summary():
    source = str(SEEDS_DIR / "haiphong-2022-chuong-trinh.txt")
    out = StringIO()
    call_command("import_plan", source, "--json", stdout=out)
    import json

    assert json.loads(out.getvalue()) == json.loads(
        (SEEDS_DIR / "haiphong-2022-chuong-trinh.json").read_text(encoding="utf-8")
    )
    assert "“" in out.getvalue() or "ệ" in out.getvalue()  # ensure_ascii=False
    out = StringIO()
    call_command("import_plan", source, stdout=out)
    summary = out.getvalue()
    assert "Loại: Chương trình (CTr)" in summary
    assert "Số, ký hiệu: 02/CTr-BVSTBPN" in summary
    assert "nhiệm vụ: 13" in summary and "cảnh báo: 0" in summary


def test_command_line_exits_1_on_bad_input(tmp_path):
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "vstb.cli", "import-plan", str(empty)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "vstb.settings_test"},
        timeout=60,
    )
    assert result.returncode == 1
    assert "trống" in result.stderr and result.stdout == ""
