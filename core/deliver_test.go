package core_test

import (
	"context"
	"sync"
	"testing"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestDeliver hands a bot that does not run events from outside its
// shards: the cache applies them, and the middleware and listeners
// registered with Use, Listen and On run before Deliver returns.
func TestDeliver(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))

	var mu sync.Mutex
	var order []string
	note := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	bot.Use(func(next core.Listener) core.Listener {
		return func(ctx context.Context, ev core.Event) {
			note("mw:" + ev.Name())
			next(ctx, ev)
		}
	})
	bot.Listen(func(ctx context.Context, ev core.Event) {
		is.True(ev.Bot == bot) // the listener reaches the bot
		is.Equal(ev.Shard, 3)
		note("listen:" + ev.Name())
	}, model.EventMessageCreate, model.EventGuildCreate)
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		_, cached := ev.Bot.Cache().Guild(7)
		is.True(cached) // the cache applied the events delivered before
		note("on:" + m.Content())
	})
	parse := func(raw string) model.Event {
		ev, err := model.ParseEventString(raw)
		is.NoErr(err)
		return ev
	}
	ctx := context.Background()

	gc := parse(`{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"7","name":"elsewhere","channels":[],"roles":[],"members":[]}}`)
	is.NoErr(bot.Deliver(ctx, 3, gc))
	g, ok := bot.Cache().Guild(7)
	is.True(ok) // applied to the cache
	is.Equal(g.Name, "elsewhere")
	mc := parse(`{"op":0,"s":2,"t":"MESSAGE_CREATE","d":{"id":"9","channel_id":"8","guild_id":"7","content":"hi","author":{"id":"5","username":"u"}}}`)
	is.NoErr(bot.Deliver(ctx, 3, mc))
	mu.Lock()
	is.Equal(order, []string{ // all ran, in order, before Deliver returned
		"mw:GUILD_CREATE", "listen:GUILD_CREATE",
		"mw:MESSAGE_CREATE", "listen:MESSAGE_CREATE", "on:hi",
	})
	order = nil
	mu.Unlock()

	// Dispatch runs the listeners and leaves the cache alone.
	bot.Dispatch(ctx, 3, parse(`{"op":0,"s":3,"t":"GUILD_CREATE","d":{"id":"70","name":"not cached","channels":[],"roles":[],"members":[]}}`))
	_, ok = bot.Cache().Guild(70)
	is.True(!ok) // Dispatch does not touch the cache
	// An event no listener wants reaches none, not even the middleware.
	is.NoErr(bot.Deliver(ctx, 3, parse(`{"op":0,"s":4,"t":"TYPING_START","d":{"channel_id":"8","user_id":"5"}}`)))
	mu.Lock()
	is.Equal(order, []string{"mw:GUILD_CREATE", "listen:GUILD_CREATE"})
	order = nil
	mu.Unlock()

	// A done ctx delivers nothing.
	done, cancel := context.WithCancel(ctx)
	cancel()
	err := bot.Deliver(done, 3, mc)
	is.Equal(err, context.Canceled)
	mu.Lock()
	is.Equal(len(order), 0) // no listener ran
	mu.Unlock()
}
