from clout._proto.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WriteRequest(_message.Message):
    __slots__ = ("series",)
    SERIES_FIELD_NUMBER: _ClassVar[int]
    series: _containers.RepeatedCompositeFieldContainer[_types_pb2.SeriesSamples]
    def __init__(self, series: _Optional[_Iterable[_Union[_types_pb2.SeriesSamples, _Mapping]]] = ...) -> None: ...

class Rejection(_message.Message):
    __slots__ = ("series_index", "sample_index", "reason")
    SERIES_INDEX_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_INDEX_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    series_index: int
    sample_index: int
    reason: str
    def __init__(self, series_index: _Optional[int] = ..., sample_index: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class WriteResponse(_message.Message):
    __slots__ = ("accepted", "rejected", "rejections")
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    REJECTIONS_FIELD_NUMBER: _ClassVar[int]
    accepted: int
    rejected: int
    rejections: _containers.RepeatedCompositeFieldContainer[Rejection]
    def __init__(self, accepted: _Optional[int] = ..., rejected: _Optional[int] = ..., rejections: _Optional[_Iterable[_Union[Rejection, _Mapping]]] = ...) -> None: ...

class WriteStreamResponse(_message.Message):
    __slots__ = ("messages", "accepted", "rejected", "first_rejections")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    FIRST_REJECTIONS_FIELD_NUMBER: _ClassVar[int]
    messages: int
    accepted: int
    rejected: int
    first_rejections: _containers.RepeatedCompositeFieldContainer[Rejection]
    def __init__(self, messages: _Optional[int] = ..., accepted: _Optional[int] = ..., rejected: _Optional[int] = ..., first_rejections: _Optional[_Iterable[_Union[Rejection, _Mapping]]] = ...) -> None: ...

class UpsertCreatorsRequest(_message.Message):
    __slots__ = ("creators",)
    CREATORS_FIELD_NUMBER: _ClassVar[int]
    creators: _containers.RepeatedCompositeFieldContainer[_types_pb2.Creator]
    def __init__(self, creators: _Optional[_Iterable[_Union[_types_pb2.Creator, _Mapping]]] = ...) -> None: ...

class UpsertCreatorsResponse(_message.Message):
    __slots__ = ("created", "updated")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ...) -> None: ...

class UpsertPostsRequest(_message.Message):
    __slots__ = ("posts",)
    POSTS_FIELD_NUMBER: _ClassVar[int]
    posts: _containers.RepeatedCompositeFieldContainer[_types_pb2.Post]
    def __init__(self, posts: _Optional[_Iterable[_Union[_types_pb2.Post, _Mapping]]] = ...) -> None: ...

class UpsertPostsResponse(_message.Message):
    __slots__ = ("created", "updated")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ...) -> None: ...

class DeleteCreatorRequest(_message.Message):
    __slots__ = ("creator_id",)
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    def __init__(self, creator_id: _Optional[str] = ...) -> None: ...

class DeleteCreatorResponse(_message.Message):
    __slots__ = ("posts_deleted", "series_deleted")
    POSTS_DELETED_FIELD_NUMBER: _ClassVar[int]
    SERIES_DELETED_FIELD_NUMBER: _ClassVar[int]
    posts_deleted: int
    series_deleted: int
    def __init__(self, posts_deleted: _Optional[int] = ..., series_deleted: _Optional[int] = ...) -> None: ...

class DeleteSamplesRequest(_message.Message):
    __slots__ = ("creator_id", "post_id", "field", "all_entities", "start_ms", "end_ms")
    CREATOR_ID_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    ALL_ENTITIES_FIELD_NUMBER: _ClassVar[int]
    START_MS_FIELD_NUMBER: _ClassVar[int]
    END_MS_FIELD_NUMBER: _ClassVar[int]
    creator_id: str
    post_id: str
    field: str
    all_entities: bool
    start_ms: int
    end_ms: int
    def __init__(self, creator_id: _Optional[str] = ..., post_id: _Optional[str] = ..., field: _Optional[str] = ..., all_entities: _Optional[bool] = ..., start_ms: _Optional[int] = ..., end_ms: _Optional[int] = ...) -> None: ...

class DeleteSamplesResponse(_message.Message):
    __slots__ = ("series_affected",)
    SERIES_AFFECTED_FIELD_NUMBER: _ClassVar[int]
    series_affected: int
    def __init__(self, series_affected: _Optional[int] = ...) -> None: ...
