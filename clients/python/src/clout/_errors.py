"""CloutError, the one exception type of the client, and decoding of status details."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, message_factory

from clout._proto.v1 import ingest_pb2

_CODES: dict[int, grpc.StatusCode] = {c.value[0]: c for c in grpc.StatusCode}


def status_code(number: int) -> grpc.StatusCode:
    """The grpc.StatusCode of a canonical code number (UNKNOWN for numbers outside the set)."""
    return _CODES.get(number, grpc.StatusCode.UNKNOWN)


@dataclass(frozen=True)
class Rejection:
    """Why one sample (or a whole series) of a write was not stored."""

    series_index: int
    """Index of the series in the batch (for write_stream: counted from the start of the stream)."""
    sample_index: int
    """Index of the sample within that series, or -1 when the whole series was rejected."""
    reason: str


@dataclass(frozen=True)
class WriteResult:
    """Outcome of Client.write."""

    accepted: int
    rejected: int = 0
    rejections: tuple[Rejection, ...] = ()


@dataclass(frozen=True)
class StreamResult:
    """Totals of Client.write_stream."""

    messages: int
    accepted: int
    rejected: int
    first_rejections: tuple[Rejection, ...] = ()


class CloutError(Exception):
    """Every error of the client: a gRPC status, with the rejections of a write when there were any.

    Attributes:
        code: the grpc.StatusCode (NOT_FOUND, INVALID_ARGUMENT, DEADLINE_EXCEEDED, ...).
        message: the server's (or gRPC's) message.
        rejections: for a refused write, every rejected sample or series, from the status details
            (for write_stream, the first 100).
        result: for a refused write, the WriteResult (write) or StreamResult (write_stream): how many
            samples were stored all the same.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        rejections: list[Rejection] | None = None,
        result: WriteResult | StreamResult | None = None,
    ) -> None:
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.rejections: list[Rejection] = list(rejections or [])
        self.result = result

    def __repr__(self) -> str:
        return f"CloutError({self.code.name}, {self.message!r}, rejections={len(self.rejections)})"


# google.rpc.Status is decoded with a private copy of its message type in a
# private descriptor pool: registering google/rpc/status.proto in the default
# pool would clash with googleapis-common-protos when both are installed.
def _status_class() -> Any:
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(any_pb2.DESCRIPTOR.serialized_pb)
    fdp = descriptor_pb2.FileDescriptorProto(
        name="clout_client/rpc_status.proto",
        package="clout_client.rpc",
        syntax="proto3",
        dependency=["google/protobuf/any.proto"],
    )
    msg = fdp.message_type.add(name="Status")
    f = descriptor_pb2.FieldDescriptorProto
    msg.field.add(name="code", number=1, type=f.TYPE_INT32, label=f.LABEL_OPTIONAL)
    msg.field.add(name="message", number=2, type=f.TYPE_STRING, label=f.LABEL_OPTIONAL)
    msg.field.add(
        name="details", number=3, type=f.TYPE_MESSAGE, label=f.LABEL_REPEATED, type_name=".google.protobuf.Any"
    )
    pool.Add(fdp)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("clout_client.rpc.Status"))


_Status: Any = _status_class()
_STATUS_DETAILS_KEY = "grpc-status-details-bin"


_DETAIL_TYPES: dict[str, Any] = {
    "clout.v1.WriteResponse": ingest_pb2.WriteResponse,
    "clout.v1.WriteStreamResponse": ingest_pb2.WriteStreamResponse,
}


def _write_response_from_details(error: grpc.RpcError) -> Any:
    """The WriteResponse or WriteStreamResponse packed in the status details, if any."""
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    for key, value in trailers or ():
        if key != _STATUS_DETAILS_KEY:
            continue
        status = _Status.FromString(value)
        for detail in status.details:
            message_type = _DETAIL_TYPES.get(detail.type_url.rsplit("/", 1)[-1])
            if message_type is not None:
                return message_type.FromString(detail.value)
    return None


def rejections_from(messages: object) -> list[Rejection]:
    return [Rejection(r.series_index, r.sample_index, r.reason) for r in messages]  # type: ignore[attr-defined]


def from_rpc_error(error: grpc.RpcError) -> CloutError:
    """Converts a grpc.RpcError (a grpc.Call) into a CloutError, decoding write rejections."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    message = error.details() if hasattr(error, "details") else str(error)
    try:
        response = _write_response_from_details(error)
    except Exception:  # Malformed details: keep the code and message.
        response = None
    if response is None:
        return CloutError(code, message or "")
    result: WriteResult | StreamResult
    if isinstance(response, ingest_pb2.WriteStreamResponse):
        rejections = rejections_from(response.first_rejections)
        result = StreamResult(response.messages, response.accepted, response.rejected, tuple(rejections))
    else:
        rejections = rejections_from(response.rejections)
        result = WriteResult(response.accepted, response.rejected, tuple(rejections))
    return CloutError(code, message or "", rejections, result)
