from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ParameterType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARAMETER_TYPE_UNSPECIFIED: _ClassVar[ParameterType]
    PARAMETER_TYPE_INT: _ClassVar[ParameterType]
    PARAMETER_TYPE_DOUBLE: _ClassVar[ParameterType]
    PARAMETER_TYPE_BOOL: _ClassVar[ParameterType]
    PARAMETER_TYPE_ENUM: _ClassVar[ParameterType]

class OutputKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OUTPUT_KIND_UNSPECIFIED: _ClassVar[OutputKind]
    OUTPUT_KIND_SCALAR: _ClassVar[OutputKind]
    OUTPUT_KIND_SERIES: _ClassVar[OutputKind]
PARAMETER_TYPE_UNSPECIFIED: ParameterType
PARAMETER_TYPE_INT: ParameterType
PARAMETER_TYPE_DOUBLE: ParameterType
PARAMETER_TYPE_BOOL: ParameterType
PARAMETER_TYPE_ENUM: ParameterType
OUTPUT_KIND_UNSPECIFIED: OutputKind
OUTPUT_KIND_SCALAR: OutputKind
OUTPUT_KIND_SERIES: OutputKind

class ParameterSpec(_message.Message):
    __slots__ = ("name", "description", "type", "default_number", "default_choice", "min", "max", "choices")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_CHOICE_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    CHOICES_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    type: ParameterType
    default_number: float
    default_choice: str
    min: float
    max: float
    choices: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., type: _Optional[_Union[ParameterType, str]] = ..., default_number: _Optional[float] = ..., default_choice: _Optional[str] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., choices: _Optional[_Iterable[str]] = ...) -> None: ...

class MetricInfo(_message.Message):
    __slots__ = ("name", "version", "description", "plugin", "plugin_version", "plugin_file", "output_kind", "unit", "thread_safe", "account_fields", "post_fields", "parameters", "variants", "row_columns")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FILE_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_KIND_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    THREAD_SAFE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELDS_FIELD_NUMBER: _ClassVar[int]
    POST_FIELDS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    VARIANTS_FIELD_NUMBER: _ClassVar[int]
    ROW_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    description: str
    plugin: str
    plugin_version: str
    plugin_file: str
    output_kind: OutputKind
    unit: str
    thread_safe: bool
    account_fields: _containers.RepeatedScalarFieldContainer[str]
    post_fields: _containers.RepeatedScalarFieldContainer[str]
    parameters: _containers.RepeatedCompositeFieldContainer[ParameterSpec]
    variants: _containers.RepeatedScalarFieldContainer[str]
    row_columns: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., plugin: _Optional[str] = ..., plugin_version: _Optional[str] = ..., plugin_file: _Optional[str] = ..., output_kind: _Optional[_Union[OutputKind, str]] = ..., unit: _Optional[str] = ..., thread_safe: _Optional[bool] = ..., account_fields: _Optional[_Iterable[str]] = ..., post_fields: _Optional[_Iterable[str]] = ..., parameters: _Optional[_Iterable[_Union[ParameterSpec, _Mapping]]] = ..., variants: _Optional[_Iterable[str]] = ..., row_columns: _Optional[_Iterable[str]] = ...) -> None: ...

class ListMetricsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListMetricsResponse(_message.Message):
    __slots__ = ("metrics",)
    METRICS_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.RepeatedCompositeFieldContainer[MetricInfo]
    def __init__(self, metrics: _Optional[_Iterable[_Union[MetricInfo, _Mapping]]] = ...) -> None: ...

class ParameterValue(_message.Message):
    __slots__ = ("int_value", "double_value", "bool_value", "choice")
    INT_VALUE_FIELD_NUMBER: _ClassVar[int]
    DOUBLE_VALUE_FIELD_NUMBER: _ClassVar[int]
    BOOL_VALUE_FIELD_NUMBER: _ClassVar[int]
    CHOICE_FIELD_NUMBER: _ClassVar[int]
    int_value: int
    double_value: float
    bool_value: bool
    choice: str
    def __init__(self, int_value: _Optional[int] = ..., double_value: _Optional[float] = ..., bool_value: _Optional[bool] = ..., choice: _Optional[str] = ...) -> None: ...

class ComputeRequest(_message.Message):
    __slots__ = ("metric", "creator_id", "start_ms", "end_ms", "parameters")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ParameterValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ParameterValue, _Mapping]] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    metric: str
    creator_id: str
    start_ms: int
    end_ms: int
    parameters: _containers.MessageMap[str, ParameterValue]
    def __init__(self, metric: _Optional[str] = ..., creator_id: _Optional[str] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ..., parameters: _Optional[_Mapping[str, ParameterValue]] = ...) -> None: ...

class Component(_message.Message):
    __slots__ = ("name", "value", "note")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: float
    note: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[float] = ..., note: _Optional[str] = ...) -> None: ...

class Row(_message.Message):
    __slots__ = ("key", "timestamp_ms", "values")
    KEY_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_MS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    key: str
    timestamp_ms: int
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, key: _Optional[str] = ..., timestamp_ms: _Optional[int] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...

class Point(_message.Message):
    __slots__ = ("timestamp_ms", "value")
    TIMESTAMP_MS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    timestamp_ms: int
    value: float
    def __init__(self, timestamp_ms: _Optional[int] = ..., value: _Optional[float] = ...) -> None: ...

class MetricResult(_message.Message):
    __slots__ = ("metric", "metric_version", "creator_id", "window_start_ms", "window_end_ms", "value", "unit", "variant", "formula", "components", "row_columns", "rows", "points", "parameters")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ParameterValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ParameterValue, _Mapping]] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    METRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_MS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_MS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VARIANT_FIELD_NUMBER: _ClassVar[int]
    FORMULA_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    ROW_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    metric: str
    metric_version: str
    creator_id: str
    window_start_ms: int
    window_end_ms: int
    value: float
    unit: str
    variant: str
    formula: str
    components: _containers.RepeatedCompositeFieldContainer[Component]
    row_columns: _containers.RepeatedScalarFieldContainer[str]
    rows: _containers.RepeatedCompositeFieldContainer[Row]
    points: _containers.RepeatedCompositeFieldContainer[Point]
    parameters: _containers.MessageMap[str, ParameterValue]
    def __init__(self, metric: _Optional[str] = ..., metric_version: _Optional[str] = ..., creator_id: _Optional[str] = ..., window_start_ms: _Optional[int] = ..., window_end_ms: _Optional[int] = ..., value: _Optional[float] = ..., unit: _Optional[str] = ..., variant: _Optional[str] = ..., formula: _Optional[str] = ..., components: _Optional[_Iterable[_Union[Component, _Mapping]]] = ..., row_columns: _Optional[_Iterable[str]] = ..., rows: _Optional[_Iterable[_Union[Row, _Mapping]]] = ..., points: _Optional[_Iterable[_Union[Point, _Mapping]]] = ..., parameters: _Optional[_Mapping[str, ParameterValue]] = ...) -> None: ...

class ComputeResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: MetricResult
    def __init__(self, result: _Optional[_Union[MetricResult, _Mapping]] = ...) -> None: ...

class ComputeBatchRequest(_message.Message):
    __slots__ = ("metric", "creator_ids", "platform", "labels", "start_ms", "end_ms", "parameters")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ParameterValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ParameterValue, _Mapping]] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    CREATOR_IDS_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    metric: str
    creator_ids: _containers.RepeatedScalarFieldContainer[str]
    platform: str
    labels: _containers.ScalarMap[str, str]
    start_ms: int
    end_ms: int
    parameters: _containers.MessageMap[str, ParameterValue]
    def __init__(self, metric: _Optional[str] = ..., creator_ids: _Optional[_Iterable[str]] = ..., platform: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ..., parameters: _Optional[_Mapping[str, ParameterValue]] = ...) -> None: ...

class ComputeBatchItem(_message.Message):
    __slots__ = ("creator_id", "result", "error_code", "error_message")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    result: MetricResult
    error_code: int
    error_message: str
    def __init__(self, creator_id: _Optional[str] = ..., result: _Optional[_Union[MetricResult, _Mapping]] = ..., error_code: _Optional[int] = ..., error_message: _Optional[str] = ...) -> None: ...

class RankRequest(_message.Message):
    __slots__ = ("metric", "top_k", "platform", "labels", "start_ms", "end_ms", "parameters", "ascending")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ParameterValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ParameterValue, _Mapping]] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TOP_K_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ASCENDING_FIELD_NUMBER: _ClassVar[int]
    metric: str
    top_k: int
    platform: str
    labels: _containers.ScalarMap[str, str]
    start_ms: int
    end_ms: int
    parameters: _containers.MessageMap[str, ParameterValue]
    ascending: bool
    def __init__(self, metric: _Optional[str] = ..., top_k: _Optional[int] = ..., platform: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ..., parameters: _Optional[_Mapping[str, ParameterValue]] = ..., ascending: _Optional[bool] = ...) -> None: ...

class RankEntry(_message.Message):
    __slots__ = ("rank", "creator_id", "value")
    RANK_FIELD_NUMBER: _ClassVar[int]
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    rank: int
    creator_id: str
    value: float
    def __init__(self, rank: _Optional[int] = ..., creator_id: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...

class RankResponse(_message.Message):
    __slots__ = ("entries", "creators_considered", "creators_skipped", "unit")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    CREATORS_CONSIDERED_FIELD_NUMBER: _ClassVar[int]
    CREATORS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[RankEntry]
    creators_considered: int
    creators_skipped: int
    unit: str
    def __init__(self, entries: _Optional[_Iterable[_Union[RankEntry, _Mapping]]] = ..., creators_considered: _Optional[int] = ..., creators_skipped: _Optional[int] = ..., unit: _Optional[str] = ...) -> None: ...
