package clout_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clout-analytics/clout/clients/go/clout"
	"github.com/clout-analytics/clout/clients/go/cloutpb"
	"github.com/clout-analytics/clout/clients/go/internal/testserver"
)

// 2025-01-01T00:00:00Z in ms, and an hour.
const (
	t0   = int64(1735689600000)
	hour = int64(3600000)
)

func connect(t *testing.T) (*clout.Client, context.Context) {
	t.Helper()
	srv := testserver.Start(t)
	c, err := clout.Dial(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c, ctx
}

func series(creator, post, field string, ts, values []int64) *cloutpb.SeriesSamples {
	return &cloutpb.SeriesSamples{CreatorId: creator, PostId: post, Field: field, TimestampsMs: ts, Values: values}
}

func asError(t *testing.T, err error) *clout.Error {
	t.Helper()
	var ce *clout.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *clout.Error", err, err)
	}
	return ce
}

func TestWriteWithOneBadSampleReportsItsIndex(t *testing.T) {
	c, ctx := connect(t)
	_, err := c.Write(ctx,
		series("tiktok:bad", "", "followers", []int64{t0, t0 + hour}, []int64{100, 110}),
		series("tiktok:bad", "", "following", []int64{t0, t0 + hour, t0 + 2*hour}, []int64{5, 6, -4}),
	)
	ce := asError(t, err)
	if ce.Code() != codes.InvalidArgument || status.Code(err) != codes.InvalidArgument {
		t.Fatalf("code %v, want INVALID_ARGUMENT", ce.Code())
	}
	if len(ce.Rejections) != 1 {
		t.Fatalf("rejections %v, want one", ce.Rejections)
	}
	r := ce.Rejections[0]
	if r.GetSeriesIndex() != 1 || r.GetSampleIndex() != 2 || !strings.Contains(r.GetReason(), "-4 is negative") {
		t.Fatalf("rejection %v, want series 1 sample 2 '-4 is negative'", r)
	}
	if ce.Accepted != 4 || ce.Rejected != 1 {
		t.Fatalf("accepted %d rejected %d, want 4 and 1", ce.Accepted, ce.Rejected)
	}
	if !strings.HasPrefix(err.Error(), "clout: INVALID_ARGUMENT: ") {
		t.Fatalf("message %q", err.Error())
	}
	// The details are also reachable the gRPC way.
	st, _ := status.FromError(err)
	if d := st.Details(); len(d) != 1 || d[0].(*cloutpb.WriteResponse).GetRejected() != 1 {
		t.Fatalf("status details %v", d)
	}
	// The valid samples were stored.
	got, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:bad", Field: "following"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.GetValues(), []int64{5, 6}) {
		t.Fatalf("stored %v, want [5 6]", got.GetValues())
	}
}

func TestExactReadBack(t *testing.T) {
	c, ctx := connect(t)
	ts := []int64{t0, t0 + 1, t0 + hour, t0 + 2*hour, t0 + 3*hour}
	values := []int64{0, 1, 1<<53 + 1, 1<<62 + 12345, math.MaxInt64}
	s := series("tiktok:big", "", "likes_total", ts, values)
	s.Flags = []uint32{0, 0, uint32(cloutpb.SampleFlag_SAMPLE_FLAG_ROUNDED), 0, uint32(cloutpb.SampleFlag_SAMPLE_FLAG_ESTIMATED)}
	res, err := c.Write(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if res.GetAccepted() != 5 || res.GetRejected() != 0 {
		t.Fatalf("write %v", res)
	}
	got, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:big", Field: "likes_total"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.GetTimestampsMs(), ts) || !slices.Equal(got.GetValues(), values) || !slices.Equal(got.GetFlags(), s.Flags) {
		t.Fatalf("read back %v %v %v, want %v %v %v", got.GetTimestampsMs(), got.GetValues(), got.GetFlags(), ts, values, s.Flags)
	}
	part, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:big", Field: "likes_total", StartMs: t0 + 1, EndMs: t0 + 2*hour})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(part.GetValues(), []int64{1, 1<<53 + 1}) {
		t.Fatalf("window %v", part.GetValues())
	}
	sums, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:big", Field: "likes_total", EndMs: t0 + hour,
		StepMs: hour, Aggregation: cloutpb.Aggregation_AGGREGATION_SUM})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sums.GetTimestampsMs(), []int64{t0}) || !slices.Equal(sums.GetValues(), []int64{1}) {
		t.Fatalf("sum per hour %v %v", sums.GetTimestampsMs(), sums.GetValues())
	}
}

func TestStreamingWrite(t *testing.T) {
	c, ctx := connect(t)
	w, err := c.WriteStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for m := int64(0); m < 5; m++ {
		var ts, vs []int64
		for i := int64(0); i < 100; i++ {
			ts = append(ts, t0+(m*100+i)*60000)
			vs = append(vs, 1000+m*100+i)
		}
		views := series("tiktok:stream", "p1", "views", ts[:10], slices.Repeat([]int64{7}, 10))
		if err := w.Send(series("tiktok:stream", "", "followers", ts, vs), views); err != nil {
			t.Fatal(err)
		}
	}
	res, err := w.CloseAndRecv()
	if err != nil {
		t.Fatal(err)
	}
	if res.GetMessages() != 5 || res.GetAccepted() != 550 || res.GetRejected() != 0 {
		t.Fatalf("stream result %v", res)
	}
	got, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:stream", Field: "followers"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.GetValues()); n != 500 || got.GetValues()[0] != 1000 || got.GetValues()[499] != 1499 {
		t.Fatalf("read %d values", n)
	}

	// A stream with a bad sample fails at its end, the series index counted
	// from the start of the stream.
	w, err = c.WriteStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ok := series("tiktok:stream", "", "following", []int64{t0}, []int64{3})
	if err := w.Send(ok); err != nil {
		t.Fatal(err)
	}
	if err := w.Send(ok, series("tiktok:stream", "", "posts_total", []int64{t0 - 1, t0 - 2}, []int64{1, -1})); err != nil {
		t.Fatal(err)
	}
	_, err = w.CloseAndRecv()
	ce := asError(t, err)
	if ce.Code() != codes.InvalidArgument || len(ce.Rejections) != 1 || ce.Rejections[0].GetSeriesIndex() != 2 || ce.Rejections[0].GetSampleIndex() != 1 {
		t.Fatalf("stream error %v with %v", err, ce.Rejections)
	}
	if ce.Accepted != 3 || ce.Rejected != 1 {
		t.Fatalf("stream counts %d %d", ce.Accepted, ce.Rejected)
	}

	// ExportSeries streams the creator's series back.
	byKey := map[string]*cloutpb.SeriesSamples{}
	for s, err := range c.ExportSeries(ctx, &cloutpb.ExportSeriesRequest{CreatorId: "tiktok:stream"}) {
		if err != nil {
			t.Fatal(err)
		}
		byKey[s.GetPostId()+"/"+s.GetField()] = s
	}
	if len(byKey["/followers"].GetValues()) != 500 || !slices.Equal(byKey["p1/views"].GetValues(), slices.Repeat([]int64{7}, 50)) {
		t.Fatalf("exported %v", byKey)
	}
}

// The metrics fixture: followers 10,000 / 10,010 / 10,025 at t0, +1 h, +2 h;
// one post published at t0 with, an hour later, 5,400 views, 400 likes, 20
// comments and 12 shares.
const fixture = "tiktok:fixture"

func writeFixture(t *testing.T, ctx context.Context, c *clout.Client) {
	t.Helper()
	if _, err := c.UpsertCreators(ctx, &cloutpb.Creator{CreatorId: fixture, Platform: "tiktok", Handle: "fixture", Labels: map[string]string{"tier": "small"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(ctx, series(fixture, "", "followers", []int64{t0, t0 + hour, t0 + 2*hour}, []int64{10000, 10010, 10025})); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpsertPosts(ctx, &cloutpb.Post{CreatorId: fixture, PostId: "video1", PublishedMs: t0}); err != nil {
		t.Fatal(err)
	}
	at := []int64{t0 + hour}
	if _, err := c.Write(ctx,
		series(fixture, "video1", "views", []int64{t0, t0 + hour}, []int64{0, 5400}),
		series(fixture, "video1", "likes", at, []int64{400}),
		series(fixture, "video1", "comments", at, []int64{20}),
		series(fixture, "video1", "shares", at, []int64{12}),
	); err != nil {
		t.Fatal(err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func component(r *cloutpb.MetricResult, name string) float64 {
	for _, c := range r.GetComponents() {
		if c.GetName() == name {
			return c.GetValue()
		}
	}
	return math.NaN()
}

func TestMetrics(t *testing.T) {
	c, ctx := connect(t)
	writeFixture(t, ctx, c)
	window := func(metric string, params map[string]*cloutpb.ParameterValue) *cloutpb.ComputeRequest {
		return &cloutpb.ComputeRequest{Metric: metric, CreatorId: fixture, StartMs: t0, EndMs: t0 + 24*hour, Parameters: params}
	}

	t.Run("ListMetrics", func(t *testing.T) {
		ms, err := c.ListMetrics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range ms {
			names = append(names, m.GetName())
		}
		if !slices.Equal(names, []string{"engagement_rate", "follower_quality", "like_velocity"}) {
			t.Fatalf("metrics %v", names)
		}
		er := ms[0]
		if er.GetUnit() != "percent" || er.GetOutputKind() != cloutpb.OutputKind_OUTPUT_KIND_SCALAR || !slices.Equal(er.GetVariants(), []string{"by_followers", "by_views"}) {
			t.Fatalf("engagement_rate %v", er)
		}
		for _, p := range ms[2].GetParameters() {
			if p.GetName() == "hours" && p.GetType() != cloutpb.ParameterType_PARAMETER_TYPE_INT {
				t.Fatalf("like_velocity hours %v", p)
			}
		}
	})

	t.Run("engagement_rate by views is (400+20+12)/5400 = 8 percent", func(t *testing.T) {
		r, err := c.Compute(ctx, window("engagement_rate", map[string]*cloutpb.ParameterValue{"variant": clout.Choice("by_views")}))
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.GetValue(), 8) || r.GetUnit() != "percent" || r.GetVariant() != "by_views" || r.GetWindowStartMs() != t0 {
			t.Fatalf("result %v", r)
		}
		if len(r.GetRows()) != 1 || r.GetRows()[0].GetKey() != "video1" {
			t.Fatalf("rows %v", r.GetRows())
		}
		col := slices.Index(r.GetRowColumns(), "interactions")
		if r.GetRows()[0].GetValues()[col] != 432 {
			t.Fatalf("interactions %v", r.GetRows()[0])
		}
		if r.GetParameters()["min_views"].GetIntValue() != 0 || r.GetParameters()["variant"].GetChoice() != "by_views" {
			t.Fatalf("parameters %v", r.GetParameters())
		}
	})

	t.Run("engagement_rate by followers is 432/10000 = 4.32 percent", func(t *testing.T) {
		r, err := c.Compute(ctx, window("engagement_rate", nil))
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.GetValue(), 4.32) || r.GetVariant() != "by_followers" {
			t.Fatalf("result %v", r)
		}
	})

	t.Run("follower_quality scores 100", func(t *testing.T) {
		// 4.32% >= the 5K-20K benchmark 3.76% -> 100; 20/400 comments per
		// like >= 0.002 -> 100; the components with data weigh 0.35 + 0.15.
		r, err := c.Compute(ctx, window("follower_quality", nil))
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.GetValue(), 100) || r.GetUnit() != "score" || component(r, "score_engagement_vs_tier") != 100 ||
			component(r, "score_comment_like_ratio") != 100 || !near(component(r, "data_coverage"), 0.5) {
			t.Fatalf("result %v", r)
		}
	})

	t.Run("like_velocity over the first hour is 400 likes per hour", func(t *testing.T) {
		r, err := c.Compute(ctx, window("like_velocity", map[string]*cloutpb.ParameterValue{"hours": clout.Int(1)}))
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.GetValue(), 400) || r.GetParameters()["hours"].GetIntValue() != 1 {
			t.Fatalf("result %v", r)
		}
		// With the default 24 hours no post has samples that far.
		_, err = c.Compute(ctx, window("like_velocity", nil))
		if status.Code(err) != codes.FailedPrecondition {
			t.Fatalf("default hours: %v, want FAILED_PRECONDITION", err)
		}
	})

	t.Run("ComputeBatch and Rank", func(t *testing.T) {
		items := map[string]*cloutpb.ComputeBatchItem{}
		for it, err := range c.ComputeBatch(ctx, &cloutpb.ComputeBatchRequest{Metric: "engagement_rate", CreatorIds: []string{fixture, "tiktok:missing"},
			StartMs: t0, EndMs: t0 + 24*hour, Parameters: map[string]*cloutpb.ParameterValue{"variant": clout.Choice("by_views")}}) {
			if err != nil {
				t.Fatal(err)
			}
			items[it.GetCreatorId()] = it
		}
		if !near(items[fixture].GetResult().GetValue(), 8) || items["tiktok:missing"].GetErrorCode() != int32(codes.NotFound) {
			t.Fatalf("items %v", items)
		}
		rank, err := c.Rank(ctx, &cloutpb.RankRequest{Metric: "engagement_rate", Platform: "tiktok", StartMs: t0, EndMs: t0 + 24*hour,
			Parameters: map[string]*cloutpb.ParameterValue{"variant": clout.Choice("by_views")}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rank.GetEntries()) != 1 || rank.GetEntries()[0].GetCreatorId() != fixture || !near(rank.GetEntries()[0].GetValue(), 8) || rank.GetUnit() != "percent" {
			t.Fatalf("rank %v", rank)
		}
	})

	t.Run("GetCreator, ListCreators and Stats", func(t *testing.T) {
		d, err := c.GetCreator(ctx, fixture)
		if err != nil {
			t.Fatal(err)
		}
		if d.GetCreator().GetHandle() != "fixture" || !slices.Equal(d.GetAccountFields(), []string{"followers"}) || d.GetPostCount() != 1 {
			t.Fatalf("creator %v", d)
		}
		page, err := c.ListCreators(ctx, &cloutpb.ListCreatorsRequest{Labels: map[string]string{"tier": "small"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.GetCreators()) != 1 || page.GetCreators()[0].GetCreatorId() != fixture {
			t.Fatalf("creators %v", page)
		}
		st, err := c.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.GetSamples() == 0 || len(st.GetPlugins()) != 3 {
			t.Fatalf("stats %v", st)
		}
	})
}

func TestNotFound(t *testing.T) {
	c, ctx := connect(t)
	_, err := c.GetCreator(ctx, "tiktok:nobody")
	ce := asError(t, err)
	if ce.Code() != codes.NotFound || status.Code(err) != codes.NotFound {
		t.Fatalf("code %v, want NOT_FOUND", ce.Code())
	}
	if err.Error() != "clout: NOT_FOUND: creator 'tiktok:nobody' does not exist" || len(ce.Rejections) != 0 {
		t.Fatalf("error %q", err)
	}
	if _, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: "tiktok:nobody", Field: "followers"}); status.Code(err) != codes.NotFound {
		t.Fatalf("ReadSeries: %v", err)
	}
	if _, err := c.Compute(ctx, &cloutpb.ComputeRequest{Metric: "no_such_metric", CreatorId: "tiktok:nobody"}); asError(t, err).Code() != codes.NotFound {
		t.Fatalf("Compute: %v", err)
	}
}

func TestDeadlineExpires(t *testing.T) {
	c, ctx := connect(t)
	// A stream open longer than its deadline: the call ends with
	// DEADLINE_EXCEEDED while the client is between two batches.
	sctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	started := time.Now()
	w, err := c.WriteStream(sctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Send(series("tiktok:slow", "", "followers", []int64{t0}, []int64{1})); err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond)
	err = w.Send(series("tiktok:slow", "", "followers", []int64{t0 + 1}, []int64{2}))
	if err == nil {
		_, err = w.CloseAndRecv()
	}
	ce := asError(t, err)
	if ce.Code() != codes.DeadlineExceeded || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want DEADLINE_EXCEEDED", err)
	}
	if el := time.Since(started); el > 5*time.Second {
		t.Fatalf("took %v", el)
	}
	// A unary call whose deadline has passed fails the same way.
	past, cancel2 := context.WithDeadline(ctx, time.Now().Add(-time.Millisecond))
	defer cancel2()
	if _, err := c.Stats(past); status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("Stats after the deadline: %v", err)
	}
}
