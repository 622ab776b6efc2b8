package core

import (
	"context"
	"testing"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// BenchmarkOnEvent is the Bot's cost per event on top of the shard: the
// cache applying a MESSAGE_CREATE and the queue to the listeners'
// goroutine, with an untyped listener that reads nothing, with a typed
// one that reads the event's view, and with listeners of other types only
// (the event is applied and goes no further), also for a type the cache
// does not read (nothing happens at all).
func BenchmarkOnEvent(b *testing.B) {
	b.Run("untyped", func(b *testing.B) {
		benchmarkOnEvent(b, messageCreate, func(bot *Bot, handled *int) {
			bot.Listen(func(context.Context, Event) { *handled++ }, model.EventMessageCreate)
		})
	})
	b.Run("unwanted", func(b *testing.B) {
		benchmarkOnEvent(b, messageCreate, func(bot *Bot, handled *int) {
			*handled = 1 // a listener of another type gets nothing
			On(bot, func(context.Context, Event, *model.GuildBanAdd) { *handled++ })
		})
	})
	b.Run("unwanted-uncached", func(b *testing.B) {
		benchmarkOnEvent(b, typingStart, func(bot *Bot, handled *int) {
			*handled = 1 // neither the cache nor a listener reads TYPING_START
			On(bot, func(context.Context, Event, *model.GuildBanAdd) { *handled++ })
		})
	})
	b.Run("struct-x2", func(b *testing.B) {
		benchmarkOnEvent(b, messageCreate, func(bot *Bot, handled *int) {
			for range 2 { // two listeners of the decoded struct: one decode
				On(bot, func(_ context.Context, _ Event, m *model.MessageCreate) {
					if m.ChannelID != 0 {
						*handled++
					}
				})
			}
		})
	})
	b.Run("view", func(b *testing.B) {
		benchmarkOnEvent(b, messageCreate, func(bot *Bot, handled *int) {
			On(bot, func(_ context.Context, _ Event, m model.MessageCreateView) {
				if m.ChannelID() != 0 {
					*handled++
				}
			})
		})
	})
}

// BenchmarkDispatch is the delivery of one event to a listener that
// does nothing, through Bot.Dispatch: the Bot's own cost per event
// handed to listeners, timing the listeners included.
func BenchmarkDispatch(b *testing.B) {
	bot := New("token", nil)
	bot.Listen(func(context.Context, Event) {}, model.EventMessageCreate)
	ev, err := model.ParseEvent(messageCreate)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bot.Dispatch(ctx, 0, ev)
	}
}

// BenchmarkWorker chooses the worker of an event (Options.Workers): of a
// guild's message by its guild_id, and of a DM, which has none, by its
// channel_id.
func BenchmarkWorker(b *testing.B) {
	for _, c := range []struct {
		name    string
		payload []byte
	}{{"guild", messageCreate}, {"dm", directMessage}} {
		b.Run(c.name, func(b *testing.B) {
			ev, err := model.ParseEvent(c.payload)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(c.payload)))
			for b.Loop() {
				worker(0, ev, 4)
			}
		})
	}
}

var directMessage = []byte(`{"op":0,"s":1,"t":"MESSAGE_CREATE","d":{"id":"1100000000000000001","channel_id":"1000000000000000002","author":{"id":"1000000000000000009","username":"someone","discriminator":"0","global_name":"Someone","avatar":null},"content":"hello there, how is everyone doing today?","timestamp":"2024-05-01T12:00:00.000000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"components":[],"pinned":false,"type":0,"flags":0}}`)

var messageCreate = []byte(`{"op":0,"s":1,"t":"MESSAGE_CREATE","d":{"id":"1100000000000000001","channel_id":"1000000000000000002","guild_id":"1000000000000000001","author":{"id":"1000000000000000009","username":"someone","discriminator":"0","global_name":"Someone","avatar":null},"member":{"roles":[],"joined_at":"2024-01-01T00:00:00.000000+00:00","deaf":false,"mute":false,"flags":0},"content":"hello there, how is everyone doing today?","timestamp":"2024-05-01T12:00:00.000000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"components":[],"pinned":false,"type":0,"flags":0}}`)

var typingStart = []byte(`{"op":0,"s":1,"t":"TYPING_START","d":{"channel_id":"1000000000000000002","guild_id":"1000000000000000001","user_id":"1000000000000000009","timestamp":1714564800,"member":{"user":{"id":"1000000000000000009","username":"someone"},"roles":[],"joined_at":"2024-01-01T00:00:00.000000+00:00","deaf":false,"mute":false}}}`)

func benchmarkOnEvent(b *testing.B, payload []byte, listen func(*Bot, *int)) {
	handled := 0
	bot := New("token", nil)
	listen(bot, &handled)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := newDelivery(bot, ctx, ctx, 1)
	sr := &shardRun{id: 0, sh: gateway.NewShard(0, 1, "token", nil)}
	d.start([]*shardRun{sr})
	b.ReportAllocs()
	b.SetBytes(int64(len(payload)))
	for i := 0; b.Loop(); i++ {
		ev, err := model.ParseEvent(payload)
		if err != nil {
			b.Fatal(err)
		}
		ev.Seq = int64(i + 1)
		d.onEvent(sr, ev)
	}
	d.stop()
	if handled == 0 {
		b.Fatal("the listener saw nothing")
	}
}
