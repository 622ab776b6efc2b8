package collect_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/collect"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestMain(m *testing.M) { leaktest.Main(m, nil) }

// world is a bot running on a fake Discord with shards shards, and a text
// channel and a user of each guild.
type world struct {
	srv      *discordtest.Server
	bot      *core.Bot
	channels []model.ChannelID
	guilds   []model.GuildID
	users    [][]model.UserID // users[i]: members of guild i other than the bot
}

func newWorld(t *testing.T, shards int) *world {
	t.Helper()
	srv := discordtest.NewServer(&discordtest.Options{Guilds: shards, Seed: 3, IdentifyWindow: time.Millisecond})
	t.Cleanup(srv.Close)
	w := &world{srv: srv}
	bot := srv.World().Bot().ID
	for _, g := range srv.World().Guilds() {
		w.guilds = append(w.guilds, g.ID)
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildText {
				w.channels = append(w.channels, c.ID)
				break
			}
		}
		var us []model.UserID
		for _, m := range srv.World().Members(g.ID) {
			if m.User.ID != bot {
				us = append(us, m.User.ID)
			}
		}
		w.users = append(w.users, us)
	}
	w.bot = core.New(srv.Token(), &core.Options{
		Intents:        model.IntentGuilds | model.IntentGuildMessages | model.IntentGuildMessageReactions,
		Shards:         core.Shards{Count: shards},
		REST:           &rest.Options{BaseURL: srv.URL()},
		IdentifyWindow: time.Millisecond,
	})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); w.bot.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	for i := range shards {
		wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := srv.WaitSession(wctx, i)
		wcancel()
		if err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
	}
	return w
}

// say posts a message as a user, repeatedly until want reports it seen
// (a collector registers when it is called, which the test cannot see).
func (w *world) say(t *testing.T, channel model.ChannelID, user model.UserID, content string) model.MessageID {
	t.Helper()
	id, err := w.srv.SendMessage(channel, user, content)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	return id
}

func TestMessageFromUser(t *testing.T) {
	is := is.New(t)
	w := newWorld(t, 1)
	ch, alice, bob := w.channels[0], w.users[0][0], w.users[0][1]
	got := make(chan model.MessageCreateView, 1)
	errc := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		close(ready)
		m, err := collect.Message(context.Background(), w.bot, 5*time.Second, ch, alice)
		errc <- err
		got <- m
	}()
	<-ready
	time.Sleep(50 * time.Millisecond) // let the collector register
	w.say(t, ch, bob, "not from alice")
	want := w.say(t, ch, alice, "from alice")
	is.NoErr(<-errc)
	m := <-got
	is.Equal(m.ID(), want) // bob's message did not match
	is.Equal(m.Author().ID(), alice)
}

func TestReaction(t *testing.T) {
	is := is.New(t)
	w := newWorld(t, 1)
	ch, user := w.channels[0], w.users[0][0]
	msg := w.say(t, ch, user, "react to me")
	wait := make(chan model.MessageReactionAddView, 1)
	go func() {
		r, err := collect.Reaction(context.Background(), w.bot, 5*time.Second, msg, user)
		if err != nil {
			t.Error(err)
		}
		wait <- r
	}()
	time.Sleep(50 * time.Millisecond)
	react := func(m model.MessageID) {
		err := w.srv.DispatchGuild(w.guilds[0], "MESSAGE_REACTION_ADD", map[string]any{
			"user_id": user.String(), "channel_id": ch.String(), "message_id": m.String(), "guild_id": w.guilds[0].String(),
			"emoji": map[string]any{"id": nil, "name": "👍"}, "burst": false, "type": 0})
		is.NoErr(err)
	}
	react(msg + 1) // another message
	react(msg)
	r := <-wait
	is.Equal(r.MessageID(), msg)
	is.Equal(r.Emoji().Name(), "👍")
}

func TestTimeoutAndCancelLeaveNothing(t *testing.T) {
	w := newWorld(t, 1)
	ch, user := w.channels[0], w.users[0][0]
	ctx := context.Background()
	var calls atomic.Int32 // how often a collector's predicate ran
	counting := func(m model.MessageCreateView) bool { calls.Add(1); return false }
	// afterwards checks that the collector is gone: its predicate no
	// longer sees messages (while a fresh collector still does).
	afterwards := func(t *testing.T) {
		is := is.New(t)
		before := calls.Load()
		got := make(chan model.MessageID, 1)
		go func() {
			m, err := collect.Message(ctx, w.bot, 5*time.Second, ch, user)
			if err != nil {
				t.Error(err)
			}
			got <- m.ID()
		}()
		for {
			w.say(t, ch, user, "after")
			select {
			case <-got:
				is.Equal(calls.Load(), before) // the old listener saw nothing
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	t.Run("timeout", func(t *testing.T) {
		is := is.New(t)
		_, err := collect.Next(ctx, w.bot, 30*time.Millisecond, counting)
		is.True(errors.Is(err, collect.ErrTimeout))
		afterwards(t)
	})
	t.Run("cancel", func(t *testing.T) {
		is := is.New(t)
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err := collect.Next(cctx, w.bot, time.Minute, counting)
		is.True(errors.Is(err, context.Canceled)) // ctx's error, not a timeout
		afterwards(t)
	})
	t.Run("abandoned stream", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		collect.All(cctx, w.bot, counting) // never ranged over
		cancel()
		afterwards(t)
	})
	t.Run("loop ended", func(t *testing.T) {
		is := is.New(t)
		lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		stream := collect.All(lctx, w.bot, func(m model.MessageCreateView) bool { calls.Add(1); return true })
		w.say(t, ch, user, "one")
		n := 0
		for range stream {
			n++
			break
		}
		is.Equal(n, 1)
		afterwards(t)
	})
}

func TestAcrossShards(t *testing.T) {
	is := is.New(t)
	w := newWorld(t, 2) // guild i is on shard i % 2
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wanted []model.MessageID
	stream := collect.All(ctx, w.bot, func(m model.MessageCreateView) bool {
		return m.Author().ID() == w.users[0][0] || m.Author().ID() == w.users[1][0]
	})
	wanted = append(wanted, w.say(t, w.channels[1], w.users[1][0], "on shard 1"))
	wanted = append(wanted, w.say(t, w.channels[0], w.users[0][0], "on shard 0"))
	seen := map[model.MessageID]bool{}
	for m := range stream {
		seen[m.ID()] = true
		if len(seen) == 2 {
			break
		}
	}
	is.True(seen[wanted[0]] && seen[wanted[1]]) // both shards' messages were collected
}

func ExampleMessage() {
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 1})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bot := core.New(srv.Token(), &core.Options{Intents: model.IntentGuildMessages | model.IntentMessageContent,
		REST: &rest.Options{BaseURL: srv.URL()}, IdentifyWindow: time.Millisecond})
	g := srv.World().Guilds()[0]
	channel, user := g.Channels[1].ID, srv.World().Members(g.ID)[1].User.ID

	answer := collect.All(ctx, bot, collect.MessageIn(channel, user)) // registered before the question
	core.On(bot, func(ctx context.Context, ev core.Event, _ model.ReadyView) {
		srv.SendMessage(channel, user, "blue") // the user answers
	})
	done := make(chan error)
	go func() { done <- bot.Run(ctx) }()
	for m := range answer {
		fmt.Println("favourite colour:", m.Content())
		break
	}
	cancel()
	<-done
	// Output: favourite colour: blue
}
