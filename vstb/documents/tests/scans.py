"""A PDF turned into the scan of it that an office would send: every page rendered to a grey
image (Poppler's pdftoppm) and written back as a PDF of images only, with no text layer."""

import io
import re
import subprocess
import tempfile
import zlib
from pathlib import Path


def scanned(pdf: bytes, dpi: int = 200, pages: list[int] | None = None) -> bytes:
    """The scan of `pdf`, of every page or of the `pages` given (1 is the first, -1 the
    last)."""
    with tempfile.TemporaryDirectory(prefix="vstb-scan-") as folder:
        folder = Path(folder)
        (folder / "in.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(dpi), str(folder / "in.pdf"), str(folder / "p")],
            check=True,
            timeout=120,
        )
        found = sorted(folder.glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        chosen = [found[n - 1 if n > 0 else n] for n in pages] if pages else found
        return image_pdf([_pgm(page.read_bytes()) for page in chosen], dpi)


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and 8-bit grey pixels of a binary PGM (P5) image."""
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() : match.end() + width * height]


def image_pdf(images: list[tuple[int, int, bytes]], dpi: int) -> bytes:
    """A PDF with one page per grey image, sized as printed at `dpi`."""
    objects: list[bytes] = [b"", b""]  # the catalogue and the page tree, written last
    kids = []
    for width, height, pixels in images:
        packed = zlib.compress(pixels)
        image = len(objects) + 1
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (width, height, len(packed))
            + packed
            + b"\nendstream"
        )
        points_w, points_h = width * 72 / dpi, height * 72 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im Do Q" % (points_w, points_h)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            b"/Resources << /XObject << /Im %d 0 R >> >> /Contents %d 0 R >>"
            % (points_w, points_h, image, image + 1)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
