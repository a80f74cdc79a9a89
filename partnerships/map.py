"""A map of Norway and Ukraine drawn on the server, for an SVG with no map tiles, scripts or styles.

Written here rather than taken from a library: the map libraries for Django draw with JavaScript and
tiles from third-party servers, which the site's strict CSP and privacy promises rule out. The outlines
are simplified by hand (some thirty points each, enough to recognise the countries at this size) and
projected equirectangularly with the standard parallel at 55° N, between the two countries.
"""

import math
from dataclasses import dataclass

# (longitude, latitude), clockwise from Lindesnes.
# fmt: off
NORWAY = [
    (7.05, 57.98), (6.1, 58.3), (5.55, 58.75), (5.5, 59.3), (5.0, 60.0), (4.85, 61.0), (5.1, 62.0),
    (6.2, 62.6), (7.5, 63.1), (8.8, 63.6), (10.3, 64.4), (11.5, 65.2), (12.4, 66.0), (13.3, 67.0),
    (14.4, 67.9), (15.6, 68.6), (17.0, 69.3), (18.7, 69.9), (20.5, 70.2), (22.3, 70.7), (24.0, 71.0),
    (25.8, 71.15), (27.8, 71.0), (29.6, 70.7), (31.1, 70.35), (30.1, 69.8), (29.1, 69.05), (28.2, 69.2),
    (26.5, 69.95), (25.0, 69.0), (22.4, 68.8), (20.6, 69.05), (18.5, 68.5), (17.4, 68.0), (16.4, 67.2),
    (15.5, 66.2), (14.5, 65.2), (13.9, 64.4), (12.7, 63.9), (12.1, 63.0), (12.3, 62.2), (12.8, 61.5),
    (12.4, 60.6), (11.8, 59.8), (11.4, 59.0), (10.6, 59.4), (10.0, 59.0), (9.2, 58.6), (8.2, 58.15),
]
UKRAINE = [
    (22.15, 48.4), (22.6, 49.1), (22.8, 49.9), (23.6, 50.5), (24.1, 50.9), (23.65, 51.5), (25.2, 51.95),
    (27.1, 51.75), (28.7, 51.45), (30.5, 51.3), (31.3, 52.1), (32.2, 52.1), (33.4, 52.35), (34.4, 51.25),
    (35.3, 51.05), (35.6, 50.4), (36.6, 50.25), (38.0, 49.95), (38.8, 50.1), (40.1, 49.6), (39.7, 48.9),
    (40.0, 48.3), (39.7, 47.85), (38.2, 47.1), (37.0, 46.85), (35.3, 46.35), (34.9, 45.65), (35.5, 45.3),
    (36.6, 45.4), (35.8, 44.95), (34.4, 44.5), (33.5, 44.55), (32.5, 45.4), (33.6, 46.05), (32.0, 46.45),
    (31.0, 46.6), (30.3, 45.95), (29.7, 45.25), (28.25, 45.45), (28.95, 46.45), (29.85, 46.4),
    (29.55, 47.2), (29.2, 47.95), (28.1, 48.2), (26.7, 48.3), (24.9, 47.75), (23.2, 48.05),
]
# fmt: on

WEST, EAST, SOUTH, NORTH = 3.5, 41.5, 43.5, 72.0
SCALE = 20
X_FACTOR = math.cos(math.radians(55))
WIDTH = round((EAST - WEST) * X_FACTOR * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(longitude, latitude) -> tuple[float, float]:
    return (
        round((float(longitude) - WEST) * X_FACTOR * SCALE, 1),
        round((NORTH - float(latitude)) * SCALE, 1),
    )


def outline(points) -> str:
    coordinates = [project(lon, lat) for lon, lat in points]
    return "M" + " L".join(f"{x},{y}" for x, y in coordinates) + " Z"


@dataclass
class Point:
    x: float
    y: float
    title: str
    country: str
    url: str


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str
    status: str


def has_position(page) -> bool:
    return page is not None and page.latitude is not None and page.longitude is not None


def build_map(partners, partnerships) -> dict:
    """What the map template draws: the outlines, a point per partner and a line per partnership
    whose two partners have coordinates. Coordinates are the same in every language."""
    points = []
    for partner in partners:
        x, y = project(partner.longitude, partner.latitude)
        points.append(Point(x, y, partner.title, partner.country, partner.url))
    lines = []
    for view in partnerships:
        a, b = view.partnership.norwegian_partner, view.partnership.ukrainian_partner
        if has_position(a) and has_position(b):
            (x1, y1), (x2, y2) = project(a.longitude, a.latitude), project(b.longitude, b.latitude)
            lines.append(Line(x1, y1, x2, y2, view.title, view.status))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "norway": outline(NORWAY),
        "ukraine": outline(UKRAINE),
        "norway_label": project(9.5, 66.5),
        "ukraine_label": project(22.5, 53.4),
        "points": points,
        "lines": lines,
    }
