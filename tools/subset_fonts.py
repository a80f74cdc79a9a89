"""Rebuild static/fonts/*.woff2 from Noto Sans (SIL Open Font License 1.1).

The source TTFs come from Debian's fonts-noto-core package (`apt-get download fonts-noto-core`,
then `dpkg-deb -x`). The subset keeps Latin (Norwegian and English), Cyrillic (Ukrainian, with
Ґ Є І Ї and the apostrophe ʼ) and common punctuation, so pages never fall back to another font.

    python tools/subset_fonts.py /path/to/usr/share/fonts/truetype/noto
"""

import sys
from pathlib import Path

from fontTools import subset

UNICODES = "U+0000-00FF,U+0100-017F,U+0218-021B,U+02BC,U+02C6,U+02DA,U+02DC,U+0400-045F,U+0490-0491,U+2000-206F,U+20AC,U+20B4,U+2116,U+2122,U+2190-2193,U+2212"
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "fonts"
FACES = {"NotoSans-Regular.ttf": "noto-sans-regular.woff2", "NotoSans-Bold.ttf": "noto-sans-bold.woff2"}


def main(source_dir: str) -> None:
    for source, target in FACES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "locl", "case", "tnum", "lnum"]
        options.name_IDs = ["*"]
        font = subset.load_font(str(Path(source_dir) / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        subset.save_font(font, str(OUTPUT / target), options)
        print(target, (OUTPUT / target).stat().st_size, "bytes")


if __name__ == "__main__":
    main(sys.argv[1])
