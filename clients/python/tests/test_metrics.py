"""The built-in metrics through the client, on small fixtures whose values are worked out by hand
(the worked examples of docs/metrics.md, written to a real server and computed there)."""
from __future__ import annotations

import math

import grpc
import pytest

import clout

HOUR = 3_600_000
DAY = 24 * HOUR
EXACT = {"rel": 1e-12, "abs": 1e-12}


# --------------------------------------------------------------------------- engagement_rate

# Days after 2025-01-01T00:00:00Z.
T0 = 1_735_689_600_000


def day(n: float) -> int:
    return T0 + int(n * DAY)


def write_engagement_fixture(client: clout.Client, creator: str) -> None:
    """Followers 10,000 on day 0 and 12,000 on day 10; window [day 1, day 20).

    post  published  followers at posting              likes+comments+shares  by followers  views   by views
    a     day 5      10,000 + 2,000 * 5/10 = 11,000     990 + 88 + 22 = 1,100  10%           11,000  10%
    b     day 10     12,000 (a sample)                  540 + 60 + 0 = 600     5%            10,000  6%
    c     day 15     12,000 (nearest: after the last)   300 (no comments or    2.5%          6,000   5%
                                                        shares series)
    a also has 110 saves, and a likes sample of 5,000 on day 25, after the window (not used).
    """
    client.upsert_creators(clout.Creator(creator, platform="tiktok", handle="fixture"))
    client.upsert_posts([clout.Post(creator, "a", day(5)), clout.Post(creator, "b", day(10)), clout.Post(creator, "c", day(15))])
    S = clout.Series
    result = client.write(
        [
            S(creator, "followers", [day(0), day(10)], [10_000, 12_000]),
            S(creator, "likes", [day(6), day(7), day(25)], [500, 990, 5_000], post="a"),
            S(creator, "comments", [day(7)], [88], post="a"),
            S(creator, "shares", [day(7)], [22], post="a"),
            S(creator, "saves", [day(7)], [110], post="a"),
            S(creator, "views", [day(7)], [11_000], post="a"),
            S(creator, "likes", [day(12)], [540], post="b"),
            S(creator, "comments", [day(12)], [60], post="b"),
            S(creator, "shares", [day(12)], [0], post="b"),
            S(creator, "views", [day(12)], [10_000], post="b"),
            S(creator, "likes", [day(16)], [300], post="c"),
            S(creator, "views", [day(16)], [6_000], post="c"),
        ]
    )
    assert result.accepted == 15 and result.rejected == 0


def test_engagement_rate_by_followers_worked_by_hand(client: clout.Client, creator: str) -> None:
    write_engagement_fixture(client, creator)
    r = client.compute("engagement_rate", creator, day(1), day(20))
    assert isinstance(r, clout.MetricResult)
    assert r.metric == "engagement_rate" and r.metric_version == "1.0.0"
    assert r.creator_id == creator
    assert (r.window_start_ms, r.window_end_ms) == (day(1), day(20))
    assert r.unit == "percent"
    assert r.variant == "by_followers"
    assert "followers(published_i)" in r.formula
    assert r.value == pytest.approx((10 + 5 + 2.5) / 3, **EXACT)  # 5.8333...
    assert r.parameters == {"aggregation": "mean", "include_saves": False, "min_views": 0, "variant": "by_followers"}

    assert r.row_columns == ["interactions", "denominator", "rate_percent", "likes", "comments", "shares", "saves"]
    assert [row.key for row in r.rows] == ["a", "b", "c"]
    a, b, c = r.rows
    assert a.timestamp_ms == day(5)
    assert a["interactions"] == 1_100 and a["denominator"] == 11_000
    assert a["likes"] == 990  # The latest sample before the window's end, not day 25's.
    assert a["rate_percent"] == pytest.approx(10.0, **EXACT)
    assert math.isnan(a["saves"])  # include_saves is off.
    assert b["rate_percent"] == pytest.approx(5.0, **EXACT) and b["denominator"] == 12_000
    assert c["rate_percent"] == pytest.approx(2.5, **EXACT)
    assert math.isnan(c["comments"])  # No comments series.
    assert r.row("b") is b

    comp = r.components
    assert comp["posts_in_window"] == 3 and comp["posts_rated"] == 3 and comp["posts_skipped"] == 0
    assert comp["mean_rate_percent"] == pytest.approx(17.5 / 3, **EXACT)
    assert comp["median_rate_percent"] == pytest.approx(5.0, **EXACT)
    assert comp["posts_with_missing_counts"] == 1
    assert comp["posts_followers_extrapolated"] == 1
    assert comp["posts_unknown_publication_time"] == 0


def test_engagement_rate_parameters_worked_by_hand(client: clout.Client, creator: str) -> None:
    write_engagement_fixture(client, creator)
    median = client.compute("engagement_rate", creator, day(1), day(20), aggregation="median")
    assert median.value == pytest.approx(5.0, **EXACT)  # median(10, 5, 2.5)

    # a: (990 + 88 + 22 + 110) / 11,000 = 11%; mean(11, 5, 2.5).
    saves = client.compute("engagement_rate", creator, day(1), day(20), include_saves=True)
    assert saves.value == pytest.approx(18.5 / 3, **EXACT)
    assert saves.row("a")["saves"] == 110
    assert saves.parameters["include_saves"] is True

    # By views: 10%, 6%, 5%.
    views = client.compute("engagement_rate", creator, day(1), day(20), parameters={"variant": "by_views"})
    assert views.variant == "by_views"
    assert views.value == pytest.approx(7.0, **EXACT)
    assert [row["rate_percent"] for row in views.rows] == pytest.approx([10.0, 6.0, 5.0], **EXACT)
    # min_views 8,000 skips c: mean(10, 6).
    skipped = client.compute("engagement_rate", creator, day(1), day(20), variant="by_views", min_views=8_000)
    assert skipped.value == pytest.approx(8.0, **EXACT)
    assert skipped.components["posts_skipped"] == 1
    assert math.isnan(skipped.row("c")["rate_percent"])

    # Datetimes and dates are accepted for the window.
    from_dates = client.compute("engagement_rate", creator, clout.from_ms(day(1)), clout.from_ms(day(20)))
    assert from_dates.value == pytest.approx(17.5 / 3, **EXACT)


def test_engagement_rate_errors(client: clout.Client, creator: str) -> None:
    write_engagement_fixture(client, creator)
    with pytest.raises(clout.CloutError) as bad_choice:
        client.compute("engagement_rate", creator, day(1), day(20), variant="by_magic")
    assert bad_choice.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "variant" in bad_choice.value.message
    with pytest.raises(clout.CloutError) as unknown_param:
        client.compute("engagement_rate", creator, day(1), day(20), no_such_parameter=1)
    assert unknown_param.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "no_such_parameter" in unknown_param.value.message
    # A window without posts: the data cannot give the metric.
    with pytest.raises(clout.CloutError) as empty:
        client.compute("engagement_rate", creator, day(100), day(120))
    assert empty.value.code == grpc.StatusCode.FAILED_PRECONDITION


# --------------------------------------------------------------------------- like_velocity

# 2022-04-15T04:26:40Z, so that publication times are never 0 (which means unknown).
K_T0 = 1_650_000_000_000


def at(hours: float) -> int:
    return K_T0 + int(hours * HOUR)


def test_like_velocity_worked_by_hand(client: clout.Client, creator: str) -> None:
    """h = 24 (the default); times in hours after K_T0.

    p1  published 0; likes 12 h: 600, 30 h: 1,500 -> at 24 h 600 + 900 * 12/18 = 1,200 -> 50 /h
    p2  published 0; a sample at 24 h: 480 -> 20 /h (not interpolated)
    p3  published 100 h; first sample 148 h: 2,400 -> from 0 at publication: 1,200 -> 50 /h
    p4  published 0; samples end at 10 h -> skipped (not reaching h)
    p5  publication unknown; 1,000 h: 100, 1,012 h: 400, 1,036 h: 1,000 -> (700 - 100) / 24 = 25 /h
    p6  no likes series -> skipped
    value = median(20, 25, 50, 50) = 37.5; relative velocity of p1 = 50 / 37.5 = 4/3.
    """
    client.upsert_creators(clout.Creator(creator, platform="tiktok"))
    client.upsert_posts(
        [
            clout.Post(creator, "p1", at(0)),
            clout.Post(creator, "p2", at(0)),
            clout.Post(creator, "p3", at(100)),
            clout.Post(creator, "p4", at(0)),
            clout.Post(creator, "p5", 0),
            clout.Post(creator, "p6", at(500)),
        ]
    )

    def likes(post: str, samples: list[tuple[float, int]]) -> clout.Series:
        return clout.Series(creator, "likes", [at(h) for h, _ in samples], [v for _, v in samples], post=post)

    client.write(
        [
            likes("p1", [(12, 600), (30, 1_500)]),
            likes("p2", [(24, 480), (48, 900)]),
            likes("p4", [(5, 10), (10, 20)]),
            likes("p3", [(148, 2_400)]),
            likes("p5", [(1_000, 100), (1_012, 400), (1_036, 1_000)]),
        ]
    )
    r = client.compute("like_velocity", creator, at(0), at(2_000))
    assert r.unit == "likes per hour" and r.variant == "first_hours_linear"
    assert "likes_i(start_i + 24 h)" in r.formula
    assert r.value == pytest.approx(37.5, **EXACT)
    assert r.parameters == {"hours": 24}
    assert len(r.rows) == 6

    p1 = r.row("p1")
    assert p1["velocity_per_hour"] == pytest.approx(50, **EXACT)
    assert p1["likes_at_h"] == pytest.approx(1_200, **EXACT)
    assert (p1["sample_before_ms"], p1["sample_after_ms"]) == (at(12), at(30))
    assert p1["interpolated"] == 1
    assert p1["relative_velocity"] == pytest.approx(4 / 3, **EXACT)
    assert r.row("p2")["velocity_per_hour"] == pytest.approx(20, **EXACT)
    assert r.row("p2")["relative_velocity"] == pytest.approx(8 / 15, **EXACT)
    assert r.row("p3")["velocity_per_hour"] == pytest.approx(50, **EXACT)
    assert r.row("p3")["sample_before_ms"] == at(100)  # The zero at publication.
    assert math.isnan(r.row("p4")["velocity_per_hour"])
    p5 = r.row("p5")
    assert p5["velocity_per_hour"] == pytest.approx(25, **EXACT)
    assert p5["start_ms"] == at(1_000) and p5["likes_at_start"] == 100
    assert p5.timestamp_ms == 0  # Unknown publication.
    assert math.isnan(r.row("p6")["likes_at_h"])

    comp = r.components
    assert comp["posts_in_window"] == 6 and comp["posts_rated"] == 4
    assert comp["posts_not_reaching_h"] == 1 and comp["posts_without_likes"] == 1
    assert comp["posts_interpolated"] == 3 and comp["posts_from_publication_zero"] == 1
    assert comp["posts_unknown_publication_time"] == 1
    assert comp["mean_velocity_per_hour"] == pytest.approx(36.25, **EXACT)  # (50 + 20 + 50 + 25) / 4

    # hours = 12: p1 600 / 12 = 50, p2 240 / 12 = 20, p3 600 / 12 = 50, p5 300 / 12 = 25.
    r12 = client.compute("like_velocity", creator, at(0), at(2_000), hours=12)
    assert r12.value == pytest.approx(37.5, **EXACT)
    assert r12.row("p1")["interpolated"] == 0
    with pytest.raises(clout.CloutError) as out_of_bounds:
        client.compute("like_velocity", creator, at(0), at(2_000), hours=0)
    assert out_of_bounds.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "hours" in out_of_bounds.value.message


# --------------------------------------------------------------------------- follower_quality

JUNE1 = 19_144 * DAY  # 2022-06-01T00:00:00Z


def noon(d: int) -> int:
    return JUNE1 + d * DAY + 12 * HOUR


def spike_followers(creator: str) -> clout.Series:
    """Followers at noon of days 0..20: 10,003 + 100 a day, except day 11 (2022-06-12): + 1,000."""
    counts, f = [], 10_003
    for d in range(21):
        if d > 0:
            f += 1_000 if d == 11 else 100
        counts.append(f)
    return clout.Series(creator, "followers", [noon(d) for d in range(21)], counts)


def test_follower_quality_unexplained_spike_worked_by_hand(client: clout.Client, creator: str) -> None:
    """Day 11's baseline (days 1..10) is +100 a day: m = 100, MAD = 0, rounding step q = 1.
    var_nat = max(0 - 1/6, (0.001 * 11,003)^2); sigma = sqrt(var_nat + 1/6); z = 900 / sigma = 81.74.
    The burst (day 11 alone) adds 900 of the window's 2,900 gain: score 100 * (1 - 9/29) = 2,000 / 29.
    No posts and no following series: coverage 0.30, value = that score."""
    client.write(spike_followers(creator))
    r = client.compute("follower_quality", creator, JUNE1, JUNE1 + 21 * DAY)
    assert r.unit == "score" and r.variant == "by_followers"
    assert "public counts cannot tell real from bot" in r.formula
    assert r.value == pytest.approx(2_000 / 29, rel=1e-12)  # 68.97
    assert r.components["score_follower_spikes"] == pytest.approx(2_000 / 29, rel=1e-12)
    assert r.components["follower_bursts_unexplained"] == 1
    assert r.components["follower_bursts_explained"] == 0
    assert r.components["data_coverage"] == pytest.approx(0.30, **EXACT)
    assert "score_engagement_vs_tier" not in r.components
    assert "engagement_vs_tier (no post could be rated)" in r.component_note("data_coverage")

    assert [row.key for row in r.rows] == ["followers:2022-06-12"]
    row = r.rows[0]
    sigma = math.sqrt(11.003**2 + 1 / 6)
    assert row.timestamp_ms == noon(11)
    assert row["delta_per_day"] == 1_000 and row["baseline_per_day"] == 100
    assert row["sigma_per_day"] == pytest.approx(sigma, rel=1e-9)
    assert row["day_z"] == pytest.approx(900 / sigma, rel=1e-9)
    assert row["burst_z"] == pytest.approx(81.74, abs=0.01)
    assert row["burst_excess"] == 900 and row["rounding_step"] == 1 and row["explained"] == 0


def test_follower_quality_post_explains_the_spike(client: clout.Client, creator: str) -> None:
    """A post published at day 10 + 18 h explains the burst (score 100). Its rate: followers at posting
    11,003 + 1,000 * 6/24 = 11,253; (1,000 + 100 + 25) / 11,253 = 9.997% >= 3.76% (the 5K-20K tier
    benchmark; latest followers 12,903): 100. Comments per like 0.1: 100. Every available score is 100."""
    client.write(spike_followers(creator))
    client.upsert_posts(clout.Post(creator, "p", JUNE1 + 10 * DAY + 18 * HOUR))
    client.write(
        [clout.Series(creator, f, [noon(12)], [v], post="p") for f, v in (("likes", 1_000), ("comments", 100), ("shares", 25))]
    )
    r = client.compute("follower_quality", creator, JUNE1, JUNE1 + 21 * DAY)
    assert r.value == pytest.approx(100, **EXACT)
    assert r.row("followers:2022-06-12")["explained"] == 1
    assert r.components["engagement_rate_percent"] == pytest.approx(1_125 / 11_253 * 100, rel=1e-12)
    assert r.components["engagement_benchmark_percent"] == 3.76
    assert r.components["followers"] == 12_903
    assert r.components["data_coverage"] == pytest.approx(0.80, **EXACT)


# --------------------------------------------------------------------------- batch, rank, list

def test_list_metrics(client: clout.Client) -> None:
    metrics = client.list_metrics()
    assert [m.name for m in metrics] == ["engagement_rate", "follower_quality", "like_velocity"]
    by_name = {m.name: m for m in metrics}
    er = by_name["engagement_rate"]
    assert er.version == "1.0.0" and er.plugin == "engagement_rate" and er.plugin_file == "engagement_rate.so"
    assert er.output_kind == "scalar" and er.unit == "percent"
    assert er.variants == ["by_followers", "by_views"]
    assert er.row_columns[:3] == ["interactions", "denominator", "rate_percent"]
    params = {p.name: p for p in er.parameters}
    assert list(params) == ["variant", "aggregation", "include_saves", "min_views"]
    assert (params["variant"].type, params["variant"].default, params["variant"].choices) == (
        "enum",
        "by_followers",
        ["by_followers", "by_views"],
    )
    assert (params["include_saves"].type, params["include_saves"].default) == ("bool", False)
    assert (params["min_views"].type, params["min_views"].default, params["min_views"].min) == ("int", 0, 0)
    assert "followers" in er.account_fields and "likes" in er.post_fields
    lv = by_name["like_velocity"]
    assert lv.unit == "likes per hour"
    hours = lv.parameters[0]
    assert (hours.name, hours.type, hours.default, hours.min, hours.max) == ("hours", "int", 24, 1, 720)
    fq = by_name["follower_quality"]
    assert fq.unit == "score"
    z = {p.name: p for p in fq.parameters}["z_threshold"]
    assert (z.type, z.default, z.min, z.max) == ("double", 3.5, 2, 20)


def test_compute_batch_and_rank(client: clout.Client, creator: str) -> None:
    # Three creators with one post each, rates 10%, 20% and 5% by views; a fourth without posts.
    ids = [f"{creator}-{i}" for i in range(4)]
    client.upsert_creators([clout.Creator(i, platform="batchtest", labels={"group": creator}) for i in ids])
    for i, (likes, views) in zip(ids, [(100, 1_000), (200, 1_000), (50, 1_000)]):
        client.upsert_posts(clout.Post(i, "v", day(2)))
        client.write(
            [clout.Series(i, "likes", [day(3)], [likes], post="v"), clout.Series(i, "views", [day(3)], [views], post="v")]
        )
    items = list(client.compute_batch("engagement_rate", ids, day(1), day(10), variant="by_views"))
    assert sorted(item.creator_id for item in items) == sorted(ids)
    values = {item.creator_id: item.result.value for item in items if item.ok}
    assert values == pytest.approx({ids[0]: 10.0, ids[1]: 20.0, ids[2]: 5.0}, **EXACT)
    failed = [item for item in items if not item.ok]
    assert [f.creator_id for f in failed] == [ids[3]]
    assert failed[0].result is None
    assert failed[0].error.code == grpc.StatusCode.FAILED_PRECONDITION  # Not raised: the stream went on.

    # Selected by label instead of by id.
    by_label = list(client.compute_batch("engagement_rate", labels={"group": creator}, start=day(1), end=day(10), variant="by_views"))
    assert len(by_label) == 4

    top = client.rank("engagement_rate", top_k=2, start=day(1), end=day(10), labels={"group": creator}, variant="by_views")
    assert [(e.rank, e.creator_id) for e in top.entries] == [(1, ids[1]), (2, ids[0])]
    assert top.entries[0].value == pytest.approx(20.0, **EXACT)
    assert (top.creators_considered, top.creators_skipped, top.unit) == (4, 1, "percent")
    bottom = client.rank("engagement_rate", 1, day(1), day(10), labels={"group": creator}, ascending=True, variant="by_views")
    assert [e.creator_id for e in bottom.entries] == [ids[2]]


def test_stats_count_metric_calls(client: clout.Client, creator: str) -> None:
    write_engagement_fixture(client, creator)
    before = {p.metric: p.calls for p in client.stats().plugins}
    client.compute("engagement_rate", creator, day(1), day(20), aggregation="median", min_views=1)
    stats = client.stats()
    after = {p.metric: p.calls for p in stats.plugins}
    assert after["engagement_rate"] == before["engagement_rate"] + 1
    assert stats.creators >= 1 and stats.samples >= 15 and stats.server_version
