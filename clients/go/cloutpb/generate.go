// Package cloutpb holds the Go code generated from the clout API
// (proto/clout/v1 in the repository): messages and gRPC clients of the
// Ingest, Query, Metrics and Admin services. Do not edit the *.pb.go files:
// `go generate ./cloutpb` regenerates them (needs the system protoc; the
// protoc-gen-go and protoc-gen-go-grpc versions are pinned in go.mod), and a
// test fails while they are stale.
package cloutpb

//go:generate go run ../internal/gen
