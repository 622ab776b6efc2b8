package core_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

const intents = model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildMessages | model.IntentMessageContent

// fast are fake Discord options that keep tests quick: short heartbeats
// and identify windows. The server's identify window is far shorter than
// the bot's (see options): on a loaded machine an identify released by
// the queue may reach the server a few hundred milliseconds late, after
// the next one of its bucket, which Discord's 5 s window absorbs.
func fast(o discordtest.Options) *discordtest.Options {
	if o.HeartbeatInterval == 0 {
		o.HeartbeatInterval = time.Second
	}
	if o.IdentifyWindow == 0 {
		o.IdentifyWindow = 20 * time.Millisecond
	}
	if o.MembersPerGuild == 0 {
		o.MembersPerGuild = 4
	}
	return &o
}

// options are the bot's options against srv, with short backoffs and an
// identify window wider than the server's.
func options(srv *discordtest.Server) *core.Options {
	return &core.Options{
		Intents:        intents,
		IdentifyWindow: 500 * time.Millisecond,
		// The client counts the global limit when it sends, the server
		// when it receives; a margin absorbs the jitter of a loaded
		// machine between the two (100 ms was seen to fall short when
		// several test binaries share two cores).
		REST: &rest.Options{BaseURL: srv.URL(), GlobalPeriod: 1400 * time.Millisecond},
		Shard: &gateway.Options{
			BackoffBase:        10 * time.Millisecond,
			BackoffMax:         200 * time.Millisecond,
			InvalidSessionWait: func() time.Duration { return 20 * time.Millisecond },
			HelloTimeout:       5 * time.Second,
		},
	}
}

// pinger is the ping bot: it answers "!ping" with "Pong!" in reply.
func pinger(bot *core.Bot) {
	p, err := parser.New(&parser.Config{Prefixes: []string{"!"}, Commands: []string{"ping"}, IgnoreBots: true})
	if err != nil {
		panic(err)
	}
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		cmd, err := p.ParseEvent(ev.Event)
		if err != nil || cmd.Name != "ping" {
			return
		}
		msg := (&rest.MessageCreate{Content: "Pong!"}).Reply(m.ID())
		for ctx.Err() == nil {
			if _, err := ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), msg); err == nil {
				return
			}
		}
	})
}

// run starts bot.Run and returns a function that stops it and returns
// Run's error.
func run(bot *core.Bot) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	return func() error { cancel(); return <-done }
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func connected(bot *core.Bot, n int) func() bool {
	return func() bool {
		hs := bot.Health().Shards
		if len(hs) != n {
			return false
		}
		for _, h := range hs {
			if h.State != gateway.StateConnected {
				return false
			}
		}
		return true
	}
}

// target is a channel to ping in and a member to ping as.
type target struct {
	guild   model.GuildID
	channel model.ChannelID
	user    model.UserID
}

func targets(w *discordtest.World) []target {
	var out []target
	for _, g := range w.Guilds() {
		var tg target
		tg.guild = g.ID
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildText {
				tg.channel = c.ID
				break
			}
		}
		for _, m := range g.Members {
			if !m.User.Bot {
				tg.user = m.User.ID
				break
			}
		}
		if tg.channel != 0 && tg.user != 0 {
			out = append(out, tg)
		}
	}
	return out
}

// replies counts the bot's replies to each message.
func replies(srv *discordtest.Server, ts []target) map[model.MessageID]int {
	out := map[model.MessageID]int{}
	bot := srv.World().Bot().ID
	for _, tg := range ts {
		for _, m := range srv.Messages(tg.channel) {
			if m.Author.ID == bot && m.MessageReference != nil && m.Content == "Pong!" {
				out[m.MessageReference.MessageID]++
			}
		}
	}
	return out
}

func answered(srv *discordtest.Server, ts []target, pings []model.MessageID) func() bool {
	return func() bool {
		r := replies(srv, ts)
		for _, id := range pings {
			if r[id] == 0 {
				return false
			}
		}
		return true
	}
}

func shardOf(g model.GuildID, n int) int { return int((uint64(g) >> 22) % uint64(n)) }

func TestPingSixteenShardsWithFaults(t *testing.T) {
	is := is.New(t)
	const shards = 16
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: shards, MaxConcurrency: 4, Guilds: 40}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	pinger(bot)
	stop := run(bot)
	waitFor(t, "16 shards connected", connected(bot, shards))
	is.Equal(bot.Health().ShardCount, shards) // the recommended count

	ts := targets(srv.World())
	is.True(len(ts) >= 32) // guilds to ping in
	var pings []model.MessageID
	send := func(tg target, content string) {
		id, err := srv.SendMessage(tg.channel, tg.user, content)
		is.NoErr(err) // send a message
		pings = append(pings, id)
	}
	faults := []discordtest.Fault{
		discordtest.FaultReconnect{},
		discordtest.FaultInvalidSession{Resumable: true},
		discordtest.FaultDrop{},
		discordtest.FaultZombie{},
		discordtest.FaultRequestHeartbeat{},
		discordtest.FaultClose{Code: 4000},
	}
	for round := range 6 {
		for i, tg := range ts {
			send(tg, "!ping")
			if i%8 == 0 {
				srv.SendMessage(tg.channel, tg.user, "hello there") // not a command
			}
		}
		// Faults while the pings are in flight.
		for sh := round; sh < shards; sh += 3 {
			if err := srv.Fault(sh, faults[round]); err != nil && !errors.Is(err, discordtest.ErrNoConnection) {
				is.NoErr(err) // inject a fault
			}
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A session that cannot be resumed: the shard identifies again, and
	// pings after its new READY are answered.
	victim := shardOf(ts[0].guild, shards)
	before := bot.Health().Shards[victim].Identifies
	is.NoErr(srv.Fault(victim, discordtest.FaultInvalidSession{Resumable: false}))
	waitFor(t, "a new session", func() bool {
		h := bot.Health().Shards[victim]
		return h.Identifies > before && h.State == gateway.StateConnected
	})
	for _, tg := range ts {
		if shardOf(tg.guild, shards) == victim {
			send(tg, "!ping")
		}
	}

	waitFor(t, "every ping answered", answered(srv, ts, pings))
	is.True(errors.Is(stop(), context.Canceled)) // Run ends with ctx's error
	r := replies(srv, ts)
	for _, id := range pings {
		if r[id] != 1 {
			t.Errorf("ping %d answered %d times", id, r[id])
		}
	}
	st := srv.Stats()
	is.Equal(st.Gateway.IdentifyConcurrencyViolations, 0) // identify concurrency violations
	t.Logf("REST: %+v", st.REST)
	// A route's bucket is counted on one clock: the client learns a
	// window's reset from the answer, after the server set it, so no
	// request within what the client knows is refused. The global limit
	// is counted by the client when it sends and by the server when it
	// receives; a request held up longer than the margin of options (by
	// the scheduler of a loaded machine) may be refused and is sent again
	// after retry_after, as every ping's one reply above shows.
	is.Equal(st.REST.AvoidableRateLimited-st.REST.GlobalRateLimited, 0) // avoidable 429s of a route's bucket
	is.Equal(len(st.Gateway.Panics), 0)                                 // fake Discord panics
	is.True(st.Gateway.Resumes > 0)                                     // the faults were resumed
	g := bot.Cache().Stats()
	is.Equal(g.Guilds, len(srv.World().Guilds())) // every guild cached
}

func TestRestartResumesFromTheCache(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 4, MaxConcurrency: 2, Guilds: 8}))
	defer srv.Close()
	backend := memory.New() // stands for a file that survives the process
	keep := true
	ts := targets(srv.World())

	o := options(srv)
	o.Cache, o.KeepSessions = backend, &keep
	bot := core.New(srv.Token(), o)
	pinger(bot)
	stop := run(bot)
	waitFor(t, "4 shards connected", connected(bot, 4))
	id, err := srv.SendMessage(ts[0].channel, ts[0].user, "!ping")
	is.NoErr(err)
	waitFor(t, "a ping answered", answered(srv, ts, []model.MessageID{id}))
	is.True(errors.Is(stop(), context.Canceled))
	cached := bot.Cache().Stats()
	identifies := srv.Stats().Gateway.Identifies
	is.Equal(identifies, 4) // one identify per shard

	// While the bot is down.
	var pings []model.MessageID
	for _, tg := range ts {
		id, err := srv.SendMessage(tg.channel, tg.user, "!ping")
		is.NoErr(err)
		pings = append(pings, id)
	}

	o2 := options(srv)
	o2.Cache, o2.KeepSessions = backend, &keep
	bot2 := core.New(srv.Token(), o2)
	pinger(bot2)
	stop = run(bot2)
	waitFor(t, "4 shards resumed", connected(bot2, 4))
	waitFor(t, "pings sent while down answered", answered(srv, ts, pings))
	is.True(errors.Is(stop(), context.Canceled))
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, identifies) // no new identify
	is.True(st.Resumes >= 4)            // every shard resumed
	for _, h := range bot2.Health().Shards {
		is.Equal(h.Identifies, 0) // the shard resumed
		is.True(h.Resumes >= 1)
	}
	is.Equal(bot2.Cache().Stats().Guilds, cached.Guilds)   // the cache held its guilds
	is.Equal(bot2.Cache().Stats().Members, cached.Members) // and its members
	is.True(len(backend.Blob("core.rest-limiter")) > 0)    // the REST limiter state was stored
}

func TestReshard(t *testing.T) {
	t.Run("sharding required on a running bot", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(fast(discordtest.Options{Shards: 2, Guilds: 6}))
		defer srv.Close()
		bot := core.New(srv.Token(), options(srv))
		stop := run(bot)
		waitFor(t, "2 shards connected", connected(bot, 2))
		waitFor(t, "guilds cached", func() bool { return bot.Cache().Stats().Guilds == 6 })
		is.NoErr(srv.Fault(1, discordtest.FaultClose{Code: 4011}))
		waitFor(t, "a reshard", func() bool { return bot.Health().Reshards == 1 })
		is.Equal(bot.Cache().Stats().Guilds, 6) // the cache is kept
		waitFor(t, "2 shards connected again", connected(bot, 2))
		is.True(errors.Is(stop(), context.Canceled))
		is.Equal(srv.Stats().Gateway.Identifies, 4) // every shard identified again
	})
	t.Run("a fixed count too small", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(fast(discordtest.Options{Shards: 4, RequireShards: 4, Guilds: 6}))
		defer srv.Close()
		o := options(srv)
		o.Shards.Count = 2
		bot := core.New(srv.Token(), o)
		stop := run(bot)
		waitFor(t, "4 shards connected", connected(bot, 4))
		is.Equal(bot.Health().ShardCount, 4) // the recommended count after 4011
		is.Equal(bot.Health().Reshards, 1)
		waitFor(t, "guilds cached", func() bool { return bot.Cache().Stats().Guilds == 6 })
		is.True(errors.Is(stop(), context.Canceled))
	})
}

func TestReshardGivesUp(t *testing.T) {
	is := is.New(t)
	// The fake recommends fewer shards than it requires.
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 2, RequireShards: 4}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	err := bot.Run(context.Background())
	is.True(errors.Is(err, gateway.ErrShardingRequired)) // Run gives up
	is.True(bot.Health().Reshards >= 3)
	t.Log(err)
}

// redirect dials another server than the one the URL names.
type redirect struct {
	from, to string
	d        transport.WebSocketDialer
}

func (r *redirect) Dial(ctx context.Context, url string) (transport.Conn, error) {
	return r.d.Dial(ctx, strings.Replace(url, r.from, r.to, 1))
}

func TestBadToken(t *testing.T) {
	t.Run("401 from /gateway/bot", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(fast(discordtest.Options{}))
		defer srv.Close()
		bot := core.New("not-the-token", options(srv))
		err := bot.Run(context.Background())
		is.True(errors.Is(err, core.ErrInvalidToken)) // the token was rejected
		is.Equal(srv.Stats().Gateway.Connections, 0)  // the gateway was not tried
	})
	t.Run("4004 on the gateway", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(fast(discordtest.Options{Shards: 2}))
		defer srv.Close()
		other := discordtest.NewServer(fast(discordtest.Options{Token: "another-token"}))
		defer other.Close()
		o := options(srv)
		o.Shard.Dialer = &redirect{from: srv.Addr(), to: other.Addr()}
		bot := core.New(srv.Token(), o)
		err := bot.Run(context.Background())
		is.True(errors.Is(err, core.ErrInvalidToken))            // the token was rejected
		is.True(errors.Is(err, gateway.ErrAuthenticationFailed)) // with 4004
		var se *core.ShardError
		is.True(errors.As(err, &se)) // a shard's error
		t.Log(err)
	})
}

func TestSessionStartLimitIsNeverBurnt(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 4, SessionStartLimit: 2}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	stop := run(bot)
	waitFor(t, "two sessions", func() bool { return srv.Stats().Gateway.Identifies == 2 })
	time.Sleep(400 * time.Millisecond) // the other two must wait for the reset, a day away
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 2)             // only the sessions left
	is.Equal(st.AuthenticationFailed, 0)   // no identify past the limit
	is.Equal(st.CloseCodesSent[4004], 0)   // no token reset
	is.Equal(st.SessionStartsRemaining, 0) // all used, none burnt
	waiting := 0
	for _, h := range bot.Health().Shards {
		if h.State != gateway.StateConnected {
			waiting++
		}
	}
	is.Equal(waiting, 2) // two shards wait for a turn (in the identify queue, or started a window before it)
	is.True(errors.Is(stop(), context.Canceled))
}

func TestShardRange(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 6, Guilds: 12}))
	defer srv.Close()
	var mu sync.Mutex
	seen := map[int]bool{}
	o := options(srv)
	o.Shards = core.Shards{Count: 6, From: 2, To: 5}
	bot := core.New(srv.Token(), o)
	bot.Listen(func(_ context.Context, ev core.Event) {
		mu.Lock()
		seen[ev.Shard] = true
		mu.Unlock()
	}, model.EventReady)
	stop := run(bot)
	waitFor(t, "3 shards connected", connected(bot, 3))
	is.True(errors.Is(stop(), context.Canceled))
	mu.Lock()
	defer mu.Unlock()
	is.Equal(len(seen), 3) // events of shards 2, 3 and 4 only
	is.True(seen[2] && seen[3] && seen[4])
	is.True(bot.Shard(1) == nil) // not run here
	is.True(bot.Shard(4) != nil)
	for _, g := range srv.World().GuildIDs() {
		sh := bot.ShardFor(g)
		if n := shardOf(g, 6); n >= 2 && n < 5 {
			is.True(sh != nil && sh.ID() == n) // the guild's shard
		} else {
			is.True(sh == nil)
		}
	}
}

func TestRunTwice(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	is.Equal(bot.Run(context.Background()), core.ErrRunning) // one Run at a time
	is.True(errors.Is(stop(), context.Canceled))
	is.Equal(len(bot.Health().Shards), 1)
}

func TestCompression(t *testing.T) {
	for _, c := range []gateway.Compression{gateway.ZlibStream, gateway.ZstdStream, gateway.NoCompression} {
		t.Run(string(c), func(t *testing.T) {
			is := is.New(t)
			srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 3}))
			defer srv.Close()
			o := options(srv)
			o.Shard.Compression = c
			bot := core.New(srv.Token(), o)
			stop := run(bot)
			waitFor(t, "guilds cached", func() bool { return bot.Cache().Stats().Guilds == 3 })
			is.True(errors.Is(stop(), context.Canceled))
			is.True(bot.Health().Shards[0].Events > 0) // events were counted
		})
	}
}
