"""A throwaway certificate authority, and a small PDF to sign, for the tests and benchmarks of
`vstb.documents.signing`.

The authority issues certificates to an issuing body the way a Vietnamese public CA does (the
body's name in O, a person or an office in CN). Keys are EC P-256, the quickest to generate,
and each is made once per process (`functools.cache`), so every test shares one authority.
Nothing here touches the network or the disk.
"""

import datetime
import functools
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter

from vstb.documents.signing import SigningIdentity, load_identity

PASSPHRASE = b"mat-khau-thu-nghiem"
ORGANISATION = "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
# The common names of the three certificates the authority issues, by kind.
HOLDERS = {
    "valid": "Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh",
    "expired": "Trần Văn Bình",
    "revoked": "Lê Thị Mai",
}
CRL_ADDRESS = "http://ca.vstb.invalid/root.crl"
DAY = datetime.timedelta(days=1)
# One moment for the whole session, so that a certificate's dates and the CRL agree.
NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@functools.cache
def _root() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("VSTB Test Root CA", "Tổ chức chứng thực thử nghiệm VSTB")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - 3 * 365 * DAY)
        .not_valid_after(NOW + 10 * 365 * DAY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


@functools.cache
def _leaf(kind: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    root_key, root_certificate = _root()
    key = ec.generate_private_key(ec.SECP256R1())
    if kind == "expired":
        not_before, not_after = NOW - 2 * 365 * DAY, NOW - 30 * DAY
    else:
        not_before, not_after = NOW - 30 * DAY, NOW + 365 * DAY
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(HOLDERS[kind], ORGANISATION))
        .issuer_name(root_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # "non-repudiation", which pyHanko asks of a signer
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        # Where the authority publishes its revocation list, as a public CA's certificates say:
        # pyhanko-certvalidator checks a list only for a certificate that declares one. Never
        # fetched: the tests hand the list over themselves.
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(CRL_ADDRESS)], None, None, None
                    )
                ]
            ),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, certificate


def root_certificate() -> x509.Certificate:
    """The authority's self-signed certificate: the trust root to pass to signing.py."""
    return _root()[1]


def certificate(kind: str = "valid") -> x509.Certificate:
    """The certificate of kind "valid", "expired" or "revoked"."""
    return _leaf(kind)[1]


@functools.cache
def p12(kind: str = "valid", passphrase: bytes = PASSPHRASE) -> bytes:
    """A PKCS#12 file of the certificate of `kind`, its key and the root, as a CA hands it
    to the issuing body."""
    key, leaf = _leaf(kind)
    return pkcs12.serialize_key_and_certificates(
        HOLDERS[kind].encode(),
        key,
        leaf,
        [root_certificate()],
        serialization.BestAvailableEncryption(passphrase),
    )


@functools.cache
def crl(
    issued: datetime.datetime = NOW - DAY, revoked: datetime.datetime = NOW - DAY
) -> x509.CertificateRevocationList:
    """The authority's list of revoked certificates, `issued` at that time: it names the
    "revoked" certificate, revoked at `revoked` (both yesterday by default)."""
    root_key, root = _root()
    entry = (
        x509.RevokedCertificateBuilder()
        .serial_number(certificate("revoked").serial_number)
        .revocation_date(revoked)
        .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
        .build()
    )
    return (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(issued)
        .next_update(issued + 7 * DAY)
        .add_revoked_certificate(entry)
        .sign(root_key, hashes.SHA256())
    )


def identity(kind: str = "valid") -> SigningIdentity:
    """The issuing body's identity, loaded from its PKCS#12 file as production does."""
    return load_identity(p12(kind), PASSPHRASE)


@functools.cache
def sample_pdf(pages: int = 3) -> bytes:
    """A PDF of `pages` A4 pages, each with a line of text ("Trang 1", …) in an uncompressed
    content stream, so that a test can find and change its bytes. Written by pyHanko's own
    writer: no LibreOffice needed."""
    writer = PdfFileWriter()
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    resources = generic.DictionaryObject(
        {
            generic.pdf_name("/Font"): generic.DictionaryObject(
                {generic.pdf_name("/F1"): writer.add_object(font)}
            )
        }
    )
    for number in range(1, pages + 1):
        text = f"BT /F1 24 Tf 72 760 Td (Trang {number} / {pages}) Tj ET".encode()
        contents = writer.add_object(generic.StreamObject(stream_data=text))
        writer.insert_page(PageObject(contents, (0, 0, 595, 842), resources))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
