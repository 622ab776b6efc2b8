package core_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// With Workers, listeners run concurrently, and the events of one
// channel still arrive one at a time, in order.
func TestWorkersKeepOrderPerChannel(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 4}))
	defer srv.Close()
	o := options(srv)
	o.Workers = 4
	bot := core.New(srv.Token(), o)
	var mu sync.Mutex
	got := map[model.ChannelID][]int{}
	busy := map[model.ChannelID]bool{}
	var inflight, most atomic.Int64
	total := 0
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		n := inflight.Add(1)
		for o := most.Load(); n > o && !most.CompareAndSwap(o, n); o = most.Load() {
		}
		// The first event waits (a while) for another to run beside it.
		for deadline := time.Now().Add(5 * time.Second); most.Load() < 2 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		mu.Lock()
		is.True(!busy[m.ChannelID()]) // one event of a channel at a time
		busy[m.ChannelID()] = true
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		i, _ := strconv.Atoi(m.Content())
		mu.Lock()
		busy[m.ChannelID()] = false
		got[m.ChannelID()] = append(got[m.ChannelID()], i)
		total++
		mu.Unlock()
		inflight.Add(-1)
	})
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	ts := targets(srv.World())
	is.True(len(ts) >= 4)
	const each = 15
	for i := range each {
		for _, tg := range ts[:4] {
			_, err := srv.SendMessage(tg.channel, tg.user, strconv.Itoa(i))
			is.NoErr(err)
		}
	}
	waitFor(t, "every message handled", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return total == 4*each
	})
	h := bot.Health().Shards[0]
	is.True(errors.Is(stop(), context.Canceled))
	for ch, seq := range got {
		for i, n := range seq {
			if n != i {
				t.Fatalf("channel %d: events out of order: %v", ch, seq)
			}
		}
	}
	is.True(most.Load() >= 2) // listeners ran concurrently
	is.Equal(h.Queued, 0)
	is.True(h.MaxWait > 0) // waits were measured
}

// A listener that holds its shard up makes events queue, which Health
// shows; reading stops when the queue is full, and no event is lost.
func TestSlowListenerIsVisibleAndLosesNothing(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	release := make(chan struct{})
	var mu sync.Mutex
	var seen []int
	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
		<-release
		i, _ := strconv.Atoi(m.Content())
		mu.Lock()
		seen = append(seen, i)
		mu.Unlock()
	})
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	tg := targets(srv.World())[0]
	const n = 150 // more than a queue holds
	sent := make(chan error, 1)
	go func() {
		for i := range n {
			if _, err := srv.SendMessage(tg.channel, tg.user, strconv.Itoa(i)); err != nil {
				sent <- err
				return
			}
		}
		sent <- nil
	}()
	waitFor(t, "a full queue", func() bool { return bot.Health().Shards[0].Queued >= 60 })
	time.Sleep(300 * time.Millisecond)
	h := bot.Health().Shards[0]
	is.True(h.Queued <= 66)                 // bounded: the shard stopped reading
	is.True(h.Wait >= 250*time.Millisecond) // the wait shows
	close(release)
	is.NoErr(<-sent)
	waitFor(t, "every message handled", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) == n
	})
	is.True(errors.Is(stop(), context.Canceled))
	for i, v := range seen {
		if v != i {
			t.Fatalf("events out of order or lost: %v", seen)
		}
	}
}

// Health has no side effect: events per second are known at the first
// call, and any number of callers see the same figures.
func TestHealthHasNoSideEffect(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 2}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	ready := make(chan struct{}, 1)
	core.On(bot, func(ctx context.Context, ev core.Event, r model.ReadyView) { ready <- struct{}{} })
	stop := run(bot)
	<-ready
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	srv.Stream(ctx, 0, 0, 200)
	cancel()
	first := bot.Health().Shards[0]     // the first call of all
	is.True(first.EventsPerSecond > 10) // already known
	is.True(errors.Is(stop(), context.Canceled))
}
