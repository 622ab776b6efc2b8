package gateway

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
)

// DefaultURL is the gateway URL a shard dials when Options.URL is empty.
const DefaultURL = "wss://gateway.discord.gg/"

// Options configures a Shard; nil means defaults. Every field documents
// its zero value.
type Options struct {
	// Intents are the gateway intents to identify with. Zero: none.
	Intents model.Intents

	// Handler receives the shard's dispatch events, one at a time, in
	// sequence order, on the goroutine that reads the connection: while it
	// runs, nothing more is read, which is how a slow consumer slows the
	// shard down instead of losing events. Heartbeats go on meanwhile. The
	// event and its bytes belong to the handler and may be kept. Run
	// returns only after the handler has returned. Zero: events are
	// dropped (the shard still tracks the session).
	Handler func(model.Event)

	// Events chooses the dispatch types given to Handler; the others are
	// dropped unread (their sequence numbers still count). READY and
	// RESUMED are always read by the shard itself. Zero: all events.
	Events model.EventTypeSet

	// URL is the gateway URL, e.g. from GET /gateway/bot; the shard adds
	// v, encoding and compress to its query. Zero: DefaultURL.
	URL string

	// Compression is the transport compression. Zero: ZlibStream.
	Compression Compression

	// Dialer opens the WebSocket connections. Zero: a
	// transport.WebSocketDialer with its defaults.
	Dialer transport.Dialer

	// IdentifyQueue is waited on before every Identify. Zero: a queue
	// shared by all shards of the process that use the default, letting
	// one Identify through every 5 seconds.
	IdentifyQueue IdentifyQueue

	// Session, when its ID is set, is resumed on the first connection
	// instead of identifying: give back what Session returned before a
	// restart. Zero: a new session.
	Session model.Session

	// KeepSession makes Run, when its ctx is cancelled, close with code
	// 4000 instead of 1000, so that the session stays resumable for a few
	// minutes (Discord's session timeout) and Session can be given to the
	// next process. Zero: close with 1000, ending the session.
	KeepSession bool

	// Presence is sent in Identify. Zero: none (online, no activity).
	Presence *Presence

	// LargeThreshold is large_threshold of Identify, 50 to 250. Zero: 50,
	// Discord's default (not sent).
	LargeThreshold int

	// Properties are the connection properties of Identify. Zero: os from
	// the runtime, browser and device "gloam".
	Properties *Properties

	// MaxResumeAttempts is how many resumes in a row may fail before the
	// shard gives the session up and identifies. A failed dial or a
	// missing Hello on the resume URL counts as a failed resume, and after
	// MaxResumeAttempts-1 of those (at least one) the shard gives the
	// resume URL up and resumes on URL; there a failed dial does not
	// count, since it says nothing of the session. Zero: 3.
	MaxResumeAttempts int

	// BackoffBase and BackoffMax bound the wait between connection
	// attempts: the n-th failure in a row waits a random duration from
	// half of BackoffBase × 2ⁿ⁻¹ to all of it, at most BackoffMax. The
	// reconnect after a connection that worked waits BackoffBase/2 to
	// BackoffBase; a connection that ends within 30 s of READY or RESUMED
	// counts as a failure, so a server that accepts and drops at once is
	// backed off like one that refuses. Zero: 1 s and 60 s.
	BackoffBase, BackoffMax time.Duration

	// InvalidSessionWait returns how long to wait after a non-resumable
	// Invalid Session (op 9) before identifying again. Zero: a random
	// duration from 1 to 5 s, as Discord suggests.
	InvalidSessionWait func() time.Duration

	// HelloTimeout is how long to wait for Hello after connecting. Zero:
	// 30 s.
	HelloTimeout time.Duration

	// WriteTimeout bounds each write to the connection; a write that takes
	// longer drops the connection. Zero: 10 s.
	WriteTimeout time.Duration

	// MaxPayloadSize is the largest payload the shard reads, in bytes,
	// after decompression: a larger one (a compressed bomb, say) ends the
	// connection with an error matching ErrPayloadOverLimit, and the shard
	// reconnects. Zero: DefaultMaxPayloadSize (64 MiB). The Dialer's own
	// read limit bounds the compressed messages.
	MaxPayloadSize int

	// Logger receives what the shard corrects or refuses in what the
	// server sent (a resume URL it will not dial, a heartbeat interval
	// out of range), at Warn. Zero: slog.Default().
	Logger *slog.Logger
}

// Properties are the connection properties sent in Identify.
type Properties struct {
	OS      string `json:"os"`
	Browser string `json:"browser"`
	Device  string `json:"device"`
}

// IdentifyQueue gates Identify. Discord allows each bot max_concurrency
// identifies per 5 seconds (one per rate-limit bucket, shard_id %
// max_concurrency); more get Invalid Session, and a bot that identifies
// too often has its token reset.
//
// Wait blocks until shardID may identify or ctx is done, and returns
// ctx's error in that case. Each nil return lets exactly one Identify
// through. It is called from many shards' goroutines at once.
type IdentifyQueue interface {
	Wait(ctx context.Context, shardID int) error
}

// IdentifyLimiter is an IdentifyQueue for one process: it lets one
// Identify through per Interval, whatever the shard. The zero value waits
// 5 seconds between identifies.
type IdentifyLimiter struct {
	// Interval is the time between identifies. Zero: 5 s.
	Interval time.Duration

	mu   sync.Mutex
	next time.Time
}

// Wait blocks until the next identify slot or until ctx is done.
func (l *IdentifyLimiter) Wait(ctx context.Context, shardID int) error {
	iv := l.Interval
	if iv <= 0 {
		iv = 5 * time.Second
	}
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(iv)
	l.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			// Give the slot back when it is still the last one taken.
			l.mu.Lock()
			if l.next.Equal(at.Add(iv)) {
				l.next = at
			}
			l.mu.Unlock()
			return ctx.Err()
		}
	}
	return nil
}

var defaultIdentify = &IdentifyLimiter{}

// options is Options with the defaults filled in.
func (o *Options) withDefaults() Options {
	var c Options
	if o != nil {
		c = *o
	}
	if c.Events == (model.EventTypeSet{}) {
		c.Events = model.AllEventTypes
	}
	if c.URL == "" {
		c.URL = DefaultURL
	}
	if c.Compression == "" {
		c.Compression = ZlibStream
	}
	if c.Dialer == nil {
		c.Dialer = &transport.WebSocketDialer{}
	}
	if c.IdentifyQueue == nil {
		c.IdentifyQueue = defaultIdentify
	}
	if c.MaxResumeAttempts <= 0 {
		c.MaxResumeAttempts = 3
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = time.Second
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = 60 * time.Second
	}
	if c.BackoffMax < c.BackoffBase {
		c.BackoffMax = c.BackoffBase
	}
	if c.InvalidSessionWait == nil {
		c.InvalidSessionWait = func() time.Duration {
			return time.Second + rand.N(4*time.Second)
		}
	}
	if c.HelloTimeout <= 0 {
		c.HelloTimeout = 30 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// backoff is the wait before the attempt after n failures in a row.
func backoff(base, max time.Duration, n int) time.Duration {
	if n <= 0 {
		return 0
	}
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	// Full jitter over the upper half keeps some spacing between shards.
	return d/2 + rand.N(d/2+1)
}
