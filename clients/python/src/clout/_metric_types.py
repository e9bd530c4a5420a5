"""The metric types (parameters, metric descriptions, results, rankings) and their conversions
to and from the clout.v1 messages; re-exported by clout._types."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import TYPE_CHECKING, Any

from clout._errors import CloutError, status_code
from clout._proto.v1 import metrics_pb2
from clout._time import ParamValue, _require_pandas, from_ms

if TYPE_CHECKING:
    import pandas

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
