//go:build !js

package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/dashboard"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

func fake(t *testing.T) *discordtest.Server {
	srv := discordtest.NewServer(&discordtest.Options{
		Shards: 2, MaxConcurrency: 2, Guilds: 4, MembersPerGuild: 8, Seed: 3,
		HeartbeatInterval: 300 * time.Millisecond, IdentifyWindow: 20 * time.Millisecond,
	})
	t.Cleanup(srv.Close)
	return srv
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRelay runs the page's relay natively against a bot's dashboard: the
// page's cache ends equal to the bot's, live events arrive, and when the
// dashboard drops it, the page reconnects and loads a fresh snapshot.
func TestRelay(t *testing.T) {
	is := is.New(t)
	srv := fake(t)
	var cur atomic.Pointer[dashboard.Server]
	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildPresences |
			model.IntentGuildMessages | model.IntentMessageContent,
		REST:           &rest.Options{BaseURL: srv.URL()},
		IdentifyWindow: 300 * time.Millisecond,
		Shard:          &gateway.Options{BackoffBase: 10 * time.Millisecond, BackoffMax: 200 * time.Millisecond},
	})
	bot.Listen(func(ctx context.Context, ev core.Event) { cur.Load().Publish(ev) })
	cur.Store(dashboard.New(bot, &dashboard.Options{Key: "k"}))
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { cur.Load().ServeHTTP(w, r) }))
	defer hs.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 2)
	go func() { done <- bot.Run(ctx) }()
	want := len(srv.World().Guilds())
	waitFor(t, "the bot", func() bool {
		n := 0
		for g := range bot.Cache().Guilds() {
			if !g.Unavailable {
				n++
			}
		}
		return n == want && len(bot.Health().Shards) == 2
	})

	st := newState()
	r := &relay{url: "ws" + strings.TrimPrefix(hs.URL, "http") + "/feed", key: "k", dialer: &transport.WebSocketDialer{}, st: st,
		base: 20 * time.Millisecond, most: 100 * time.Millisecond}
	go func() { done <- r.run(ctx) }()
	waitFor(t, "the snapshot", func() bool { v := st.view(); return v.conn == connLive && len(v.shards) == 2 })
	v := st.view()
	rows, _ := guildRows(&v)
	is.Equal(len(rows), want) // every guild
	for _, row := range rows {
		wg, _ := srv.World().Guild(row.g.ID)
		is.Equal(row.members, len(wg.Members))   // members as in the world
		is.Equal(row.channels, len(wg.Channels)) // channels
		is.Equal(row.roles, len(wg.Roles))       // roles
	}

	g := srv.World().Guilds()[0]
	var ch model.ChannelID
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText {
			ch = c.ID
			break
		}
	}
	_, err := srv.SendMessage(ch, g.Members[1].User.ID, "over the relay")
	is.NoErr(err)
	waitFor(t, "the live event", func() bool {
		for _, e := range st.view().feed {
			if e.Type == "MESSAGE_CREATE" && strings.HasSuffix(e.Text, "over the relay") {
				return true
			}
		}
		return false
	})

	// The dashboard goes; a new one comes: the page reconnects.
	old := cur.Load()
	cur.Store(dashboard.New(bot, &dashboard.Options{Key: "k"}))
	old.Close()
	waitFor(t, "the disconnect", func() bool { return old.Clients() == 0 })
	waitFor(t, "the reconnect", func() bool { return st.view().conn == connLive && cur.Load().Clients() == 1 })
	is.Equal(st.cache().Stats().Guilds, want) // a fresh snapshot

	cancel()
	for range 2 {
		err := <-done
		is.True(err == nil || errors.Is(err, context.Canceled)) // both stop
	}
}

// TestRelayRefused stops when the feed refuses the key (the right key in
// the query string is no key).
func TestRelayRefused(t *testing.T) {
	is := is.New(t)
	is.Equal(closeUnauthorized, dashboard.CloseUnauthorized) // the page knows the code
	d := dashboard.New(nil, &dashboard.Options{Key: "right"})
	hs := httptest.NewServer(d)
	defer hs.Close()
	st := newState()
	r := &relay{url: "ws" + strings.TrimPrefix(hs.URL, "http") + "/feed?key=right", key: "wrong", dialer: &transport.WebSocketDialer{}, st: st}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	is.Equal(r.run(ctx), errRefused)      // it gives up
	is.Equal(st.view().conn, connRefused) // and says why
}

// TestDirect runs a shard the way the page's direct mode does, against a
// fake Discord: its guilds land in the page's cache.
func TestDirect(t *testing.T) {
	is := is.New(t)
	srv := fake(t)
	st := newState()
	d := &direct{url: srv.GatewayURL(), token: srv.Token(), shard: 1, count: 2, dialer: &transport.WebSocketDialer{}, st: st}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.run(ctx) }()
	mine := 0
	for _, g := range srv.World().Guilds() {
		if (uint64(g.ID)>>22)%2 == 1 {
			mine++
		}
	}
	waitFor(t, "the shard's guilds", func() bool {
		v := st.view()
		n := 0
		for g := range v.c.Guilds() {
			if !g.Unavailable {
				n++
			}
		}
		return v.conn == connLive && n == mine && len(v.shards) == 1 && v.shards[0].State == "connected"
	})
	v := st.view()
	is.Equal(v.mode, "direct")
	is.True(len(v.feed) > 0) // READY and GUILD_CREATE are listed: the page is the bot
	cancel()
	is.True(errors.Is(<-done, context.Canceled))
}
