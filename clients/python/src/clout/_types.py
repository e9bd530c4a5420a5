"""The client's value types and their conversions to and from the clout.v1 messages."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import TYPE_CHECKING, Any

from clout._proto.v1 import admin_pb2, query_pb2, types_pb2
from clout._metric_types import (  # noqa: F401  (re-exported)
    param_to_proto as param_to_proto,
    params_to_proto as params_to_proto,
    param_from_proto as param_from_proto,
    ParameterSpec as ParameterSpec,
    MetricInfo as MetricInfo,
    Component as Component,
    Row as Row,
    MetricResult as MetricResult,
    BatchItem as BatchItem,
    RankEntry as RankEntry,
    RankResult as RankResult,
)
from clout._time import (  # noqa: F401  (re-exported)
    DurationLike as DurationLike,
    ParamValue as ParamValue,
    TimeLike as TimeLike,
    _require_pandas as _require_pandas,
    from_ms as from_ms,
    to_duration_ms as to_duration_ms,
    to_ms as to_ms,
)

if TYPE_CHECKING:
    import pandas

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
