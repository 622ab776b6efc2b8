package core_test

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// startup runs a bot of shards shards, conc identify buckets and an
// identify window of window on both sides against a fresh fake Discord
// until every shard is connected, and returns how long that took and
// the server's statistics.
func startup(tb testing.TB, shards, conc int, window time.Duration) (time.Duration, discordtest.GatewayStats) {
	tb.Helper()
	srv := discordtest.NewServer(&discordtest.Options{
		Shards: shards, MaxConcurrency: conc, IdentifyWindow: window,
		SessionStartLimit: 10 * shards, Guilds: shards, MembersPerGuild: 2,
		HeartbeatInterval: 30 * time.Second,
	})
	defer srv.Close()
	bot := core.New(srv.Token(), &core.Options{
		Intents:        model.IntentGuilds,
		IdentifyWindow: window,
		REST:           &rest.Options{BaseURL: srv.URL()},
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- bot.Run(ctx) }()
	deadline := time.Now().Add(time.Minute)
	for {
		h := bot.Health()
		up := 0
		for _, s := range h.Shards {
			if s.State == gateway.StateConnected {
				up++
			}
		}
		if up == shards {
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d of %d shards connected after a minute", up, shards)
		}
		time.Sleep(2 * time.Millisecond)
	}
	elapsed := time.Since(start)
	st := srv.Stats().Gateway
	cancel()
	<-done
	return elapsed, st
}

// allowed is the least time shards identifies take when every bucket of
// conc may identify once per window: the last identify of the fullest
// bucket goes out (shards/conc rounded up - 1) windows after the first,
// and one window is counted for it to come up.
func allowed(shards, conc int, window time.Duration) time.Duration {
	return time.Duration((shards+conc-1)/conc) * window
}

// BenchmarkStartup brings 200 shards up through the Bot's identify queue
// with max_concurrency 16 and a 100 ms identify window, and reports the
// time it took against what the identify windows allow (x-allowed).
func BenchmarkStartup(b *testing.B) {
	const shards, conc, window = 200, 16, 100 * time.Millisecond
	for range b.N {
		elapsed, st := startup(b, shards, conc, window)
		b.ReportMetric(float64(st.IdentifyConcurrencyViolations), "violations")
		b.ReportMetric(elapsed.Seconds(), "s/startup")
		b.ReportMetric(float64(elapsed)/float64(allowed(shards, conc, window)), "x-allowed")
		b.ReportMetric(float64(st.Identifies), "identifies")
	}
}
