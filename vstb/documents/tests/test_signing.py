"""Signing issued PDFs and reading their signatures back (Decree 30/2020/NĐ-CP, chapter II),
against a throwaway certificate authority (`certificates.py`); poppler's pdfsig is a second,
independent reader of the signature."""

import dataclasses
import io
import shutil
import subprocess

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import signers

from vstb.documents import signing
from vstb.documents.signing import SigningError, load_identity, sign_pdf, verify_pdf
from vstb.documents.tests import certificates


def _sign(pdf: bytes | None = None, identity=None, **options) -> bytes:
    options = {"trust_roots": [certificates.root_certificate()], **options}
    return sign_pdf(
        certificates.sample_pdf() if pdf is None else pdf,
        identity or certificates.identity(),
        reason="Ban hành kế hoạch",
        location="Hà Tĩnh",
        **options,
    )


def _verify(pdf: bytes) -> list[signing.SignatureReport]:
    return verify_pdf(pdf, [certificates.root_certificate()], [certificates.crl()])


def _identity_without_checks(kind: str) -> signing.SigningIdentity:
    """The identity of `kind` as `load_identity` would build it, without its date check: how
    sign_pdf meets a certificate that expired after it was loaded."""
    valid = certificates.identity()
    signer = signers.SimpleSigner.load_pkcs12_data(
        certificates.p12(kind), other_certs=(), passphrase=certificates.PASSPHRASE
    )
    return dataclasses.replace(valid, signer=signer, certificate=certificates.certificate(kind))


def _refused(call, *arguments, **options) -> str:
    with pytest.raises(SigningError) as refused:
        call(*arguments, **options)
    message = str(refused.value)
    # Every message is a Vietnamese sentence that says what to do next.
    assert "hãy" in message, message
    return message


def _date(moment) -> str:
    return moment.astimezone(signing.VIETNAM).strftime("%d/%m/%Y")


def test_a_signed_pdf_is_intact_trusted_and_covers_the_whole_file():
    pdf = certificates.sample_pdf()
    signed = _sign(pdf)

    assert signed.startswith(pdf)  # an incremental update: the issued bytes stay as they were
    [report] = _verify(signed)
    assert report.intact and report.covers_whole_file and report.trusted
    assert not (report.revoked or report.expired or report.modified_after_signing)
    assert report.signer == "Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert report.organisation == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert report.signing_time is not None and report.signing_time.tzinfo is not None
    assert report.summary == (
        f"Chữ ký của Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh ngày {_date(report.signing_time)} "
        "còn nguyên vẹn, chứng thư hợp lệ."
    )


@pytest.mark.skipif(
    shutil.which("pdfsig") is None,
    reason="pdfsig is missing: run.py installs poppler-utils (apt-get install poppler-utils)",
)
def test_pdfsig_finds_the_signature_valid(tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(_sign())

    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=30)

    assert "Signature Type: ETSI.CAdES.detached" in result.stdout, result.stdout
    assert "Signature Validation: Signature is Valid." in result.stdout, result.stdout
    assert "Total document signed" in result.stdout, result.stdout
    # The test authority is not in NSS's store, so pdfsig 22.12 also prints
    # "Certificate Validation: Certificate issuer isn't Trusted."


def test_a_pdf_without_signatures_has_no_reports():
    assert _verify(certificates.sample_pdf()) == []


def test_without_the_root_the_signature_is_intact_but_not_trusted():
    [report] = verify_pdf(_sign())

    assert report.intact and not report.trusted
    assert report.summary == "Chứng thư của người ký không thuộc tổ chức chứng thực được tin cậy."


def test_signing_again_adds_a_signature_and_keeps_the_first():
    once = _sign()
    twice = _sign(once)

    assert twice.startswith(once)
    first, second = _verify(twice)
    assert first.intact and first.trusted and not first.covers_whole_file
    assert not first.modified_after_signing  # a second signature is not a change
    assert "còn nguyên vẹn" in first.summary
    assert second.intact and second.covers_whole_file


def test_a_byte_changed_inside_the_signed_range_breaks_the_signature():
    signed = _sign()
    assert signed.count(b"(Trang 2 / 3)") == 1
    tampered = signed.replace(b"(Trang 2 / 3)", b"(Trang 9 / 3)")

    [report] = _verify(tampered)

    assert not report.intact
    assert report.summary == "Văn bản đã bị thay đổi sau khi ký: chữ ký không còn giá trị."


def test_page_content_appended_after_signing_is_flagged():
    writer = IncrementalPdfFileWriter(io.BytesIO(_sign()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 760 Td (Da sua) Tj ET")
    )
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)

    [report] = _verify(output.getvalue())

    assert report.intact  # the signed bytes are untouched …
    assert not report.covers_whole_file  # … but something follows them
    assert report.modified_after_signing
    assert "sửa thêm sau khi" in report.summary


def test_an_expired_certificate_is_refused_when_loaded_and_when_signing():
    expired_on = _date(certificates.certificate("expired").not_valid_after_utc)
    expected = (
        f"Chứng thư số đã hết hạn ngày {expired_on}; hãy gia hạn hoặc cấu hình chứng thư mới "
        "cho đơn vị."
    )

    assert _refused(load_identity, certificates.p12("expired"), certificates.PASSPHRASE) == (
        expected
    )
    assert _refused(_sign, identity=_identity_without_checks("expired")) == expected


def test_a_revoked_certificate_is_refused_at_signing_with_the_crl():
    revoked = certificates.identity("revoked")

    message = _refused(_sign, identity=revoked, crls=[certificates.crl()])

    assert message.startswith("Chứng thư số đã bị thu hồi ngày ")
    assert _date(certificates.NOW - certificates.DAY) in message


@pytest.mark.parametrize(
    ("revoked_after_signing", "revoked"),
    [(-certificates.DAY, True), (certificates.DAY, False)],
    ids=["revoked-before-signing", "revoked-after-signing"],
)
def test_a_list_issued_after_signing_judges_the_certificate_at_the_signing_time(
    revoked_after_signing, revoked
):
    signed = _sign(identity=certificates.identity("revoked"))  # no list yet: soft-fail signs
    [before] = verify_pdf(signed, [certificates.root_certificate()])
    signing_time = before.signing_time
    # Today's list, read months later: issued after the document, revoked before or after it.
    later_list = certificates.crl(
        issued=signing_time + 2 * certificates.DAY, revoked=signing_time + revoked_after_signing
    )

    [report] = verify_pdf(signed, [certificates.root_certificate()], [later_list])

    assert report.revoked is revoked
    assert report.trusted is not revoked
    if revoked:
        assert (
            report.summary == "Chứng thư số của Lê Thị Mai đã bị thu hồi: chữ ký không còn giá trị."
        )
    else:
        assert "còn nguyên vẹn, chứng thư hợp lệ" in report.summary


def test_a_signature_made_with_an_expired_certificate_is_reported_expired():
    # sign_pdf refuses to; another tool (here pyHanko on its own) may not.
    signer = _identity_without_checks("expired").signer
    output = _in_a_thread(
        signers.sign_pdf,
        IncrementalPdfFileWriter(io.BytesIO(certificates.sample_pdf())),
        signers.PdfSignatureMetadata(field_name="ChuKy1"),
        signer=signer,
    )

    [report] = _verify(output.getvalue())

    assert report.expired and not report.trusted and report.intact
    assert "không có hiệu lực vào lúc ký" in report.summary


def test_a_certificate_from_an_unknown_authority_is_refused_at_signing():
    # The PKCS#12 file carries the root too: what the file brings is not what is trusted.
    message = _refused(_sign, trust_roots=[])

    assert "tổ chức chứng thực được tin cậy" in message


def test_when_revocation_lists_are_required_signing_without_one_is_refused():
    message = _refused(_sign, revocation_mode="require")

    assert "tình trạng thu hồi" in message
    assert _verify(_sign(revocation_mode="require", crls=[certificates.crl()]))[0].trusted


def test_a_wrong_passphrase_is_refused():
    message = _refused(load_identity, certificates.p12(), b"sai-mat-khau")

    assert message.startswith("Mật khẩu của tệp chứng thư số không đúng")


def test_a_file_that_is_not_pkcs12_is_refused():
    message = _refused(load_identity, b"day khong phai chung thu so", certificates.PASSPHRASE)

    assert "không phải tệp chứng thư số" in message


@pytest.mark.parametrize(
    "data",
    [b"", b"khong phai PDF", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"%PDF-1.7\n%%EOF\n"],
    ids=["empty", "text", "truncated", "no-objects"],
)
def test_a_file_that_is_not_a_pdf_cannot_be_verified_or_signed(data):
    assert "không kiểm tra được chữ ký" in _refused(verify_pdf, data)
    assert "chưa ký được" in _refused(_sign, data)


def test_a_pdf_with_a_password_is_refused_at_signing():
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(certificates.sample_pdf())))
    writer.encrypt("chu-so-huu", "nguoi-doc")
    output = io.BytesIO()
    writer.write(output)

    assert "đặt mật khẩu" in _refused(_sign, output.getvalue())


def test_verifying_and_signing_work_from_a_thread_that_runs_an_event_loop():
    """As in an async view, or a browser test driving Playwright's sync API."""
    import asyncio

    async def inside_a_loop():
        signed = signing.sign_pdf(
            certificates.sample_pdf(1),
            certificates.identity(),
            reason="Thử",
            location="Hà Tĩnh",
            trust_roots=[certificates.root_certificate()],
        )
        return signing.verify_pdf(signed, [certificates.root_certificate()])

    (report,) = _in_a_thread(asyncio.run, inside_a_loop())
    assert report.intact and report.trusted


def _in_a_thread(function, *args, **kwargs):
    """`function` in a thread of its own, where no event loop runs: the browser tests'
    Playwright keeps one running in the main thread for the whole session."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
