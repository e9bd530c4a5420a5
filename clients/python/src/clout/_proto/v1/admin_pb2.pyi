from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetStatsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetStatsResponse(_message.Message):
    __slots__ = ("creators", "posts", "series", "samples", "bytes_on_disk", "sample_table_bytes", "server_version", "uptime_seconds", "plugins")
    CREATORS_FIELD_NUMBER: _ClassVar[int]
    POSTS_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    BYTES_ON_DISK_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_TABLE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    creators: int
    posts: int
    series: int
    samples: int
    bytes_on_disk: int
    sample_table_bytes: int
    server_version: str
    uptime_seconds: float
    plugins: _containers.RepeatedCompositeFieldContainer[PluginStats]
    def __init__(self, creators: _Optional[int] = ..., posts: _Optional[int] = ..., series: _Optional[int] = ..., samples: _Optional[int] = ..., bytes_on_disk: _Optional[int] = ..., sample_table_bytes: _Optional[int] = ..., server_version: _Optional[str] = ..., uptime_seconds: _Optional[float] = ..., plugins: _Optional[_Iterable[_Union[PluginStats, _Mapping]]] = ...) -> None: ...

class PluginStats(_message.Message):
    __slots__ = ("plugin", "plugin_version", "metric", "metric_version", "file", "calls", "errors", "mean_latency_us", "max_latency_us")
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    METRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    MEAN_LATENCY_US_FIELD_NUMBER: _ClassVar[int]
    MAX_LATENCY_US_FIELD_NUMBER: _ClassVar[int]
    plugin: str
    plugin_version: str
    metric: str
    metric_version: str
    file: str
    calls: int
    errors: int
    mean_latency_us: float
    max_latency_us: float
    def __init__(self, plugin: _Optional[str] = ..., plugin_version: _Optional[str] = ..., metric: _Optional[str] = ..., metric_version: _Optional[str] = ..., file: _Optional[str] = ..., calls: _Optional[int] = ..., errors: _Optional[int] = ..., mean_latency_us: _Optional[float] = ..., max_latency_us: _Optional[float] = ...) -> None: ...

class CheckpointRequest(_message.Message):
    __slots__ = ("path",)
    PATH_FIELD_NUMBER: _ClassVar[int]
    path: str
    def __init__(self, path: _Optional[str] = ...) -> None: ...

class CheckpointResponse(_message.Message):
    __slots__ = ("path", "bytes")
    PATH_FIELD_NUMBER: _ClassVar[int]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    path: str
    bytes: int
    def __init__(self, path: _Optional[str] = ..., bytes: _Optional[int] = ...) -> None: ...

class CompactRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CompactResponse(_message.Message):
    __slots__ = ("bytes_before", "bytes_after", "seconds")
    BYTES_BEFORE_FIELD_NUMBER: _ClassVar[int]
    BYTES_AFTER_FIELD_NUMBER: _ClassVar[int]
    SECONDS_FIELD_NUMBER: _ClassVar[int]
    bytes_before: int
    bytes_after: int
    seconds: float
    def __init__(self, bytes_before: _Optional[int] = ..., bytes_after: _Optional[int] = ..., seconds: _Optional[float] = ...) -> None: ...

class ReloadPluginsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PluginLoadResult(_message.Message):
    __slots__ = ("file", "loaded", "error", "plugin", "plugin_version", "metrics")
    FILE_FIELD_NUMBER: _ClassVar[int]
    LOADED_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    file: str
    loaded: bool
    error: str
    plugin: str
    plugin_version: str
    metrics: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, file: _Optional[str] = ..., loaded: _Optional[bool] = ..., error: _Optional[str] = ..., plugin: _Optional[str] = ..., plugin_version: _Optional[str] = ..., metrics: _Optional[_Iterable[str]] = ...) -> None: ...

class ReloadPluginsResponse(_message.Message):
    __slots__ = ("files", "metrics")
    FILES_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    files: _containers.RepeatedCompositeFieldContainer[PluginLoadResult]
    metrics: int
    def __init__(self, files: _Optional[_Iterable[_Union[PluginLoadResult, _Mapping]]] = ..., metrics: _Optional[int] = ...) -> None: ...
