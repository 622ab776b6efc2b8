package memory_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
)

// BenchmarkMessageKept applies 10,000 MESSAGE_CREATEs (100 channels of a
// guild, 50 authors, content of 120 bytes, a mention, an attachment, an
// embed and a reply each; the attachment an image with the fields
// Discord sends for one) to a cache that keeps them all, in full and in
// the compact form (Options.CompactMessages), and reports the
// heap kept per cached message (B-kept/msg) and the backend's own estimate
// (B-size/msg). The authors' users and members are cached once and count
// in the first figure, spread over the messages.
func BenchmarkMessageKept(b *testing.B) {
	const channels, perChannel, authors = 100, 100, 50
	content := "a message of some length, as people write them in a busy channel; with a link https://example.com/x?y=1 ok"
	frames := make([][]byte, 0, channels*perChannel)
	for i := range channels * perChannel {
		ch, author := 1000+i%channels, 5000+i%authors
		frames = append(frames, fmt.Appendf(nil, `{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":{"id":"%d","channel_id":"%d","guild_id":"1",`+
			`"author":{"id":"%d","username":"user%d","global_name":"User %d","avatar":"0123456789abcdef0123456789abcdef"},`+
			`"member":{"roles":["7"],"joined_at":"2024-01-02T00:00:00+00:00"},"content":%q,"timestamp":"2025-06-01T12:00:00.097000+00:00",`+
			`"edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[{"id":"%d","username":"u"}],"mention_roles":[],`+
			`"attachments":[{"id":"%[9]d","filename":"a.png","size":1234,"url":"https://cdn.discordapp.com/attachments/1/%[9]d/a.png?ex=68a1b2c3&is=68a06143&hm=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef&",`+
			`"proxy_url":"https://media.discordapp.net/attachments/1/%[9]d/a.png?ex=68a1b2c3&is=68a06143&hm=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef&",`+
			`"width":640,"height":480,"content_type":"image/png","placeholder":"1wcGBQBzeIiAeHh3iIiIiHiAaAAAAAAA","placeholder_version":1}],`+
			`"embeds":[{"title":"t","description":"d","url":"https://example.com/x"}],"pinned":false,"type":19,"flags":0,`+
			`"message_reference":{"type":0,"message_id":"%d","channel_id":"%d","guild_id":"1"}}}`,
			i+1, 1<<40+i, ch, author, author, author, content, 5000+(i+1)%authors, 1<<41+i, 1<<40+max(i-channels, 0), ch))
	}
	for _, compact := range []bool{false, true} {
		b.Run(fmt.Sprintf("compact=%t", compact), func(b *testing.B) { benchMessages(b, frames, perChannel, compact) })
	}
}

func benchMessages(b *testing.B, frames [][]byte, perChannel int, compact bool) {
	b.ReportAllocs()
	var kept, size int64
	for range b.N {
		b.StopTimer()
		before := heapInUse()
		b.StartTimer()
		c := cache.New(memory.New(), &cache.Options{Messages: perChannel, CompactMessages: compact})
		for _, f := range frames {
			apply(b, c, f)
		}
		b.StopTimer()
		if n := c.Stats().Messages; n != len(frames) {
			b.Fatalf("%d messages cached, want %d", n, len(frames))
		}
		kept = int64(heapInUse() - before)
		size = c.Stats().Bytes
		runtime.KeepAlive(c)
		b.StartTimer()
	}
	b.ReportMetric(float64(kept)/float64(len(frames)), "B-kept/msg")
	b.ReportMetric(float64(size)/float64(len(frames)), "B-size/msg")
}

// BenchmarkMessageEvict applies MESSAGE_CREATEs to channels whose rings
// are full (the default limit of 100), so that each one evicts the
// channel's oldest message: the steady state of a busy bot. One op is one
// event, parsed and applied.
func BenchmarkMessageEvict(b *testing.B) {
	const channels = 10
	c := cache.New(memory.New(), nil)
	frame := func(i int) []byte {
		return fmt.Appendf(nil, `{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":{"id":"%d","channel_id":"%d","guild_id":"1",`+
			`"author":{"id":"5","username":"user","avatar":null},"content":"a message of some length, as people write them",`+
			`"timestamp":"2025-06-01T12:00:00.097000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,`+
			`"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,"type":0,"flags":0}}`,
			i+1, 1<<40+i, 1000+i%channels)
	}
	n := channels * (cache.DefaultMessages + 1)
	for i := range n {
		apply(b, c, frame(i))
	}
	applyStream(b, c, n, frame)
	if got := c.Stats().Messages; got != channels*cache.DefaultMessages {
		b.Fatalf("%d messages cached, want %d", got, channels*cache.DefaultMessages)
	}
}

// BenchmarkDMMessage applies MESSAGE_CREATEs outside guilds, each of
// which stores its message and its DM channel. In "channels=10" they
// come in ten DM channels already cached; in "new-channel" each comes
// from a user who never wrote before, to a cache holding as many DM
// channels as it keeps (Options.PrivateChannels, by default), so that
// each removes the least recently active channel with its messages. One
// op is one event, parsed and applied.
func BenchmarkDMMessage(b *testing.B) {
	for _, tc := range []struct {
		name    string
		channel func(i int) int
	}{
		{"channels=10", func(i int) int { return 1000 + i%10 }},
		{"new-channel", func(i int) int { return 1000 + i }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			frame := func(i int) []byte {
				ch := tc.channel(i)
				return fmt.Appendf(nil, `{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":{"id":"%d","channel_id":"%d",`+
					`"author":{"id":"%d","username":"user","avatar":null},"content":"a message of some length, as people write them",`+
					`"timestamp":"2025-06-01T12:00:00.097000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,`+
					`"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,"type":0,"flags":0}}`,
					i+1, 1<<40+i, ch, ch+1<<30)
			}
			c := cache.New(memory.New(), nil)
			n := cache.DefaultPrivateChannels
			for i := range n {
				apply(b, c, frame(i))
			}
			applyStream(b, c, n, frame)
			if got := c.Stats().DMs; got > cache.DefaultPrivateChannels {
				b.Fatalf("%d DM channels cached, want at most %d", got, cache.DefaultPrivateChannels)
			}
		})
	}
}
