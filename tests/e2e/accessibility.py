"""The one accessibility check every browser test uses: axe-core with the WCAG 2.1 A and AA rules."""

import pytest

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def format_violations(url, violations) -> str:
    lines = [f"{len(violations)} axe violation(s) of WCAG 2.1 A/AA on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.extend(f"      {line}" for line in (node.get("failureSummary") or "").splitlines())
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


def check_accessibility(page, axe, url=None):
    """Fails the test, listing each violation with its elements, unless axe finds none."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if violations:
        pytest.fail(format_violations(url or page.url, violations), pytrace=False)
