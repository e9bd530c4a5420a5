from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class SampleFlag(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SAMPLE_FLAG_NONE: _ClassVar[SampleFlag]
    SAMPLE_FLAG_ESTIMATED: _ClassVar[SampleFlag]
    SAMPLE_FLAG_BACKFILLED: _ClassVar[SampleFlag]
    SAMPLE_FLAG_ROUNDED: _ClassVar[SampleFlag]

class Aggregation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGGREGATION_NONE: _ClassVar[Aggregation]
    AGGREGATION_LAST: _ClassVar[Aggregation]
    AGGREGATION_FIRST: _ClassVar[Aggregation]
    AGGREGATION_MIN: _ClassVar[Aggregation]
    AGGREGATION_MAX: _ClassVar[Aggregation]
    AGGREGATION_SUM: _ClassVar[Aggregation]
    AGGREGATION_MEAN: _ClassVar[Aggregation]
    AGGREGATION_COUNT: _ClassVar[Aggregation]
    AGGREGATION_DELTA: _ClassVar[Aggregation]
    AGGREGATION_RATE: _ClassVar[Aggregation]
SAMPLE_FLAG_NONE: SampleFlag
SAMPLE_FLAG_ESTIMATED: SampleFlag
SAMPLE_FLAG_BACKFILLED: SampleFlag
SAMPLE_FLAG_ROUNDED: SampleFlag
AGGREGATION_NONE: Aggregation
AGGREGATION_LAST: Aggregation
AGGREGATION_FIRST: Aggregation
AGGREGATION_MIN: Aggregation
AGGREGATION_MAX: Aggregation
AGGREGATION_SUM: Aggregation
AGGREGATION_MEAN: Aggregation
AGGREGATION_COUNT: Aggregation
AGGREGATION_DELTA: Aggregation
AGGREGATION_RATE: Aggregation

class SeriesSamples(_message.Message):
    __slots__ = ("creator_id", "post_id", "field", "timestamps_ms", "values", "flags")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMPS_MS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    post_id: str
    field: str
    timestamps_ms: _containers.RepeatedScalarFieldContainer[int]
    values: _containers.RepeatedScalarFieldContainer[int]
    flags: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, creator_id: _Optional[str] = ..., post_id: _Optional[str] = ..., field: _Optional[str] = ..., timestamps_ms: _Optional[_Iterable[int]] = ..., values: _Optional[_Iterable[int]] = ..., flags: _Optional[_Iterable[int]] = ...) -> None: ...

class Creator(_message.Message):
    __slots__ = ("creator_id", "platform", "handle", "display_name", "labels", "created_ms", "updated_ms")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    HANDLE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATED_MS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_MS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    platform: str
    handle: str
    display_name: str
    labels: _containers.ScalarMap[str, str]
    created_ms: int
    updated_ms: int
    def __init__(self, creator_id: _Optional[str] = ..., platform: _Optional[str] = ..., handle: _Optional[str] = ..., display_name: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_ms: _Optional[int] = ..., updated_ms: _Optional[int] = ...) -> None: ...

class Post(_message.Message):
    __slots__ = ("creator_id", "post_id", "published_ms", "labels", "created_ms", "updated_ms")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_MS_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATED_MS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_MS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    post_id: str
    published_ms: int
    labels: _containers.ScalarMap[str, str]
    created_ms: int
    updated_ms: int
    def __init__(self, creator_id: _Optional[str] = ..., post_id: _Optional[str] = ..., published_ms: _Optional[int] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_ms: _Optional[int] = ..., updated_ms: _Optional[int] = ...) -> None: ...
