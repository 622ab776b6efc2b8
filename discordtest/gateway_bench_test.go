package discordtest_test

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
)

// BenchmarkStream measures how fast the server sends a realistic stream of
// dispatches to one client that only reads frames (no decoding). Bytes
// are those on the wire.
func BenchmarkStream(b *testing.B) {
	for _, mode := range []string{"", "zlib-stream", "zstd-stream"} {
		name := mode
		if name == "" {
			name = "none"
		}
		b.Run(name, func(b *testing.B) {
			srv := discordtest.NewServer(&discordtest.Options{Guilds: 4, MembersPerGuild: 50})
			defer srv.Close()
			q := ""
			if mode != "" {
				q = "&compress=" + mode
			}
			c := dial(b, srv.GatewayURL()+"?v=10&encoding=json"+q)
			c.ws.Read(c.ctx) // Hello
			c.send(identify(srv.Token(), int(model.IntentsAll)))
			for range 5 { // READY and four GUILD_CREATE
				c.ws.Read(c.ctx)
			}
			done := make(chan int64)
			go func() {
				var total int64
				for range b.N {
					_, p, err := c.ws.Read(context.Background())
					if err != nil {
						break
					}
					total += int64(len(p))
				}
				done <- total
			}()
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := srv.Stream(context.Background(), 0, b.N, 0); err != nil {
				b.Fatal(err)
			}
			total := <-done
			b.StopTimer()
			b.SetBytes(total / int64(b.N))
		})
	}
}
