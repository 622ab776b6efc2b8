package scale_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/scale"
	"github.com/matryer/is"
)

// testWindow is the fake's identify window; the queue's is longer, for
// the time a shard's connection may take after its slot has come.
const testWindow = 200 * time.Millisecond

func gatewayOptions(srv *discordtest.Server, shards int) *scale.GatewayOptions {
	return &scale.GatewayOptions{
		APIURL: srv.URL(), Shards: shards, Partitions: 4,
		Intents:        model.IntentGuilds | model.IntentGuildMembers | model.IntentGuildPresences | model.IntentGuildMessages | model.IntentMessageContent,
		LeaseTTL:       1500 * time.Millisecond,
		IdentifyWindow: 2 * testWindow,
		Shard:          &gateway.Options{BackoffBase: 100 * time.Millisecond},
	}
}

// running runs f until the test ends (or stop is called), and reports its
// error when it is not the cancellation's.
func running(t *testing.T, f func(ctx context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f(ctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("run: %v", err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// TestGatewayLeases runs two gateway processes: the shards spread over
// both; when one stops, the other resumes its shards without identifying.
func TestGatewayLeases(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 4, Guilds: 8, MaxConcurrency: 2, IdentifyWindow: testWindow})
	defer srv.Close()
	ns := startNATS(t)
	nc1, _ := connect(t, ns.URL())
	nc2, _ := connect(t, ns.URL())
	g1 := scale.NewGateway(nc1, srv.Token(), gatewayOptions(srv, 4))
	g2 := scale.NewGateway(nc2, srv.Token(), gatewayOptions(srv, 4))
	running(t, g1.Run)
	waitReady(t, srv, 4)
	is.Equal(len(g1.Shards()), 4) // alone, it runs every shard

	stop2 := running(t, g2.Run)
	eventually(t, 10*time.Second, "the shards spread over both processes", func() bool {
		return len(g1.Shards()) == 2 && len(g2.Shards()) == 2
	})
	waitReady(t, srv, 4)
	held2 := g2.Shards()
	stop2()
	eventually(t, 5*time.Second, "the first process takes the shards back", func() bool {
		return len(g1.Shards()) == 4
	})
	waitReady(t, srv, 4)
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 4)                    // every move resumed; nothing identified again
	is.True(st.Resumes >= 2*len(held2))           // to the second process and back
	is.Equal(st.IdentifyConcurrencyViolations, 0) // the shared queue
	is.True(slices.Equal(g1.Shards(), []int{0, 1, 2, 3}))
}

// TestWorkers runs one gateway process and two workers: every message is
// handled once, by one of them, the messages of each guild in the order
// they were sent, and each worker's cache is as fresh as the event it
// handles (it holds the message, and its author who joined just before).
func TestWorkers(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 2, Guilds: 4, IdentifyWindow: testWindow})
	defer srv.Close()
	ns := startNATS(t)
	nc, _ := connect(t, ns.URL())
	running(t, scale.NewGateway(nc, srv.Token(), gatewayOptions(srv, 2)).Run)
	waitReady(t, srv, 2)

	var mu sync.Mutex
	seen := map[model.GuildID][]string{} // the contents handled, by guild
	byWorker := map[int]int{}
	stale := 0
	var workers []*scale.Worker
	for i := range 2 {
		wnc, _ := connect(t, ns.URL())
		w := scale.NewWorker(wnc, &scale.WorkerOptions{
			Events:  model.NewEventTypeSet(model.EventMessageCreate),
			AckWait: 2 * time.Second,
			Bot: listening(srv, func(ctx context.Context, ev core.Event) {
				g := model.GuildID(ev.Get("guild_id").Uint())
				_, hasMsg := ev.Bot.Cache().Message(model.ChannelID(ev.Get("channel_id").Uint()), model.MessageID(ev.Get("id").Uint()))
				_, hasAuthor := ev.Bot.Cache().Member(g, model.UserID(ev.Get("author.id").Uint()))
				time.Sleep(time.Millisecond) // a little work, so that both workers get some
				mu.Lock()
				defer mu.Unlock()
				if !hasMsg || !hasAuthor {
					stale++
				}
				seen[g] = append(seen[g], ev.Get("content").Str)
				byWorker[i]++
			}),
		})
		workers = append(workers, w)
		running(t, w.Run)
	}

	const perGuild = 40
	var guilds []model.GuildID
	for i := range 4 {
		g, ch, user := textChannel(t, srv, i)
		guilds = append(guilds, g)
		for n := range perGuild {
			if n%10 == 5 {
				m, err := srv.AddMember(g, "joiner"+strconv.Itoa(n))
				is.NoErr(err)
				user = m.User.ID // a member the cache learns of just before the message
			}
			_, err := srv.SendMessage(ch, user, "m"+strconv.Itoa(n))
			is.NoErr(err)
		}
	}
	eventually(t, 20*time.Second, "every message handled", func() bool {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, s := range seen {
			n += len(s)
		}
		return n >= 4*perGuild
	})
	time.Sleep(200 * time.Millisecond) // a duplicate would show by now
	mu.Lock()
	defer mu.Unlock()
	for _, g := range guilds {
		is.Equal(len(seen[g]), perGuild) // each message once
		for n, c := range seen[g] {
			is.Equal(c, "m"+strconv.Itoa(n)) // in the order sent
		}
	}
	is.True(byWorker[0] > 0 && byWorker[1] > 0) // both workers took part
	is.Equal(stale, 0)                          // every listener saw the message and its author in the cache
	is.Equal(workers[0].Stats().Handled+workers[1].Stats().Handled >= 4*perGuild, true)
}
