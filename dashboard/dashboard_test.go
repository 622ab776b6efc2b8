//go:build !js

package dashboard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
	"github.com/tidwall/gjson"
)

// fixture is a bot on a fake Discord with its dashboard on a test server.
type fixture struct {
	srv  *discordtest.Server
	bot  *core.Bot
	dash *Server
	http *httptest.Server
	stop func()
}

func start(t *testing.T, o *Options) *fixture {
	t.Helper()
	is := is.New(t)
	f := &fixture{srv: discordtest.NewServer(&discordtest.Options{
		Shards: 2, MaxConcurrency: 2, Guilds: 4, MembersPerGuild: 12, Seed: 7,
		HeartbeatInterval: 300 * time.Millisecond, IdentifyWindow: 20 * time.Millisecond,
	})}
	f.bot = core.New(f.srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildPresences |
			model.IntentGuildMessages | model.IntentMessageContent | model.IntentGuildVoiceStates,
		REST:           &rest.Options{BaseURL: f.srv.URL()},
		IdentifyWindow: 300 * time.Millisecond,
		Shard:          &gateway.Options{BackoffBase: 10 * time.Millisecond, BackoffMax: 200 * time.Millisecond},
	})
	f.dash = New(f.bot, o)
	f.bot.Listen(func(ctx context.Context, ev core.Event) { f.dash.Publish(ev) })
	f.dash.SetApp(&App{Wasm: []byte("\x00asm fake"), ExecJS: []byte("// exec")}, nil)
	f.http = httptest.NewServer(f.dash)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.bot.Run(ctx) }()
	f.stop = func() {
		cancel()
		<-done
		f.dash.Close()
		f.http.Close()
		f.srv.Close()
	}
	t.Cleanup(f.stop)
	deadline := time.Now().Add(30 * time.Second)
	for !f.ready() {
		is.True(time.Now().Before(deadline)) // every shard connected and every guild loaded
		time.Sleep(20 * time.Millisecond)
	}
	return f
}

func (f *fixture) ready() bool {
	hs := f.bot.Health().Shards
	for _, h := range hs {
		if h.State != gateway.StateConnected {
			return false
		}
	}
	if len(hs) == 0 {
		return false
	}
	n := 0
	for g := range f.bot.Cache().Guilds() {
		if g.Unavailable {
			return false
		}
		n++
	}
	return n == len(f.srv.World().Guilds())
}

func (f *fixture) feedURL() string {
	return "ws" + strings.TrimPrefix(f.http.URL, "http") + "/feed"
}

// dialKey opens the feed and sends key as a browser does, in the first
// message.
func dialKey(ctx context.Context, url, key string) (transport.Conn, error) {
	conn, err := (&transport.WebSocketDialer{}).Dial(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := conn.Write(ctx, transport.Text, []byte(`{"key":"`+key+`"}`)); err != nil {
		conn.Close(1000, "")
		return nil, err
	}
	return conn, nil
}

// reader reads a feed into a cache of its own, as the browser app does.
type reader struct {
	conn   transport.Conn
	c      *cache.Cache
	health map[int]string
	stats  gjson.Result // d of the last TypeStats message
	synced bool
	types  []string
	shards []int
}

func dialFeed(t *testing.T, f *fixture) *reader {
	t.Helper()
	is := is.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := dialKey(ctx, f.feedURL(), f.dash.Key())
	is.NoErr(err) // dial the feed
	t.Cleanup(func() { conn.Close(1000, "") })
	return &reader{conn: conn, c: cache.New(memory.New(), nil), health: map[int]string{}}
}

// next reads and applies one message.
func (r *reader) next(ctx context.Context) (model.Event, error) {
	_, p, err := r.conn.Read(ctx)
	if err != nil {
		return model.Event{}, err
	}
	ev, err := model.ParseEvent(p)
	if err != nil {
		return model.Event{}, err
	}
	shard := int(gjsonInt(ev.Raw(), "shard"))
	switch ev.Name() {
	case TypeHealth:
		r.health[shard] = ev.Get("state").Str
	case TypeStats:
		r.stats = gjson.Parse(ev.Data())
	case TypeSnapshotEnd:
		r.synced = true
	default:
		r.types = append(r.types, ev.Name())
		r.shards = append(r.shards, shard)
	}
	return ev, r.c.Apply(shard, ev)
}

func (r *reader) sync(t *testing.T) {
	t.Helper()
	is := is.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for !r.synced {
		_, err := r.next(ctx)
		is.NoErr(err) // read the snapshot
	}
}

// same checks that got holds what want holds.
func same(t *testing.T, want, got *cache.Cache) {
	t.Helper()
	is := is.New(t)
	ws, gs := want.Stats(), got.Stats()
	ws.Bytes, gs.Bytes, ws.Messages, gs.Messages = 0, 0, 0, 0
	is.Equal(ws, gs) // the same counts
	wu, _ := want.CurrentUser()
	gu, _ := got.CurrentUser()
	wu.Guilds, gu.Guilds = 0, 0
	is.Equal(wu, gu) // the current user
	str := func(v any) string { return fmt.Sprintf("%+v", v) }
	for g := range want.Guilds() {
		og, ok := got.Guild(g.ID)
		is.True(ok)                                           // the guild is there
		is.Equal(str(g), str(og))                             // the guild's fields
		is.Equal(want.GuildStats(g.ID), got.GuildStats(g.ID)) // the guild's counts
		for r := range want.Roles(g.ID) {
			or, _ := got.Role(g.ID, r.ID)
			is.Equal(str(r), str(or)) // a role
		}
		for _, it := range []func(model.GuildID) func(func(cache.Channel) bool){
			func(id model.GuildID) func(func(cache.Channel) bool) { return want.Channels(id) },
			func(id model.GuildID) func(func(cache.Channel) bool) { return want.Threads(id) },
		} {
			for c := range it(g.ID) {
				oc, _ := got.Channel(c.ID)
				is.Equal(str(c), str(oc)) // a channel or thread
			}
		}
		for m, u := range want.MemberUsers(g.ID) {
			om, _ := got.Member(g.ID, m.UserID)
			ou, _ := got.User(m.UserID)
			is.Equal(str(m), str(om)) // a member
			is.Equal(str(u), str(ou)) // its user
		}
		for p := range want.Presences(g.ID) {
			op, _ := got.Presence(g.ID, p.UserID)
			is.Equal(str(p), str(op)) // a presence
		}
		for v := range want.VoiceStates(g.ID) {
			ov, _ := got.VoiceState(g.ID, v.UserID)
			is.Equal(ov.SessionID, "") // the feed carries no session id
			v.SessionID = ""
			is.Equal(str(v), str(ov)) // a voice state
		}
		for e := range want.Emojis(g.ID) {
			oe, _ := got.Emoji(g.ID, e.ID)
			is.Equal(str(e), str(oe)) // an emoji
		}
		for s := range want.Stickers(g.ID) {
			os, _ := got.Sticker(g.ID, s.ID)
			is.Equal(str(s), str(os)) // a sticker
		}
	}
}

func apply(t *testing.T, c *cache.Cache, shard int, payload string) {
	t.Helper()
	is := is.New(t)
	ev, err := model.ParseEventString(payload)
	is.NoErr(err)                // parse
	is.NoErr(c.Apply(shard, ev)) // apply
}

// TestSnapshotRoundTrip writes a cache with every kind of record as a
// snapshot and applies it to a new cache: the two hold the same.
func TestSnapshotRoundTrip(t *testing.T) {
	is := is.New(t)
	f := start(t, nil)
	c := f.bot.Cache()
	var g cache.Guild
	for g = range c.Guilds() {
		break
	}
	var ch cache.Channel
	for ch = range c.Channels(g.ID) {
		if ch.Type == model.ChannelGuildText {
			break
		}
	}
	var m cache.Member
	for m = range c.Members(g.ID) {
		break
	}
	gid, cid, uid := uint64(g.ID), uint64(ch.ID), uint64(m.UserID)
	shard := shardOf(g.ID, f.bot.Health().ShardCount, nil)
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"THREAD_CREATE","d":{"id":"901","guild_id":"%d","parent_id":"%d","type":11,"name":"a \"thread\"\n✓","owner_id":"%d","message_count":3,"member_count":2,"total_message_sent":4,"applied_tags":["5","6"],"thread_metadata":{"archived":false,"locked":true,"auto_archive_duration":1440,"archive_timestamp":"2024-01-02T03:04:05.123456Z","create_timestamp":"2024-01-01T00:00:00Z"}}}`, gid, cid, uid))
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"VOICE_STATE_UPDATE","d":{"guild_id":"%d","channel_id":"%d","user_id":"%d","session_id":"abc","self_mute":true,"suppress":true,"request_to_speak_timestamp":"2024-05-06T07:08:09Z"}}`, gid, cid, uid))
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"GUILD_STICKERS_UPDATE","d":{"guild_id":"%d","stickers":[{"id":"77","name":"wave","description":"hi","tags":"wave","type":2,"format_type":1,"available":true,"user":{"id":"%d"}}]}}`, gid, uid))
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"GUILD_ROLE_CREATE","d":{"guild_id":"%d","role":{"id":"55","name":"boost","color":123,"permissions":"0","tags":{"premium_subscriber":null,"bot_id":"%d"},"icon":"a_0123456789abcdef0123456789abcdef"}}}`, gid, uid))
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"PRESENCE_UPDATE","d":{"guild_id":"%d","user":{"id":"%d"},"status":"dnd","client_status":{"mobile":"dnd"},"activities":[{"name":"Custom Status","type":4,"state":"hi","emoji":{"name":"🙂"},"created_at":1700000000123,"timestamps":{"start":1700000000000}}]}}`, gid, uid))
	apply(t, c, shard, fmt.Sprintf(`{"op":0,"s":null,"t":"GUILD_MEMBER_UPDATE","d":{"guild_id":"%d","user":{"id":"%d","username":"x\u0001y","discriminator":"0042","global_name":"G"},"roles":["55"],"nick":"nick","communication_disabled_until":"2030-01-01T00:00:00Z","joined_at":"2020-01-01T00:00:00.5Z","flags":2,"pending":true}}`, gid, uid))

	fresh := cache.New(memory.New(), nil)
	var shards []int
	for _, h := range f.bot.Health().Shards {
		shards = append(shards, h.Shard)
	}
	n := 0
	err := snapshot(c, f.bot.Health().ShardCount, shards, func(s int, p []byte) error {
		ev, err := model.ParseEvent(append([]byte(nil), p...))
		is.NoErr(err)                                 // a snapshot message parses
		is.Equal(int(gjsonInt(ev.Raw(), "shard")), s) // it names its shard
		is.NoErr(fresh.Apply(s, ev))                  // and applies
		n++
		return nil
	})
	is.NoErr(err)                                        // snapshot
	is.Equal(n, len(shards)+len(f.srv.World().Guilds())) // a READY per shard and a GUILD_CREATE per guild
	same(t, c, fresh)
	th, ok := fresh.Channel(901)
	is.True(ok)                          // the thread came through
	is.Equal(th.Name, "a \"thread\"\n✓") // with its name escaped and back
	p, _ := fresh.ChannelPermissions(ch.ID, m.UserID)
	want, _ := c.ChannelPermissions(ch.ID, m.UserID)
	is.Equal(p, want) // the permission calculator agrees
}

// TestSnapshotUnavailable keeps a guild of an outage unavailable.
func TestSnapshotUnavailable(t *testing.T) {
	is := is.New(t)
	c := cache.New(memory.New(), nil)
	apply(t, c, 0, `{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"4194304","name":"g","member_count":1,"roles":[{"id":"4194304","name":"@everyone","permissions":"1024"}]}}`)
	apply(t, c, 0, `{"op":0,"s":2,"t":"GUILD_DELETE","d":{"id":"4194304","unavailable":true}}`)
	fresh := cache.New(memory.New(), nil)
	err := snapshot(c, 1, []int{0}, func(s int, p []byte) error {
		ev, err := model.ParseEvent(append([]byte(nil), p...))
		is.NoErr(err)
		return fresh.Apply(s, ev)
	})
	is.NoErr(err)
	g, ok := fresh.Guild(4194304)
	is.True(ok)            // the guild is there
	is.True(g.Unavailable) // and unavailable
	_, ok = fresh.Role(4194304, 4194304)
	is.True(ok) // with what was cached of it
}

// TestFeed reads a feed as a browser does: health, the snapshot into a
// cache of its own that ends equal to the bot's, then live events tagged
// with their shard.
func TestFeed(t *testing.T) {
	is := is.New(t)
	f := start(t, nil)
	r := dialFeed(t, f)
	r.sync(t)
	is.Equal(len(r.health), 2)         // every shard's health came first
	is.Equal(r.health[0], "connected") // with its state
	is.True(r.stats.Exists())          // and the bot's figures
	is.Equal(r.stats.Get("shards").Int(), int64(2))
	is.Equal(r.stats.Get("cache.guild").Int(), int64(f.bot.Stats().Cache.Guilds)) // the cache's count, as Bot.Stats reads it
	is.Equal(r.stats.Get("connects").Int(), int64(2))                             // a connection per shard
	is.True(r.stats.Get("rest_requests").Int() >= 1)                              // GET /gateway/bot at least
	is.True(r.stats.Get("events.#(type==\"READY\").count").Int() == 2)            // events by type, over the shards
	same(t, f.bot.Cache(), r.c)

	// A live event: a message in a guild of shard 1.
	var gid model.GuildID
	for _, g := range f.srv.World().Guilds() {
		if shardOf(g.ID, 2, nil) == 1 {
			gid = g.ID
			break
		}
	}
	is.True(gid != 0) // a guild on shard 1
	var ch model.ChannelID
	for _, c := range f.srv.World().Channels(gid) {
		if c.Type == model.ChannelGuildText {
			ch = c.ID
			break
		}
	}
	user := f.srv.World().Members(gid)[1].User.ID
	_, err := f.srv.SendMessage(ch, user, "hello dashboard")
	is.NoErr(err) // send
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		ev, err := r.next(ctx)
		is.NoErr(err) // read the live event
		if ev.Type == model.EventMessageCreate && ev.Get("content").Str == "hello dashboard" {
			is.Equal(gjsonInt(ev.Raw(), "shard"), int64(1)) // tagged with its shard
			break
		}
	}
	msgs := 0
	for range r.c.Messages(ch) {
		msgs++
	}
	is.Equal(msgs, 1) // the browser's cache has the message
	// Health keeps coming, and the figures move: the message counted by
	// type, and its listener (the one that publishes to the feed) timed.
	r.health = map[int]string{}
	moved := func() bool {
		return r.stats.Get(`events.#(type=="MESSAGE_CREATE").count`).Int() >= 1 &&
			r.stats.Get(`listeners.#(type=="MESSAGE_CREATE").count`).Int() >= 1
	}
	for len(r.health) < 2 || !moved() {
		_, err := r.next(ctx)
		is.NoErr(err) // read health and figures
	}
}

// closeCode reads conn until it ends and returns the close code.
func closeCode(t *testing.T, conn transport.Conn) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		_, _, err := conn.Read(ctx)
		if err == nil {
			continue
		}
		var ce *transport.CloseError
		if !errors.As(err, &ce) {
			t.Fatalf("the feed ended without a close frame: %v", err)
		}
		return ce.Code
	}
}

// TestFeedKey refuses the feed without the right key, and never takes the
// key from the query string: only from the first message or a header.
func TestFeedKey(t *testing.T) {
	is := is.New(t)
	f := start(t, &Options{Key: "s3cret"})
	for _, url := range []string{"/feed", "/feed?key=", "/feed?key=wrong", "/feed?key=s3cret"} {
		resp, err := http.Get(f.http.URL + url)
		is.NoErr(err)
		resp.Body.Close()
		is.Equal(resp.StatusCode, http.StatusUnauthorized) // no key, no feed
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, key := range []string{"", "wrong", "s3cre", "s3cretx"} {
		conn, err := dialKey(ctx, f.feedURL(), key)
		is.NoErr(err)                                   // the WebSocket opens
		is.Equal(closeCode(t, conn), CloseUnauthorized) // then closes for a wrong key
	}
	// The right key in the query string is not a key.
	conn, err := (&transport.WebSocketDialer{}).Dial(ctx, f.feedURL()+"?key=s3cret")
	is.NoErr(err)
	is.NoErr(conn.Write(ctx, transport.Text, []byte(`{"hello":1}`)))
	is.Equal(closeCode(t, conn), CloseUnauthorized) // refused
	// Nothing sent: refused when the wait ends (not waited for here), and
	// never a feed message before the key.
	conn, err = (&transport.WebSocketDialer{}).Dial(ctx, f.feedURL())
	is.NoErr(err)
	rctx, rcancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, _, err = conn.Read(rctx)
	rcancel()
	is.True(err != nil) // no message without the key
	is.Equal(f.dash.Clients(), 0)
	conn.Close(1000, "")

	conn, err = dialKey(ctx, f.feedURL(), "s3cret")
	is.NoErr(err) // the right key opens it
	_, p, err := conn.Read(ctx)
	is.NoErr(err) // and the feed comes
	is.True(strings.Contains(string(p), TypeHealth))
	conn.Close(1000, "")

	// A client that can set headers sends the key in one.
	req, _ := http.NewRequest("GET", f.http.URL+"/feed", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	req.Header.Set("Upgrade", "websocket")
	resp, err := http.DefaultClient.Do(req)
	is.NoErr(err)
	resp.Body.Close()
	is.Equal(resp.StatusCode, http.StatusUnauthorized)                    // a wrong header key
	is.Equal(f.dash.URL("127.0.0.1:1"), "http://127.0.0.1:1/#key=s3cret") // the key in the fragment
}

// TestSlowBrowser disconnects a browser that stops reading, without ever
// blocking Publish, and the browser reconnects for a fresh snapshot.
func TestSlowBrowser(t *testing.T) {
	is := is.New(t)
	f := start(t, &Options{QueueBytes: 1 << 20})
	r := dialFeed(t, f)
	r.sync(t)
	// Big events, which TCP's buffers do not absorb for long.
	big := strings.Repeat("x", 256<<10)
	ev, err := model.ParseEventString(`{"op":0,"s":1,"t":"GLOAM_TEST","d":{"blob":"` + big + `"}}`)
	is.NoErr(err)
	deadline := time.Now().Add(30 * time.Second)
	for f.dash.Clients() > 0 {
		is.True(time.Now().Before(deadline)) // the browser is dropped
		f.dash.Publish(core.Event{Event: ev, Shard: 0})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		_, _, err := r.conn.Read(ctx)
		if err == nil {
			continue
		}
		var ce *transport.CloseError
		is.True(errors.As(err, &ce))                                 // the feed was closed
		is.Equal(ce.Code, CloseTooSlow)                              // for being too slow
		is.True(strings.Contains(ce.Reason, "over 1024 KiB behind")) // and says so
		break
	}
	r2 := dialFeed(t, f)
	r2.sync(t)
	same(t, f.bot.Cache(), r2.c)
}

// TestApp serves the page, wasm_exec.js and the binary, compressed when
// the browser takes it; without an app, the reason.
func TestApp(t *testing.T) {
	is := is.New(t)
	d := New(nil, nil)
	hs := httptest.NewServer(d)
	defer hs.Close()
	get := func(path, enc string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", hs.URL+path, nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		is.NoErr(err)
		defer resp.Body.Close()
		var b strings.Builder
		_, err = io_Copy(&b, resp)
		is.NoErr(err)
		return resp, b.String()
	}
	resp, body := get("/", "")
	is.Equal(resp.StatusCode, 200)                            // the page
	is.True(strings.Contains(body, `id="shards"`))            // with its parts
	is.True(resp.Header.Get("Content-Security-Policy") != "") // and a policy

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(50 * time.Millisecond)
		d.SetApp(nil, errors.New("go build: no Go here"))
	}()
	resp, body = get("/gloam.wasm", "")
	wg.Wait()
	is.Equal(resp.StatusCode, http.StatusServiceUnavailable) // no app
	is.True(strings.Contains(body, "no Go here"))            // and why

	d2 := New(nil, nil)
	d2.SetApp(&App{Wasm: []byte(strings.Repeat("wasm", 1000)), ExecJS: []byte("js")}, nil)
	hs2 := httptest.NewServer(d2)
	defer hs2.Close()
	hs.URL = hs2.URL
	resp, body = get("/gloam.wasm", "gzip, br")
	is.Equal(resp.Header.Get("Content-Encoding"), "gzip") // compressed
	is.Equal(resp.Header.Get("Content-Type"), "application/wasm")
	is.True(len(body) < 1000) // and small
	resp, body = get("/gloam.wasm", "identity")
	is.Equal(resp.Header.Get("Content-Encoding"), "") // or not
	is.Equal(len(body), 4000)
	_, body = get("/wasm_exec.js", "")
	is.Equal(body, "js") // the matching wasm_exec.js
}

// TestSetAppCompresses compresses the binary when the app is given,
// never while a request (or Publish) holds the server's lock.
func TestSetAppCompresses(t *testing.T) {
	is := is.New(t)
	d := New(nil, nil)
	app := &App{Wasm: []byte(strings.Repeat("wasm", 1000)), ExecJS: []byte("js")}
	d.SetApp(app, nil)
	is.True(app.WasmGzip != nil)      // compressed by SetApp
	is.True(len(app.WasmGzip) < 1000) // and small
}
