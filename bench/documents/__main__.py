"""Time to check an upload by its content and make its preview, per kind of file.

    uv run python -m bench.documents --repeat 5

Files are synthetic: a 12-megapixel phone photo (4000 x 3000) as JPEG and as HEIC, a PDF of
50 pages, and an image bomb (a PNG header announcing 20000 x 20000 pixels). For each the
median of `--repeat` runs of `file_checks.inspect` and, for images, `file_checks.preview`.
The baseline in the same run is Pillow decoding the same image alone (`Image.open` and
`load`), so the ratio says what the checks add to the decode they need anyway.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import struct
import time
import zlib
from collections.abc import Callable
from functools import partial


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _photo(fmt: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (4000, 3000), (92, 78, 64))
    draw = ImageDraw.Draw(image)
    for y in range(0, 3000, 40):  # lines of "text", so the encoder has detail to keep
        draw.line((400, y, 3600, y + 7), fill=(240, 240, 230), width=3)
    out = io.BytesIO()
    image.save(out, format=fmt, quality=85)
    return out.getvalue()


def _pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bomb() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 20000, 20000, 1, 0, 0, 0, 0)
    body = chunk(b"IDAT", zlib.compress(b"\x00" * 25010))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + body + chunk(b"IEND", b"")


def _decode(data: bytes) -> None:
    from PIL import Image

    Image.open(io.BytesIO(data)).load()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from wegweiser.documents import file_checks

    files = {
        "jpeg 12 MP": ("jpeg", _photo("JPEG")),
        "heic 12 MP": ("heic", _photo("HEIF")),
        "pdf 50 pages": ("pdf", _pdf(50)),
    }
    print("file          bytes      inspect_s  preview_s  decode_only_s  ratio")
    for label, (kind, data) in files.items():
        inspect = _median(partial(file_checks.inspect, data), args.repeat)
        if kind == "pdf":
            print(f"{label:<13} {len(data):>9,}  {inspect:9.3f}")
            continue
        preview = _median(partial(file_checks.preview, data, kind), args.repeat)
        decode = _median(partial(_decode, data), args.repeat)
        print(
            f"{label:<13} {len(data):>9,}  {inspect:9.3f}  {preview:9.3f}  {decode:13.3f}"
            f"  {inspect / decode:5.2f}"
        )
    bomb = _bomb()

    def refuse() -> None:
        with contextlib.suppress(file_checks.FileRefused):
            file_checks.inspect(bomb)

    print(f"{'image bomb':<13} {len(bomb):>9,}  {_median(refuse, args.repeat):9.4f}  (refused)")


if __name__ == "__main__":
    main()
