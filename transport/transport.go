package transport

import (
	"context"
	"errors"
	"strconv"

	"github.com/gloamdev/gloam/internal/useragent"
)

// Version is gloam's version, as sent in the User-Agent.
const Version = useragent.Version

// UserAgent is the User-Agent Discord asks bots to send.
const UserAgent = useragent.String

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

// IntoReader is implemented by Conns that can read a message into a
// buffer the caller reuses. ReadInto waits for the next message to start
// arriving, then calls get once and appends the whole message to the
// slice it returns, like append; the result belongs to the caller.
// Asking for the buffer only once a message arrives lets an idle reader
// hold none. Callers use it through the ReadInto function.
type IntoReader interface {
	ReadInto(ctx context.Context, get func() []byte) (MessageType, []byte, error)
}

// ReadInto reads the next message of c appended to a buffer from get
// (see IntoReader). For a Conn that is not an IntoReader it reads the
// message with Read and returns it as Read does, without calling get.
func ReadInto(ctx context.Context, c Conn, get func() []byte) (MessageType, []byte, error) {
	if r, ok := c.(IntoReader); ok {
		return r.ReadInto(ctx, get)
	}
	return c.Read(ctx)
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

// ErrClosed is returned by Read and Write on a connection this side closed.
var ErrClosed = errors.New("transport: connection closed")

// ErrRedirect is wrapped by the error Dial returns when the server answers
// the handshake with an HTTP redirect: it is never followed, since what
// is sent after the handshake (a gateway Identify, with the bot token)
// must reach only the host dialled.
var ErrRedirect = errors.New("transport: dial: redirect refused")

// ErrQueueFull is wrapped by the error Read returns, in the browser, when
// more than WebSocketDialer.QueueLimit bytes arrived unread.
var ErrQueueFull = errors.New("transport: receive queue full")

// ErrMessageTooBig is wrapped by the error Read returns when a message is
// larger than the read limit.
var ErrMessageTooBig = errors.New("transport: message too big")

// DefaultReadLimit is the largest message a WebSocketDialer's connections
// read when WebSocketDialer.ReadLimit is zero. A GUILD_CREATE of a very
// large guild runs to tens of megabytes.
const DefaultReadLimit = 64 << 20

// WebSocketDialer dials WebSocket connections: natively with
// github.com/coder/websocket, in the browser with the browser's WebSocket.
// The zero value is ready to use and safe for concurrent use.
type WebSocketDialer struct {
	// ReadLimit is the largest message a connection reads, in bytes; a
	// larger one fails Read with ErrMessageTooBig and closes the
	// connection. Zero: DefaultReadLimit. Negative: no limit.
	ReadLimit int64

	// UserAgent is the User-Agent header of the handshake. Zero: UserAgent.
	// Browsers do not let a page set it.
	UserAgent string

	// QueueLimit bounds, in the browser, the bytes of messages received
	// and not yet read: the browser's WebSocket delivers messages as
	// they come, with no way to hold the peer back, so a peer that sends
	// faster than Read takes gets ErrQueueFull and the connection is
	// closed; a single message larger than it too. Natively TCP holds
	// the peer back and it is not used. Zero: DefaultQueueLimit, or
	// ReadLimit when that is larger. Negative: no limit.
	QueueLimit int64
}

// DefaultQueueLimit is the browser's receive queue bound when
// WebSocketDialer.QueueLimit is zero.
const DefaultQueueLimit = 64 << 20

func (d *WebSocketDialer) queueLimit() int64 {
	if d == nil || d.QueueLimit == 0 {
		if rl := d.readLimit(); rl > DefaultQueueLimit {
			return rl
		}
		return DefaultQueueLimit
	}
	return d.QueueLimit
}

func (d *WebSocketDialer) readLimit() int64 {
	if d == nil || d.ReadLimit == 0 {
		return DefaultReadLimit
	}
	return d.ReadLimit
}

// Dial opens a WebSocket connection to url (ws:// or wss://).
func (d *WebSocketDialer) Dial(ctx context.Context, url string) (Conn, error) {
	if d == nil {
		d = &WebSocketDialer{}
	}
	return dial(ctx, d, url)
}
