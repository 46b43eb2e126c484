"""Chinese working days: holidays and 调休 from the calendar package, calendar.yml beyond it."""

import datetime as dt

from disclosure.workdays import WorkCalendar

D = dt.date


def test_national_day_and_adjusted_saturday():
    calendar = WorkCalendar()
    assert not calendar.is_workday(D(2020, 10, 8))  # 国庆、中秋
    assert calendar.is_workday(D(2020, 10, 10))  # a Saturday made a workday (调休)
    assert calendar.add_workdays(D(2020, 9, 30), 3) == D(2020, 10, 12)


def test_calendar_file_describes_years_the_package_lacks():
    calendar = WorkCalendar()
    assert not calendar.covers(2099)
    assert calendar.add_workdays(D(2099, 1, 1), 1) == D(2099, 1, 2)  # weekdays only: 2099-01-01 is a Thursday
    calendar = WorkCalendar(holidays={D(2099, 1, 1), D(2099, 1, 2)}, workdays={D(2099, 1, 3)}, years={2099})
    assert calendar.covers(2099)
    assert calendar.add_workdays(D(2098, 12, 31), 1) == D(2099, 1, 3)  # a Saturday worked in lieu


def test_counting_stops_at_the_last_date():
    assert WorkCalendar().add_workdays(D(9999, 12, 30), 5) == dt.date.max
