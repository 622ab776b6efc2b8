//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// runFlags are the flags of gloam run.
type runFlags struct {
	cache     string
	dur       time.Duration
	shards    int
	fakeAddr  string
	guilds    int
	members   int
	pingEvery time.Duration
	interact  time.Duration
	commands  bool
	stream    float64
	progress  time.Duration
	httpAddr  string
	verbose   bool
	reset     bool
}

// answerGrace is how long the interaction handlers still running when
// the bot stops have to answer: as long as Discord waits for an answer.
const answerGrace = 3 * time.Second

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f runFlags
	fs := flag.NewFlagSet("gloam run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.cache, "cache", "bolt:gloam.db", "the cache: memory, or bolt:PATH for a file that survives restarts")
	fs.DurationVar(&f.dur, "for", 0, "stop after this long; 0 runs until SIGINT or SIGTERM")
	fs.IntVar(&f.shards, "shards", 0, "the shard count; 0: as GET /gateway/bot recommends (the embedded fake recommends 4)")
	fs.StringVar(&f.fakeAddr, "fake-addr", "", "the embedded fake Discord's loopback address; empty: a random port")
	fs.IntVar(&f.guilds, "fake-guilds", 12, "guilds in the embedded fake Discord's world")
	fs.IntVar(&f.members, "fake-members", 50, "members per guild in the embedded fake Discord's world")
	fs.DurationVar(&f.pingEvery, "fake-ping", time.Second, "how often a user of the embedded fake says \"!ping\"; 0: never")
	fs.BoolVar(&f.commands, "commands", true, "register /ping and /feedback as the application's global commands at start, deleting its other global commands; false: leave them as they are (the bot still answers these two)")
	fs.DurationVar(&f.interact, "fake-interact", 2*time.Second, "how often a user of the embedded fake uses /ping or /feedback (clicking its button and submitting its form); 0: never")
	fs.Float64Var(&f.stream, "fake-events", 10, "events per second per shard the embedded fake streams (messages, typing, presences); 0: none")
	fs.DurationVar(&f.progress, "progress", 3*time.Second, "how often to print progress; 0: never")
	fs.StringVar(&f.httpAddr, "http", "", "serve the bot's health as JSON (/health) and its metrics for Prometheus (/metrics) on this address (e.g. 127.0.0.1:8080); empty: no HTTP")
	fs.BoolVar(&f.verbose, "v", false, "log the shards' life (identify, ready, resume) to stderr")
	fs.BoolVar(&f.reset, "reset", false, "start with an empty cache: discard what the -cache file holds (e.g. a file of another gloam version)")
	dash := dashboardFlags(fs)
	if err := parseFlags(fs, args, "usage: gloam run [flags]\n\nThe ping bot: \"!ping\", /ping, and /feedback (a button that opens a form).\n"+
		"Environment: DISCORD_TOKEN (none: an embedded fake Discord),\n"+
		"DISCORD_API_URL (the REST base; the gateway URL comes from its /gateway/bot)."); err != nil {
		return err
	}
	if f.shards < 0 {
		return usageError("-shards must not be negative")
	}
	if f.dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.dur)
		defer cancel()
	}
	level := slog.LevelWarn
	if f.verbose {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	backend, closeCache, err := openCache(f.cache, f.reset, stdout)
	if err != nil {
		return err
	}
	defer closeCache()

	token, apiURL := os.Getenv("DISCORD_TOKEN"), os.Getenv("DISCORD_API_URL")
	if token != "" {
		warnPlainHTTP(stderr, apiURL)
	}
	intents := model.IntentGuilds | model.IntentGuildMessages | model.IntentDirectMessages | model.IntentMessageContent
	var srv *discordtest.Server
	if token == "" {
		n := f.shards
		if n == 0 {
			n = 4
		}
		srv, err = discordtest.Listen(&discordtest.Options{
			Addr: f.fakeAddr, Shards: n, MaxConcurrency: min(n, 16),
			Guilds: f.guilds, MembersPerGuild: f.members,
			HeartbeatInterval: 5 * time.Second, // Discord's is 41.25 s; shorter shows latency sooner
		})
		if err != nil {
			return err
		}
		defer srv.Close()
		token, apiURL = srv.Token(), srv.URL()
		intents |= model.IntentGuildMembers | model.IntentGuildPresences
		// A new fake Discord knows none of the sessions of an earlier one.
		forgetSessions(backend, n)
		fmt.Fprintf(stdout, "gloam: no DISCORD_TOKEN; running against an embedded fake Discord at %s (%d shards, %d guilds)\n",
			srv.URL(), n, len(srv.World().Guilds()))
	}

	pb := newPingBot(log)
	opts := &core.Options{
		Intents: intents,
		Cache:   backend,
		Logger:  log,
		REST:    &rest.Options{BaseURL: apiURL},
	}
	if srv == nil {
		opts.Shards.Count = f.shards
	}
	bot := core.New(token, opts)
	pb.listen(bot)
	cb := newCommandBot(bot.REST(), log)
	// The interaction handlers' ctx ends answerGrace after Run returns.
	hctx, endHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer endHandlers()
	cb.listen(hctx, bot)

	var wg sync.WaitGroup
	defer wg.Wait()
	runCtx, stopAll := context.WithCancel(ctx)
	defer stopAll()
	ds, err := dash.start(runCtx, &wg, bot, srv, stdout, stderr)
	if err != nil {
		return err
	}
	if f.httpAddr != "" {
		mo := &prom.Options{Writes: writesOf(backend)}
		if ds != nil {
			mo.DashboardClients = ds.Clients
		}
		if err := serveHTTP(runCtx, &wg, f.httpAddr, bot, stdout, append(dashboards, metricsDashboard(mo))); err != nil {
			return err
		}
	}
	if f.commands {
		wg.Add(1)
		go func() { defer wg.Done(); cb.register(runCtx) }()
	}
	var fk *fakeDriver
	if srv != nil {
		fk = &fakeDriver{srv: srv, bot: bot, every: f.pingEvery, rate: f.stream}
		wg.Add(1)
		go func() { defer wg.Done(); fk.run(runCtx) }()
		if f.interact > 0 && f.commands {
			u := &demoUser{srv: srv, bot: bot, cb: cb, log: log}
			if testHookDemoUser != nil {
				testHookDemoUser(u)
			}
			wg.Add(1)
			go func() { defer wg.Done(); u.run(runCtx, f.interact) }()
		}
	}
	if f.progress > 0 {
		pr := &progress{w: stdout, bot: bot, pb: pb, cb: cb}
		wg.Add(1)
		go func() { defer wg.Done(); pr.run(runCtx, f.progress) }()
	}

	err = bot.Run(ctx)
	stopAll()
	wg.Wait()
	pb.wait()
	grace := time.AfterFunc(answerGrace, endHandlers)
	cb.wait()
	grace.Stop()
	st := bot.Cache().Stats()
	fmt.Fprintf(stdout, "gloam: stopped; %d pings answered; %s; cache: %d guilds, %d members, %d users, %d messages\n",
		pb.answered.Load(), cb.summary(), st.Guilds, st.Members, st.Users, st.Messages)
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return nil
	}
	switch {
	case errors.Is(err, core.ErrInvalidToken):
		return fmt.Errorf("%w (check DISCORD_TOKEN)", err)
	case errors.Is(err, gateway.ErrDisallowedIntents):
		return fmt.Errorf("%w (the ping bot reads messages: enable the Message Content intent of the application in the Developer Portal)", err)
	}
	return err
}

// openCache opens the cache a -cache flag names; with reset, it starts
// empty.
func openCache(spec string, reset bool, stdout io.Writer) (cache.Backend, func(), error) {
	switch {
	case spec == "memory":
		return memory.New(), func() {}, nil
	case strings.HasPrefix(spec, "bolt:") && len(spec) > len("bolt:"):
		path := spec[len("bolt:"):]
		b, err := bolt.Open(path, &bolt.Options{Reset: reset})
		var schema *bolt.SchemaError
		switch {
		case errors.Is(err, bolt.ErrLocked):
			return nil, nil, fmt.Errorf("cache %s is in use by another process (another gloam run?): %w", path, err)
		case errors.As(err, &schema), errors.Is(err, bolt.ErrCorrupt):
			return nil, nil, fmt.Errorf("cache %s: %w; run with -reset to discard it and start empty", path, err)
		case err != nil:
			return nil, nil, fmt.Errorf("cache %s: %w", path, err)
		}
		if reset {
			fmt.Fprintf(stdout, "gloam: -reset: the cache %s starts empty\n", path)
		}
		return b, func() { b.Close() }, nil
	}
	return nil, nil, usageError("-cache %q: want memory or bolt:PATH", spec)
}

// warnPlainHTTP warns when a real token is to be sent over plain HTTP.
func warnPlainHTTP(stderr io.Writer, apiURL string) {
	u, err := url.Parse(apiURL)
	if err != nil || !strings.EqualFold(u.Scheme, "http") {
		return
	}
	fmt.Fprintf(stderr, "gloam: WARNING: DISCORD_API_URL is plain http:// (%s): DISCORD_TOKEN is sent\n"+
		"gloam: WARNING: unencrypted, readable and reusable by anyone on the way; use https://\n", u.Host)
}

// forgetSessions clears the sessions of shards 0 to n-1.
func forgetSessions(b cache.Backend, n int) {
	c := cache.New(b, nil)
	for id := range n {
		if s, ok := c.Session(id); ok && s.ID != "" {
			c.SetSession(id, model.Session{})
		}
	}
}

// fakeDriver makes the embedded fake Discord lively: users say "!ping"
// now and then, and each shard gets a stream of everyday events.
type fakeDriver struct {
	srv   *discordtest.Server
	bot   *core.Bot
	every time.Duration
	rate  float64
}

func (d *fakeDriver) run(ctx context.Context) {
	// Wait for the shards to be connected.
	for !allConnected(d.bot) {
		if wait.Sleep(ctx, 50*time.Millisecond) != nil {
			return
		}
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	if d.rate > 0 {
		for _, h := range d.bot.Health().Shards {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					if _, err := d.srv.Stream(ctx, h.Shard, 0, d.rate); err != nil && ctx.Err() == nil {
						wait.Sleep(ctx, time.Second) // the shard is reconnecting
					}
				}
			}()
		}
	}
	if d.every <= 0 {
		<-ctx.Done()
		return
	}
	ss := spots(d.srv.World())
	if len(ss) == 0 {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(d.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s := ss[rand.IntN(len(ss))]
		d.srv.SendMessage(s.channel, s.users[rand.IntN(len(s.users))], "!ping")
	}
}

func allConnected(bot *core.Bot) bool {
	hs := bot.Health().Shards
	for _, h := range hs {
		if h.State != gateway.StateConnected {
			return false
		}
	}
	return len(hs) > 0
}

// progress prints a line about the bot every few seconds.
type progress struct {
	w   io.Writer
	bot *core.Bot
	pb  *pingBot
	cb  *commandBot

	last string
}

func (p *progress) run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	// Until every shard is connected, look more often, so that the moment
	// shows.
	fast := time.NewTicker(200 * time.Millisecond)
	defer fast.Stop()
	ready := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.print(true)
		case <-fast.C:
			if allConnected(p.bot) {
				if !ready {
					p.print(false)
				}
				ready = true
				fast.Stop()
			}
		}
	}
}

// print writes the progress line; unless always, only when it changed.
func (p *progress) print(always bool) {
	line := p.line()
	if !always && line == p.last {
		return
	}
	p.last = line
	fmt.Fprintln(p.w, line)
}

// line is the progress line, from the figures /metrics and the
// dashboard show too (core.Bot.Stats).
func (p *progress) line() string {
	stats := p.bot.Stats()
	hs := stats.Shards
	states := map[gateway.State]int{}
	reasons := map[string]int{}
	var rate float64
	var latency time.Duration
	reconnects, acked, waiting := 0, 0, 0
	for _, h := range hs {
		states[h.State]++
		rate += h.EventsPerSecond
		reconnects += h.Reconnects
		waiting += h.Queued
		for _, r := range h.ReconnectReasons {
			reasons[r.Reason] += r.Count
		}
		if h.State == gateway.StateConnected && h.Latency > 0 {
			latency += h.Latency
			acked++
		}
	}
	var b strings.Builder
	up := states[gateway.StateConnected]
	fmt.Fprintf(&b, "gloam: shards %d/%d connected", up, len(hs))
	if up < len(hs) {
		var parts []string
		for _, s := range []gateway.State{gateway.StateIdle, gateway.StateConnecting, gateway.StateIdentifying,
			gateway.StateResuming, gateway.StateWaiting, gateway.StateStopped} {
			if states[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", states[s], s))
			}
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	st := stats.Cache
	fmt.Fprintf(&b, " · %d guilds", st.Guilds)
	if n := p.pb.expected(); n > st.Guilds {
		fmt.Fprintf(&b, " (of %d)", n)
	}
	fmt.Fprintf(&b, ", %d members cached · %.1f events/s", st.Members, rate)
	if acked > 0 {
		fmt.Fprintf(&b, " · latency %v", (latency / time.Duration(acked)).Round(100*time.Microsecond))
	}
	if waiting > 0 {
		fmt.Fprintf(&b, " · %d events waiting", waiting)
	}
	if reconnects > 0 {
		var parts []string
		for _, r := range slices.Sorted(maps.Keys(reasons)) {
			parts = append(parts, fmt.Sprintf("%d %s", reasons[r], r))
		}
		fmt.Fprintf(&b, " · %d reconnects (%s)", reconnects, strings.Join(parts, ", "))
	}
	// The REST figures are gloam_rest_requests_total and
	// gloam_rest_rate_limited_total of /metrics.
	var requests, limited int64
	rs := stats.REST
	for _, r := range rs.Requests {
		requests += r.Count
	}
	for _, l := range rs.RateLimited {
		limited += l.Count
	}
	fmt.Fprintf(&b, " · %d REST requests", requests)
	if limited > 0 {
		fmt.Fprintf(&b, " (%d rate-limited)", limited)
	}
	fmt.Fprintf(&b, " · %s · %d pings answered", p.cb.summary(), p.pb.answered.Load())
	return b.String()
}

// A dashboard adds HTTP handlers about a running bot to mux; gloam run
// -http serves every one of dashboards. The browser dashboard plugs in
// here.
type dashboard func(bot *core.Bot, mux *http.ServeMux)

var dashboards = []dashboard{healthDashboard}

// serveHTTP serves ds on addr until ctx is done.
func serveHTTP(ctx context.Context, wg *sync.WaitGroup, addr string, bot *core.Bot, stdout io.Writer, ds []dashboard) error {
	mux := http.NewServeMux()
	for _, d := range ds {
		d(bot, mux)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("-http: %w", err)
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "gloam: serving health on http://%s/health\n", ln.Addr())
	fmt.Fprintf(stdout, "gloam: serving metrics on http://%s/metrics\n", ln.Addr())
	wg.Add(2)
	go func() { defer wg.Done(); hs.Serve(ln) }()
	go func() {
		defer wg.Done()
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	return nil
}
