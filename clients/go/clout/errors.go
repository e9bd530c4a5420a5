package clout

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/clout-analytics/clout/clients/go/cloutpb"
)

// Error is the error of every failed call: the gRPC status with, for
// rejected writes, the rejections decoded from its details.
//
// It works with errors.As, and with status.Code and status.FromError of
// google.golang.org/grpc/status (it has a GRPCStatus method). errors.Is
// matches context.DeadlineExceeded and context.Canceled for those codes.
type Error struct {
	st *status.Status
	// Rejections lists the rejected samples of a Write (every one), or the
	// first 100 of a WriteStream (series indexes counted from the stream's
	// start). Empty for other errors.
	Rejections []*cloutpb.Rejection
	// Accepted and Rejected count the samples of a failed Write or
	// WriteStream: the accepted ones were stored.
	Accepted, Rejected int64
}

// Code is the gRPC status code.
func (e *Error) Code() codes.Code { return e.st.Code() }

// Message is the server's message.
func (e *Error) Message() string { return e.st.Message() }

// GRPCStatus returns the status, details included.
func (e *Error) GRPCStatus() *status.Status { return e.st }

func (e *Error) Error() string {
	return fmt.Sprintf("clout: %s: %s", codeName(e.st.Code()), e.st.Message())
}

// Is reports DEADLINE_EXCEEDED as context.DeadlineExceeded and CANCELLED as
// context.Canceled.
func (e *Error) Is(target error) bool {
	switch target {
	case context.DeadlineExceeded:
		return e.Code() == codes.DeadlineExceeded
	case context.Canceled:
		return e.Code() == codes.Canceled
	}
	return false
}

// codeName spells codes the way the server and the other clients do.
func codeName(c codes.Code) string {
	names := map[codes.Code]string{
		codes.OK: "OK", codes.Canceled: "CANCELLED", codes.Unknown: "UNKNOWN",
		codes.InvalidArgument: "INVALID_ARGUMENT", codes.DeadlineExceeded: "DEADLINE_EXCEEDED",
		codes.NotFound: "NOT_FOUND", codes.AlreadyExists: "ALREADY_EXISTS",
		codes.PermissionDenied: "PERMISSION_DENIED", codes.ResourceExhausted: "RESOURCE_EXHAUSTED",
		codes.FailedPrecondition: "FAILED_PRECONDITION", codes.Aborted: "ABORTED",
		codes.OutOfRange: "OUT_OF_RANGE", codes.Unimplemented: "UNIMPLEMENTED",
		codes.Internal: "INTERNAL", codes.Unavailable: "UNAVAILABLE", codes.DataLoss: "DATA_LOSS",
		codes.Unauthenticated: "UNAUTHENTICATED",
	}
	if n, ok := names[c]; ok {
		return n
	}
	return c.String()
}

// wrap turns an error of a gRPC call into an *Error (nil stays nil).
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) {
		return ce
	}
	st := status.Convert(err)
	e := &Error{st: st}
	for _, d := range st.Details() {
		switch m := d.(type) {
		case *cloutpb.WriteResponse:
			e.Rejections, e.Accepted, e.Rejected = m.GetRejections(), m.GetAccepted(), m.GetRejected()
		case *cloutpb.WriteStreamResponse:
			e.Rejections, e.Accepted, e.Rejected = m.GetFirstRejections(), m.GetAccepted(), m.GetRejected()
		}
	}
	return e
}
