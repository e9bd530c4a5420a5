"""The client's value types and their conversions to and from the clout.v1 messages."""
from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import TYPE_CHECKING, Any, Union

from clout._errors import CloutError, status_code
from clout._proto.v1 import admin_pb2, metrics_pb2, query_pb2, types_pb2

if TYPE_CHECKING:
    import pandas

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


# --------------------------------------------------------------------------- series


@dataclass
class Series:
    """The samples of one series: a field of a creator's account (post empty) or of one post.

    Timestamps are ms since the epoch (datetimes, dates and ISO strings are accepted when writing).
    Values are non-negative integers; a read aggregated with "mean" or "rate" returns floats.
    flags: empty (no flags), one element (applies to every sample) or one per sample (SampleFlag bits).
    """

    creator: str
    field: str
    timestamps: list[int] = _field(default_factory=list)
    values: list[Any] = _field(default_factory=list)
    post: str = ""
    flags: list[int] = _field(default_factory=list)

    def __len__(self) -> int:
        return len(self.timestamps)

    def points(self) -> list[tuple[int, Any]]:
        """(timestamp_ms, value) pairs."""
        return list(zip(self.timestamps, self.values))

    def datetimes(self) -> list[_dt.datetime]:
        """The timestamps as UTC datetimes."""
        return [from_ms(t) for t in self.timestamps]

    def to_proto(self) -> types_pb2.SeriesSamples:
        return types_pb2.SeriesSamples(
            creator_id=self.creator,
            post_id=self.post,
            field=self.field,
            timestamps_ms=[to_ms(t) for t in self.timestamps],
            values=self.values,
            flags=self.flags,
        )

    @classmethod
    def from_proto(cls, m: types_pb2.SeriesSamples) -> Series:
        return cls(m.creator_id, m.field, list(m.timestamps_ms), list(m.values), m.post_id, list(m.flags))

    def to_dataframe(self) -> pandas.DataFrame:
        """A DataFrame indexed by UTC time, with columns "value" and "flags" (needs pandas)."""
        pd = _require_pandas("Series.to_dataframe()")
        n = len(self.timestamps)
        flags = list(self.flags)
        if len(flags) == 1 and n != 1:
            flags = flags * n
        elif not flags:
            flags = [0] * n
        index = pd.DatetimeIndex(pd.to_datetime(list(self.timestamps), unit="ms", utc=True), name="time")
        frame = pd.DataFrame({"value": list(self.values), "flags": flags}, index=index)
        frame.attrs.update(creator=self.creator, post=self.post, field=self.field)
        return frame


# --------------------------------------------------------------------------- records


@dataclass
class Creator:
    """A creator's descriptive record (created_ms and updated_ms are set by the server)."""

    creator_id: str
    platform: str = ""
    handle: str = ""
    display_name: str = ""
    labels: dict[str, str] = _field(default_factory=dict)
    created_ms: int = 0
    updated_ms: int = 0

    def to_proto(self) -> types_pb2.Creator:
        return types_pb2.Creator(
            creator_id=self.creator_id,
            platform=self.platform,
            handle=self.handle,
            display_name=self.display_name,
            labels=self.labels,
        )

    @classmethod
    def from_proto(cls, m: types_pb2.Creator) -> Creator:
        return cls(m.creator_id, m.platform, m.handle, m.display_name, dict(m.labels), m.created_ms, m.updated_ms)


@dataclass
class Post:
    """A post's descriptive record. published: a TimeLike, or 0 when unknown."""

    creator_id: str
    post_id: str
    published: TimeLike = 0
    labels: dict[str, str] = _field(default_factory=dict)
    created_ms: int = 0
    updated_ms: int = 0

    @property
    def published_ms(self) -> int:
        return to_ms(self.published)

    def to_proto(self) -> types_pb2.Post:
        return types_pb2.Post(
            creator_id=self.creator_id, post_id=self.post_id, published_ms=self.published_ms, labels=self.labels
        )

    @classmethod
    def from_proto(cls, m: types_pb2.Post) -> Post:
        return cls(m.creator_id, m.post_id, m.published_ms, dict(m.labels), m.created_ms, m.updated_ms)


@dataclass
class CreatorInfo:
    """GetCreator's answer: the record, the fields with account series, and the number of posts."""

    creator: Creator
    account_fields: list[str]
    post_count: int


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int


@dataclass(frozen=True)
class DeleteResult:
    posts_deleted: int
    series_deleted: int


# --------------------------------------------------------------------------- metrics


def param_to_proto(name: str, value: ParamValue) -> metrics_pb2.ParameterValue:
    if isinstance(value, bool):
        return metrics_pb2.ParameterValue(bool_value=value)
    if isinstance(value, int):
        return metrics_pb2.ParameterValue(int_value=value)
    if isinstance(value, float):
        return metrics_pb2.ParameterValue(double_value=value)
    if isinstance(value, str):
        return metrics_pb2.ParameterValue(choice=value)
    raise TypeError(f"parameter {name!r}: {value!r} is not a bool, int, float or str")


def params_to_proto(params: Mapping[str, ParamValue]) -> dict[str, metrics_pb2.ParameterValue]:
    return {k: param_to_proto(k, v) for k, v in params.items()}


def param_from_proto(v: metrics_pb2.ParameterValue) -> ParamValue | None:
    kind = v.WhichOneof("kind")
    return None if kind is None else getattr(v, kind)


_PARAM_TYPES = {
    metrics_pb2.PARAMETER_TYPE_INT: "int",
    metrics_pb2.PARAMETER_TYPE_DOUBLE: "double",
    metrics_pb2.PARAMETER_TYPE_BOOL: "bool",
    metrics_pb2.PARAMETER_TYPE_ENUM: "enum",
}
_OUTPUT_KINDS = {metrics_pb2.OUTPUT_KIND_SCALAR: "scalar", metrics_pb2.OUTPUT_KIND_SERIES: "series"}


@dataclass
class ParameterSpec:
    """One parameter of a metric. type: "int", "double", "bool" or "enum"."""

    name: str
    description: str
    type: str
    default: ParamValue
    min: float | None = None
    max: float | None = None
    choices: list[str] = _field(default_factory=list)

    @classmethod
    def from_proto(cls, m: metrics_pb2.ParameterSpec) -> ParameterSpec:
        kind = _PARAM_TYPES.get(m.type, "unspecified")
        default: ParamValue
        if kind == "enum":
            default = m.default_choice
        elif kind == "bool":
            default = m.default_number != 0
        elif kind == "int":
            default = int(m.default_number)
        else:
            default = m.default_number
        bounded = kind in ("int", "double")
        return cls(
            m.name,
            m.description,
            kind,
            default,
            m.min if bounded else None,
            m.max if bounded else None,
            list(m.choices),
        )


@dataclass
class MetricInfo:
    """A loaded metric. output_kind: "scalar" or "series"."""

    name: str
    version: str
    description: str
    plugin: str
    plugin_version: str
    plugin_file: str
    output_kind: str
    unit: str
    thread_safe: bool
    account_fields: list[str]
    post_fields: list[str]
    parameters: list[ParameterSpec]
    variants: list[str]
    row_columns: list[str]

    @classmethod
    def from_proto(cls, m: metrics_pb2.MetricInfo) -> MetricInfo:
        return cls(
            m.name,
            m.version,
            m.description,
            m.plugin,
            m.plugin_version,
            m.plugin_file,
            _OUTPUT_KINDS.get(m.output_kind, "unspecified"),
            m.unit,
            m.thread_safe,
            list(m.account_fields),
            list(m.post_fields),
            [ParameterSpec.from_proto(p) for p in m.parameters],
            list(m.variants),
            list(m.row_columns),
        )


@dataclass
class Component:
    name: str
    value: float
    note: str = ""


@dataclass
class Row:
    """One row of detail of a metric result: values maps each column name to its value (NaN: not available)."""

    key: str
    timestamp_ms: int
    values: dict[str, float]

    def __getitem__(self, column: str) -> float:
        return self.values[column]


@dataclass
class MetricResult:
    """One computed metric. components maps names to values (component_list keeps their notes)."""

    metric: str
    metric_version: str
    creator_id: str
    window_start_ms: int
    window_end_ms: int
    value: float
    unit: str
    variant: str
    formula: str
    components: dict[str, float]
    component_list: list[Component]
    row_columns: list[str]
    rows: list[Row]
    points: list[tuple[int, float]]
    parameters: dict[str, ParamValue | None]

    def component_note(self, name: str) -> str:
        for c in self.component_list:
            if c.name == name:
                return c.note
        raise KeyError(name)

    def row(self, key: str) -> Row:
        """The row with this key (KeyError if none)."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def rows_dataframe(self) -> pandas.DataFrame:
        """The rows as a DataFrame indexed by key, with a "timestamp" column and one column per row column."""
        pd = _require_pandas("MetricResult.rows_dataframe()")
        data: dict[str, list[Any]] = {
            "timestamp": list(pd.to_datetime([r.timestamp_ms for r in self.rows], unit="ms", utc=True))
        }
        for c in self.row_columns:
            data[c] = [r.values.get(c, math.nan) for r in self.rows]
        return pd.DataFrame(data, index=pd.Index([r.key for r in self.rows], name="key"))

    @classmethod
    def from_proto(cls, m: metrics_pb2.MetricResult) -> MetricResult:
        columns = list(m.row_columns)
        rows = [
            Row(r.key, r.timestamp_ms, {c: (r.values[i] if i < len(r.values) else math.nan) for i, c in enumerate(columns)})
            for r in m.rows
        ]
        comps = [Component(c.name, c.value, c.note) for c in m.components]
        return cls(
            m.metric,
            m.metric_version,
            m.creator_id,
            m.window_start_ms,
            m.window_end_ms,
            m.value,
            m.unit,
            m.variant,
            m.formula,
            {c.name: c.value for c in comps},
            comps,
            columns,
            rows,
            [(p.timestamp_ms, p.value) for p in m.points],
            {k: param_from_proto(v) for k, v in sorted(m.parameters.items())},
        )


@dataclass
class BatchItem:
    """One creator of compute_batch: result when it succeeded, error (not raised) when it failed."""

    creator_id: str
    result: MetricResult | None
    error: CloutError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def from_proto(cls, m: metrics_pb2.ComputeBatchItem) -> BatchItem:
        if m.error_code != 0:
            return cls(m.creator_id, None, CloutError(status_code(m.error_code), m.error_message))
        return cls(m.creator_id, MetricResult.from_proto(m.result))


@dataclass(frozen=True)
class RankEntry:
    rank: int
    creator_id: str
    value: float


@dataclass
class RankResult:
    entries: list[RankEntry]
    creators_considered: int
    creators_skipped: int
    unit: str

    @classmethod
    def from_proto(cls, m: metrics_pb2.RankResponse) -> RankResult:
        return cls(
            [RankEntry(e.rank, e.creator_id, e.value) for e in m.entries],
            m.creators_considered,
            m.creators_skipped,
            m.unit,
        )


# --------------------------------------------------------------------------- admin


@dataclass
class PluginStats:
    plugin: str
    plugin_version: str
    metric: str
    metric_version: str
    file: str
    calls: int
    errors: int
    mean_latency_us: float
    max_latency_us: float


@dataclass
class Stats:
    creators: int
    posts: int
    series: int
    samples: int
    bytes_on_disk: int
    sample_table_bytes: int
    server_version: str
    uptime_seconds: float
    plugins: list[PluginStats]

    @classmethod
    def from_proto(cls, m: admin_pb2.GetStatsResponse) -> Stats:
        return cls(
            m.creators,
            m.posts,
            m.series,
            m.samples,
            m.bytes_on_disk,
            m.sample_table_bytes,
            m.server_version,
            m.uptime_seconds,
            [
                PluginStats(
                    p.plugin,
                    p.plugin_version,
                    p.metric,
                    p.metric_version,
                    p.file,
                    p.calls,
                    p.errors,
                    p.mean_latency_us,
                    p.max_latency_us,
                )
                for p in m.plugins
            ],
        )


# --------------------------------------------------------------------------- reads

_AGGREGATIONS = {
    name[len("AGGREGATION_") :].lower(): number
    for name, number in types_pb2.Aggregation.items()
    if name != "AGGREGATION_NONE"
}


def aggregation(agg: str | int | None) -> Any:
    """The Aggregation enum number of a name ("delta", "mean", ...) or number."""
    if agg is None:
        return types_pb2.AGGREGATION_NONE
    if isinstance(agg, int) and not isinstance(agg, bool):
        return agg
    if isinstance(agg, str):
        key = agg.lower()
        if key.startswith("aggregation_"):
            key = key[len("aggregation_") :]
        if key in _AGGREGATIONS:
            return _AGGREGATIONS[key]
        if key == "none":
            return types_pb2.AGGREGATION_NONE
    raise ValueError(f"unknown aggregation {agg!r}; one of: {', '.join(_AGGREGATIONS)}")


def series_from_read(
    creator: str, field: str, post: str, m: query_pb2.ReadSeriesResponse
) -> Series:
    values: list[Any] = list(m.double_values) if len(m.double_values) else list(m.values)
    return Series(creator, field, list(m.timestamps_ms), values, post, list(m.flags))


def batch_to_series_list(batch: Iterable[Series] | Series) -> list[Series]:
    if isinstance(batch, Series):
        return [batch]
    return list(batch)
