"""Knowledge-base dates: "YYYY-MM-DD", "YYYY-MM" or "YYYY", as the first or last day of the
period they name."""

from __future__ import annotations

import datetime as dt

from ..cache import compiled

_DATE = compiled(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_bound(value: object, *, end: bool) -> dt.date:
    """A start (first day) or end (last day) of the period a KB date names."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2021-04-14, 2021-04 or 2021, got {value!r}")
    m = _DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"expected a date like 2021-04-14, 2021-04 or 2021, got {value!r}")
    import calendar

    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    day = int(m.group(3)) if m.group(3) else calendar.monthrange(year, month)[1] if end else 1
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a real date: {value!r} ({exc})") from None


def parse_cli_date(value: str) -> dt.date:
    """`--date YYYY-MM-DD`."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None
