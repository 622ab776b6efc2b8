package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Names of the blobs the Bot keeps beside the cache.
const (
	limiterBlob = "core.rest-limiter" // the REST limiter's state, JSON
	shardsBlob  = "core.shards"       // the shard count the stored sessions belong to
)

// Bot runs a bot's shards, its REST client and its cache as one: it asks
// GET /gateway/bot how to shard, starts the shards through an identify
// queue, feeds the cache from every event and hands the events to
// Options.Handler.
//
// Its methods are safe for concurrent use; Run runs once at a time.
type Bot struct {
	token  string
	o      Options
	log    *slog.Logger
	rest   *rest.Client
	cache  *cache.Cache
	keep   bool
	events model.EventTypeSet
	queue  gateway.IdentifyQueue
	own    *identifyQueue // the Bot's own queue; nil when replaced

	running atomic.Bool

	mu       sync.Mutex
	shards   []*shardRun // the shards of the current run, by id - from
	from     int
	count    int // the total shard count of the current run
	reshards int
}

// shardRun is a shard and its counters.
type shardRun struct {
	id     int
	sh     *gateway.Shard
	events atomic.Int64

	mu    sync.Mutex
	lastN int64
	lastT time.Time
	rate  float64
}

// New returns a bot that will connect with token. It neither dials nor
// starts goroutines: Run does. It reads the REST limiter's state and the
// identify budget left in the cache by an earlier process.
func New(token string, opts *Options) *Bot {
	var o Options
	if opts != nil {
		o = *opts
	}
	b := &Bot{token: token, o: o, log: o.Logger, events: o.Events}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.events == (model.EventTypeSet{}) {
		b.events = model.AllEventTypes
	}
	backend := o.Cache
	if backend == nil {
		backend = memory.New()
	}
	if o.KeepSessions != nil {
		b.keep = *o.KeepSessions
	} else if o.Cache != nil {
		_, mem := o.Cache.(*memory.Backend)
		b.keep = !mem
	}
	b.cache = cache.New(backend, o.CacheOptions)

	var ro rest.Options
	if o.REST != nil {
		ro = *o.REST
	}
	if o.APIURL != "" {
		ro.BaseURL = o.APIURL
	}
	if o.HTTPClient != nil {
		ro.HTTPClient = o.HTTPClient
	}
	if ro.Logger == nil && o.Logger != nil {
		ro.Logger = o.Logger
	}
	if ro.LimiterState == nil {
		if data := b.cache.Blob(limiterBlob); len(data) > 0 {
			var st rest.LimiterState
			if json.Unmarshal(data, &st) == nil {
				ro.LimiterState = &st
			}
		}
	}
	b.rest = rest.NewClient(token, &ro)

	if o.IdentifyQueue != nil {
		b.queue = o.IdentifyQueue
	} else {
		w := o.IdentifyWindow
		if w <= 0 {
			w = defaultIdentifyWindow
		}
		b.own = newIdentifyQueue(w, b.log, func(data []byte) error { return b.cache.SetBlob(identifyBlob, data) })
		b.own.load(b.cache.Blob(identifyBlob))
		b.own.refresh = b.refreshBudget
		b.queue = b.own
	}
	return b
}

// REST is the bot's REST client.
func (b *Bot) REST() *rest.Client { return b.rest }

// Cache is the bot's cache.
func (b *Bot) Cache() *cache.Cache { return b.cache }

// Run connects the shards and runs the bot until ctx is done or a shard
// meets an error Discord says not to retry. It returns ctx's error in the
// first case; in the second a *ShardError (wrapping ErrInvalidToken for
// close code 4004). A 401 from GET /gateway/bot gives an error wrapping
// ErrInvalidToken.
//
// Close code 4011 (sharding required) on any shard makes Run stop every
// shard, ask GET /gateway/bot again and start the new count; the cache
// is kept. When Discord keeps recommending a count it then refuses, Run
// gives up after a few tries with an error matching
// gateway.ErrShardingRequired.
//
// When Run returns, every shard has stopped and the Handler has returned;
// the REST limiter's state is stored in the cache for the next process.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer b.running.Store(false)
	defer b.saveLimiter()
	auto := b.o.Shards.Count <= 0
	last, same := 0, 0 // the count that got 4011, and how often in a row
	var refused error
	for {
		p, err := b.plan(ctx, auto)
		if err != nil {
			return err
		}
		if last > 0 && p.count <= last {
			// Discord recommends no more shards than it just refused.
			if same++; same >= maxSameReshards {
				return fmt.Errorf("core: sharding required with %d shards, %d times in a row: %w", p.count, same, refused)
			}
		} else {
			same = 0
		}
		err = b.runShards(ctx, p)
		if errors.Is(err, gateway.ErrShardingRequired) && ctx.Err() == nil {
			b.log.Warn("core: sharding required; resharding", "shards", p.count)
			b.forgetSessions(p)
			b.mu.Lock()
			b.reshards++
			b.mu.Unlock()
			auto, last, refused = true, p.count, err
			continue
		}
		return err
	}
}

// maxSameReshards is how many reshards in a row to the same count Run
// tries before it gives up.
const maxSameReshards = 3

// plan is how a run shards.
type plan struct {
	count    int
	from, to int
	url      string
}

// plan asks GET /gateway/bot where to connect and how many shards to run.
func (b *Bot) plan(ctx context.Context, auto bool) (plan, error) {
	gb, err := b.gatewayBot(ctx)
	if err != nil {
		return plan{}, err
	}
	count := b.o.Shards.Count
	if auto || count <= 0 {
		count = max(gb.Shards, 1)
	}
	if b.own != nil {
		l := gb.SessionStartLimit
		b.own.set(l.MaxConcurrency, l.Total, l.Remaining, time.Duration(l.ResetAfter)*time.Millisecond)
	}
	from, to := b.o.Shards.ids(count)
	b.log.Info("core: sharding", "shards", count, "from", from, "to", to,
		"max_concurrency", gb.SessionStartLimit.MaxConcurrency,
		"session_starts_remaining", gb.SessionStartLimit.Remaining)
	return plan{count: count, from: from, to: to, url: gb.URL}, nil
}

// gatewayBot gets GET /gateway/bot, trying again a few times when the
// network or Discord fails.
func (b *Bot) gatewayBot(ctx context.Context) (*rest.GatewayBot, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			if e := sleep(ctx, time.Duration(1<<attempt)*250*time.Millisecond); e != nil {
				return nil, e
			}
		}
		var gb *rest.GatewayBot
		gb, err = b.rest.GatewayBot(ctx)
		if err == nil {
			return gb, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var re *rest.Error
		if errors.Is(err, rest.ErrUnauthorized) || errors.As(err, &re) && re.Status == http.StatusUnauthorized {
			return nil, fmt.Errorf("core: GET /gateway/bot: %w: %w", ErrInvalidToken, err)
		}
		if errors.As(err, &re) && re.Status < 500 {
			break
		}
		b.log.Warn("core: GET /gateway/bot failed; trying again", "err", err)
	}
	return nil, fmt.Errorf("core: GET /gateway/bot: %w", err)
}

func (b *Bot) refreshBudget(ctx context.Context) (int, time.Duration, error) {
	gb, err := b.rest.GatewayBot(ctx)
	if err != nil {
		return 0, 0, err
	}
	return gb.SessionStartLimit.Remaining, time.Duration(gb.SessionStartLimit.ResetAfter) * time.Millisecond, nil
}

type shardResult struct {
	id  int
	err error
}

// runShards runs the shards of p until ctx is done or one fails.
func (b *Bot) runShards(ctx context.Context, p plan) error {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()

	stored := b.storedCount() == p.count
	if err := b.cache.SetBlob(shardsBlob, []byte(strconv.Itoa(p.count))); err != nil {
		b.log.Error("core: store the shard count", "err", err)
	}
	var tmpl gateway.Options
	if b.o.Shard != nil {
		tmpl = *b.o.Shard
	}
	runs := make([]*shardRun, 0, p.to-p.from)
	resumable := 0
	for id := p.from; id < p.to; id++ {
		sr := &shardRun{id: id}
		so := tmpl
		so.Intents = b.o.Intents
		so.URL = p.url
		so.Compression = b.o.Compression
		so.Dialer = b.o.Dialer
		so.IdentifyQueue = b.queue
		so.KeepSession = b.keep
		so.Events = model.AllEventTypes // the cache sees everything; Handler gets b.events
		so.Session = model.Session{}
		if stored {
			if s, ok := b.cache.Session(id); ok && s.ID != "" {
				so.Session = s
				resumable++
			}
		}
		so.Handler = func(ev model.Event) { b.onEvent(ctx, sr, ev) }
		sr.sh = gateway.NewShard(id, p.count, b.token, &so)
		runs = append(runs, sr)
	}
	b.mu.Lock()
	b.shards, b.from, b.count = runs, p.from, p.count
	b.mu.Unlock()
	b.log.Info("core: starting shards", "count", len(runs), "resuming", resumable)

	results := make(chan shardResult, len(runs))
	for _, sr := range runs {
		go func() { results <- shardResult{sr.id, sr.sh.Run(rctx)} }()
	}
	var fail *shardResult
	for range runs {
		r := <-results
		if r.err == nil || rctx.Err() != nil && (errors.Is(r.err, context.Canceled) || errors.Is(r.err, context.DeadlineExceeded)) {
			continue
		}
		if fail == nil {
			fail = &r
			b.log.Warn("core: shard stopped", "shard", r.id, "err", r.err)
			cancel()
		}
	}
	if fail == nil {
		if !b.keep {
			b.forgetSessions(p)
		}
		return ctx.Err()
	}
	if errors.Is(fail.err, gateway.ErrAuthenticationFailed) {
		return &ShardError{Shard: fail.id, Err: fmt.Errorf("%w: %w", ErrInvalidToken, fail.err)}
	}
	return &ShardError{Shard: fail.id, Err: fail.err}
}

// onEvent is every shard's Handler: the cache first, then the user's.
func (b *Bot) onEvent(ctx context.Context, sr *shardRun, ev model.Event) {
	if err := b.cache.Apply(sr.id, ev); err != nil {
		b.log.Warn("core: cache", "shard", sr.id, "event", ev.Name(), "err", err)
	}
	sr.events.Add(1)
	switch ev.Type {
	case model.EventReady:
		b.log.Info("core: shard ready", "shard", sr.id, "guilds", ev.Get("guilds.#").Int())
	case model.EventResumed:
		b.log.Info("core: shard resumed", "shard", sr.id)
	}
	if b.o.Handler != nil && b.events.Has(ev.Type) {
		b.o.Handler(ctx, Event{Event: ev, Shard: sr.id})
	}
}

// storedCount is the shard count the sessions in the cache belong to.
func (b *Bot) storedCount() int {
	n, err := strconv.Atoi(string(b.cache.Blob(shardsBlob)))
	if err != nil {
		return 0
	}
	return n
}

// forgetSessions clears the stored sessions of p's shards.
func (b *Bot) forgetSessions(p plan) {
	for id := p.from; id < p.to; id++ {
		if s, ok := b.cache.Session(id); ok && s.ID != "" {
			if err := b.cache.SetSession(id, model.Session{}); err != nil {
				b.log.Error("core: forget a session", "shard", id, "err", err)
			}
		}
	}
}

func (b *Bot) saveLimiter() {
	data, err := json.Marshal(b.rest.Limiter().State())
	if err == nil {
		err = b.cache.SetBlob(limiterBlob, data)
	}
	if err != nil {
		b.log.Error("core: store the REST limiter state", "err", err)
	}
}

// ShardHealth is a snapshot of one shard.
type ShardHealth struct {
	Shard int
	gateway.Health
	Events          int64   // dispatches received since Run started it
	EventsPerSecond float64 // over the time since the previous Health call, at least a second
}

// Health returns a snapshot of every shard of the current run, by shard
// id; nil before Run has planned the shards.
func (b *Bot) Health() []ShardHealth {
	b.mu.Lock()
	runs := b.shards
	b.mu.Unlock()
	out := make([]ShardHealth, len(runs))
	now := time.Now()
	for i, sr := range runs {
		n := sr.events.Load()
		sr.mu.Lock()
		if sr.lastT.IsZero() {
			sr.lastT, sr.lastN = now, 0
		}
		if el := now.Sub(sr.lastT); el >= time.Second {
			sr.rate = float64(n-sr.lastN) / el.Seconds()
			sr.lastT, sr.lastN = now, n
		}
		rate := sr.rate
		sr.mu.Unlock()
		out[i] = ShardHealth{Shard: sr.id, Health: sr.sh.Health(), Events: n, EventsPerSecond: rate}
	}
	return out
}

// ShardCount is the total number of shards of the current run (this
// process may run only some of them); 0 before Run has planned them.
func (b *Bot) ShardCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.count
}

// Reshards counts the reshards after close code 4011.
func (b *Bot) Reshards() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.reshards
}

// Shard returns the shard with id in the current run, for gateway
// commands (UpdatePresence, RequestGuildMembers); nil when this process
// does not run it.
func (b *Bot) Shard(id int) *gateway.Shard {
	b.mu.Lock()
	defer b.mu.Unlock()
	if i := id - b.from; i >= 0 && i < len(b.shards) {
		return b.shards[i].sh
	}
	return nil
}

// ShardFor returns the shard that receives the events of a guild, as
// Discord assigns them ((guild_id >> 22) % shard count); nil when this
// process does not run it.
func (b *Bot) ShardFor(guild model.GuildID) *gateway.Shard {
	n := b.ShardCount()
	if n == 0 {
		return nil
	}
	return b.Shard(int((uint64(guild) >> 22) % uint64(n)))
}
