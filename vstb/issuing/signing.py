"""Signing an issued document's PDF with its issuing body's certificate, and reading the
signatures of a PDF someone brings (decision 0025; the cryptography is
vstb/documents/signing.py).

Certificates are files on the server, never in the database: an issuing body's PKCS#12 file
and its passphrase sit in VSTB_SIGNING_DIR/units/ as "<unit code>-<ubnd|committee>.p12" and
".pass", put there by whoever administers the server (as a records office keeps its USB
token); the certification authorities they are checked against are in trust/ and their
revocation lists in crl/. Nothing is fetched from the network.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from vstb.documents.signing import (
    SignatureReport,
    SigningError,
    load_identity,
    sign_pdf,
    verify_pdf,
)
from vstb.issuing.models import SignedCopy


@dataclass(frozen=True)
class Trust:
    roots: list[x509.Certificate]
    crls: list[x509.CertificateRevocationList]


def key_path(unit, issuer_body: str) -> Path:
    return Path(settings.VSTB_SIGNING_DIR) / "units" / f"{unit.code}-{issuer_body}.p12"


def can_sign_as(unit, issuer_body: str) -> bool:
    """The issuing body has a certificate on this server."""
    return key_path(unit, issuer_body).is_file()


def trust() -> Trust:
    """The certification authorities and revocation lists configured on the server."""
    folder = Path(settings.VSTB_SIGNING_DIR)
    roots = [_certificate(path) for path in _files(folder / "trust")]
    crls = [_crl(path) for path in _files(folder / "crl")]
    return Trust(roots, crls)


def signed_copy_of(obj) -> SignedCopy | None:
    return SignedCopy.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def sign(obj, pdf: bytes, *, unit, issuer_body: str, by, reason: str, location: str) -> SignedCopy:
    """Sign `pdf` (the issued `obj` rendered) as `unit`'s issuing body and keep it; raises
    SigningError with a Vietnamese sentence when it cannot be done."""
    path = key_path(unit, issuer_body)
    if not path.is_file():
        raise SigningError(
            "Máy chủ chưa có chứng thư số của cơ quan ban hành văn bản này; hãy đề nghị quản "
            "trị viên cài tệp chứng thư số (.p12) của đơn vị rồi ký lại."
        )
    passphrase_file = path.with_suffix(".pass")
    passphrase = (
        passphrase_file.read_text(encoding="utf-8").strip().encode()
        if passphrase_file.is_file()
        else None
    )
    identity = load_identity(path.read_bytes(), passphrase)
    configured = trust()
    signed = sign_pdf(
        pdf,
        identity,
        reason=reason,
        location=location,
        trust_roots=configured.roots,
        crls=configured.crls,
    )
    digest = hashlib.sha256(signed).hexdigest()
    try:
        with transaction.atomic():
            copy = SignedCopy(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
                sha256=digest,
                signer=identity.common_name,
                organisation=identity.organisation,
                signed_by=by if getattr(by, "pk", None) else None,
            )
            copy.file.save(f"{digest[:16]}.pdf", ContentFile(signed), save=False)
            copy.save()
    except IntegrityError:
        raise SigningError(
            "Văn bản này đã được ký số; văn bản đã ký không ký hay sửa lại được, chỉ có thể "
            "thay thế bằng văn bản khác."
        ) from None
    return copy


def signed_pdf(copy: SignedCopy) -> bytes:
    with default_storage.open(copy.file.name, "rb") as kept:
        return kept.read()


def check(pdf: bytes) -> list[SignatureReport]:
    """The signatures of a PDF someone brings, judged against the server's authorities."""
    configured = trust()
    return verify_pdf(pdf, configured.roots, configured.crls)


def status(obj, *, may_sign: bool, unit, issuer_body: str) -> dict:
    """What a page shows of `obj`'s signature (template issuing/_signature.html): its signed
    copy and what the signatures say today, or whether it can be signed here."""
    copy = signed_copy_of(obj)
    reports: list[SignatureReport] = []
    problem = ""
    if copy is not None:
        try:
            reports = check(signed_pdf(copy))
        except (SigningError, OSError) as error:
            problem = str(error)
    can_sign = copy is None and may_sign
    return {
        "signed": copy,
        "signatures": reports,
        "signature_problem": problem,
        "can_sign": can_sign,
        "has_certificate": can_sign and can_sign_as(unit, issuer_body),
    }


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


def _certificate(path: Path) -> x509.Certificate:
    data = path.read_bytes()
    try:
        return (
            x509.load_pem_x509_certificate(data)
            if b"-----BEGIN" in data
            else x509.load_der_x509_certificate(data)
        )
    except ValueError:
        raise SigningError(
            f"Tệp {path.name} trong thư mục tổ chức chứng thực tin cậy không phải chứng thư số; "
            "hãy đề nghị quản trị viên thay tệp đúng."
        ) from None


def _crl(path: Path) -> x509.CertificateRevocationList:
    data = path.read_bytes()
    try:
        return (
            x509.load_pem_x509_crl(data) if b"-----BEGIN" in data else x509.load_der_x509_crl(data)
        )
    except ValueError:
        raise SigningError(
            f"Tệp {path.name} trong thư mục danh sách thu hồi không đọc được; hãy đề nghị quản "
            "trị viên tải lại danh sách thu hồi của tổ chức chứng thực."
        ) from None
