package core

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/transport"
)

// Options configures a Bot; nil means defaults. Every field documents its
// zero value.
type Options struct {
	// Intents are the gateway intents every shard identifies with. Zero:
	// none (only events that need no intent arrive).
	Intents model.Intents

	// Shards chooses how many shards run and which of them this process
	// runs. Zero: as many as GET /gateway/bot recommends, all of them.
	Shards Shards

	// Handler receives every event the Events set lets through, after the
	// cache has applied it, tagged with its shard. It is called on the
	// shard's reading goroutine: events of one shard arrive one at a time
	// in order, events of different shards concurrently. While it runs,
	// that shard reads nothing more (heartbeats go on). ctx is Run's, and
	// is done when the bot stops. Zero: events only feed the cache.
	Handler func(ctx context.Context, ev Event)

	// Events chooses the event types given to Handler; the cache sees
	// every event whatever it holds. Zero: all types, unknown ones
	// included.
	Events model.EventTypeSet

	// Dialer opens the gateway connections. Zero: a
	// transport.WebSocketDialer with its defaults.
	Dialer transport.Dialer

	// HTTPClient sends REST requests. Zero: a new http.Client.
	HTTPClient *http.Client

	// APIURL is the REST API root, e.g. a discordtest server's URL. The
	// gateway URL comes from its GET /gateway/bot, as with Discord. Zero:
	// rest.DefaultBaseURL.
	APIURL string

	// Compression is the gateway transport compression. Zero: zlib-stream.
	Compression gateway.Compression

	// Cache stores what the gateway says, and beside it the shards'
	// sessions, the REST limiter's state and the identify budget. A
	// persistent backend (cache/bolt) lets the next process resume every
	// shard instead of identifying. The Bot does not close it. Zero: a new
	// cache/memory backend.
	Cache cache.Backend

	// CacheOptions chooses what the cache keeps. Zero: everything.
	CacheOptions *cache.Options

	// KeepSessions makes shards that stop because Run's ctx is done close
	// with code 4000, leaving their sessions resumable for a few minutes,
	// and keeps the sessions in the cache for the next process. Zero: true
	// when Cache is set to a backend other than cache/memory (one that
	// may survive the process); otherwise sessions end with the process.
	KeepSessions *bool

	// Logger receives the life of the shards (Info), reconnects and
	// reshards (Warn) and errors (Error). It never sees the token. Zero:
	// nothing is logged.
	Logger *slog.Logger

	// IdentifyQueue replaces the Bot's own identify queue, e.g. with one
	// shared by processes that run parts of the same bot. The Bot's own
	// queue honours max_concurrency and the daily session start limit.
	// Zero: the Bot's own queue.
	IdentifyQueue gateway.IdentifyQueue

	// IdentifyWindow is how long an identify takes up its max_concurrency
	// bucket. The Bot's queue spaces identifies of one bucket by
	// IdentifyWindow plus a twentieth of it, for the network's jitter.
	// Zero: 5 s, as Discord. (Shorter only against a fake Discord.)
	IdentifyWindow time.Duration

	// Shard is a template for the options of every shard (backoffs,
	// timeouts, presence, large threshold). The Bot sets its Intents,
	// Handler, Events, URL, Compression, Dialer, IdentifyQueue, Session
	// and KeepSession. Zero: the gateway's defaults.
	Shard *gateway.Options

	// REST is a template for the REST client's options (timeouts, retries,
	// allowed mentions). The Bot sets BaseURL, HTTPClient and, when unset,
	// Logger and LimiterState (restored from the cache). Zero: the REST
	// client's defaults.
	REST *rest.Options
}

// Shards is a sharding scheme: how many shards the bot has in all, and
// which of them this process runs.
type Shards struct {
	// Count is the total number of shards. Zero: as many as GET
	// /gateway/bot recommends, fetched again on every reshard.
	Count int

	// From and To bound the shard ids this process runs, [From, To). Zero
	// To: up to the last shard. A range lets several machines share one
	// bot; with an automatic Count, a range past the recommended count is
	// cut short.
	From, To int
}

// ids returns the shard ids to run out of count.
func (s Shards) ids(count int) (from, to int) {
	from, to = max(s.From, 0), s.To
	if to <= 0 || to > count {
		to = count
	}
	if from > to {
		from = to
	}
	return from, to
}

// Event is a gateway event and the shard it came from.
type Event struct {
	model.Event
	Shard int
}

const defaultIdentifyWindow = 5 * time.Second
