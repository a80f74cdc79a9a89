"""A map of Norway and Ukraine drawn on the server, for an SVG with no map tiles, scripts or styles.

Written here rather than taken from a library: the map libraries for Django draw with JavaScript and
tiles from third-party servers, which the site's strict CSP and privacy promises rule out. The outlines
are simplified by hand (some thirty points each, enough to recognise the countries at this size) and
projected equirectangularly with the standard parallel at 55° N, between the two countries.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

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


# What a marker stands for, from the partner's kind: the same in every language, and an organisation is
# never drawn as a municipality of the country it sits in or works for.
MUNICIPALITY_NO, MUNICIPALITY_UA, ORGANISATION = "no", "ua", "organisation"
CATEGORY_OF_KIND = {
    "no_municipality": MUNICIPALITY_NO,
    "no_county": MUNICIPALITY_NO,
    "ua_municipality": MUNICIPALITY_UA,
    "ua_oblast": MUNICIPALITY_UA,
    "organisation": ORGANISATION,
    "business": ORGANISATION,
}
CATEGORIES = [MUNICIPALITY_NO, MUNICIPALITY_UA, ORGANISATION]

MARKER_RADIUS = 5
# Markers whose centres are closer than this overlap (or nearly so) and are spread around their
# common centre instead, each joined by a thin line to where it really is.
CLUSTER_DISTANCE = 2 * MARKER_RADIUS + 2
MARKER_GAP = 2
# From this many markers within reach of each other, one numbered marker stands for them all: a ring of
# a hundred markers would cover half a country, and weigh a hundred titles on the front page.
CLUSTER_FROM = 10
# The names a numbered marker's title gives before "and N more" (the lists below the map give all).
CLUSTER_NAMES = 5


def category(kind: str) -> str:
    return CATEGORY_OF_KIND.get(kind, ORGANISATION)


@dataclass
class Point:
    x: float
    y: float
    title: str
    category: str
    url: str
    key: str = ""
    # Where the partner really is, when the marker was moved aside to keep it visible.
    anchor_x: float | None = None
    anchor_y: float | None = None

    @property
    def is_offset(self) -> bool:
        return self.anchor_x is not None

    @property
    def square(self) -> tuple[float, float, float]:
        """(left, top, side) of a square marker with about the area of the round ones."""
        side = round(MARKER_RADIUS * math.sqrt(math.pi), 1)
        return round(self.x - side / 2, 1), round(self.y - side / 2, 1), side


@dataclass
class Cluster:
    """One numbered marker for partners too close together to show apart."""

    x: float
    y: float
    count: int
    title: str

    @property
    def radius(self) -> float:
        return round(MARKER_RADIUS + 2 * math.log2(self.count), 1)


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str
    status: str
    count: int = 1  # partnerships it stands for


def has_position(page) -> bool:
    return page is not None and page.latitude is not None and page.longitude is not None


def nearby_groups(points: list[Point]) -> list[list[Point]]:
    """The markers grouped with those they would cover (or nearly), in the order given."""
    groups: list[list[Point]] = []
    for point in points:
        for group in groups:
            if any(math.dist((point.x, point.y), (other.x, other.y)) < CLUSTER_DISTANCE for other in group):
                group.append(point)
                break
        else:
            groups.append([point])
    return groups


def centre(group: list[Point]) -> tuple[float, float]:
    return sum(p.x for p in group) / len(group), sum(p.y for p in group) / len(group)


def place_on_ring(group: list[Point]) -> None:
    """The group's members on a small circle around its centre, in a fixed order, so that every marker
    stays visible and keeps its category, each joined by a thin line to where it really is."""
    cx, cy = centre(group)
    # Far enough out that neighbours on the circle do not touch: chord = 2R·sin(π/n) ≥ 2r + gap.
    radius = max(
        MARKER_RADIUS + MARKER_GAP + 1,
        (MARKER_RADIUS + MARKER_GAP / 2) / math.sin(math.pi / len(group)),
    )
    for n, point in enumerate(group):
        angle = -math.pi / 2 + 2 * math.pi * n / len(group)
        point.anchor_x, point.anchor_y = point.x, point.y
        point.x = round(cx + radius * math.cos(angle), 1)
        point.y = round(cy + radius * math.sin(angle), 1)


def spread(points: list[Point]) -> list[Point]:
    """Markers that would cover each other placed on a ring around their centre; a marker alone stays
    where it is."""
    for group in nearby_groups(points):
        if len(group) > 1:
            place_on_ring(group)
    return points


def cluster_of(group: list[Point]) -> Cluster:
    names = ", ".join(point.title for point in group[:CLUSTER_NAMES])
    if len(group) > CLUSTER_NAMES:
        names = gettext("%(names)s and %(count)d more") % {"names": names, "count": len(group) - CLUSTER_NAMES}
    title = ngettext("%(count)d partner here: %(names)s", "%(count)d partners here: %(names)s", len(group)) % {
        "count": len(group),
        "names": names,
    }
    x, y = centre(group)
    return Cluster(round(x, 1), round(y, 1), len(group), title)


def build_map(partners, partnerships, kinds: dict | None = None) -> dict:
    """What the map template draws: the outlines, a marker per partner (a numbered one for
    CLUSTER_FROM or more close together) and a line per partnership whose two partners have
    coordinates (one for several between the same markers). Coordinates are the same in every
    language.

    `kinds` ({translation key: kind of the source-language page}) decides each marker's category,
    so that a translation never draws a partner differently; the partner's own kind otherwise."""
    kinds = kinds or {}
    points = []
    for partner in partners:
        x, y = project(partner.longitude, partner.latitude)
        key = str(partner.translation_key)
        points.append(Point(x, y, partner.title, category(kinds.get(key, partner.kind)), partner.url, key))
    # The same order in every language (not by title), so that the spread is the same too.
    points.sort(key=lambda p: (p.y, p.x, p.key))
    shown, clusters = [], []
    for group in nearby_groups(points):
        if len(group) >= CLUSTER_FROM:
            clusters.append(cluster_of(group))
            for point in group:
                point.x, point.y = clusters[-1].x, clusters[-1].y
            continue
        if len(group) > 1:
            place_on_ring(group)
        shown += group
    placed = {point.key: (point.x, point.y) for point in points}
    # One line for the partnerships between the same two markers (two numbered ones, say) and status.
    lines: dict[tuple, Line] = {}
    for view in partnerships:
        a, b = view.partnership.norwegian_partner, view.partnership.ukrainian_partner
        if has_position(a) and has_position(b):
            (x1, y1) = placed.get(str(a.translation_key)) or project(a.longitude, a.latitude)
            (x2, y2) = placed.get(str(b.translation_key)) or project(b.longitude, b.latitude)
            line = lines.setdefault((x1, y1, x2, y2, view.status), Line(x1, y1, x2, y2, view.title, view.status, 0))
            line.count += 1
            if line.count > 1:
                line.title = ngettext("%(count)d partnership", "%(count)d partnerships", line.count) % {
                    "count": line.count
                }
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "norway": outline(NORWAY),
        "ukraine": outline(UKRAINE),
        "norway_label": project(9.5, 66.5),
        "ukraine_label": project(22.5, 53.4),
        "points": shown,
        "clusters": clusters,
        "lines": list(lines.values()),
        "radius": MARKER_RADIUS,
    }
