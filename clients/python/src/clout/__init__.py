"""Python client of clout, the creator-analytics server.

    import clout

    with clout.Client("127.0.0.1:7420") as client:
        client.write([clout.Series("tiktok:42", "followers", ["2025-01-01T00:00:00Z"], [1000])])
        print(client.read_series("tiktok:42", "followers").values)

Every error is a clout.CloutError carrying the gRPC status code (.code), the message and, for a
refused write, the rejected samples (.rejections). The generated messages and stubs of the clout.v1
API are in clout.pb (clout.pb.ingest_pb2, clout.pb.query_pb2, ...).
"""
from clout._client import DEFAULT_SERVER, Batch, Client
from clout._errors import CloutError, Rejection, StreamResult, WriteResult
from clout._proto import v1 as pb
from clout._types import (
    BatchItem,
    Component,
    Creator,
    CreatorInfo,
    DeleteResult,
    MetricInfo,
    MetricResult,
    ParameterSpec,
    PluginStats,
    Post,
    RankEntry,
    RankResult,
    Row,
    Series,
    Stats,
    UpsertResult,
    from_ms,
    to_ms,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SERVER",
    "Batch",
    "BatchItem",
    "Client",
    "CloutError",
    "Component",
    "Creator",
    "CreatorInfo",
    "DeleteResult",
    "MetricInfo",
    "MetricResult",
    "ParameterSpec",
    "PluginStats",
    "Post",
    "RankEntry",
    "RankResult",
    "Rejection",
    "Row",
    "Series",
    "Stats",
    "StreamResult",
    "UpsertResult",
    "WriteResult",
    "from_ms",
    "to_ms",
    "pb",
]
