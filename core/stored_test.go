//go:build !js

package core_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// syncBuffer is a log destination shared by the bot's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The sessions, limiter state and identify budget in a cache file belong
// to the bot that wrote them: a bot with another token (or API) in the
// same file identifies afresh and never dials the other's resume URL.
func TestStoredStateIsBoundToItsBot(t *testing.T) {
	is := is.New(t)
	path := filepath.Join(t.TempDir(), "gloam.db")
	demo := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer demo.Close()
	real := discordtest.NewServer(fast(discordtest.Options{Guilds: 2, Token: "the-real-token"}))
	defer real.Close()

	// The demo runs on the fake and leaves a resumable session behind.
	backend, err := bolt.Open(path, nil)
	is.NoErr(err)
	o := options(demo)
	o.Cache = backend
	bot := core.New(demo.Token(), o)
	pinger(bot)
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	ts := targets(demo.World())
	id, err := demo.SendMessage(ts[0].channel, ts[0].user, "!ping")
	is.NoErr(err)
	waitFor(t, "a ping answered", answered(demo, ts, []model.MessageID{id}))
	is.True(errors.Is(stop(), context.Canceled))
	is.NoErr(backend.Close())
	demoConns := demo.Stats().Gateway.Connections

	backend, err = bolt.Open(path, nil)
	is.NoErr(err)
	defer backend.Close()
	s, ok := backend.Session(0)
	is.True(ok && s.ID != "") // the demo's session is stored
	is.True(strings.Contains(s.ResumeURL, demo.Addr()))

	// The same bot again would take its limiter state back.
	o = options(demo)
	o.Cache = backend
	again := core.New(demo.Token(), o)
	is.True(len(again.REST().Limiter().State().Routes) > 0) // the demo's own state is restored

	// Another token in the same file.
	var logs syncBuffer
	o = options(real)
	o.Cache = backend
	o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	other := core.New(real.Token(), o)
	is.Equal(len(other.REST().Limiter().State().Routes), 0) // the demo's limiter state is not taken
	stop = run(other)
	waitFor(t, "connected", connected(other, 1))
	is.True(errors.Is(stop(), context.Canceled))

	is.Equal(demo.Stats().Gateway.Connections, demoConns) // the demo's address was never dialled
	st := real.Stats().Gateway
	is.Equal(st.Identifies, 1) // a new session
	is.Equal(st.Resumes, 0)
	is.True(strings.Contains(logs.String(), "dropping the stored sessions")) // the drop is logged
	is.True(strings.Contains(logs.String(), "another API"))                  // with its reason
	is.True(strings.Contains(logs.String(), "another bot's records"))        // and the records left are named
	is.True(!strings.Contains(logs.String(), real.Token()))                  // never the token
	s, _ = backend.Session(0)
	is.True(!strings.Contains(s.ResumeURL, demo.Addr())) // the stored session is the real one's

	// A token Discord refuses changes nothing stored.
	logs.mu.Lock()
	logs.b.Reset()
	logs.mu.Unlock()
	o = options(real)
	o.Cache = backend
	o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	typo := core.New("not-the-token", o)
	is.True(errors.Is(typo.Run(context.Background()), core.ErrInvalidToken))
	is.True(!strings.Contains(logs.String(), "dropping")) // nothing dropped
	kept, _ := backend.Session(0)
	is.Equal(kept, s) // the real bot's session is still there
}

// A GET /gateway/bot answer no Discord would give ends Run with a
// *GatewayBotError before anything is dialled or allocated for it.
func TestGatewayBotIsBounded(t *testing.T) {
	for _, c := range []struct{ name, body, field string }{
		{"no shards", `{"url":"wss://gateway.discord.gg","shards":0,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, "shards"},
		{"negative shards", `{"url":"wss://gateway.discord.gg","shards":-4,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, "shards"},
		{"absurd shards", `{"url":"wss://gateway.discord.gg","shards":2000000000,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, "shards"},
		{"no concurrency", `{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":0}}`, "max_concurrency"},
		{"not a websocket", `{"url":"http://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`, "url"},
	} {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, c.body)
			}))
			defer hostile.Close()
			bot := core.New("token", &core.Options{REST: &rest.Options{BaseURL: hostile.URL}})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := bot.Run(ctx)
			var ge *core.GatewayBotError
			is.True(errors.As(err, &ge)) // a typed error
			is.Equal(ge.Field, c.field)
			is.Equal(len(bot.Health().Shards), 0) // no shard was made
			t.Log(err)
		})
	}
}

// A stored resume URL on another host than the gateway URL of GET
// /gateway/bot is never dialled: the shards know the gateway URL and
// resume there instead.
func TestStoredResumeURLIsChecked(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	elsewhere := discordtest.NewServer(fast(discordtest.Options{}))
	defer elsewhere.Close()
	backend := memory.New()
	keep := true
	o := options(srv)
	o.Cache, o.KeepSessions = backend, &keep
	bot := core.New(srv.Token(), o)
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	is.True(errors.Is(stop(), context.Canceled))

	s, ok := backend.Session(0)
	is.True(ok && s.ID != "")
	_, port, err := net.SplitHostPort(elsewhere.Addr())
	is.NoErr(err)
	s.ResumeURL = "ws://localhost:" + port + "/gateway" // another host
	is.NoErr(backend.Update(func(tx cache.Tx) error { tx.SetSession(0, s); return nil }))

	bot = core.New(srv.Token(), o)
	stop = run(bot)
	waitFor(t, "connected", connected(bot, 1))
	is.True(errors.Is(stop(), context.Canceled))
	is.Equal(elsewhere.Stats().Gateway.Connections, 0) // never dialled
	is.Equal(srv.Stats().Gateway.Identifies, 1)        // the session was resumed
	is.True(srv.Stats().Gateway.Resumes >= 1)          // on the gateway URL
}
