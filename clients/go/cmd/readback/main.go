// Command readback reads one series back and computes one metric, printing
// ONE JSON object: {"timestamps": [...], "values": [...], "metric_value": x}
// with exact integers. Used by the cross-language test.
//
// Usage: go run ./cmd/readback --server HOST:PORT --creator ID --field NAME
//
//	[--post ID] --metric NAME --start MS --end MS
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clout-analytics/clout/clients/go/clout"
	"github.com/clout-analytics/clout/clients/go/cloutpb"
)

const usage = "usage: readback --server HOST:PORT --creator ID --field NAME [--post ID] --metric NAME --start MS --end MS"

type output struct {
	Timestamps  []int64 `json:"timestamps"`
	Values      []int64 `json:"values"`
	MetricValue float64 `json:"metric_value"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("readback", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "", "HOST:PORT of cloutd")
	creator := fs.String("creator", "", "creator id")
	field := fs.String("field", "", "field name")
	post := fs.String("post", "", "post id (empty: the account series)")
	metric := fs.String("metric", "", "metric to compute")
	start := fs.Int64("start", 0, "window start, ms since the epoch (inclusive)")
	end := fs.Int64("end", 0, "window end, ms since the epoch (exclusive)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range []string{"server", "creator", "field", "metric", "start", "end"} {
		if !set[name] {
			fmt.Fprintf(stderr, "missing --%s\n%s\n", name, usage)
			return 2
		}
	}

	c, err := clout.Dial(*server)
	if err != nil {
		fmt.Fprintln(stderr, "readback:", err)
		return 1
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	series, err := c.ReadSeries(ctx, &cloutpb.ReadSeriesRequest{CreatorId: *creator, PostId: *post, Field: *field, StartMs: *start, EndMs: *end})
	if err != nil {
		fmt.Fprintln(stderr, "readback:", err)
		return 1
	}
	result, err := c.Compute(ctx, &cloutpb.ComputeRequest{Metric: *metric, CreatorId: *creator, StartMs: *start, EndMs: *end})
	if err != nil {
		fmt.Fprintln(stderr, "readback:", err)
		return 1
	}
	out := output{Timestamps: series.GetTimestampsMs(), Values: series.GetValues(), MetricValue: result.GetValue()}
	if out.Timestamps == nil {
		out.Timestamps = []int64{}
	}
	if out.Values == nil {
		out.Values = []int64{}
	}
	// int64 marshals as an exact JSON integer.
	data, err := json.Marshal(out)
	if err != nil {
		fmt.Fprintln(stderr, "readback:", err)
		return 1
	}
	fmt.Fprintln(stdout, string(data))
	return 0
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
