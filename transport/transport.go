package transport

import (
	"context"
	"strconv"
)

// MessageType is the kind of a WebSocket message.
type MessageType int

// Message types, with the WebSocket opcode values.
const (
	Text   MessageType = 1
	Binary MessageType = 2
)

// Conn is one message-oriented WebSocket connection.
//
// Read may be called by one goroutine at a time, and Write by one goroutine
// at a time, concurrently with Read. Close may be called at any time from
// any goroutine, and more than once; it unblocks Read and Write. The bytes
// Read returns belong to the caller.
//
// When the peer closes the connection, Read and Write return an error that
// errors.As finds a *CloseError in.
type Conn interface {
	// Read returns the next whole message.
	Read(ctx context.Context) (MessageType, []byte, error)
	// Write sends one whole message.
	Write(ctx context.Context, typ MessageType, p []byte) error
	// Close sends a close frame with code and reason and closes the
	// connection.
	Close(code int, reason string) error
}

// Dialer opens connections. Implementations must be safe for concurrent use.
type Dialer interface {
	Dial(ctx context.Context, url string) (Conn, error)
}

// CloseError is the close frame the peer sent.
type CloseError struct {
	Code   int
	Reason string
}

func (e *CloseError) Error() string {
	return "transport: closed with code " + strconv.Itoa(e.Code) + ": " + strconv.Quote(e.Reason)
}
