package scale_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/gloamdev/gloam/scale"
	"github.com/matryer/is"
)

// listening is a Bot for a worker, never run, whose one listener is l,
// for MESSAGE_CREATE.
func listening(srv *discordtest.Server, l core.Listener) *core.Bot {
	bot := core.New(srv.Token(), &core.Options{REST: &rest.Options{BaseURL: srv.URL()}})
	bot.Listen(l, model.EventMessageCreate)
	return bot
}

// TestWorkerDiesMidEvent cuts a worker off NATS while its listener holds
// an event: the event goes to the other worker after AckWait, and every
// message is handled there.
func TestWorkerDiesMidEvent(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1, IdentifyWindow: testWindow})
	defer srv.Close()
	ns := startNATS(t)
	nc, _ := connect(t, ns.URL())
	running(t, scale.NewGateway(nc, srv.Token(), gatewayOptions(srv, 1)).Run)
	waitReady(t, srv, 1)

	events := model.NewEventTypeSet(model.EventMessageCreate)
	held := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	dnc, _ := connect(t, ns.URL())
	dying := scale.NewWorker(dnc, &scale.WorkerOptions{Events: events, AckWait: time.Second,
		Bot: listening(srv, func(ctx context.Context, ev core.Event) {
			once.Do(func() { close(held) })
			<-release
		})})
	stopDying := running(t, dying.Run)

	_, ch, user := textChannel(t, srv, 0)
	_, err := srv.SendMessage(ch, user, "first")
	is.NoErr(err)
	<-held // the dying worker holds the first message
	dnc.Close()

	var mu sync.Mutex
	got := map[string]int{}
	snc, _ := connect(t, ns.URL())
	// The survivor's bot registers as a bot in one process does: the
	// worker runs its middleware and typed listeners.
	bot := core.New(srv.Token(), &core.Options{REST: &rest.Options{BaseURL: srv.URL()}})
	var wrapped atomic.Int64
	bot.Use(func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			wrapped.Add(1)
			next(ctx, ev)
		}
	})
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		mu.Lock()
		got[m.Content()]++
		mu.Unlock()
	})
	survivor := scale.NewWorker(snc, &scale.WorkerOptions{Events: events, AckWait: time.Second, Bot: bot})
	running(t, survivor.Run)
	for _, c := range []string{"second", "third"} {
		_, err := srv.SendMessage(ch, user, c)
		is.NoErr(err)
	}
	eventually(t, 10*time.Second, "the survivor handles every message", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return got["first"] == 1 && got["second"] == 1 && got["third"] == 1
	})
	is.True(survivor.Stats().Redelivered >= 1) // the first message came again
	is.True(wrapped.Load() >= 3)               // the middleware saw every message
	close(release)
	stopDying()
}
