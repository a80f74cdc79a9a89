"""The self-hosted font carries every Norwegian and Ukrainian letter, so no glyph falls back."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

STATIC = Path(__file__).resolve().parents[2] / "static"
UKRAINIAN = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ’"
NORWEGIAN = "ÆØÅæøåÉéÓóÒòÔôÜü«»–—€"
ENGLISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@pytest.mark.parametrize("font", ["noto-sans-regular.woff2", "noto-sans-bold.woff2"])
def test_font_has_every_letter(font):
    cmap = TTFont(STATIC / "fonts" / font).getBestCmap()
    missing = [char for char in UKRAINIAN + NORWEGIAN + ENGLISH if ord(char) not in cmap]
    assert not missing, f"{font} lacks {''.join(missing)}"


def stylesheet() -> str:
    return (STATIC / "css" / "site.css").read_text()


def test_stylesheet_uses_the_font_first():
    assert re.search(r'--font-body:\s*"Noto Sans"', stylesheet())


def test_stylesheet_loads_both_weights():
    css = stylesheet()
    assert css.count("@font-face") == 2
    for font in ("noto-sans-regular.woff2", "noto-sans-bold.woff2"):
        assert font in css


def test_font_licence_ships_with_the_font():
    assert "SIL Open Font License" in (STATIC / "fonts" / "OFL.txt").read_text()
