"""axe-core in the page under test (the copy bundled with axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def serious_violations(page, context: str | None = None) -> list[str]:
    """Critical and serious axe violations, as `rule: target` lines (empty when clean).

    `context` (a CSS selector such as "article") limits the check to that part of the page.
    """
    results = _axe.run(page, context=context)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("critical", "serious")
        for node in violation["nodes"]
    ]
