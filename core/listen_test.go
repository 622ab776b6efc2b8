package core_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// say sends content as a user of the fake world in its first text channel
// and returns the message's ID.
func say(t *testing.T, srv *discordtest.Server, content string) model.MessageID {
	t.Helper()
	tg := targets(srv.World())[0]
	id, err := srv.SendMessage(tg.channel, tg.user, content)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTypedListeners(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))

	var mu sync.Mutex
	var order []string
	note := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	var other atomic.Int64 // events of other types seen by MESSAGE_CREATE listeners
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		if ev.Type != model.EventMessageCreate {
			other.Add(1)
		}
		is.True(ev.Bot == bot) // the listener reaches the bot through ev
		note("view:" + m.Content())
	})
	core.On(bot, func(ctx context.Context, ev core.Event, m *model.MessageCreate) {
		note("struct:" + m.Content)
	})
	var guilds atomic.Int64
	core.On(bot, func(ctx context.Context, ev core.Event, g model.GuildCreateView) { guilds.Add(1) })
	removed := 0
	remove := core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) { removed++ })
	remove()
	remove() // twice is harmless

	bot.Use(func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			if ev.Type == model.EventMessageCreate {
				note("outer")
			}
			next(ctx, ev)
		}
	}, func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			if ev.Type == model.EventMessageCreate {
				note("inner")
			}
			next(ctx, ev)
		}
	})

	stop := run(bot)
	waitFor(t, "guilds", func() bool { return guilds.Load() == 2 })
	say(t, srv, "one")
	say(t, srv, "two")
	waitFor(t, "two messages", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(order) == 8
	})
	is.True(errors.Is(stop(), context.Canceled))
	mu.Lock()
	defer mu.Unlock()
	// Middleware outermost first; listeners in registration order; events in order.
	is.Equal(strings.Join(order, " "), "outer inner view:one struct:one outer inner view:two struct:two")
	is.Equal(other.Load(), int64(0)) // only MESSAGE_CREATE reached them
	is.Equal(removed, 0)             // a removed listener gets nothing
}

func TestEventsStream(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 2, Guilds: 4}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := bot.Events(ctx, model.EventReady, model.EventMessageCreate)
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	ready := map[int]bool{}
	var got []string
	for ev := range events {
		switch ev.Type {
		case model.EventReady:
			ready[ev.Shard] = true
			if len(ready) == 2 {
				say(t, srv, "a")
				say(t, srv, "b")
			}
		case model.EventMessageCreate:
			got = append(got, ev.Get("content").Str)
		default:
			t.Errorf("an event of a type not asked for: %s", ev.Name())
		}
		if len(got) == 2 {
			break
		}
	}
	is.Equal(strings.Join(got, ","), "a,b") // in order, nothing else
	say(t, srv, "c")                        // the loop is gone: nothing waits for it
	waitFor(t, "the message applied", func() bool {
		n := 0
		for range bot.Cache().Messages(targets(srv.World())[0].channel) {
			n++
		}
		return n == 3
	})
	cancel()
	is.True(errors.Is(<-done, context.Canceled))
}

// A listener that replies after Run's ctx is done still gets its reply
// through: its ctx stays valid for the stop grace, and Run waits for it.
func TestGracefulStop(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	o := options(srv)
	o.StopGrace = 5 * time.Second
	bot := core.New(srv.Token(), o)
	started := make(chan struct{})
	release := make(chan struct{})
	var replied atomic.Bool
	var after atomic.Int64 // messages delivered after the stop began
	var stopping atomic.Bool
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		if m.Author().Bot() {
			return
		}
		if stopping.Load() {
			after.Add(1)
		}
		if m.Content() != "slow" {
			return
		}
		close(started)
		<-release // Run's ctx is done by now
		_, err := ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "late reply"})
		is.NoErr(err) // the reply is not cancelled
		replied.Store(err == nil)
	})
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	say(t, srv, "slow")
	<-started
	stopping.Store(true)
	runErr := make(chan error, 1)
	go func() { runErr <- stop() }()
	time.Sleep(100 * time.Millisecond) // the stop has begun
	say(t, srv, "read after the stop began")
	select {
	case <-runErr:
		t.Fatal("Run returned while a listener was running")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	is.True(errors.Is(<-runErr, context.Canceled))
	is.True(replied.Load()) // the reply went through
	found := false
	for _, m := range srv.Messages(targets(srv.World())[0].channel) {
		found = found || m.Content == "late reply"
	}
	is.True(found)                   // and reached Discord
	is.Equal(after.Load(), int64(0)) // nothing read after the stop began was handed over
}

func TestBotNeverPrintsItsToken(t *testing.T) {
	is := is.New(t)
	const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-token-value"
	bot := core.New(token, &core.Options{Logger: slog.New(slog.DiscardHandler)})
	ev := core.Event{Shard: 1, Bot: bot}
	for _, s := range []string{
		fmt.Sprintf("%v", bot), fmt.Sprintf("%+v", bot), fmt.Sprintf("%#v", bot), fmt.Sprintf("%s", bot),
		fmt.Sprintf("%+v", ev), fmt.Sprintf("%#v", ev),
	} {
		is.True(!strings.Contains(s, "secret-token")) // fmt never shows the token
	}
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("x", "bot", bot, "event", ev)
	log.Info("y", slog.Any("bot", bot))
	is.True(!strings.Contains(buf.String(), "secret-token")) // nor does slog
	js, err := json.Marshal(bot)
	is.NoErr(err)
	is.True(!strings.Contains(string(js), "secret-token")) // nor JSON
}

func TestHealthJSON(t *testing.T) {
	is := is.New(t)
	h := core.ShardHealth{Shard: 3, Events: 10, EventsPerSecond: 2.5, Queued: 1, Wait: 1500 * time.Microsecond}
	h.LastError = errors.New("gone")
	h.Latency = 42 * time.Millisecond
	b, err := json.Marshal(core.Health{ShardCount: 4, Shards: []core.ShardHealth{h}})
	is.NoErr(err)
	is.True(strings.Contains(string(b), `"shard_count":4`))
	is.True(strings.Contains(string(b), `"latency_ms":42`))
	is.True(strings.Contains(string(b), `"wait_ms":1.5`))
	is.True(strings.Contains(string(b), `"state":"idle"`))
	var back core.Health
	is.NoErr(json.Unmarshal(b, &back))
	is.Equal(back.Shards[0].Latency, h.Latency)
	is.Equal(back.Shards[0].Wait, h.Wait)
	is.Equal(back.Shards[0].LastError.Error(), "gone")
	is.Equal(back.Shards[0].Events, h.Events)
}

// A listener that waits on its ctx does not keep Run from returning when
// a shard fails: the stop grace ends its ctx.
func TestStopGraceAfterAShardFails(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	o := options(srv)
	o.StopGrace = 200 * time.Millisecond
	bot := core.New(srv.Token(), o)
	waiting := make(chan struct{})
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		close(waiting)
		<-ctx.Done() // until the grace runs out
	})
	done := make(chan error, 1)
	go func() { done <- bot.Run(context.Background()) }()
	waitFor(t, "connected", connected(bot, 1))
	say(t, srv, "hold on")
	<-waiting
	is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: 4014})) // disallowed intents: fatal
	select {
	case err := <-done:
		var se *core.ShardError
		is.True(errors.As(err, &se)) // the shard's error
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return")
	}
}

// FuzzShardHealthJSON reads shard health as a browser may receive it: no
// input panics, and what decodes encodes back to the same health.
func FuzzShardHealthJSON(f *testing.F) {
	f.Add([]byte(`{"shard":3,"state":"connected","latency_ms":42.5,"reconnects":1,"identifies":1,"resumes":2,"duplicates":0,"events":10,"events_per_second":2.5,"queued":1,"wait_ms":1.5,"max_wait_ms":9,"bad_events":0,"last_error":"gone"}`))
	f.Add([]byte(`{"state":"no such state","latency_ms":-1e308}`))
	f.Add([]byte(`{"connects":3,"reconnects":2,"disconnects":{"reconnect":1},"close_codes":{"4000":1,"x":2},"reconnect_reasons":{"close":1,"reconnect":1}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var h core.ShardHealth
		if json.Unmarshal(data, &h) != nil {
			return
		}
		b, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var back core.ShardHealth
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("%s != %s", b, b2)
		}
	})
}
