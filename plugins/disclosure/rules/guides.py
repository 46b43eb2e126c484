"""Rules within one 办事指南."""

from __future__ import annotations


def check(context):
    for guide in context.project.guides:
        if guide.legal_days is not None and guide.promised_days is not None and guide.promised_days > guide.legal_days:
            yield guide.source.diagnostic(
                ("time_limit", "promised_days"), "D304", f"承诺办结时限 {guide.promised_days} 个工作日超过法定时限 {guide.legal_days} 个工作日",
                label="承诺办结时限", hint="承诺时限应不超过法定时限",
            )
