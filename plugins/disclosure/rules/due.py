"""What time has made due, as warnings: a passing repository never fails only because the date moved."""

from __future__ import annotations

from disclosure.due import obligations


def check(context):
    as_of = context.options.as_of
    for obligation in obligations(context.project, context.options):
        if obligation.warns(as_of):
            yield obligation.diagnostic()
