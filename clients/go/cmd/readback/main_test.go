package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clout-analytics/clout/clients/go/clout"
	"github.com/clout-analytics/clout/clients/go/cloutpb"
	"github.com/clout-analytics/clout/clients/go/internal/testserver"
)

const (
	t0   = int64(1735689600000)
	hour = int64(3600000)
)

func fixture(t *testing.T) string {
	t.Helper()
	srv := testserver.Start(t)
	c, err := clout.Dial(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := func(post, field string, ts, vs []int64) *cloutpb.SeriesSamples {
		return &cloutpb.SeriesSamples{CreatorId: "tiktok:rb", PostId: post, Field: field, TimestampsMs: ts, Values: vs}
	}
	if _, err := c.Write(ctx,
		s("", "followers", []int64{t0, t0 + hour}, []int64{10000, 10010}),
		s("", "likes_total", []int64{t0, t0 + 1, t0 + hour}, []int64{1, 1<<53 + 1, 1<<62 + 3}),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpsertPosts(ctx, &cloutpb.Post{CreatorId: "tiktok:rb", PostId: "v", PublishedMs: t0}); err != nil {
		t.Fatal(err)
	}
	at := []int64{t0 + hour}
	if _, err := c.Write(ctx, s("v", "views", at, []int64{5400}), s("v", "likes", at, []int64{400}),
		s("v", "comments", at, []int64{20}), s("v", "shares", at, []int64{12})); err != nil {
		t.Fatal(err)
	}
	return srv.Addr
}

func window() []string { return []string{"--start", "1735689600000", "--end", "1735776000000"} }

// The contract as the cross-language test uses it: a built binary.
func TestReadbackBinaryPrintsExactJSON(t *testing.T) {
	addr := fixture(t)
	bin := filepath.Join(t.TempDir(), "readback")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	args := append([]string{"--server", addr, "--creator", "tiktok:rb", "--field", "likes_total", "--metric", "engagement_rate"}, window()...)
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("readback: %v", err)
	}
	text := strings.TrimSpace(string(out))
	if strings.Count(text, "\n") != 0 {
		t.Fatalf("more than one line: %q", out)
	}
	want := `{"timestamps":[1735689600000,1735689600001,1735693200000],"values":[1,9007199254740993,4611686018427387907],"metric_value":4.32}`
	if text != want {
		t.Fatalf("readback printed\n%s\nwant\n%s", text, want)
	}
}

func TestReadbackPostSeries(t *testing.T) {
	addr := fixture(t)
	var stdout, stderr strings.Builder
	args := append([]string{"--server", addr, "--creator", "tiktok:rb", "--post", "v", "--field", "views", "--metric", "engagement_rate"}, window()...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got output
	if err := json.Unmarshal([]byte(stdout.String()), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Timestamps) != 1 || got.Timestamps[0] != t0+hour || got.Values[0] != 5400 || got.MetricValue != 4.32 {
		t.Fatalf("got %+v", got)
	}
	// A metric that fails (like_velocity's 24 h are not reached): exit 1, nothing on stdout.
	stdout.Reset()
	stderr.Reset()
	args = append([]string{"--server", addr, "--creator", "tiktok:rb", "--post", "v", "--field", "views", "--metric", "like_velocity"}, window()...)
	if code := run(args, &stdout, &stderr); code != 1 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "FAILED_PRECONDITION") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestReadbackMissingFlag(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := run([]string{"--server", "127.0.0.1:1"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "missing --creator") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
}
