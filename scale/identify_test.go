package scale_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/scale"
	"github.com/matryer/is"
)

// runShards runs count shards against srv, shard i waiting on
// queues[i%len(queues)], until ready says so; the returned function stops
// them.
func runShards(t *testing.T, srv *discordtest.Server, count int, queues []gateway.IdentifyQueue, ready func()) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for id := range count {
		sh := gateway.NewShard(id, count, srv.Token(), &gateway.Options{
			URL: srv.GatewayURL(), IdentifyQueue: queues[id%len(queues)],
			BackoffBase: 100 * time.Millisecond,
		})
		wg.Go(func() { sh.Run(ctx) })
	}
	ready()
	return func() { cancel(); wg.Wait() }
}

// TestIdentifyQueueShared runs eight shards in three "processes" (three
// NATS connections, three queues) against a fake Discord with two identify
// buckets: no identify lands in a taken bucket.
func TestIdentifyQueueShared(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 8, Guilds: 8, MaxConcurrency: 2, IdentifyWindow: 300 * time.Millisecond})
	defer srv.Close()
	ns := startNATS(t)
	ctx := context.Background()
	var queues []gateway.IdentifyQueue
	for i := range 3 {
		_, js := connect(t, ns.URL())
		// Half the window again as margin: on two loaded cores the identify
		// can leave well after its slot came.
		q, err := scale.NewIdentifyQueue(ctx, js, &scale.IdentifyOptions{Window: 450 * time.Millisecond})
		is.NoErr(err) // bind the bucket
		if i == 0 {
			is.NoErr(q.Set(ctx, 2, 1000, 1000, 24*time.Hour)) // GET /gateway/bot's budget
		}
		queues = append(queues, q)
	}
	stop := runShards(t, srv, 8, queues, func() { waitReady(t, srv, 8) })
	defer stop()
	st := srv.Stats().Gateway
	is.Equal(st.Identifies, 8)                    // one identify per shard
	is.Equal(st.IdentifyConcurrencyViolations, 0) // no bucket taken twice
	rem, ok, err := queues[1].(*scale.IdentifyQueue).Remaining(ctx)
	is.NoErr(err)
	is.True(ok)
	is.Equal(rem, 1000-8) // every process counted in one budget
}

// TestIdentifyQueuePerProcessViolates is the control of the test above:
// three processes each with its own limiter break the buckets, and the
// fake counts it.
func TestIdentifyQueuePerProcessViolates(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 6, Guilds: 6, MaxConcurrency: 1, IdentifyWindow: 500 * time.Millisecond})
	defer srv.Close()
	var queues []gateway.IdentifyQueue
	for range 3 {
		queues = append(queues, &gateway.IdentifyLimiter{Interval: 525 * time.Millisecond})
	}
	stop := runShards(t, srv, 6, queues, func() {
		eventually(t, 10*time.Second, "a violation", func() bool {
			return srv.Stats().Gateway.IdentifyConcurrencyViolations > 0
		})
	})
	stop()
	is.True(srv.Stats().Gateway.IdentifyConcurrencyViolations > 0) // the fake sees unshared limiters collide
}

// TestIdentifyQueueBudget spends the daily budget: the next Wait blocks
// until its ctx ends, and gives its slot back.
func TestIdentifyQueueBudget(t *testing.T) {
	is := is.New(t)
	ns := startNATS(t)
	_, js := connect(t, ns.URL())
	ctx := context.Background()
	q, err := scale.NewIdentifyQueue(ctx, js, &scale.IdentifyOptions{Window: 10 * time.Millisecond})
	is.NoErr(err)
	is.NoErr(q.Set(ctx, 1, 10, 2, time.Hour))
	is.NoErr(q.Wait(ctx, 0))
	is.NoErr(q.Wait(ctx, 1))
	rem, _, err := q.Remaining(ctx)
	is.NoErr(err)
	is.Equal(rem, 0) // both starts spent
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	err = q.Wait(wctx, 2)
	is.True(errors.Is(err, context.DeadlineExceeded)) // no start left until the reset

	// Discord reports fewer starts than stored: the lower count wins.
	is.NoErr(q.Set(ctx, 1, 10, 5, time.Hour))
	rem, _, _ = q.Remaining(ctx)
	is.Equal(rem, 0)
}
