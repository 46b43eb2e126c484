"""axe-core in the page under test (the copy bundled with axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def serious_violations(page, context=None) -> list[str]:
    """Critical and serious axe violations, as `rule: target` lines (empty when clean);
    `context` limits the check to parts of the page (axe's include/exclude selectors)."""
    results = _axe.run(page, context)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("critical", "serious")
        for node in violation["nodes"]
    ]
