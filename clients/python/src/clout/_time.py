"""Times, durations and parameter values as the client accepts them, and the optional pandas import;
shared by clout._types and clout._metric_types."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Union

TimeLike = Union[int, _dt.datetime, _dt.date, str]
"""A point in time: ms since the epoch (int), a datetime (naive means UTC), a date (midnight UTC) or an
ISO 8601 string such as "2025-01-01T00:00:00Z"."""
DurationLike = Union[int, _dt.timedelta]
"""A duration: milliseconds (int) or a timedelta."""
ParamValue = Union[bool, int, float, str]

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MS = _dt.timedelta(milliseconds=1)


def to_ms(t: TimeLike) -> int:
    """Milliseconds since the Unix epoch of a TimeLike."""
    if isinstance(t, bool):
        raise TypeError("a time must be ms since the epoch, a datetime, a date or an ISO 8601 string, not bool")
    if isinstance(t, int):
        return t
    if isinstance(t, str):
        text = t.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed: _dt.date = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 time: {t!r}") from None
        return to_ms(parsed)
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=_dt.timezone.utc)
        return (t - _EPOCH) // _MS
    if isinstance(t, _dt.date):
        return to_ms(_dt.datetime(t.year, t.month, t.day, tzinfo=_dt.timezone.utc))
    raise TypeError(f"not a time: {t!r} (use ms since the epoch, a datetime, a date or an ISO 8601 string)")


def to_duration_ms(d: DurationLike) -> int:
    if isinstance(d, _dt.timedelta):
        return d // _MS
    if isinstance(d, int) and not isinstance(d, bool):
        return d
    raise TypeError(f"not a duration: {d!r} (use milliseconds as int, or a timedelta)")


def from_ms(ms: int) -> _dt.datetime:
    """The UTC datetime of ms since the epoch."""
    return _EPOCH + ms * _MS


def _require_pandas(what: str) -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            f"{what} needs pandas, which is not installed: pip install 'clout-client[pandas]' (or pip install pandas)"
        ) from None
    return pandas
