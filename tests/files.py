"""Real files for upload tests, made in memory."""

import io
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas

DEMO_MEDIA = Path(__file__).resolve().parent.parent / "cms" / "demo" / "media"


def png_bytes(width: int = 64, height: int = 36, colour=(180, 30, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def webm_bytes() -> bytes:
    return (DEMO_MEDIA / "coal.webm").read_bytes()


def png_bomb_bytes(width: int = 20_000, height: int = 20_000) -> bytes:
    """A small file that declares a huge image: a decompression bomb for the pixel limit."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def pdf_bytes(text: str = "sign-in sheet") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()
