package prom_test

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// family finds a gathered metric family by name.
func family(fs []*dto.MetricFamily, name string) *dto.MetricFamily {
	for _, f := range fs {
		if f.GetName() == name {
			return f
		}
	}
	return nil
}

// value is the value of the sample of f whose labels include want.
func value(f *dto.MetricFamily, want map[string]string) (float64, bool) {
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		n := 0
		for _, l := range m.Label {
			if v, ok := want[l.GetName()]; ok {
				if v != l.GetValue() {
					continue next
				}
				n++
			}
		}
		if n != len(want) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// TestCollector runs a bot on the fake Discord and gathers its metrics
// through a registry, which also checks that what Collect sends matches
// what Describe announced.
func TestCollector(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 2, Guilds: 3, MembersPerGuild: 2, HeartbeatInterval: time.Second})
	defer srv.Close()
	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds | model.IntentGuildMessages,
		REST:    &rest.Options{BaseURL: srv.URL()},
	})
	core.On(bot, func(ctx context.Context, ev core.Event, g model.GuildCreateView) { time.Sleep(time.Millisecond) })
	reg := prometheus.NewRegistry()
	reg.MustRegister(prom.New(bot, &prom.Options{DashboardClients: func() int { return 7 }}))

	fs, err := reg.Gather()
	is.NoErr(err) // before Run: no shards yet, nothing inconsistent
	v, _ := value(family(fs, "gloam_gateway_shards"), map[string]string{"state": "connected"})
	is.Equal(v, 0.0)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		fs, err = reg.Gather()
		is.NoErr(err)
		v, _ := value(family(fs, "gloam_listener_duration_seconds"), map[string]string{"type": "GUILD_CREATE"})
		c, _ := value(family(fs, "gloam_gateway_shards"), map[string]string{"state": "connected"})
		if v == 3 && c == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the shards and the guilds")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for shard := range []string{"0", "1"} {
		v, ok := value(family(fs, "gloam_gateway_events_total"), map[string]string{"shard": []string{"0", "1"}[shard], "type": "READY"})
		is.True(ok)      // events by shard and type
		is.Equal(v, 1.0) // one READY each
	}
	v, _ = value(family(fs, "gloam_cache_entries"), map[string]string{"kind": "guild"})
	is.Equal(v, 3.0) // the cache by kind
	v, _ = value(family(fs, "gloam_rest_requests_total"), map[string]string{"route": "GET /gateway/bot", "status": "200"})
	is.True(v >= 1) // REST by route and status
	v, _ = value(family(fs, "gloam_dashboard_clients"), nil)
	is.Equal(v, 7.0) // the dashboard's count, as given
	h := family(fs, "gloam_listener_duration_seconds").Metric[0].Histogram
	is.True(h.GetSampleSum() >= 0.003) // three listeners of at least a millisecond

	is.NoErr(srv.Fault(1, discordtest.FaultClose{Code: 4000}))
	for {
		fs, err = reg.Gather()
		is.NoErr(err)
		if v, _ := value(family(fs, "gloam_gateway_close_codes_total"), map[string]string{"shard": "1", "code": "4000"}); v == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the close code to count")
		}
		time.Sleep(20 * time.Millisecond)
	}
	v, _ = value(family(fs, "gloam_gateway_disconnects_total"), map[string]string{"shard": "1", "reason": "close"})
	is.Equal(v, 1.0) // the close, by reason too
	_, ok := value(family(fs, "gloam_gateway_disconnects_total"), map[string]string{"shard": "0"})
	is.True(!ok) // shard 0 never disconnected
}
