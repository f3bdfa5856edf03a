"""Digital signatures of issued PDFs, through pyHanko (docs/decisions/0025-digital-signatures.md).

Decree 30/2020/NĐ-CP, chapter II, gives an electronic document the force of the paper one
when the issuing body signs it digitally with a certificate from a licensed certification
authority. This module signs a PDF with such a certificate (a PKCS#12 file), and reads back
whether each signature in a PDF still holds, in sentences an official understands.

It is a plain library: no models, no settings; the caller supplies the certificate, its
trust roots and revocation lists. pyHanko runs its checks in an event loop of its own
(`asyncio.run`); called from a thread that runs an event loop already (an async view,
Playwright's sync API in a test), `sign_pdf` and `verify_pdf` do their work in a thread of
their own instead (`_off_the_loop`).

A signed document cannot be changed: each signature covers the bytes of the file as they were
when it was made, and anything appended later shows in `verify_pdf`. A correction is a new
document with a number of its own, and enforcing that is the caller's job.
"""

import asyncio
import concurrent.futures
import datetime
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from asn1crypto import crl as asn1_crl
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    RevokedError,
    ValidationError,
)

# Dates are shown as an official reads them, in Vietnam's time (UTC+7 all year, no summer time).
VIETNAM = datetime.timezone(datetime.timedelta(hours=7), "ICT")
# What pyHanko asks of a signer's certificate by default, and a public CA's signing
# certificate carries: "non-repudiation" (content commitment).
KEY_USAGE = {"non_repudiation"}


class SigningError(Exception):
    """The document cannot be signed or read; the message says, in Vietnamese, what to do."""


@dataclass(frozen=True)
class SigningIdentity:
    """An issuing body's certificate and private key, read from its PKCS#12 file."""

    signer: signers.SimpleSigner
    certificate: x509.Certificate
    common_name: str
    organisation: str


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a PDF, as `verify_pdf` found it."""

    signer: str  # the certificate's common name: a person or an office
    organisation: str  # its O: the issuing body
    signing_time: datetime.datetime | None  # as the signer's computer stated it (aware)
    intact: bool  # the signed bytes are unchanged and the signature over them is sound
    covers_whole_file: bool  # nothing was appended after it (a later signature is appended)
    modified_after_signing: bool  # something other than signatures or form fields was appended
    trusted: bool  # the certificate chains to one of the given roots and was valid when signing
    revoked: bool  # a given revocation list says it was revoked before the signing time
    expired: bool  # the signing time is outside the certificate's validity
    summary: str  # one Vietnamese sentence for the official


def load_identity(p12: bytes, passphrase: bytes | None) -> SigningIdentity:
    """The certificate and key in `p12`, refused with a `SigningError` when the file is not a
    PKCS#12 file, the passphrase is wrong or the certificate is not valid today."""
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(p12, passphrase)
    except ValueError:
        # cryptography says the same thing of both; a file asn1crypto can read as PKCS#12
        # is one, so what failed is the passphrase (or a damaged part the MAC covers).
        if _is_pkcs12(p12):
            raise SigningError(
                "Mật khẩu của tệp chứng thư số không đúng, hoặc tệp đã hỏng; hãy nhập lại mật "
                "khẩu do tổ chức chứng thực cấp kèm tệp, hoặc xin lại tệp."
            ) from None
        raise SigningError(
            "Tệp này không phải tệp chứng thư số PKCS#12 (.p12, .pfx); hãy chọn đúng tệp do "
            "tổ chức chứng thực cấp cho đơn vị."
        ) from None
    if key is None or certificate is None:
        raise SigningError(
            "Tệp chứng thư số không chứa khóa bí mật và chứng thư của người ký; hãy xuất lại "
            "tệp .p12 kèm khóa bí mật."
        )
    _check_dates(certificate, datetime.datetime.now(datetime.UTC))
    signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=(), passphrase=passphrase)
    return SigningIdentity(
        signer=signer,
        certificate=certificate,
        common_name=_attribute(certificate.subject, x509.NameOID.COMMON_NAME),
        organisation=_attribute(certificate.subject, x509.NameOID.ORGANIZATION_NAME),
    )


P = ParamSpec("P")
R = TypeVar("R")


def _off_the_loop(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run where `asyncio.run` may start a loop: here, or, when this thread runs
    one already, in a short-lived thread of its own."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    return wrapper


@_off_the_loop
def sign_pdf(
    pdf: bytes,
    identity: SigningIdentity,
    *,
    reason: str,
    location: str,
    trust_roots: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList] = (),
    revocation_mode: str = "soft-fail",
    allow_fetching: bool = False,
    signer_name: str | None = None,
) -> bytes:
    """`pdf` with one more signature of `identity`: PAdES baseline B-B, SHA-256, appended as an
    incremental update so that the bytes of `pdf`, and any signature already in it, stay as
    they were. The signature field is invisible (no stamp on the page): the document's own
    signature block names the signer, and a reader shows the signature in its panel.

    The certificate is checked first, at this moment, against `trust_roots` and `crls`; an
    expired, not yet valid, revoked or unknown certificate is refused with a `SigningError`.
    `revocation_mode` is pyhanko-certvalidator's: "soft-fail" (refuse what a list says is
    revoked, go on when there is none), "hard-fail" or "require" (a list must be given or
    fetched). `allow_fetching` lets it fetch lists and OCSP answers over the network."""
    now = datetime.datetime.now(datetime.UTC)
    _check_dates(identity.certificate, now)
    context = _context(trust_roots, crls, now, revocation_mode, allow_fetching)
    _validate(identity, context)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if writer.prev.encrypted:
            raise SigningError(
                "Tệp PDF có đặt mật khẩu nên không ký được; hãy xuất lại PDF không đặt mật khẩu."
            )
        # A new field each time, so that a document signed already is signed again beside it.
        field_name = f"ChuKy{len(writer.prev.embedded_signatures) + 1}"
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location,
            name=signer_name,
        )
        output: io.BytesIO = signers.PdfSigner(metadata, identity.signer).sign_pdf(writer)
    except SigningError:
        raise
    except Exception as error:
        # As in verify_pdf: a damaged file fails anywhere in pyHanko, with any exception.
        raise SigningError(
            "Tệp PDF không đọc được nên chưa ký được; hãy xuất lại PDF từ văn bản rồi ký lại."
        ) from error
    return output.getvalue()


@_off_the_loop
def verify_pdf(
    pdf: bytes,
    trust_roots: Sequence[x509.Certificate] = (),
    crls: Sequence[x509.CertificateRevocationList] = (),
) -> list[SignatureReport]:
    """A report on each signature of `pdf`, first signed first; [] when it has none.

    Each certificate is judged at the signing time its signature states, as Adobe Reader does
    by default: a certificate that expired after the document was signed leaves the signature
    valid. That time comes from the signer's computer (no time-stamping authority yet), and
    revocation only from the given `crls` (nothing is fetched)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return [_check(signature, trust_roots, crls) for signature in reader.embedded_signatures]
    except Exception as error:
        # pyHanko meets a damaged file with whatever its parser, zlib or asn1crypto raise
        # (PdfReadError, zlib.error, ValueError, AttributeError, AssertionError …), at any
        # point of the reading; the official needs one answer for all of them.
        raise SigningError(
            "Tệp PDF bị hỏng hoặc không phải PDF nên không kiểm tra được chữ ký; hãy xin lại "
            "bản PDF từ đơn vị ban hành."
        ) from error


def _check(
    signature: EmbeddedPdfSignature,
    trust_roots: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
) -> SignatureReport:
    signing_time = signature.self_reported_timestamp
    moment = signing_time or datetime.datetime.now(datetime.UTC)
    context = _context(trust_roots, crls, moment, "soft-fail", allow_fetching=False)
    status = validate_pdf_signature(signature, signer_validation_context=context)
    certificate = x509.load_der_x509_certificate(status.signing_cert.dump())
    signer = _attribute(certificate.subject, x509.NameOID.COMMON_NAME)
    organisation = _attribute(certificate.subject, x509.NameOID.ORGANIZATION_NAME)
    modification = status.modification_level
    facts = {
        "intact": status.intact and status.valid,
        # A later signature adds a field and its value (FORM_FILLING); page content,
        # annotations or anything pyHanko cannot classify is a change to the document.
        "modified_after_signing": (
            modification is None or modification > ModificationLevel.FORM_FILLING
        ),
        "trusted": status.trusted,
        "revoked": status.revoked,
        "expired": not (
            certificate.not_valid_before_utc <= moment <= certificate.not_valid_after_utc
        ),
    }
    return SignatureReport(
        signer=signer,
        organisation=organisation,
        signing_time=signing_time,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        **facts,
        summary=_summary(signer or organisation or "người ký", signing_time, certificate, **facts),
    )


def _summary(
    who: str,
    signing_time: datetime.datetime | None,
    certificate: x509.Certificate,
    *,
    intact: bool,
    modified_after_signing: bool,
    trusted: bool,
    revoked: bool,
    expired: bool,
) -> str:
    """One sentence on the gravest problem, since the official acts on that one."""
    if not intact:
        return "Văn bản đã bị thay đổi sau khi ký: chữ ký không còn giá trị."
    if modified_after_signing:
        return (
            f"Văn bản đã bị sửa thêm sau khi {who} ký: chữ ký chỉ xác nhận bản trước khi sửa; "
            "hãy xin lại bản gốc từ đơn vị ban hành."
        )
    if revoked:
        return f"Chứng thư số của {who} đã bị thu hồi: chữ ký không còn giá trị."
    if expired:
        return (
            f"Chứng thư số của {who} không có hiệu lực vào lúc ký (hiệu lực từ ngày "
            f"{_date(certificate.not_valid_before_utc)} đến ngày "
            f"{_date(certificate.not_valid_after_utc)}): chữ ký không có giá trị."
        )
    if not trusted:
        return "Chứng thư của người ký không thuộc tổ chức chứng thực được tin cậy."
    when = f" ngày {_date(signing_time)}" if signing_time else ""
    return f"Chữ ký của {who}{when} còn nguyên vẹn, chứng thư hợp lệ."


def _context(
    trust_roots: Sequence[x509.Certificate],
    crls: Sequence[x509.CertificateRevocationList],
    moment: datetime.datetime,
    revocation_mode: str,
    allow_fetching: bool,
) -> ValidationContext:
    # A list, even empty: None would make pyhanko-certvalidator trust the operating system's
    # TLS roots, which are not the roots of Vietnam's licensed signing CAs.
    roots = [asn1_x509.Certificate.load(root.public_bytes(Encoding.DER)) for root in trust_roots]
    lists = [asn1_crl.CertificateList.load(item.public_bytes(Encoding.DER)) for item in crls]
    return ValidationContext(
        trust_roots=roots,
        crls=lists,
        allow_fetching=allow_fetching,
        revocation_mode=revocation_mode,
        # A list issued after the signing time still says whether the certificate was revoked
        # at that time; without this, verifying last month's document against today's list
        # finds no usable list and calls the certificate untrusted.
        retroactive_revinfo=True,
        # pyhanko-certvalidator takes a moment as "validate in the past", which it forbids
        # together with fetching; fetching is for now anyway.
        moment=None if allow_fetching else moment,
    )


def _validate(identity: SigningIdentity, context: ValidationContext) -> None:
    """Refuse a certificate that does not chain to a trusted root, or that is revoked."""
    signer = identity.signer
    validator = CertificateValidator(
        signer.signing_cert,
        intermediate_certs=signer.cert_registry,
        validation_context=context,
    )
    try:
        # pyhanko-certvalidator leaves this one without annotations.
        asyncio.run(validator.async_validate_usage(KEY_USAGE))  # type: ignore[no-untyped-call]
    except RevokedError as error:
        raise SigningError(
            f"Chứng thư số đã bị thu hồi ngày {_date(error.revocation_dt)}; hãy liên hệ tổ chức "
            "chứng thực để được cấp chứng thư mới cho đơn vị."
        ) from error
    except ExpiredError as error:
        raise SigningError(
            f"Một chứng thư trong chuỗi chứng thực đã hết hạn ngày {_date(error.expired_dt)}; "
            "hãy liên hệ tổ chức chứng thực."
        ) from error
    except NotYetValidError as error:
        raise SigningError(
            f"Một chứng thư trong chuỗi chứng thực chỉ có hiệu lực từ ngày "
            f"{_date(error.valid_from)}; hãy liên hệ tổ chức chứng thực."
        ) from error
    except PathBuildingError as error:
        raise SigningError(
            "Chứng thư số không do tổ chức chứng thực được tin cậy cấp; hãy dùng chứng thư do "
            "tổ chức chứng thực được cấp phép cấp, hoặc nhờ quản trị viên thêm chứng thư gốc "
            "của tổ chức đó."
        ) from error
    except ValidationError as error:
        raise SigningError(
            "Chứng thư số không dùng được để ký văn bản (sai mục đích sử dụng hoặc không kiểm "
            "tra được tình trạng thu hồi); hãy liên hệ tổ chức chứng thực."
        ) from error


def _check_dates(certificate: x509.Certificate, moment: datetime.datetime) -> None:
    if moment > certificate.not_valid_after_utc:
        raise SigningError(
            f"Chứng thư số đã hết hạn ngày {_date(certificate.not_valid_after_utc)}; hãy gia hạn "
            "hoặc cấu hình chứng thư mới cho đơn vị."
        )
    if moment < certificate.not_valid_before_utc:
        raise SigningError(
            f"Chứng thư số chỉ có hiệu lực từ ngày {_date(certificate.not_valid_before_utc)}; "
            "hãy ký từ ngày đó, hoặc kiểm tra đồng hồ của máy chủ."
        )


def _is_pkcs12(data: bytes) -> bool:
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parsing is the check
    except (ValueError, TypeError):
        return False
    return True


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _date(moment: datetime.datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y")
