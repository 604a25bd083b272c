"""Uploaded files checked by their content, never by their name, and the previews of images.

No Django here: the service calls `inspect` on the bytes and stores what it returns. Allowed
are PDF, JPEG, PNG, WebP and HEIC/HEIF (phone photos). A PDF must parse; an image must decode
completely, within an explicit pixel limit (Pillow's decompression-bomb protection), so that
a small file that unpacks into gigabytes is refused before it is decoded.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# Our choices: 20 MB a file (the size Primero allows for attachments) and 64 megapixels an
# image (48-megapixel phone cameras fit; an image bomb of 20000 x 20000 does not).
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 64_000_000
PREVIEW_SIZE = (320, 320)

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# A damaged PDF is refused with its own message; pypdf's repair notes would only fill the log.
logging.getLogger("pypdf").setLevel(logging.ERROR)
pillow_heif.register_heif_opener()

PDF, JPEG, PNG, WEBP, HEIC = "pdf", "jpeg", "png", "webp", "heic"
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    WEBP: "image/webp",
    HEIC: "image/heic",
}
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", WEBP: ".webp", HEIC: ".heic"}
# The image formats Pillow reports for each kind (HEIF files opened by pillow-heif say HEIF).
PILLOW_FORMATS = {JPEG: {"JPEG", "MPO"}, PNG: {"PNG"}, WEBP: {"WEBP"}, HEIC: {"HEIF"}}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


class FileRefused(ValueError):
    """The file is not accepted; `code` picks the message shown at the field."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Inspected:
    kind: str  # one of PDF, JPEG, PNG, WEBP, HEIC
    sha256: str
    size: int
    pages: int | None = None  # PDF
    width: int | None = None  # images
    height: int | None = None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]

    @property
    def is_image(self) -> bool:
        return self.kind != PDF


def sniff(data: bytes) -> str | None:
    """The kind of file the first bytes announce, whatever the file is called."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return HEIC
    return None


def _check_pdf(data: bytes) -> int:
    """The number of pages of a readable PDF. Read leniently (scanners write small faults that
    readers forgive), but a file cut short (no end-of-file marker) or without readable pages
    is refused."""
    if b"%%EOF" not in data[-1024:]:
        raise FileRefused("broken_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileRefused("encrypted_pdf")
        pages = len(reader.pages)
        for page in reader.pages:
            page.get_contents()
    except FileRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise FileRefused("broken_pdf") from error
    if pages == 0:
        raise FileRefused("broken_pdf")
    return pages


def _open_image(data: bytes, kind: str) -> Image.Image:
    """The decoded image; refused when its header announces more pixels than allowed (checked
    before decoding) or when it does not decode completely."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise FileRefused("image_bomb")
            if image.format not in PILLOW_FORMATS[kind]:
                raise FileRefused("broken_image")
            image.load()
        except FileRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise FileRefused("image_bomb") from error
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as error:
            raise FileRefused("broken_image") from error
    return image


def inspect(data: bytes) -> Inspected:
    """Check an upload; raises `FileRefused` with the reason."""
    if not data:
        raise FileRefused("empty")
    if len(data) > MAX_BYTES:
        raise FileRefused("too_large")
    kind = sniff(data)
    if kind is None:
        program = any(data.startswith(signature) for signature in PROGRAM_SIGNATURES)
        raise FileRefused("program" if program else "type")
    digest = hashlib.sha256(data).hexdigest()
    if kind == PDF:
        return Inspected(kind=kind, sha256=digest, size=len(data), pages=_check_pdf(data))
    image = _open_image(data, kind)
    return Inspected(
        kind=kind, sha256=digest, size=len(data), width=image.width, height=image.height
    )


def preview(data: bytes, kind: str) -> bytes:
    """A small JPEG of an image, turned upright as the camera recorded it."""
    image = _open_image(data, kind)
    image = ImageOps.exif_transpose(image) or image
    image.thumbnail(PREVIEW_SIZE)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
