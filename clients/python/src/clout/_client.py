"""clout.Client: a thin, typed wrapper over the clout.v1 gRPC services."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, Union

import grpc

from clout._errors import CloutError, StreamResult, WriteResult, from_rpc_error, rejections_from
from clout._proto.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    ingest_pb2,
    ingest_pb2_grpc,
    metrics_pb2,
    metrics_pb2_grpc,
    query_pb2,
    query_pb2_grpc,
)
from clout._types import (
    BatchItem,
    Creator,
    CreatorInfo,
    DeleteResult,
    DurationLike,
    MetricInfo,
    MetricResult,
    ParamValue,
    Post,
    RankResult,
    Series,
    Stats,
    TimeLike,
    UpsertResult,
    aggregation,
    batch_to_series_list,
    params_to_proto,
    series_from_read,
    to_duration_ms,
    to_ms,
)

DEFAULT_SERVER = "127.0.0.1:7420"
"""The address Client() connects to when neither target nor $CLOUT_SERVER is given."""

Batch = Union[ingest_pb2.WriteRequest, Series, Iterable[Series]]
"""What write() and write_stream() take per batch: Series objects (or one), or a WriteRequest message."""

T = TypeVar("T")


class _Default:
    def __repr__(self) -> str:
        return "<client timeout>"


_DEFAULT: Any = _Default()
# Matches the server's default --max_message_mb.
_MAX_MESSAGE = 256 * 1024 * 1024


def _request(batch: Batch) -> ingest_pb2.WriteRequest:
    if isinstance(batch, ingest_pb2.WriteRequest):
        return batch
    return ingest_pb2.WriteRequest(series=[s.to_proto() for s in batch_to_series_list(batch)])


class Client:
    """A connection to a cloutd server.

        with clout.Client("127.0.0.1:7420", timeout=10) as c:
            c.write([clout.Series("tiktok:42", "followers", [t0, t1], [1000, 1010])])

    target: HOST:PORT; when None, $CLOUT_SERVER, else 127.0.0.1:7420.
    timeout: deadline of each call in seconds (None: no deadline). Every method takes timeout= to
    override it for one call; for streams it bounds the whole stream.
    credentials: grpc.ChannelCredentials for a TLS channel; plain text when None.
    options: extra gRPC channel options.

    Every failure raises CloutError with the gRPC code, including NOT_FOUND and DEADLINE_EXCEEDED.
    """

    def __init__(
        self,
        target: str | None = None,
        *,
        timeout: float | None = 30.0,
        credentials: grpc.ChannelCredentials | None = None,
        options: Iterable[tuple[str, Any]] = (),
    ) -> None:
        self.target = target or os.environ.get("CLOUT_SERVER") or DEFAULT_SERVER
        self.timeout = timeout
        opts = [
            ("grpc.max_receive_message_length", _MAX_MESSAGE),
            ("grpc.max_send_message_length", _MAX_MESSAGE),
            *options,
        ]
        if credentials is None:
            self._channel = grpc.insecure_channel(self.target, options=opts)
        else:
            self._channel = grpc.secure_channel(self.target, credentials, options=opts)
        self._ingest = ingest_pb2_grpc.IngestStub(self._channel)
        self._query = query_pb2_grpc.QueryStub(self._channel)
        self._metrics = metrics_pb2_grpc.MetricsStub(self._channel)
        self._admin = admin_pb2_grpc.AdminStub(self._channel)

    # ----------------------------------------------------------------- lifecycle

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self._channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self.target!r}, timeout={self.timeout})"

    # ----------------------------------------------------------------- plumbing

    def _deadline(self, timeout: float | None) -> float | None:
        return self.timeout if timeout is _DEFAULT else timeout

    def _call(self, method: Callable[..., T], request: Any, timeout: float | None) -> T:
        try:
            return method(request, timeout=self._deadline(timeout))
        except grpc.RpcError as e:
            raise from_rpc_error(e) from None

    def _stream(self, method: Callable[..., Any], request: Any, timeout: float | None) -> Iterator[Any]:
        """Iterates a server stream, translating errors; cancels the call if the caller stops early."""
        try:
            call = method(request, timeout=self._deadline(timeout))
        except grpc.RpcError as e:
            raise from_rpc_error(e) from None
        done = False
        try:
            for message in call:
                yield message
            done = True
        except grpc.RpcError as e:
            done = True
            raise from_rpc_error(e) from None
        finally:
            if not done:
                call.cancel()

    # ----------------------------------------------------------------- ingest

    def write(self, batch: Batch, *, timeout: float | None = _DEFAULT) -> WriteResult:
        """Writes a batch (a list of Series, one Series, or a WriteRequest).

        Returns the number of samples stored. If the server rejects any sample it raises CloutError
        (INVALID_ARGUMENT) whose .rejections lists every rejected sample with its series and sample
        index and the reason; the valid samples of the batch are stored all the same (.result says
        how many).
        """
        response = self._call(self._ingest.Write, _request(batch), timeout)
        return WriteResult(response.accepted, response.rejected, tuple(rejections_from(response.rejections)))

    def write_stream(self, batches: Iterable[Batch], *, timeout: float | None = _DEFAULT) -> StreamResult:
        """Streams many batches in one call (backfill) and returns the totals.

        Every message is validated and stored as in write(). If any sample was rejected, the call
        raises CloutError (INVALID_ARGUMENT) once the stream is done: .result holds the totals
        (StreamResult) and .rejections the first 100 rejections, their series_index counted from the
        start of the stream. An exception raised by the batches iterable itself reaches the caller
        unchanged (the samples of the messages sent before it are stored).
        """
        failure: list[BaseException] = []

        def requests() -> Iterator[ingest_pb2.WriteRequest]:
            try:
                for batch in batches:
                    yield _request(batch)
            except BaseException as e:  # Reported to the caller below, not lost in gRPC's thread.
                failure.append(e)
                raise

        try:
            r = self._ingest.WriteStream(requests(), timeout=self._deadline(timeout))
        except grpc.RpcError as e:
            if failure:
                raise failure[0] from None
            raise from_rpc_error(e) from None
        return StreamResult(r.messages, r.accepted, r.rejected, tuple(rejections_from(r.first_rejections)))

    def upsert_creators(self, creators: Iterable[Creator] | Creator, *, timeout: float | None = _DEFAULT) -> UpsertResult:
        """Creates or replaces creator records."""
        items = [creators] if isinstance(creators, Creator) else list(creators)
        r = self._call(
            self._ingest.UpsertCreators, ingest_pb2.UpsertCreatorsRequest(creators=[c.to_proto() for c in items]), timeout
        )
        return UpsertResult(r.created, r.updated)

    def upsert_posts(self, posts: Iterable[Post] | Post, *, timeout: float | None = _DEFAULT) -> UpsertResult:
        """Creates or replaces post records; each post's creator must exist."""
        items = [posts] if isinstance(posts, Post) else list(posts)
        r = self._call(self._ingest.UpsertPosts, ingest_pb2.UpsertPostsRequest(posts=[p.to_proto() for p in items]), timeout)
        return UpsertResult(r.created, r.updated)

    def delete_creator(self, creator: str, *, timeout: float | None = _DEFAULT) -> DeleteResult:
        """Deletes a creator with its posts and series (CloutError NOT_FOUND if there is none)."""
        r = self._call(self._ingest.DeleteCreator, ingest_pb2.DeleteCreatorRequest(creator_id=creator), timeout)
        return DeleteResult(r.posts_deleted, r.series_deleted)

    def delete_samples(
        self,
        creator: str,
        start: TimeLike,
        end: TimeLike,
        *,
        post: str | None = None,
        field: str | None = None,
        all_entities: bool = False,
        timeout: float | None = _DEFAULT,
    ) -> int:
        """Deletes the samples in [start, end) of one series, one entity or (all_entities) the whole
        creator; returns the number of series affected."""
        r = self._call(
            self._ingest.DeleteSamples,
            ingest_pb2.DeleteSamplesRequest(
                creator_id=creator,
                post_id=post or "",
                field=field or "",
                all_entities=all_entities,
                start_ms=to_ms(start),
                end_ms=to_ms(end),
            ),
            timeout,
        )
        return int(r.series_affected)

    # ----------------------------------------------------------------- query

    def read_series(
        self,
        creator: str,
        field: str,
        post: str | None = None,
        start: TimeLike | None = None,
        end: TimeLike | None = None,
        step: DurationLike | None = None,
        agg: str | int | None = None,
        *,
        timeout: float | None = _DEFAULT,
    ) -> Series:
        """Reads one series over [start, end) (defaults: everything), raw or, with step and agg
        ("last", "first", "min", "max", "sum", "mean", "count", "delta", "rate"), one point per step.
        "mean" and "rate" give float values. CloutError NOT_FOUND if the series was never written."""
        request = query_pb2.ReadSeriesRequest(
            creator_id=creator,
            post_id=post or "",
            field=field,
            start_ms=0 if start is None else to_ms(start),
            end_ms=0 if end is None else to_ms(end),
            step_ms=0 if step is None else to_duration_ms(step),
            aggregation=aggregation(agg),
        )
        return series_from_read(creator, field, post or "", self._call(self._query.ReadSeries, request, timeout))

    def export(
        self,
        creator: str | None = None,
        start: TimeLike | None = None,
        end: TimeLike | None = None,
        *,
        timeout: float | None = _DEFAULT,
    ) -> Iterator[Series]:
        """Streams every series of a creator (or of the database when creator is None) over
        [start, end), in key order; a long series may arrive in several parts."""
        request = query_pb2.ExportSeriesRequest(
            creator_id=creator or "",
            start_ms=0 if start is None else to_ms(start),
            end_ms=0 if end is None else to_ms(end),
        )
        for message in self._stream(self._query.ExportSeries, request, timeout):
            yield Series.from_proto(message)

    def get_creator(self, creator: str, *, timeout: float | None = _DEFAULT) -> CreatorInfo:
        """One creator with the fields of its account series and its number of posts (NOT_FOUND if none)."""
        r = self._call(self._query.GetCreator, query_pb2.GetCreatorRequest(creator_id=creator), timeout)
        return CreatorInfo(Creator.from_proto(r.creator), list(r.account_fields), r.post_count)

    def list_creators(
        self,
        platform: str | None = None,
        labels: Mapping[str, str] | None = None,
        *,
        page_size: int = 0,
        timeout: float | None = _DEFAULT,
    ) -> Iterator[Creator]:
        """Every creator (optionally of one platform and carrying all the labels), in creator_id order,
        fetched a page at a time as the iteration proceeds (timeout applies to each page)."""
        token = ""
        while True:
            r = self._call(
                self._query.ListCreators,
                query_pb2.ListCreatorsRequest(
                    page_size=page_size, page_token=token, platform=platform or "", labels=dict(labels or {})
                ),
                timeout,
            )
            for c in r.creators:
                yield Creator.from_proto(c)
            token = r.next_page_token
            if not token:
                return

    def list_posts(
        self,
        creator: str,
        published_after: TimeLike | None = None,
        published_before: TimeLike | None = None,
        *,
        page_size: int = 0,
        timeout: float | None = _DEFAULT,
    ) -> Iterator[Post]:
        """The posts of one creator in post_id order, a page at a time (NOT_FOUND if no such creator)."""
        token = ""
        while True:
            r = self._call(
                self._query.ListPosts,
                query_pb2.ListPostsRequest(
                    creator_id=creator,
                    page_size=page_size,
                    page_token=token,
                    published_after_ms=0 if published_after is None else to_ms(published_after),
                    published_before_ms=0 if published_before is None else to_ms(published_before),
                ),
                timeout,
            )
            for p in r.posts:
                yield Post.from_proto(p)
            token = r.next_page_token
            if not token:
                return

    # ----------------------------------------------------------------- metrics

    def list_metrics(self, *, timeout: float | None = _DEFAULT) -> list[MetricInfo]:
        """The loaded metrics with their parameter schemas, sorted by name."""
        r = self._call(self._metrics.ListMetrics, metrics_pb2.ListMetricsRequest(), timeout)
        return [MetricInfo.from_proto(m) for m in r.metrics]

    def compute(
        self,
        metric: str,
        creator: str,
        start: TimeLike,
        end: TimeLike | None = None,
        *,
        parameters: Mapping[str, ParamValue] | None = None,
        timeout: float | None = _DEFAULT,
        **params: ParamValue,
    ) -> MetricResult:
        """Computes one metric for one creator over [start, end) (end None: now).

        Metric parameters are keyword arguments (variant="by_views", hours=12, include_saves=True) or,
        for names that clash with this method's own, the parameters mapping. bool, int, float and str
        map to the parameter kinds bool, int, double and enum choice.
        """
        request = metrics_pb2.ComputeRequest(
            metric=metric,
            creator_id=creator,
            start_ms=to_ms(start),
            end_ms=0 if end is None else to_ms(end),
            parameters=params_to_proto({**(parameters or {}), **params}),
        )
        return MetricResult.from_proto(self._call(self._metrics.Compute, request, timeout).result)

    def compute_batch(
        self,
        metric: str,
        creators: Iterable[str] | None = None,
        start: TimeLike = 0,
        end: TimeLike | None = None,
        *,
        platform: str | None = None,
        labels: Mapping[str, str] | None = None,
        parameters: Mapping[str, ParamValue] | None = None,
        timeout: float | None = _DEFAULT,
        **params: ParamValue,
    ) -> Iterator[BatchItem]:
        """Computes a metric for many creators (listed, or every one matching platform and labels),
        yielding one BatchItem per creator as it is ready; a creator that fails yields an item whose
        .error is a CloutError (not raised), and the stream goes on."""
        request = metrics_pb2.ComputeBatchRequest(
            metric=metric,
            creator_ids=list(creators or []),
            platform=platform or "",
            labels=dict(labels or {}),
            start_ms=to_ms(start),
            end_ms=0 if end is None else to_ms(end),
            parameters=params_to_proto({**(parameters or {}), **params}),
        )
        for item in self._stream(self._metrics.ComputeBatch, request, timeout):
            yield BatchItem.from_proto(item)

    def rank(
        self,
        metric: str,
        top_k: int = 10,
        start: TimeLike = 0,
        end: TimeLike | None = None,
        *,
        platform: str | None = None,
        labels: Mapping[str, str] | None = None,
        ascending: bool = False,
        parameters: Mapping[str, ParamValue] | None = None,
        timeout: float | None = _DEFAULT,
        **params: ParamValue,
    ) -> RankResult:
        """The top_k creators by a scalar metric (highest first, or lowest with ascending=True)."""
        request = metrics_pb2.RankRequest(
            metric=metric,
            top_k=top_k,
            platform=platform or "",
            labels=dict(labels or {}),
            start_ms=to_ms(start),
            end_ms=0 if end is None else to_ms(end),
            parameters=params_to_proto({**(parameters or {}), **params}),
            ascending=ascending,
        )
        return RankResult.from_proto(self._call(self._metrics.Rank, request, timeout))

    # ----------------------------------------------------------------- admin

    def stats(self, *, timeout: float | None = _DEFAULT) -> Stats:
        """What is stored, the server's version and uptime, and per-metric call counters."""
        return Stats.from_proto(self._call(self._admin.GetStats, admin_pb2.GetStatsRequest(), timeout))


__all__ = ["Client", "CloutError", "DEFAULT_SERVER", "Batch"]
