package scale

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
	"hash/fnv"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// GatewayOptions configures a Gateway; nil means defaults. Every field
// documents its zero value. Name, Shards and Partitions must be the same
// in every process of a bot (the first process to start records Shards
// and Partitions; the others take what it recorded).
type GatewayOptions struct {
	// Name is the bot's namespace in NATS. Zero: DefaultName.
	Name string

	// ID names this process among the bot's gateway processes. Zero: the
	// host name, the process id and a random suffix.
	ID string

	// APIURL is the REST API root for GET /gateway/bot: Discord's, a
	// fake's, or a gloam-scale proxy's. Zero: rest.DefaultBaseURL.
	APIURL string

	// Proxied says APIURL is a proxy that holds the rate limits (a
	// gloam-scale proxy): the REST client's own limiter is off
	// (rest.Options.NoLimiter). Zero: the client keeps its own limiter.
	Proxied bool

	// HTTPClient sends REST requests. Zero: a new http.Client.
	HTTPClient *http.Client

	// Shards is the total number of shards of the bot. Zero: as many as
	// GET /gateway/bot recommends when the first process starts.
	Shards int

	// Partitions is the number of event subjects, and so of events
	// handled at once by the workers: the events of a guild always go to
	// partition (guild_id >> 22) % Partitions, in order. Zero: 16.
	Partitions int

	// Intents are the gateway intents every shard identifies with. Zero:
	// none.
	Intents model.Intents

	// Shard is a template for the options of every shard (backoffs,
	// timeouts, presence, URL, compression, dialer). The Gateway sets its
	// Intents, Handler, Events, IdentifyQueue, Session and KeepSession, and
	// URL when the template leaves it empty. Zero: the gateway's defaults.
	Shard *gateway.Options

	// LeaseTTL is how long a shard's lease lasts without renewal: a
	// process that dies loses its shards this long after its last renewal,
	// and another process resumes them. Leases are renewed every third of
	// it. Zero: 10 s.
	LeaseTTL time.Duration

	// IdentifyWindow is the Window of the shared IdentifyQueue. Zero: 5 s.
	IdentifyWindow time.Duration

	// Duplicates is how long the event stream remembers message ids to
	// drop an event published twice (a shard resumed by another process
	// replays what the first had published). It must exceed the time a
	// takeover takes. Zero: 5 minutes.
	Duplicates time.Duration

	// MaxAge is how long the event stream keeps events. Zero: 24 hours.
	MaxAge time.Duration

	// Logger receives the life of the shards and leases (Info), takeovers
	// and retried errors (Warn). It never sees the token. Zero: nothing is
	// logged.
	Logger *slog.Logger
}

// Gateway runs a share of a bot's shards in this process: it takes
// shards by leases in a JetStream key-value bucket, so that the shards of
// the bot spread evenly over the gateway processes that are alive, and
// publishes every dispatch of its shards to the bot's event stream for the
// workers. When a process stops or dies, others take its shards once the
// leases end and resume their sessions from the state the Gateway keeps
// in NATS, so nothing is identified again.
//
// Its methods are safe for concurrent use; Run runs once.
type Gateway struct {
	nc    *nats.Conn
	token string
	o     GatewayOptions
	n     names
	log   *slog.Logger

	mu      sync.Mutex
	running map[int]*shardRun
}

// shardRun is a shard this process holds the lease of.
type shardRun struct {
	id      int
	sh      *gateway.Shard
	cancel  context.CancelFunc
	done    chan error
	leaseAt uint64    // the lease key's revision after the last renewal
	renewed time.Time // the last renewal that succeeded

	mu    sync.Mutex
	sess  model.Session // the session as far as its events are published
	saved model.Session // the session last written to the bucket
}

// NewGateway returns a gateway process for the bot with token, over the
// NATS connection nc. It neither dials nor starts goroutines: Run does.
func NewGateway(nc *nats.Conn, token string, opts *GatewayOptions) *Gateway {
	var o GatewayOptions
	if opts != nil {
		o = *opts
	}
	if o.ID == "" {
		host, _ := os.Hostname()
		var b [4]byte
		rand.Read(b[:])
		o.ID = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	o.ID = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, o.ID)
	if o.Partitions <= 0 {
		o.Partitions = 16
	}
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = 10 * time.Second
	}
	if o.Duplicates <= 0 {
		o.Duplicates = 5 * time.Minute
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 24 * time.Hour
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Gateway{nc: nc, token: token, o: o, n: namesOf(o.Name), log: log.With("process", o.ID),
		running: map[int]*shardRun{}}
}

// ID is the name of this process among the gateway processes.
func (g *Gateway) ID() string { return g.o.ID }

// Shards lists the shards this process runs now, in order.
func (g *Gateway) Shards() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	ids := make([]int, 0, len(g.running))
	for id := range g.running {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// gatewayState is what Run sets up before it takes shards.
type gatewayState struct {
	js       jetstream.JetStream
	leases   jetstream.KeyValue
	sessions jetstream.KeyValue
	queue    *IdentifyQueue
	url      string
	count    int
	parts    int
}

// Run takes and runs shards until ctx is done or a shard meets an error
// Discord says not to retry (an invalid token, disallowed intents), which
// Run returns. When ctx is done it stops its shards keeping their
// sessions resumable, stores them and gives up their leases, so that the
// other processes resume them at once.
func (g *Gateway) Run(ctx context.Context) error {
	st, err := g.setup(ctx)
	if err != nil {
		return err
	}
	fatal := make(chan error, 1)
	defer g.stopAll(st)

	tick := time.NewTicker(g.o.LeaseTTL / 3)
	defer tick.Stop()
	joined := time.Now()
	for {
		// Each step is bounded, so that a slow NATS cannot hold up the
		// renewals past the TTL.
		tctx, cancel := context.WithTimeout(ctx, g.o.LeaseTTL/3)
		g.member(tctx, st)
		g.renew(tctx, st)
		g.saveSessions(tctx, st)
		// Wait one renewal before taking shards, so that processes starting
		// together see each other and do not take everything first.
		if time.Since(joined) >= g.o.LeaseTTL/3 {
			g.balance(tctx, st, fatal)
		}
		cancel()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-fatal:
			return err
		case <-tick.C:
		}
	}
}

// setup binds the buckets and the stream, and learns the shard count and
// the gateway URL.
func (g *Gateway) setup(ctx context.Context) (*gatewayState, error) {
	js, err := jetstream.New(g.nc)
	if err != nil {
		return nil, fmt.Errorf("scale: gateway: %w", err)
	}
	st := &gatewayState{js: js}
	err = retry(ctx, 2*time.Second, func() error {
		var err error
		st.leases, err = bucket(ctx, js, jetstream.KeyValueConfig{
			Bucket:      g.n.leaseBucket(),
			Description: "gloam: shard leases and live gateway processes",
			TTL:         g.o.LeaseTTL,
			Storage:     jetstream.FileStorage,
		})
		if err != nil {
			return err
		}
		st.sessions, err = bucket(ctx, js, jetstream.KeyValueConfig{
			Bucket:      g.n.sessionBucket(),
			Description: "gloam: the gateway session of each shard",
			Storage:     jetstream.FileStorage,
		})
		if err != nil {
			return err
		}
		_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
			Name:        g.n.stream(),
			Description: "gloam: gateway events, by partition",
			Subjects:    []string{g.n.subjects()},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxAge:      g.o.MaxAge,
			Duplicates:  g.o.Duplicates,
			Discard:     jetstream.DiscardOld,
		})
		if err != nil {
			return fmt.Errorf("scale: stream %s: %w", g.n.stream(), err)
		}
		st.queue, err = NewIdentifyQueue(ctx, js, &IdentifyOptions{Name: g.o.Name, Window: g.o.IdentifyWindow, Logger: g.log})
		return err
	})
	if err != nil {
		return nil, err
	}

	rc := rest.NewClient(g.token, &rest.Options{BaseURL: g.o.APIURL, NoLimiter: g.o.Proxied, HTTPClient: g.o.HTTPClient, Logger: g.o.Logger})
	var gb *rest.GatewayBot
	for attempt := 0; ; attempt++ {
		gb, err = rc.GatewayBot(ctx)
		if err == nil {
			break
		}
		var re *rest.Error
		if ctx.Err() != nil || errors.Is(err, rest.ErrUnauthorized) || errors.As(err, &re) && re.Status < 500 || attempt >= 5 {
			return nil, fmt.Errorf("scale: gateway: GET /gateway/bot: %w", err)
		}
		g.log.Warn("scale: GET /gateway/bot failed; trying again", "err", err)
		if err := wait.Sleep(ctx, time.Duration(1<<attempt)*250*time.Millisecond); err != nil {
			return nil, err
		}
	}
	st.url = gb.URL
	l := gb.SessionStartLimit
	if err := retry(ctx, 2*time.Second, func() error {
		return st.queue.Set(ctx, l.MaxConcurrency, l.Total, l.Remaining, time.Duration(l.ResetAfter)*time.Millisecond)
	}); err != nil {
		return nil, err
	}

	count := g.o.Shards
	if count <= 0 {
		count = max(gb.Shards, 1)
	}
	meta := map[string]int{"shards": count, "partitions": g.o.Partitions}
	err = retry(ctx, 2*time.Second, func() error {
		kv, err := bucket(ctx, js, jetstream.KeyValueConfig{
			Bucket:      g.n.metaBucket(),
			Description: "gloam: the shard and partition counts every process agrees on",
			Storage:     jetstream.FileStorage,
		})
		if err != nil {
			return err
		}
		for _, k := range []string{"shards", "partitions"} {
			v, err := recordInt(ctx, kv, k, meta[k])
			if err != nil {
				return err
			}
			if v != meta[k] {
				g.log.Warn("scale: another process recorded a different count; using it", "key", k, "recorded", v, "option", meta[k])
			}
			meta[k] = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	st.count, st.parts = meta["shards"], meta["partitions"]
	g.log.Info("scale: gateway joined", "shards", st.count, "partitions", st.parts,
		"max_concurrency", l.MaxConcurrency, "session_starts_remaining", l.Remaining)
	return st, nil
}

// recordInt stores v under key unless a value is there, and returns the
// value stored.
func recordInt(ctx context.Context, kv jetstream.KeyValue, key string, v int) (int, error) {
	_, err := kv.Create(ctx, key, []byte(strconv.Itoa(v)))
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		return 0, err
	}
	e, err := kv.Get(ctx, key)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(e.Value()))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("scale: %s in the meta bucket is %q", key, e.Value())
	}
	return n, nil
}

func leaseKey(shard int) string   { return "shard." + strconv.Itoa(shard) }
func memberKey(id string) string  { return "member." + id }
func sessionKey(shard int) string { return "shard." + strconv.Itoa(shard) }

// member says this process is alive.
func (g *Gateway) member(ctx context.Context, st *gatewayState) {
	if _, err := st.leases.Put(ctx, memberKey(g.o.ID), []byte(time.Now().UTC().Format(time.RFC3339))); err != nil {
		g.log.Warn("scale: membership", "err", err)
	}
}

// renew renews the leases of the running shards. A shard whose lease
// another process holds stops at once; so does one whose lease could not
// be renewed for two thirds of the TTL, before the lease can end.
func (g *Gateway) renew(ctx context.Context, st *gatewayState) {
	g.mu.Lock()
	runs := make([]*shardRun, 0, len(g.running))
	for _, r := range g.running {
		runs = append(runs, r)
	}
	g.mu.Unlock()
	for _, r := range runs {
		rev, err := st.leases.Update(ctx, leaseKey(r.id), []byte(g.o.ID), r.leaseAt)
		if errors.Is(err, jetstream.ErrKeyExists) {
			// The key is gone (the server lost it or it aged out while NATS
			// was away) or another process holds it.
			rev, err = st.leases.Create(ctx, leaseKey(r.id), []byte(g.o.ID))
			if errors.Is(err, jetstream.ErrKeyExists) {
				g.log.Warn("scale: lease taken by another process; stopping the shard", "shard", r.id)
				g.stop(r, st, false)
				continue
			}
		}
		if err != nil {
			if time.Since(r.renewed) > g.o.LeaseTTL*2/3 {
				g.log.Warn("scale: lease not renewed in time; stopping the shard", "shard", r.id, "err", err)
				g.stop(r, st, false)
			}
			continue
		}
		r.leaseAt, r.renewed = rev, time.Now()
	}
}

// balance takes or gives up shards so that this process holds its share:
// the shard count divided by the live processes, rounded up.
func (g *Gateway) balance(ctx context.Context, st *gatewayState, fatal chan error) {
	members := 0
	lister, err := st.leases.ListKeysFiltered(ctx, "member.>")
	if err != nil {
		g.log.Warn("scale: list gateway processes", "err", err)
		return
	}
	for range lister.Keys() {
		members++
	}
	members = max(members, 1)
	share := (st.count + members - 1) / members

	held := g.Shards()
	if len(held) > share {
		// Give up the highest shards; each resumes in another process.
		for _, id := range held[share:] {
			g.mu.Lock()
			r := g.running[id]
			g.mu.Unlock()
			g.log.Info("scale: giving a shard up for balance", "shard", id, "processes", members, "share", share)
			g.stop(r, st, true)
		}
		return
	}
	// Start from a place of our own, so that processes try different
	// shards first.
	h := fnv.New32a()
	h.Write([]byte(g.o.ID))
	start := int(h.Sum32() % uint32(st.count))
	for i := 0; i < st.count && len(held) < share; i++ {
		id := (start + i) % st.count
		if slices.Contains(held, id) {
			continue
		}
		rev, err := st.leases.Create(ctx, leaseKey(id), []byte(g.o.ID))
		if errors.Is(err, jetstream.ErrKeyExists) {
			continue
		}
		if err != nil {
			g.log.Warn("scale: take a lease", "shard", id, "err", err)
			return
		}
		held = append(held, id)
		g.start(ctx, st, id, rev, fatal)
	}
}

// start runs shard id, resuming its stored session.
func (g *Gateway) start(ctx context.Context, st *gatewayState, id int, rev uint64, fatal chan error) {
	var sess model.Session
	if e, err := st.sessions.Get(ctx, sessionKey(id)); err == nil {
		sess, _ = decodeSession(e.Value())
	}
	var so gateway.Options
	if g.o.Shard != nil {
		so = *g.o.Shard
	}
	if so.URL == "" {
		so.URL = st.url
	}
	so.Intents = g.o.Intents
	so.Events = model.AllEventTypes
	so.IdentifyQueue = st.queue
	so.KeepSession = true
	so.Session = sess
	if so.Logger == nil && g.o.Logger != nil {
		so.Logger = g.o.Logger
	}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	r := &shardRun{id: id, cancel: cancel, done: make(chan error, 1), leaseAt: rev, renewed: time.Now(), sess: sess, saved: sess}
	p := &publisher{js: st.js, n: g.n, parts: st.parts, shard: id, run: r, log: g.log,
		save: func(ctx context.Context) {
			sctx, cancel := context.WithTimeout(ctx, g.o.LeaseTTL/3)
			defer cancel()
			g.saveSession(sctx, st, r)
		}}
	so.Handler = func(ev model.Event) { p.publish(sctx, ev) }
	r.sh = gateway.NewShard(id, st.count, g.token, &so)
	g.mu.Lock()
	g.running[id] = r
	g.mu.Unlock()
	g.log.Info("scale: running shard", "shard", id, "resuming", sess.ID != "", "seq", sess.Seq)
	go func() {
		err := r.sh.Run(sctx)
		r.done <- err
		if err != nil && sctx.Err() == nil {
			g.log.Error("scale: shard stopped", "shard", id, "err", err)
			select {
			case fatal <- fmt.Errorf("scale: shard %d: %w", id, err):
			default:
			}
		}
	}()
}

// stop stops a running shard, keeping its session resumable, and stores
// the session. With release, it also gives the lease up so that another
// process takes the shard at once.
func (g *Gateway) stop(r *shardRun, st *gatewayState, release bool) {
	g.mu.Lock()
	if g.running[r.id] != r {
		g.mu.Unlock()
		return
	}
	delete(g.running, r.id)
	g.mu.Unlock()
	r.cancel()
	<-r.done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if release {
		g.saveSession(ctx, st, r)
		if err := st.leases.Delete(ctx, leaseKey(r.id), jetstream.LastRevision(r.leaseAt)); err != nil {
			g.log.Warn("scale: give a lease up", "shard", r.id, "err", err)
		}
	}
	g.log.Info("scale: stopped shard", "shard", r.id, "released", release)
}

// stopAll stops every shard and gives up the leases, when Run ends.
func (g *Gateway) stopAll(st *gatewayState) {
	g.mu.Lock()
	runs := make([]*shardRun, 0, len(g.running))
	for _, r := range g.running {
		runs = append(runs, r)
	}
	g.mu.Unlock()
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Go(func() { g.stop(r, st, true) })
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st.leases.Delete(ctx, memberKey(g.o.ID))
}

// saveSessions stores the sessions that changed since they were last
// stored.
func (g *Gateway) saveSessions(ctx context.Context, st *gatewayState) {
	g.mu.Lock()
	runs := make([]*shardRun, 0, len(g.running))
	for _, r := range g.running {
		runs = append(runs, r)
	}
	g.mu.Unlock()
	for _, r := range runs {
		g.saveSession(ctx, st, r)
	}
}

// saveSession stores the session of r as far as its events are
// published: a process resuming it gets every event after that replayed.
func (g *Gateway) saveSession(ctx context.Context, st *gatewayState, r *shardRun) {
	r.mu.Lock()
	s := r.sess
	same := s == r.saved
	r.mu.Unlock()
	if same {
		return
	}
	if _, err := st.sessions.Put(ctx, sessionKey(r.id), encodeSession(s)); err != nil {
		g.log.Warn("scale: store a session", "shard", r.id, "err", err)
		return
	}
	r.mu.Lock()
	r.saved = s
	r.mu.Unlock()
}
