"""Share cards: the 1200×630 picture that links to a page show on social media when the page has no
image of its own, drawn on the server from the page's title in the site's font and colours.

A card is drawn once per title: it is stored in the default storage under a hash of what is drawn
(title, language, design), so a new title makes a new card and the old one is never overwritten.
Pages link to `/share/<page id>-<hash>.png`, which draws the card on its first request (never while
an HTML page is rendered) and serves the stored file afterwards.
"""

import hashlib
import io
import re
import time
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

SIZE = WIDTH, HEIGHT = 1200, 630
# Part of every card's hash: changing the drawing below means a new version, so that no old card is
# served for the new design.
DESIGN_VERSION = "1"
STORAGE_DIR = "share-cards"
MARGIN = 80
BAND_HEIGHT = 110
TITLE_SIZES = range(84, 39, -4)  # largest first; a long title is drawn smaller
LINE_SPACING = 1.2
LOCK_SECONDS = 30

STATIC = Path(settings.BASE_DIR) / "static"
# Pillow's FreeType reads WOFF2 (it is built with Brotli), so the card uses the very files the
# browser gets; tests/seo/test_share_images.py fails if a Pillow build cannot read them.
FONT_BOLD = STATIC / "fonts" / "noto-sans-bold.woff2"
FONT_REGULAR = STATIC / "fonts" / "noto-sans-regular.woff2"


@lru_cache(maxsize=1)
def site_colours() -> dict[str, str]:
    """The custom properties of site.css that are colours: {"blue": "#0a4aa3", …}."""
    css = (STATIC / "css" / "site.css").read_text()
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,8})\s*;", css))


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def card_key(title: str, language: str) -> str:
    return hashlib.sha256(f"{DESIGN_VERSION}\0{language}\0{title}".encode()).hexdigest()[:24]


def card_title(page) -> str:
    return (getattr(page, "seo_title", "") or page.title).strip()


def card_url(page) -> str:
    """The address of `page`'s card (a path); computing it draws nothing."""
    key = card_key(card_title(page), page.locale.language_code)
    return reverse("share_card", kwargs={"page_id": page.pk, "key": key})


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces; a word wider than a line is cut where it no longer fits."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while font.getlength(word) > width:
            cut = max(1, next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _fit_title(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits the box; at the smallest, the lines that fit, the last
    one ending in an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(FONT_BOLD, size)
        lines = _wrap(title, font, width)
        if len(lines) * size * LINE_SPACING <= height:
            return font, lines
    room = max(1, int(height // (size * LINE_SPACING)))
    kept = lines[:room]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return font, kept


def draw_card(title: str, site_name: str = "s2pU") -> bytes:
    """A PNG of `title` on the site's blue, with the site's name on a yellow band below."""
    colours = site_colours()
    image = Image.new("RGB", SIZE, colours["blue"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - BAND_HEIGHT, WIDTH, HEIGHT), fill=colours["yellow"])
    box_top, box_bottom = MARGIN, HEIGHT - BAND_HEIGHT - MARGIN // 2
    font, lines = _fit_title(title or site_name, WIDTH - 2 * MARGIN, box_bottom - box_top)
    line_height = font.size * LINE_SPACING
    y = box_top + (box_bottom - box_top - line_height * len(lines)) / 2
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=colours["paper"])
        y += line_height
    name_font = _font(FONT_BOLD, 48)
    draw.text((MARGIN, HEIGHT - BAND_HEIGHT / 2), site_name, font=name_font, fill=colours["ink"], anchor="lm")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def storage_name(key: str) -> str:
    return f"{STORAGE_DIR}/{key}.png"


def stored_card(title: str, language: str) -> str:
    """The storage name of the card of `title`, drawn now if it was never drawn.

    A lock in the shared cache keeps two requests for a new card from drawing it twice; the second
    waits for the first one's file. If the lock's holder dies, the lock expires and the card is drawn."""
    name = storage_name(card_key(title, language))
    if default_storage.exists(name):
        return name
    lock = f"share-card-lock:{name}"
    deadline = time.monotonic() + LOCK_SECONDS
    while not cache.add(lock, 1, LOCK_SECONDS):
        if default_storage.exists(name):
            return name
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    try:
        if not default_storage.exists(name):
            saved = default_storage.save(name, ContentFile(draw_card(title)))
            if saved != name:  # another server wrote it meanwhile: keep one
                default_storage.delete(saved)
    finally:
        cache.delete(lock)
    return name
