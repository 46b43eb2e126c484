"""Chinese working days: weekends and 法定节假日 off, 调休 weekend workdays on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=8192)
def _national(day: dt.date) -> bool | None:
    """chinese-calendar's answer, None for a year it does not know; it checks its data's range at each call."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


@dataclass
class WorkCalendar:
    """chinese-calendar's data, extended by the repository's calendar.yml."""

    holidays: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)  # years calendar.yml fully describes

    def covers(self, year: int) -> bool:
        """Whether either source knows the year's holidays; otherwise only weekends are off."""
        return year in self.years or _national(dt.date(year, 1, 1)) is not None

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        national = None if day.year in self.years else _national(day)
        return day.weekday() < 5 if national is None else national

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The date `count` working days after `start` (at most the last date there is)."""
        day = start
        while count > 0 and day < dt.date.max:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`."""
        days, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            days += self.is_workday(day)
        return days
