"""Writing, reading, listing and errors through clout.Client against a real cloutd."""
from __future__ import annotations

import datetime as dt
import socket
import sys
import time

import grpc
import pytest

import clout
from clout import pb

T0 = 1_735_689_600_000  # 2025-01-01T00:00:00Z
HOUR = 3_600_000
INT64_MAX = 2**63 - 1


# --------------------------------------------------------------------------- writes


def test_one_bad_sample_reaches_the_caller_with_its_index(client: clout.Client, creator: str) -> None:
    batch = [
        clout.Series(creator, "followers", [T0, T0 + HOUR], [100, 110]),
        clout.Series(creator, "views", [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR], [5, 6, -4, 8], post="v1"),
        clout.Series(creator, "likes", [T0], [1], post="v1"),
    ]
    with pytest.raises(clout.CloutError) as info:
        client.write(batch)
    e = info.value
    assert isinstance(e, Exception)
    assert e.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "-4 is negative" in e.message
    assert e.rejections == [clout.Rejection(1, 2, e.rejections[0].reason)]
    assert e.rejections[0].reason.startswith("series[1].values[2]: -4 is negative")
    assert e.result == clout.WriteResult(accepted=6, rejected=1, rejections=tuple(e.rejections))
    # The valid samples were stored all the same, the bad one was not.
    views = client.read_series(creator, "views", post="v1")
    assert views.timestamps == [T0, T0 + HOUR, T0 + 3 * HOUR]
    assert views.values == [5, 6, 8]


def test_every_rejection_is_listed_including_whole_series(client: clout.Client, creator: str) -> None:
    batch = [
        clout.Series(creator, "followers", [T0, 4_200_000_000_000, T0 + 1], [1, 2, 3]),  # Year 2103: out of range.
        clout.Series(creator, "Bad-Field", [T0], [1]),  # Not an identifier: the whole series.
        clout.Series(creator, "following", [T0, T0 + 1], [7, -1]),
    ]
    with pytest.raises(clout.CloutError) as info:
        client.write(batch)
    got = [(r.series_index, r.sample_index) for r in info.value.rejections]
    assert got == [(0, 1), (1, -1), (2, 1)]
    assert "Bad-Field" in info.value.rejections[1].reason
    assert info.value.result is not None and info.value.result.accepted == 3


def test_write_returns_counts_and_accepts_a_write_request(client: clout.Client, creator: str) -> None:
    assert client.write(clout.Series(creator, "followers", [T0], [1])) == clout.WriteResult(1, 0, ())
    request = pb.ingest_pb2.WriteRequest(
        series=[pb.types_pb2.SeriesSamples(creator_id=creator, field="followers", timestamps_ms=[T0 + 1], values=[2])]
    )
    assert client.write(request).accepted == 1


# --------------------------------------------------------------------------- reads


def test_exact_read_back(client: clout.Client, creator: str) -> None:
    # Out of order, a repeated timestamp (the later occurrence wins), values across the int64 range,
    # per-sample flags, and times given as ms, datetimes, dates and ISO strings.
    est, rounded = pb.types_pb2.SAMPLE_FLAG_ESTIMATED, pb.types_pb2.SAMPLE_FLAG_ROUNDED
    times: list[object] = [
        T0 + 2 * HOUR,
        dt.datetime(2025, 1, 1, 0, 0, tzinfo=dt.timezone.utc),
        "2025-01-01T01:00:00Z",
        T0 + 3 * HOUR,
        dt.datetime(2025, 1, 1, 1, 0),  # Naive: UTC. Repeats 01:00, wins.
        dt.date(2025, 1, 2),
    ]
    values = [2**53 + 1, 0, 999, INT64_MAX, 1_000, 2**62 + 12345]
    flags = [0, est, 0, rounded, est | rounded, 0]
    client.write(clout.Series(creator, "likes_total", times, values, flags=flags))

    s = client.read_series(creator, "likes_total")
    assert (s.creator, s.field, s.post) == (creator, "likes_total", "")
    assert s.timestamps == [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 24 * HOUR]
    assert s.values == [0, 1_000, 2**53 + 1, INT64_MAX, 2**62 + 12345]
    assert all(type(v) is int for v in s.values)
    assert s.flags == [est, est | rounded, 0, rounded, 0]
    assert s.datetimes()[1] == dt.datetime(2025, 1, 1, 1, 0, tzinfo=dt.timezone.utc)

    # A range [start, end) given as datetimes.
    part = client.read_series(
        creator, "likes_total", start=clout.from_ms(T0 + HOUR), end=dt.datetime(2025, 1, 1, 3, tzinfo=dt.timezone.utc)
    )
    assert part.points() == [(T0 + HOUR, 1_000), (T0 + 2 * HOUR, 2**53 + 1)]


def test_aggregated_reads(client: clout.Client, creator: str) -> None:
    # Followers every 6 hours over two days: 1000, 1010, ... (+10 each).
    ts = [T0 + i * 6 * HOUR for i in range(8)]
    client.write(clout.Series(creator, "followers", ts, [1_000 + 10 * i for i in range(8)]))
    delta = client.read_series(creator, "followers", step=dt.timedelta(days=1), agg="delta")
    assert delta.timestamps == [T0, T0 + 24 * HOUR] and delta.values == [30, 30]
    mean = client.read_series(creator, "followers", step=24 * HOUR, agg="mean")
    assert mean.values == [1_015.0, 1_055.0] and all(type(v) is float for v in mean.values)
    count = client.read_series(creator, "followers", step=24 * HOUR, agg=pb.types_pb2.AGGREGATION_COUNT)
    assert count.values == [4, 4]
    rate = client.read_series(creator, "followers", start=T0, end=T0 + 24 * HOUR, step=24 * HOUR, agg="RATE")
    assert rate.values == pytest.approx([30 / (18 * 3600)])
    with pytest.raises(ValueError, match="unknown aggregation"):
        client.read_series(creator, "followers", step=HOUR, agg="median")


def test_streaming_write(client: clout.Client, creator: str) -> None:
    n_batches, per_series = 40, 2_500

    def batches():
        for b in range(n_batches):
            base = T0 + b * per_series * 1_000
            ts = [base + i * 1_000 for i in range(per_series)]
            values = [b * per_series + i for i in range(per_series)]
            if b == 7:
                values[3] = -1  # One bad sample in the eighth message.
            yield [
                clout.Series(creator, "followers", ts, values),
                clout.Series(creator, "views", ts, values, post="p"),
            ]

    # A stream without rejections returns its totals.
    clean = client.write_stream(
        [clout.Series(creator, "following", [T0 + i], [i])] for i in range(5)
    )
    assert clean == clout.StreamResult(messages=5, accepted=5, rejected=0, first_rejections=())

    # One with rejections stores the rest and raises at the end, with the totals.
    with pytest.raises(clout.CloutError) as info:
        client.write_stream(batches())
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    total = info.value.result
    assert isinstance(total, clout.StreamResult)
    assert total.messages == n_batches
    assert total.rejected == 2
    assert total.accepted == n_batches * 2 * per_series - 2
    # series_index counts series from the start of the stream: message 7 holds series 14 and 15.
    assert [(r.series_index, r.sample_index) for r in total.first_rejections] == [(14, 3), (15, 3)]
    assert info.value.rejections == list(total.first_rejections)
    assert "-1 is negative" in info.value.rejections[0].reason

    s = client.read_series(creator, "followers")
    assert len(s) == n_batches * per_series - 1
    expected = [i for i in range(n_batches * per_series) if i != 7 * per_series + 3]
    assert s.values == expected
    assert s.timestamps == [T0 + i * 1_000 for i in expected]


def test_streaming_write_reports_the_callers_own_error(client: clout.Client, creator: str) -> None:
    def batches():
        yield clout.Series(creator, "followers", [T0], [1])
        raise RuntimeError("the feed broke")

    with pytest.raises(RuntimeError, match="the feed broke"):
        client.write_stream(batches())


def test_export(client: clout.Client, creator: str) -> None:
    client.write(
        [
            clout.Series(creator, "followers", [T0, T0 + HOUR], [10, 20]),
            clout.Series(creator, "views", [T0], [INT64_MAX], post="v1", flags=[pb.types_pb2.SAMPLE_FLAG_BACKFILLED]),
        ]
    )
    exported = list(client.export(creator))
    assert [(s.post, s.field, s.timestamps, s.values) for s in exported] == [
        ("", "followers", [T0, T0 + HOUR], [10, 20]),
        ("v1", "views", [T0], [INT64_MAX]),
    ]
    assert exported[1].flags == [pb.types_pb2.SAMPLE_FLAG_BACKFILLED]
    assert [s.values for s in client.export(creator, start=T0 + 1)] == [[20]]


# --------------------------------------------------------------------------- records


def test_creators_posts_and_pages(client: clout.Client, creator: str) -> None:
    ids = [f"{creator}-{i}" for i in range(5)]
    created = client.upsert_creators(
        [clout.Creator(i, platform="pagetest", handle=f"h{n}", display_name=f"Creator {n}", labels={"tier": creator}) for n, i in enumerate(ids)]
    )
    assert created == clout.UpsertResult(created=5, updated=0)
    assert client.upsert_creators(clout.Creator(ids[0], platform="pagetest", labels={"tier": creator})).updated == 1

    listed = list(client.list_creators(labels={"tier": creator}, page_size=2))
    assert [c.creator_id for c in listed] == ids
    assert listed[1].handle == "h1" and listed[1].display_name == "Creator 1" and listed[1].created_ms > 0

    client.upsert_posts([clout.Post(ids[1], f"v{i}", dt.datetime(2025, 1, i + 1)) for i in range(3)])
    client.write(clout.Series(ids[1], "followers", [T0], [5]))
    info = client.get_creator(ids[1])
    assert info.creator.creator_id == ids[1] and info.creator.labels == {"tier": creator}
    assert info.account_fields == ["followers"] and info.post_count == 3
    posts = list(client.list_posts(ids[1], page_size=1))
    assert [(p.post_id, p.published_ms) for p in posts] == [("v0", T0), ("v1", T0 + 24 * HOUR), ("v2", T0 + 48 * HOUR)]
    assert [p.post_id for p in client.list_posts(ids[1], published_after=T0 + 1)] == ["v1", "v2"]


def test_deletes(client: clout.Client, creator: str) -> None:
    client.write([clout.Series(creator, "followers", [T0, T0 + HOUR, T0 + 2 * HOUR], [1, 2, 3])])
    assert client.delete_samples(creator, T0 + HOUR, T0 + 2 * HOUR, field="followers") == 1
    assert client.read_series(creator, "followers").values == [1, 3]
    gone = client.delete_creator(creator)
    assert gone.series_deleted == 1
    with pytest.raises(clout.CloutError) as info:
        client.get_creator(creator)
    assert info.value.code == grpc.StatusCode.NOT_FOUND


# --------------------------------------------------------------------------- errors


def test_not_found_is_a_clout_error_with_its_code(client: clout.Client, creator: str) -> None:
    with pytest.raises(clout.CloutError) as no_creator:
        client.get_creator(creator)
    assert no_creator.value.code == grpc.StatusCode.NOT_FOUND
    assert creator in no_creator.value.message
    assert str(no_creator.value).startswith("NOT_FOUND: ")

    with pytest.raises(clout.CloutError) as no_series:
        client.read_series(creator, "followers")
    assert no_series.value.code == grpc.StatusCode.NOT_FOUND

    client.write(clout.Series(creator, "followers", [T0], [1]))
    with pytest.raises(clout.CloutError) as no_metric:
        client.compute("no_such_metric", creator, T0, T0 + HOUR)
    assert no_metric.value.code == grpc.StatusCode.NOT_FOUND
    assert "no_such_metric" in no_metric.value.message
    with pytest.raises(clout.CloutError) as no_posts_creator:
        list(client.list_posts(creator + "-missing"))
    assert no_posts_creator.value.code == grpc.StatusCode.NOT_FOUND
    assert no_series.value.rejections == []


@pytest.fixture(scope="module")
def large_creator(server) -> str:
    """A creator with 3.6 million samples: "followers" with 2 million, and 16 custom series of 100,000."""
    creator = "tiktok:large"
    with clout.Client(server.address, timeout=120) as c:
        n = 1_000_000
        c.write_stream(clout.Series(creator, "followers", list(range(T0 + i * n, T0 + (i + 1) * n)), list(range(n))) for i in range(2))
        c.write_stream(
            clout.Series(creator, f"custom_{i}", list(range(T0, T0 + 100_000)), list(range(100_000))) for i in range(16)
        )
    return creator


def test_deadline_expires_on_a_unary_call(client: clout.Client, large_creator: str) -> None:
    # Reading 2 million samples (16 MB on the wire) takes the server far longer than 20 ms.
    with pytest.raises(clout.CloutError) as info:
        client.read_series(large_creator, "followers", timeout=0.02)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    # The client's own timeout applies to every call that gives none.
    with clout.Client(client.target, timeout=0.02) as hurried:
        with pytest.raises(clout.CloutError) as default:
            hurried.read_series(large_creator, "followers")
        assert default.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    # And the same read with time to spare succeeds.
    assert len(client.read_series(large_creator, "followers", timeout=60)) == 2_000_000


def test_deadline_expires_during_a_large_export(client: clout.Client, large_creator: str) -> None:
    # 16 series of 100,000 samples (about 13 MB, beyond what flow control lets the server send
    # ahead): a reader that takes its time runs out of its 1.5 s.
    started = time.monotonic()
    seen = 0
    with pytest.raises(clout.CloutError) as info:
        for series in client.export(large_creator, start=T0, end=T0 + 100_000, timeout=1.5):
            seen += len(series)
            time.sleep(0.25)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert seen < 16 * 100_000  # Cut short.
    assert time.monotonic() - started < 10


def test_unreachable_server_is_unavailable() -> None:
    with socket.socket() as s:  # A port nobody listens on.
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with clout.Client(f"127.0.0.1:{port}", timeout=5) as c:
        with pytest.raises(clout.CloutError) as info:
            c.stats()
    assert info.value.code == grpc.StatusCode.UNAVAILABLE


def test_client_target_defaults_to_clout_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUT_SERVER", "example.invalid:1234")
    with clout.Client() as c:
        assert c.target == "example.invalid:1234"
    monkeypatch.delenv("CLOUT_SERVER")
    with clout.Client() as c:
        assert c.target == clout.DEFAULT_SERVER == "127.0.0.1:7420"


def test_time_conversions() -> None:
    assert clout.to_ms(T0) == T0
    assert clout.to_ms("2025-01-01T00:00:00Z") == T0
    assert clout.to_ms("2025-01-01T01:00:00+01:00") == T0
    assert clout.to_ms(dt.datetime(2025, 1, 1)) == T0
    assert clout.to_ms(dt.date(2025, 1, 1)) == T0
    assert clout.to_ms(dt.datetime(2025, 1, 1, 0, 0, 0, 1500, tzinfo=dt.timezone.utc)) == T0 + 1
    assert clout.from_ms(T0 + 1) == dt.datetime(2025, 1, 1, 0, 0, 0, 1000, tzinfo=dt.timezone.utc)
    with pytest.raises(TypeError):
        clout.to_ms(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        clout.to_ms("yesterday")


# --------------------------------------------------------------------------- pandas


def test_dataframes(client: clout.Client, creator: str) -> None:
    pd = pytest.importorskip("pandas")
    client.write(clout.Series(creator, "followers", [T0, T0 + HOUR], [10, INT64_MAX], flags=[4]))
    frame = client.read_series(creator, "followers").to_dataframe()
    assert list(frame.columns) == ["value", "flags"]
    assert list(frame.index) == [pd.Timestamp("2025-01-01T00:00Z"), pd.Timestamp("2025-01-01T01:00Z")]
    assert frame["value"].tolist() == [10, INT64_MAX]  # int64 exact.
    assert frame["flags"].tolist() == [4, 4]  # One flag element applies to every sample.
    assert frame.attrs["creator"] == creator

    client.upsert_posts(clout.Post(creator, "v", T0))
    client.write([clout.Series(creator, "likes", [T0 + HOUR], [5], post="v"), clout.Series(creator, "views", [T0 + HOUR], [50], post="v")])
    result = client.compute("engagement_rate", creator, T0, T0 + 2 * HOUR, variant="by_views")
    rows = result.rows_dataframe()
    assert list(rows.index) == ["v"]
    assert list(rows.columns) == ["timestamp", *result.row_columns]
    assert rows.loc["v", "rate_percent"] == pytest.approx(10.0)
    assert rows.loc["v", "timestamp"] == pd.Timestamp("2025-01-01T00:00Z")


def test_dataframes_without_pandas_say_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError.
    with pytest.raises(ImportError, match=r"pip install 'clout-client\[pandas\]'"):
        clout.Series("c", "followers", [T0], [1]).to_dataframe()
    result = clout.MetricResult("m", "1", "c", 0, 1, 0.0, "", "", "", {}, [], [], [], [], {})
    with pytest.raises(ImportError, match="MetricResult.rows_dataframe"):
        result.rows_dataframe()
