package core_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// record is a listener of T that appends what it gets to all, under mu.
func record[T any](mu *sync.Mutex, all *[]T) func(context.Context, core.Event, T) {
	return func(_ context.Context, _ core.Event, v T) {
		mu.Lock()
		defer mu.Unlock()
		*all = append(*all, v)
	}
}

// TestTypedListenersShareOnePayload reads each message once for all the
// listeners that take the same payload type: two listeners of
// *model.MessageCreate get the same struct, two of the view the same view,
// and the next message a struct of its own.
func TestTypedListenersShareOnePayload(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	var mu sync.Mutex
	var first, second []*model.MessageCreate
	var views [2][]model.MessageCreateView
	core.On(bot, record(&mu, &first))
	core.On(bot, record(&mu, &views[0]))
	bot.Listen(func(context.Context, core.Event) {}, model.EventMessageCreate)
	core.On(bot, record(&mu, &second))
	core.On(bot, record(&mu, &views[1]))
	stop := run(bot)
	waitFor(t, "connected", connected(bot, 1))
	say(t, srv, "one")
	say(t, srv, "two")
	waitFor(t, "both messages", func() bool { mu.Lock(); defer mu.Unlock(); return len(second) == 2 && len(views[1]) == 2 })
	is.True(errors.Is(stop(), context.Canceled))

	is.Equal(len(first), 2)
	for i := range 2 {
		is.True(first[i] == second[i]) // one struct for both listeners
		is.Equal(views[0][i], views[1][i])
	}
	is.True(first[0] != first[1])          // each message its own
	is.Equal(first[0].Content, "one")      // decoded
	is.Equal(views[1][1].Content(), "two") // and the view reads
}

// TestStats reads the operator's figures in one snapshot while a bot
// runs: the listeners' time by type, in buckets, the connections by
// reason after a close code, the cache and REST, and the health JSON
// the dashboard gets.
func TestStats(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Guilds: 1}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	core.On(bot, func(context.Context, core.Event, model.MessageCreateView) { time.Sleep(3 * time.Millisecond) })
	stop := run(bot)
	defer stop()
	waitFor(t, "connected", connected(bot, 1))
	for range 3 {
		say(t, srv, "slow")
	}
	listened := func() (core.ListenerTime, bool) {
		for _, l := range bot.Stats().Listeners {
			if l.Type == model.EventMessageCreate {
				return l, true
			}
		}
		return core.ListenerTime{}, false
	}
	waitFor(t, "three messages timed", func() bool { l, _ := listened(); return l.Count == 3 })
	l, _ := listened()
	is.True(l.Total >= 9*time.Millisecond) // three listeners of 3 ms
	is.True(l.Mean() >= 3*time.Millisecond)
	bounds := core.ListenerBounds()
	is.Equal(len(l.Buckets), len(bounds))
	for i, b := range bounds {
		if b < 3*time.Millisecond {
			is.Equal(l.Buckets[i], int64(0)) // none as fast as that
		}
	}
	q, ok := l.Quantile(0.5)
	is.True(ok && q >= 3*time.Millisecond) // the median's bucket is past 3 ms

	is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: 4000}))
	waitFor(t, "back after the close", func() bool {
		hs := bot.Health().Shards
		return len(hs) == 1 && hs[0].State == gateway.StateConnected && hs[0].Connects == 2
	})
	st := bot.Stats()
	sh := st.Shards[0]
	is.Equal(sh.ReconnectReasons, []gateway.Reconnect{{Reason: gateway.ReasonClose, Count: 1}})         // the reconnect, by reason
	is.Equal(sh.Disconnects, []gateway.Disconnect{{Reason: gateway.ReasonClose, Code: 4000, Count: 1}}) // and its close code
	is.Equal(st.Cache.Guilds, 1)                                                                        // the cache
	is.True(len(st.REST.Requests) > 0)                                                                  // REST
	is.True(len(st.Events) > 0)                                                                         // events by type
	is.True(!st.Taken.IsZero())

	j, err := json.Marshal(sh)
	is.NoErr(err)
	is.True(strings.Contains(string(j), `"connects":2`))
	is.True(strings.Contains(string(j), `"close_codes":{"4000":1}`))
	is.True(strings.Contains(string(j), `"reconnect_reasons":{"close":1}`))
	var back core.ShardHealth
	is.NoErr(json.Unmarshal(j, &back))
	is.Equal(back.Disconnects, sh.Disconnects)           // the JSON form keeps them
	is.Equal(back.ReconnectReasons, sh.ReconnectReasons) // and these
	is.Equal(back.Connects, 2)
}
