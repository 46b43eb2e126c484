"""axe-core in the page under test (the copy bundled with axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def serious_violations(page) -> list[str]:
    """Critical and serious axe violations on the whole page, as `rule: target` lines (empty when clean)."""
    results = _axe.run(page)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("critical", "serious")
        for node in violation["nodes"]
    ]
