package prom_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/internal/promtext"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// TestReconnectReasons scrapes /metrics while the fake Discord closes the
// shard's connection with a close code, asks it to reconnect, invalidates
// its session and drops it: each reconnect counts under the reason of the
// end before it, and the connections, close codes, identifies and resumes
// move with them.
func TestReconnectReasons(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1, MembersPerGuild: 1, HeartbeatInterval: time.Second})
	defer srv.Close()
	bot := core.New(srv.Token(), &core.Options{
		Intents: model.IntentGuilds,
		REST:    &rest.Options{BaseURL: srv.URL()},
		Shard:   &gateway.Options{BackoffBase: time.Millisecond, BackoffMax: 10 * time.Millisecond},
	})
	reg := prometheus.NewRegistry()
	reg.MustRegister(prom.New(bot, nil))
	hs := httptest.NewServer(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	defer hs.Close()
	url := hs.URL + "/metrics"

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx) }()
	defer func() { cancel(); <-done }()
	wait := func(what string, cond func(m map[string]float64) bool) map[string]float64 {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			m := promtext.Scrape(t, url)
			if cond(m) {
				return m
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; last scrape: %v", what, m)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	connected := func(m map[string]float64) bool { return m[`gloam_gateway_shards{state="connected"}`] == 1 }
	m := wait("the shard connected", connected)
	is.Equal(m[`gloam_gateway_connects_total{shard="0"}`], 1.0)   // the first connection
	is.Equal(m[`gloam_gateway_identifies_total{shard="0"}`], 1.0) // and its identify
	for k := range m {
		is.True(!strings.HasPrefix(k, "gloam_gateway_reconnects_total")) // no reconnect yet
	}

	for _, step := range []struct {
		fault  discordtest.Fault
		reason string
	}{
		{discordtest.FaultClose{Code: 4000}, gateway.ReasonClose},
		{discordtest.FaultReconnect{}, gateway.ReasonReconnect},
		{discordtest.FaultInvalidSession{Resumable: false}, gateway.ReasonInvalidSession},
		{discordtest.FaultDrop{}, gateway.ReasonError},
	} {
		is.NoErr(srv.Fault(0, step.fault))
		key := `gloam_gateway_reconnects_total{reason="` + step.reason + `",shard="0"}`
		m = wait("a reconnect for "+step.reason, func(m map[string]float64) bool { return m[key] == 1 && connected(m) })
	}
	is.Equal(m[`gloam_gateway_reconnects_total{reason="close",shard="0"}`], 1.0)           // by close code 4000
	is.Equal(m[`gloam_gateway_reconnects_total{reason="reconnect",shard="0"}`], 1.0)       // by op 7
	is.Equal(m[`gloam_gateway_reconnects_total{reason="invalid_session",shard="0"}`], 1.0) // by op 9
	is.Equal(m[`gloam_gateway_reconnects_total{reason="error",shard="0"}`], 1.0)           // by the dropped connection
	is.Equal(m[`gloam_gateway_connects_total{shard="0"}`], 5.0)                            // the first and one after each fault
	is.Equal(m[`gloam_gateway_close_codes_total{code="4000",shard="0"}`], 1.0)             // the close code
	is.Equal(m[`gloam_gateway_disconnects_total{reason="invalid_session",shard="0"}`], 1.0)
	is.Equal(m[`gloam_gateway_identifies_total{shard="0"}`], 2.0) // again after the session was invalidated
	is.True(m[`gloam_gateway_resumes_total{shard="0"}`] >= 2)     // after the close and op 7 (and the drop, once READY came)
}
