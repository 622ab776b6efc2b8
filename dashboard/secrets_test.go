//go:build !js

package dashboard

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/transport"
	"github.com/matryer/is"
)

// TestFeedRedacts sends the bot events that carry secrets through the fake
// Discord: they reach the browser without them, and the rest of each
// event is there.
func TestFeedRedacts(t *testing.T) {
	is := is.New(t)
	f := start(t, nil)
	r := dialFeed(t, f)
	r.sync(t)
	g := f.srv.World().Guilds()[0]
	shard := shardOf(g.ID, f.bot.Health().ShardCount, nil)
	const (
		interactionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmZha2U"
		voiceToken       = "voice-server-token-c0ffee"
		voiceSession     = "voice-session-f00d"
	)
	is.NoErr(f.srv.Dispatch(shard, "INTERACTION_CREATE", json.RawMessage(`{"id":"1234","application_id":"99","type":2,"guild_id":"`+
		g.ID.String()+`","channel_id":"5","token":"`+interactionToken+`","version":1,"data":{"id":"7","name":"ping","type":1,"options":[{"name":"token","type":3,"value":"not a secret"}]},`+
		`"message":{"id":"8","interaction_metadata":{"id":"9","type":2},"components":[{"type":1,"tok\u0065n":"`+interactionToken+`"}]}}`)))
	is.NoErr(f.srv.Dispatch(shard, "VOICE_SERVER_UPDATE", json.RawMessage(`{"token":"`+voiceToken+`","guild_id":"`+g.ID.String()+`","endpoint":"smart.loyal.discord.media:443"}`)))
	is.NoErr(f.srv.Dispatch(shard, "GLOAM_FUTURE_EVENT", json.RawMessage(`{"nested":[{"deeper":{"session_id":"`+voiceSession+`","token":"`+voiceToken+`"}}],"kept":true}`)))

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	seen := map[string]string{}
	for len(seen) < 3 {
		ev, err := r.next(ctx)
		is.NoErr(err) // read the live events
		switch ev.Name() {
		case "INTERACTION_CREATE", "VOICE_SERVER_UPDATE", "GLOAM_FUTURE_EVENT":
			seen[ev.Name()] = ev.Raw()
		}
	}
	for name, raw := range seen {
		for _, secret := range []string{interactionToken, voiceToken, voiceSession} {
			if strings.Contains(raw, secret) {
				t.Fatalf("%s reached the browser with a secret: %s", name, raw)
			}
		}
		is.True(json.Valid([]byte(raw))) // still JSON
	}
	ic, err := model.ParseEventString(seen["INTERACTION_CREATE"])
	is.NoErr(err)
	is.Equal(ic.Get("id").Str, "1234")                           // the interaction is there
	is.Equal(ic.Get("data.options.0.value").Str, "not a secret") // with its data (an option named token is a value, not a key)
	is.Equal(ic.Get("token").Exists(), false)                    // but not its token
	vs, err := model.ParseEventString(seen["VOICE_SERVER_UPDATE"])
	is.NoErr(err)
	is.Equal(vs.Get("endpoint").Str, "smart.loyal.discord.media:443") // the endpoint is there
	fe, err := model.ParseEventString(seen["GLOAM_FUTURE_EVENT"])
	is.NoErr(err)
	is.True(fe.Get("kept").Bool()) // an unknown event keeps the rest

	// A new session's READY: no session id, no resume URL.
	is.NoErr(f.srv.Fault(0, discordtest.FaultInvalidSession{Resumable: false}))
	for {
		ev, err := r.next(ctx)
		is.NoErr(err) // read the new READY
		if ev.Type == model.EventReady {
			is.True(!strings.Contains(ev.Raw(), "session_id"))         // no session id
			is.True(!strings.Contains(ev.Raw(), "resume_gateway_url")) // no resume URL
			is.True(ev.Get("user.id").Exists())                        // the rest is there
			break
		}
	}
}

// TestRedact removes secret members at any depth and keeps everything
// else byte for byte.
func TestRedact(t *testing.T) {
	is := is.New(t)
	plain := `{"op":0,"t":"MESSAGE_CREATE","d":{"content":"my \"token\" is x"}}`
	got, ok := redact(plain)
	is.True(ok)
	is.Equal(got, plain) // nothing secret: unchanged
	got, ok = redact(`{"d":{"a":[1,{"token":"x","b":[{"session_id":"y"}]}],"token":"z","c":"token"}}`)
	is.True(ok)
	is.Equal(got, `{"d":{"a":[1,{"b":[{}]}],"c":"token"}}`) // removed at every depth
	got, ok = redact(`{"d":{"\u0074oken":"x","k":"\u00e9"}}`)
	is.True(ok)
	is.Equal(got, `{"d":{"k":"\u00e9"}}`) // a key spelled with escapes too
	_, ok = redact(strings.Repeat(`{"a":`, 100) + `"\u0000"` + strings.Repeat(`}`, 100))
	is.True(!ok) // too deep to check: not forwarded
	_, ok = redact(`{"token":"x"`)
	is.True(!ok) // invalid: not forwarded
}

// TestSlowBrowserBytes drops a browser that stops reading once the
// messages waiting for it pass the byte budget, not after thousands of
// them: the bot's memory stays bounded whatever the events' size.
func TestSlowBrowserBytes(t *testing.T) {
	is := is.New(t)
	f := start(t, nil) // the default budget
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	conn, err := dialKey(ctx, f.feedURL(), f.dash.Key())
	is.NoErr(err)
	defer conn.Close(1000, "")
	deadline := time.Now().Add(20 * time.Second)
	for f.dash.Clients() == 0 {
		is.True(time.Now().Before(deadline)) // the browser is registered
		time.Sleep(10 * time.Millisecond)
	}
	// The browser reads nothing. 1 MiB events: the default budget is
	// passed after a few dozen (plus what the kernel buffers), while a
	// count of 8192 would hold 8 GiB.
	noise := make([]byte, 1<<19)
	rand.Read(noise)
	big := hex.EncodeToString(noise) // 1 MiB that compression does not shrink
	ev, err := model.ParseEventString(`{"op":0,"s":null,"t":"GLOAM_TEST","d":{"blob":"` + big + `"}}`)
	is.NoErr(err)
	sent := 0
	for f.dash.Clients() > 0 {
		is.True(sent < 4*DefaultQueueBytes>>20) // dropped within four times the budget (loopback TCP buffers take up to 32 MiB more)
		f.dash.Publish(core.Event{Event: ev, Shard: 0})
		sent++
	}
	t.Logf("dropped after %d MiB", sent)
	for {
		_, _, err := conn.Read(ctx)
		if err == nil {
			continue
		}
		var ce *transport.CloseError
		is.True(errors.As(err, &ce))    // closed
		is.Equal(ce.Code, CloseTooSlow) // for being too slow
		break
	}
}

// TestFeedPendingBound answers 503 once maxPending connections wait for
// their key: holding sockets open without the key cannot pile up.
func TestFeedPendingBound(t *testing.T) {
	is := is.New(t)
	f := start(t, &Options{Key: "k"})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var waiting []transport.Conn
	defer func() {
		for _, c := range waiting {
			c.Close(1000, "")
		}
	}()
	for range maxPending {
		c, err := (&transport.WebSocketDialer{}).Dial(ctx, f.feedURL())
		is.NoErr(err) // a connection without its key yet
		waiting = append(waiting, c)
	}
	_, err := (&transport.WebSocketDialer{}).Dial(ctx, f.feedURL())
	is.True(err != nil)                           // one more is refused
	is.True(strings.Contains(err.Error(), "503")) // with 503
	// One sends its key: its place is free again.
	is.NoErr(waiting[0].Write(ctx, transport.Text, []byte(`{"key":"k"}`)))
	_, _, err = waiting[0].Read(ctx)
	is.NoErr(err) // the feed comes
	c, err := dialKey(ctx, f.feedURL(), "k")
	is.NoErr(err) // and a new connection gets in
	_, _, err = c.Read(ctx)
	is.NoErr(err)
	c.Close(1000, "")
}
