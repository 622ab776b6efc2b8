package core

import (
	"log/slog"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Options configures a Bot; nil means defaults. Every field documents its
// zero value.
//
// Settings of the shards and of the REST client live in their own
// packages' options, given here as templates (Shard, REST), and follow one
// rule: a template field that is set is used as given; a zero field gets
// the Bot's default where the Bot has one (listed with the template), and
// the package's default otherwise. The few fields the Bot must own are
// listed too; what a template holds there is ignored.
type Options struct {
	// Intents are the gateway intents every shard identifies with. Zero:
	// none (only events that need no intent arrive, INTERACTION_CREATE
	// among them).
	Intents model.Intents

	// Shards chooses how many shards run and which of them this process
	// runs. Zero: as many as GET /gateway/bot recommends, all of them.
	Shards Shards

	// Workers chooses how events reach the listeners. Zero: each shard has
	// one goroutine that runs the listeners of its events one event at a
	// time, in the order the shard read them. N > 0: N goroutines share
	// the events of every shard; the events of one guild (of one channel
	// outside guilds, of one shard when they name neither) still run one
	// at a time in order, others concurrently. Either way a queue of
	// queueLen events sits between a shard and its listeners; when it is
	// full the shard stops reading until there is room (heartbeats go
	// on), so a slow listener slows events down and loses none.
	// ShardHealth tells how long events wait.
	Workers int

	// StopGrace is how long listeners have to finish once the shards stop
	// (Run's ctx is done, a shard failed, or they reshard): reading stops
	// at once, listeners in flight (and events read before) keep a valid
	// ctx this long, then it is done; the sessions close when they have
	// returned. Zero: 10 s.
	StopGrace time.Duration

	// Cache stores what the gateway says, and beside it the shards'
	// sessions, the REST limiter's state and the identify budget, marked
	// with the bot they belong to (see New). A durable backend (cache/bolt)
	// lets the next process resume every shard instead of identifying. The
	// Bot does not close it. Zero: a new cache/memory backend.
	Cache cache.Backend

	// ChunkGuilds requests all the members of every large guild (one whose
	// GUILD_CREATE holds fewer members than its member_count) after its
	// GUILD_CREATE, for the cache and the listeners of GUILD_MEMBERS_CHUNK.
	// It needs the GUILD_MEMBERS intent (without it, nothing is requested
	// and a warning is logged). The requests of one shard are spaced by a
	// second, half of the gateway's send limit, and one Discord rate
	// limits is sent again after its retry_after. Zero: members arrive
	// only as Discord sends them, and as RequestGuildMembers asks.
	ChunkGuilds bool

	// CacheOptions chooses what the cache keeps. Zero: everything.
	CacheOptions *cache.Options

	// KeepSessions makes shards that stop because Run's ctx is done close
	// with code 4000, leaving their sessions resumable for a few minutes,
	// and keeps the sessions in the cache for the next process. Zero: what
	// Cache.Durable reports (true for cache/bolt, false for cache/memory).
	KeepSessions *bool

	// Logger receives the life of the shards (Info), reconnects, reshards
	// and events that do not read (Warn) and errors (Error). It never sees
	// the token. Zero: nothing is logged.
	Logger *slog.Logger

	// IdentifyWindow is how long an identify takes up its max_concurrency
	// bucket in the Bot's identify queue, which spaces identifies of one
	// bucket by IdentifyWindow plus a twentieth of it (at least 20 ms), for
	// the network's jitter; shards that identify start a window before
	// their turn, not all at once. Zero: 5 s, as Discord. (Shorter only
	// against a fake Discord.)
	IdentifyWindow time.Duration

	// Shard is the template of every shard's options (dialer, compression,
	// backoffs, timeouts, presence, large threshold). The Bot's defaults:
	// Logger is Options.Logger; IdentifyQueue is the Bot's own queue, which keeps to max_concurrency
	// and to the daily session start limit and stores its budget in the
	// cache (set it to share one queue between processes that run parts
	// of one bot). The Bot owns Intents (Options.Intents), Handler,
	// Events, URL (from GET /gateway/bot), Session (from the cache) and
	// KeepSession (Options.KeepSessions). Zero: the gateway's defaults.
	Shard *gateway.Options

	// REST is the template of the REST client's options (base URL, HTTP
	// client, timeouts, retries, allowed mentions). The Bot's defaults:
	// Logger is Options.Logger; LimiterState is the state the previous
	// process left in the cache. Zero: the REST client's defaults (the
	// base URL is rest.DefaultBaseURL; against a discordtest server, set
	// BaseURL to its URL: the gateway URL comes from its GET /gateway/bot).
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

const (
	defaultIdentifyWindow = 5 * time.Second
	defaultStopGrace      = 10 * time.Second

	// queueLen is how many events may wait between a shard and its
	// listeners (per shard, or per worker with Options.Workers).
	queueLen = 64
)
