from clout._proto.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetCreatorRequest(_message.Message):
    __slots__ = ("creator_id",)
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    def __init__(self, creator_id: _Optional[str] = ...) -> None: ...

class GetCreatorResponse(_message.Message):
    __slots__ = ("creator", "account_fields", "post_count")
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELDS_FIELD_NUMBER: _ClassVar[int]
    POST_COUNT_FIELD_NUMBER: _ClassVar[int]
    creator: _types_pb2.Creator
    account_fields: _containers.RepeatedScalarFieldContainer[str]
    post_count: int
    def __init__(self, creator: _Optional[_Union[_types_pb2.Creator, _Mapping]] = ..., account_fields: _Optional[_Iterable[str]] = ..., post_count: _Optional[int] = ...) -> None: ...

class ListCreatorsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "platform", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    platform: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., platform: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ListCreatorsResponse(_message.Message):
    __slots__ = ("creators", "next_page_token")
    CREATORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    creators: _containers.RepeatedCompositeFieldContainer[_types_pb2.Creator]
    next_page_token: str
    def __init__(self, creators: _Optional[_Iterable[_Union[_types_pb2.Creator, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListPostsRequest(_message.Message):
    __slots__ = ("creator_id", "page_size", "page_token", "published_after_ms", "published_before_ms")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AFTER_MS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_BEFORE_MS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    page_size: int
    page_token: str
    published_after_ms: int
    published_before_ms: int
    def __init__(self, creator_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., published_after_ms: _Optional[int] = ..., published_before_ms: _Optional[int] = ...) -> None: ...

class ListPostsResponse(_message.Message):
    __slots__ = ("posts", "next_page_token")
    POSTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    posts: _containers.RepeatedCompositeFieldContainer[_types_pb2.Post]
    next_page_token: str
    def __init__(self, posts: _Optional[_Iterable[_Union[_types_pb2.Post, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReadSeriesRequest(_message.Message):
    __slots__ = ("creator_id", "post_id", "field", "start_ms", "end_ms", "step_ms", "aggregation")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    STEP_MS_FIELD_NUMBER: _ClassVar[int]
    AGGREGATION_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    post_id: str
    field: str
    start_ms: int
    end_ms: int
    step_ms: int
    aggregation: _types_pb2.Aggregation
    def __init__(self, creator_id: _Optional[str] = ..., post_id: _Optional[str] = ..., field: _Optional[str] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ..., step_ms: _Optional[int] = ..., aggregation: _Optional[_Union[_types_pb2.Aggregation, str]] = ...) -> None: ...

class ReadSeriesResponse(_message.Message):
    __slots__ = ("timestamps_ms", "values", "double_values", "flags")
    TIMESTAMPS_MS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    DOUBLE_VALUES_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    timestamps_ms: _containers.RepeatedScalarFieldContainer[int]
    values: _containers.RepeatedScalarFieldContainer[int]
    double_values: _containers.RepeatedScalarFieldContainer[float]
    flags: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, timestamps_ms: _Optional[_Iterable[int]] = ..., values: _Optional[_Iterable[int]] = ..., double_values: _Optional[_Iterable[float]] = ..., flags: _Optional[_Iterable[int]] = ...) -> None: ...

class ExportSeriesRequest(_message.Message):
    __slots__ = ("creator_id", "start_ms", "end_ms")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    start_ms: int
    end_ms: int
    def __init__(self, creator_id: _Optional[str] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ...) -> None: ...
