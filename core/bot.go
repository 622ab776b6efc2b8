package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
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
// queue, feeds the cache from every event and hands the events to the
// listeners registered with Listen, On and Events.
//
// Its methods are safe for concurrent use; Run runs once at a time.
// Printing a Bot (fmt, log/slog) never shows its token.
type Bot struct {
	token *secret
	o     Options
	log   *slog.Logger
	rest  *rest.Client
	cache *cache.Cache
	keep  bool
	queue gateway.IdentifyQueue
	// cacheTypes are the events the cache reads.
	cacheTypes model.EventTypeSet
	own        *identifyQueue // the Bot's own queue; nil when replaced
	id         identity       // whose the state stored in the cache is
	stale      string         // why the stored state is another bot's; "" when it is ours

	reg   registry
	ls    atomic.Pointer[listeners]
	chain atomic.Pointer[Listener] // the middleware around callListeners; nil without
	lt    *listenerTimes           // the listeners' time, by event type

	running atomic.Bool

	mu       sync.Mutex
	shards   []*shardRun // the shards of the current run, by id - from
	from     int
	count    int // the total shard count of the current run
	reshards int
	paces    map[int]*pacer // the member requests the Bot sends on its own, by shard
}

// New returns a bot that will connect with token. It neither dials nor
// starts goroutines: Run does.
//
// The state an earlier process left in the cache (the shards' sessions,
// the REST limiter's state, the identify budget) is marked with the bot it
// belongs to: the REST API's base URL and a hash of the token (never the
// token). New restores the limiter's state and the identify budget only
// when they are this bot's; otherwise Run drops all three before it
// connects, and logs why (Info). A demo run against a fake Discord thus
// never hands its sessions to a bot with a real token, nor the reverse.
func New(token string, opts *Options) *Bot {
	var o Options
	if opts != nil {
		o = *opts
	}
	b := &Bot{token: &secret{token}, o: o, log: o.Logger, lt: new(listenerTimes)}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	b.ls.Store(new(listeners))
	backend := o.Cache
	if backend == nil {
		backend = memory.New()
	}
	b.keep = backend.Durable()
	if o.KeepSessions != nil {
		b.keep = *o.KeepSessions
	}
	b.cache = cache.New(backend, o.CacheOptions)
	b.cacheTypes = b.cache.EventTypes()

	var ro rest.Options
	if o.REST != nil {
		ro = *o.REST
	}
	if ro.Logger == nil {
		ro.Logger = o.Logger
	}
	api := ro.BaseURL
	if api == "" {
		api = rest.DefaultBaseURL
	}
	b.id = newIdentity(api, token)
	b.stale = b.checkIdentity()
	if ro.LimiterState == nil && b.stale == "" {
		if data := b.cache.Blob(limiterBlob); len(data) > 0 {
			var st rest.LimiterState
			if json.Unmarshal(data, &st) == nil {
				ro.LimiterState = &st
			}
		}
	}
	b.rest = rest.NewClient(token, &ro)

	if o.Shard != nil && o.Shard.IdentifyQueue != nil {
		b.queue = o.Shard.IdentifyQueue
	} else {
		w := o.IdentifyWindow
		if w <= 0 {
			w = defaultIdentifyWindow
		}
		b.own = newIdentifyQueue(w, b.log, func(data []byte) error { return b.cache.SetBlob(identifyBlob, data) })
		if b.stale == "" {
			b.own.load(b.cache.Blob(identifyBlob))
		}
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
// ErrInvalidToken; an answer from it the Bot cannot act on, a
// *GatewayBotError.
//
// Close code 4011 (sharding required) on any shard makes Run stop every
// shard, ask GET /gateway/bot again and start the new count; the cache
// is kept. When Discord keeps recommending a count it then refuses, Run
// gives up after a few tries with an error matching
// gateway.ErrShardingRequired.
//
// When ctx is done, the shards stop reading at once; the listeners
// finish the events read before with a ctx that stays valid for
// Options.StopGrace; then the sessions close. When Run returns, every
// shard and every listener has returned, and the REST limiter's state is
// stored in the cache for the next process.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer b.running.Store(false)

	auto := b.o.Shards.Count <= 0
	last, same := 0, 0 // the count that got 4011, and how often in a row
	var refused error
	claimed := false
	for {
		p, err := b.plan(ctx, auto)
		if err != nil {
			return err
		}
		if !claimed {
			// Discord took the token: the stored state is ours from now.
			b.claimStoredState()
			defer b.saveLimiter()
			claimed = true
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
	if err := checkGatewayBot(gb); err != nil {
		return plan{}, err
	}
	count := b.o.Shards.Count
	if auto || count <= 0 {
		count = gb.Shards
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
			if e := wait.Sleep(ctx, time.Duration(1<<attempt)*250*time.Millisecond); e != nil {
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
	if err := checkGatewayBot(gb); err != nil {
		return 0, 0, err
	}
	return gb.SessionStartLimit.Remaining, time.Duration(gb.SessionStartLimit.ResetAfter) * time.Millisecond, nil
}

type shardResult struct {
	id  int
	err error
}

// runShards runs the shards of p until ctx is done or one fails, then
// stops them as Run describes.
func (b *Bot) runShards(ctx context.Context, p plan) error {
	// The shards' ctx ends after the listeners are done, not with ctx;
	// the listeners' ends StopGrace after the stop begins.
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	lctx, cancelListeners := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelListeners()

	stored := b.storedCount() == p.count
	if err := b.cache.SetBlob(shardsBlob, []byte(strconv.Itoa(p.count))); err != nil {
		b.log.Error("core: store the shard count", "err", err)
	}
	var tmpl gateway.Options
	if b.o.Shard != nil {
		tmpl = *b.o.Shard
	}
	if tmpl.Logger == nil {
		tmpl.Logger = b.log
	}
	d := newDelivery(b, lctx, rctx, p.to-p.from)
	runs := make([]*shardRun, 0, p.to-p.from)
	resumable, resuming := 0, map[int]bool{}
	for id := p.from; id < p.to; id++ {
		sr := &shardRun{id: id}
		so := tmpl
		so.Intents = b.o.Intents
		so.URL = p.url // also what the shard checks resume URLs against
		so.IdentifyQueue = b.queue
		so.KeepSession = b.keep
		so.Events = model.AllEventTypes // the cache sees everything; listeners what they asked for
		so.Session = model.Session{}
		if stored {
			if s, ok := b.cache.Session(id); ok && s.ID != "" {
				so.Session = s
				resuming[id] = true
				resumable++
			}
		}
		so.Handler = func(ev model.Event) { d.onEvent(sr, ev) }
		sr.sh = gateway.NewShard(id, p.count, b.token.s, &so)
		runs = append(runs, sr)
	}
	b.mu.Lock()
	b.shards, b.from, b.count = runs, p.from, p.count
	b.mu.Unlock()
	b.log.Info("core: starting shards", "count", len(runs), "resuming", resumable)

	d.start(runs)
	chunkWait := b.startChunking(rctx, runs)
	results := make(chan shardResult, len(runs))
	for _, sr := range runs {
		var after time.Duration
		if b.own != nil && !resuming[sr.id] {
			after = b.own.startAfter(sr.id, p.from) // resuming shards start at once
		}
		go func() {
			if err := wait.Sleep(rctx, after); err != nil {
				results <- shardResult{sr.id, err}
				return
			}
			results <- shardResult{sr.id, sr.sh.Run(rctx)}
		}()
	}
	var fail *shardResult
	pending := len(runs)
wait:
	for pending > 0 {
		select {
		case <-ctx.Done():
			break wait
		case r := <-results:
			pending--
			if r.err != nil {
				fail = &r
				b.log.Warn("core: shard stopped", "shard", r.id, "err", r.err)
				break wait
			}
		}
	}
	// Reading stops, the listeners finish, then the sessions close.
	grace := b.o.StopGrace
	if grace <= 0 {
		grace = defaultStopGrace
	}
	graceTimer := time.AfterFunc(grace, cancelListeners)
	d.stop()
	graceTimer.Stop()
	cancel()
	chunkWait()
	for ; pending > 0; pending-- {
		r := <-results
		if fail == nil && r.err != nil && !errors.Is(r.err, context.Canceled) {
			fail = &r
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

// badEvent reports an event whose payload did not read.
func (b *Bot) badEvent(ev Event, err error) {
	if sr := b.shardRun(ev.Shard); sr != nil {
		sr.bad.Add(1)
	}
	b.log.Warn("core: an event does not read", "shard", ev.Shard, "event", ev.Name(), "err", err)
}

// storedCount is the shard count the sessions in the cache belong to.
func (b *Bot) storedCount() int {
	n, err := strconv.Atoi(string(b.cache.Blob(shardsBlob)))
	if err != nil || n < 0 || n > maxShards {
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

// shardRun is the shard with id in the current run, or nil.
func (b *Bot) shardRun(id int) *shardRun {
	b.mu.Lock()
	defer b.mu.Unlock()
	if i := id - b.from; i >= 0 && i < len(b.shards) {
		return b.shards[i]
	}
	return nil
}

// Shard returns the shard with id in the current run, for gateway
// commands (UpdatePresence, RequestGuildMembers); nil when this process
// does not run it.
func (b *Bot) Shard(id int) *gateway.Shard {
	if sr := b.shardRun(id); sr != nil {
		return sr.sh
	}
	return nil
}

// ShardFor returns the shard that receives the events of a guild, as
// Discord assigns them (model.ShardOf); nil when this process does not
// run it.
func (b *Bot) ShardFor(guild model.GuildID) *gateway.Shard {
	b.mu.Lock()
	n := b.count
	b.mu.Unlock()
	if n == 0 {
		return nil
	}
	return b.Shard(model.ShardOf(guild, n))
}
