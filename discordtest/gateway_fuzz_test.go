package discordtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/discordtest"
)

// FuzzGatewayPayload sends one arbitrary payload, identified or not, and
// checks that the server answers or closes, never panics, and keeps
// serving.
func FuzzGatewayPayload(f *testing.F) {
	tok := discordtest.DefaultToken
	for _, s := range []string{
		`{"op":1,"d":null}`, `{"op":1,"d":"x"}`, `{"op":2,"d":{"token":"` + tok + `","intents":513,"shard":[0,1]}}`,
		`{"op":2,"d":{"token":"` + tok + `","intents":-1}}`, `{"op":2,"d":{"token":"` + tok + `","intents":1,"shard":[1]}}`,
		`{"op":2,"d":{"token":"` + tok + `","intents":1,"large_threshold":1000}}`, `{"op":6,"d":{"token":"` + tok + `","session_id":"x","seq":-5}}`,
		`{"op":8,"d":{"guild_id":"1","user_ids":"2"}}`, `{"op":8,"d":{"guild_id":"x","query":null}}`, `{"op":3,"d":{"status":1}}`,
		`{"op":4,"d":{}}`, `{"op":43,"d":[}`, `{"op":1e3}`, `{"op":"1"}`, `[]`, `null`, `{"op":99999999999999999999}`, "\xff",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	srv := discordtest.NewServer(&discordtest.Options{IdentifyWindow: -1, SessionStartLimit: 1 << 30, Guilds: 1, MembersPerGuild: 3})
	defer srv.Close()
	f.Fuzz(func(t *testing.T, p []byte, identified bool) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ws, _, err := websocket.Dial(ctx, srv.GatewayURL()+"?v=10&encoding=json", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.CloseNow()
		ws.SetReadLimit(1 << 24)
		if _, _, err := ws.Read(ctx); err != nil {
			t.Fatal(err)
		}
		if identified {
			ws.Write(ctx, websocket.MessageText, []byte(`{"op":2,"d":{"token":"`+tok+`","intents":3}}`))
		}
		ws.Write(ctx, websocket.MessageText, p)
		ws.Write(ctx, websocket.MessageText, []byte(`{"op":1,"d":null}`))
		for {
			_, b, err := ws.Read(ctx)
			if err != nil {
				if ctx.Err() != nil {
					t.Fatal("no answer and no close")
				}
				break
			}
			if string(b) == `{"t":null,"s":null,"op":11,"d":null}` {
				break
			}
		}
		if ps := srv.Stats().Gateway.Panics; len(ps) > 0 {
			t.Fatalf("server panicked: %v", ps)
		}
	})
}
