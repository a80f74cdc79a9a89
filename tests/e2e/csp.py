"""Content-Security-Policy violations as the browser reports them, collected from before any page
script runs, so a test can assert that a page ran nothing its policy forbids."""

_LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def record_csp_violations(page) -> None:
    """From now on, every page this browser context opens collects its violations."""
    page.context.add_init_script(_LISTENER)


def csp_violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def forget_csp_violations(page) -> None:
    page.evaluate("window.cspViolations = []")
