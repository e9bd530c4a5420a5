// Package clout is a small client of the clout gRPC API (cloutd): one
// connection for the Ingest, Query, Metrics and Admin services, with the
// generated types of package cloutpb in and out, and errors as *Error.
//
//	c, err := clout.Dial("127.0.0.1:7420")
//	...
//	defer c.Close()
//	res, err := c.Compute(ctx, &cloutpb.ComputeRequest{Metric: "engagement_rate", CreatorId: "tiktok:42"})
//
// Deadlines and cancellation come from the context of each call.
package clout

import (
	"context"
	"errors"
	"io"
	"iter"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/clout-analytics/clout/clients/go/cloutpb"
)

// DefaultAddress is the server's default listening address.
const DefaultAddress = "127.0.0.1:7420"

// AddressFromEnv returns $CLOUT_SERVER, or DefaultAddress when it is unset.
func AddressFromEnv() string {
	if a := os.Getenv("CLOUT_SERVER"); a != "" {
		return a
	}
	return DefaultAddress
}

// Client is a connection to one cloutd. Its methods are safe for concurrent
// use. The generated service clients are exported for calls the wrapper does
// not cover.
type Client struct {
	conn    *grpc.ClientConn
	Ingest  cloutpb.IngestClient
	Query   cloutpb.QueryClient
	Metrics cloutpb.MetricsClient
	Admin   cloutpb.AdminClient
}

// Dial connects to target (HOST:PORT). Without options the connection is
// plaintext; pass grpc.WithTransportCredentials to change that. The
// connection is made lazily, on the first call.
func Dial(target string, opts ...grpc.DialOption) (*Client, error) {
	if len(opts) == 0 {
		opts = []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	}
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return nil, err
	}
	return New(conn), nil
}

// New wraps an existing connection; Close closes it.
func New(conn *grpc.ClientConn) *Client {
	return &Client{
		conn:    conn,
		Ingest:  cloutpb.NewIngestClient(conn),
		Query:   cloutpb.NewQueryClient(conn),
		Metrics: cloutpb.NewMetricsClient(conn),
		Admin:   cloutpb.NewAdminClient(conn),
	}
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Write writes a batch of series. If any sample is rejected it returns an
// *Error with code INVALID_ARGUMENT whose Rejections list every rejected
// sample; the valid samples of the batch are stored.
func (c *Client) Write(ctx context.Context, series ...*cloutpb.SeriesSamples) (*cloutpb.WriteResponse, error) {
	res, err := c.Ingest.Write(ctx, &cloutpb.WriteRequest{Series: series})
	return res, wrap(err)
}

// WriteStream is an open Ingest.WriteStream call.
type WriteStream struct {
	stream grpc.ClientStreamingClient[cloutpb.WriteRequest, cloutpb.WriteStreamResponse]
	done   bool
	res    *cloutpb.WriteStreamResponse
	err    error
}

// WriteStream opens a stream of batches; the context's deadline covers the
// whole stream. Send batches, then call CloseAndRecv.
func (c *Client) WriteStream(ctx context.Context) (*WriteStream, error) {
	s, err := c.Ingest.WriteStream(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	return &WriteStream{stream: s}, nil
}

// Send sends one batch (one WriteRequest message). If the call has ended
// (deadline, server error) it returns that error.
func (w *WriteStream) Send(series ...*cloutpb.SeriesSamples) error {
	if w.done {
		return w.err
	}
	err := w.stream.Send(&cloutpb.WriteRequest{Series: series})
	if errors.Is(err, io.EOF) {
		// The call is over; its status says why.
		_, err = w.CloseAndRecv()
		if err == nil {
			err = &Error{st: status.New(codes.Internal, "the server ended the stream early")}
		}
		return err
	}
	return wrap(err)
}

// CloseAndRecv ends the stream and returns the server's counts. If any
// sample was rejected the error is an *Error (INVALID_ARGUMENT) with the
// first rejections and the counts.
func (w *WriteStream) CloseAndRecv() (*cloutpb.WriteStreamResponse, error) {
	if !w.done {
		w.done = true
		w.res, w.err = w.stream.CloseAndRecv()
		w.err = wrap(w.err)
	}
	return w.res, w.err
}

// UpsertCreators creates or replaces creator records.
func (c *Client) UpsertCreators(ctx context.Context, creators ...*cloutpb.Creator) (*cloutpb.UpsertCreatorsResponse, error) {
	res, err := c.Ingest.UpsertCreators(ctx, &cloutpb.UpsertCreatorsRequest{Creators: creators})
	return res, wrap(err)
}

// UpsertPosts creates or replaces post records; each post's creator must exist.
func (c *Client) UpsertPosts(ctx context.Context, posts ...*cloutpb.Post) (*cloutpb.UpsertPostsResponse, error) {
	res, err := c.Ingest.UpsertPosts(ctx, &cloutpb.UpsertPostsRequest{Posts: posts})
	return res, wrap(err)
}

// ReadSeries reads one series, raw or aggregated. NOT_FOUND if it was never written.
func (c *Client) ReadSeries(ctx context.Context, req *cloutpb.ReadSeriesRequest) (*cloutpb.ReadSeriesResponse, error) {
	res, err := c.Query.ReadSeries(ctx, req)
	return res, wrap(err)
}

// ExportSeries streams every series of one creator (or of all) over a time
// range. Stopping the loop early cancels the call.
//
//	for s, err := range c.ExportSeries(ctx, &cloutpb.ExportSeriesRequest{CreatorId: "tiktok:42"}) { ... }
func (c *Client) ExportSeries(ctx context.Context, req *cloutpb.ExportSeriesRequest) iter.Seq2[*cloutpb.SeriesSamples, error] {
	return func(yield func(*cloutpb.SeriesSamples, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream, err := c.Query.ExportSeries(ctx, req)
		if err != nil {
			yield(nil, wrap(err))
			return
		}
		recvAll(stream, yield)
	}
}

// GetCreator returns one creator with its account fields. NOT_FOUND if there is no such creator.
func (c *Client) GetCreator(ctx context.Context, creatorID string) (*cloutpb.GetCreatorResponse, error) {
	res, err := c.Query.GetCreator(ctx, &cloutpb.GetCreatorRequest{CreatorId: creatorID})
	return res, wrap(err)
}

// ListCreators returns one page of creators in creator_id order.
func (c *Client) ListCreators(ctx context.Context, req *cloutpb.ListCreatorsRequest) (*cloutpb.ListCreatorsResponse, error) {
	if req == nil {
		req = &cloutpb.ListCreatorsRequest{}
	}
	res, err := c.Query.ListCreators(ctx, req)
	return res, wrap(err)
}

// ListMetrics returns the loaded metrics with their parameter schemas, sorted by name.
func (c *Client) ListMetrics(ctx context.Context) ([]*cloutpb.MetricInfo, error) {
	res, err := c.Metrics.ListMetrics(ctx, &cloutpb.ListMetricsRequest{})
	if err != nil {
		return nil, wrap(err)
	}
	return res.GetMetrics(), nil
}

// Compute computes one metric for one creator over [StartMs, EndMs).
func (c *Client) Compute(ctx context.Context, req *cloutpb.ComputeRequest) (*cloutpb.MetricResult, error) {
	res, err := c.Metrics.Compute(ctx, req)
	if err != nil {
		return nil, wrap(err)
	}
	return res.GetResult(), nil
}

// ComputeBatch computes one metric for many creators, one item per creator
// as it is ready (an item carries its own error code when that creator
// failed). Stopping the loop early cancels the call.
func (c *Client) ComputeBatch(ctx context.Context, req *cloutpb.ComputeBatchRequest) iter.Seq2[*cloutpb.ComputeBatchItem, error] {
	return func(yield func(*cloutpb.ComputeBatchItem, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream, err := c.Metrics.ComputeBatch(ctx, req)
		if err != nil {
			yield(nil, wrap(err))
			return
		}
		recvAll(stream, yield)
	}
}

// Rank returns the top K creators by a scalar metric.
func (c *Client) Rank(ctx context.Context, req *cloutpb.RankRequest) (*cloutpb.RankResponse, error) {
	res, err := c.Metrics.Rank(ctx, req)
	return res, wrap(err)
}

// Stats returns what is stored, the server's version and per-metric counters.
func (c *Client) Stats(ctx context.Context) (*cloutpb.GetStatsResponse, error) {
	res, err := c.Admin.GetStats(ctx, &cloutpb.GetStatsRequest{})
	return res, wrap(err)
}

func recvAll[T any](stream grpc.ServerStreamingClient[T], yield func(*T, error) bool) {
	for {
		m, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			yield(nil, wrap(err))
			return
		}
		if !yield(m, nil) {
			return
		}
	}
}

// Parameter values for ComputeRequest.Parameters and friends.

// Int is an INT parameter value.
func Int(v int64) *cloutpb.ParameterValue {
	return &cloutpb.ParameterValue{Kind: &cloutpb.ParameterValue_IntValue{IntValue: v}}
}

// Double is a DOUBLE parameter value.
func Double(v float64) *cloutpb.ParameterValue {
	return &cloutpb.ParameterValue{Kind: &cloutpb.ParameterValue_DoubleValue{DoubleValue: v}}
}

// Bool is a BOOL parameter value.
func Bool(v bool) *cloutpb.ParameterValue {
	return &cloutpb.ParameterValue{Kind: &cloutpb.ParameterValue_BoolValue{BoolValue: v}}
}

// Choice is an ENUM parameter value.
func Choice(v string) *cloutpb.ParameterValue {
	return &cloutpb.ParameterValue{Kind: &cloutpb.ParameterValue_Choice{Choice: v}}
}
