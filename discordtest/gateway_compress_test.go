package discordtest_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"testing"

	"github.com/coder/websocket"
	"github.com/gloamdev/gloam/model"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/matryer/is"
)

func TestTransportCompression(t *testing.T) {
	for _, mode := range []string{"zlib-stream", "zstd-stream"} {
		t.Run(mode, func(t *testing.T) {
			is := is.New(t)
			srv := discordtest.NewServer(&discordtest.Options{Guilds: 3, MembersPerGuild: 40})
			defer srv.Close()
			c, r := connect(t, srv, "&compress="+mode, allUnprivileged|int(1<<8|1<<1|1<<15))
			is.Equal(len(r.Guilds), 3)
			for range 3 {
				c.until(0, "GUILD_CREATE")
			}
			n, err := srv.Stream(context.Background(), 0, 200, 0)
			is.NoErr(err)
			is.Equal(n, 200)
			var last int64
			for range 200 {
				p := c.mustRead()
				is.Equal(p.Op, 0)
				is.True(p.seq() == last+1 || last == 0) // in order
				last = p.seq()
			}
			c.send(map[string]any{"op": 1, "d": last})
			c.until(11, "")

			// Every message is one binary frame, decodable on arrival.
			is.True(len(c.raw) >= 205) // hello, ready, 3 guilds, 200 events, ack
			if mode == "zlib-stream" {
				is.Equal(c.raw[0][0], byte(0x78)) // zlib header on the first message only
				for _, m := range c.raw {
					is.True(bytes.HasSuffix(m, []byte{0, 0, 0xff, 0xff})) // Z_SYNC_FLUSH suffix
				}
			} else {
				is.True(bytes.HasPrefix(c.raw[0], []byte{0x28, 0xb5, 0x2f, 0xfd})) // one zstd frame for the connection
				for _, m := range c.raw[1:] {
					is.True(!bytes.HasPrefix(m, []byte{0x28, 0xb5, 0x2f, 0xfd})) // no new frame per message
				}
			}
			total := 0
			for _, m := range c.raw {
				total += len(m)
			}
			is.Equal(srv.Stats().Gateway.DispatchesSent, 204)
			t.Logf("%s: %d frames, %d bytes", mode, len(c.raw), total)
		})
	}
}

func TestUnknownCompressionRefused(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	_, resp, err := dialRaw(srv.GatewayURL() + "?v=10&encoding=json&compress=lz4")
	is.True(err != nil) // no upgrade
	is.Equal(resp.StatusCode, 400)
}

func TestPayloadCompression(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, MembersPerGuild: 30})
	defer srv.Close()
	c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
	is.Equal(c.mustRead().Op, 10)
	id := identify(srv.Token(), int(model.IntentGuilds|model.IntentGuildPresences))
	id["d"].(map[string]any)["compress"] = true
	c.send(id)
	// READY is small: text. GUILD_CREATE is big: one zlib stream of its own.
	typ, b, err := c.ws.Read(c.ctx)
	is.NoErr(err)
	is.Equal(typ, websocket.MessageText)
	is.True(bytes.Contains(b, []byte(`"READY"`)))
	typ, b, err = c.ws.Read(c.ctx)
	is.NoErr(err)
	is.Equal(typ, websocket.MessageBinary)
	zr, err := zlib.NewReader(bytes.NewReader(b))
	is.NoErr(err)
	raw, err := io.ReadAll(zr)
	is.NoErr(err) // a complete zlib stream
	is.True(bytes.Contains(raw, []byte(`"t":"GUILD_CREATE"`)))
}
