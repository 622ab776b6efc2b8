//go:build !js

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/promtext"
	"github.com/matryer/is"
)

// sum adds the samples of one metric, whatever their labels.
func sum(m map[string]float64, name string) float64 {
	var n float64
	for k, v := range m {
		if k == name || strings.HasPrefix(k, name+"{") {
			n += v
		}
	}
	return n
}

// TestMetrics scrapes /metrics while gloam run runs on the embedded fake
// Discord: the shards are connected, and the counters of events and REST
// requests move between two scrapes.
func TestMetrics(t *testing.T) {
	is := is.New(t)
	t.Setenv("DISCORD_TOKEN", "")
	t.Setenv("DISCORD_API_URL", "")
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- cmdRun(ctx, []string{"-cache", "bolt:" + filepath.Join(dir, "gloam.db"), "-shards", "2", "-fake-guilds", "4", "-fake-members", "5",
			"-fake-ping", "50ms", "-fake-events", "40", "-progress", "100ms", "-dashboard", "off", "-http", "127.0.0.1:0"}, &out, &errs)
	}()
	waitFor(t, "the shards connected", func() bool { return strings.Contains(out.String(), "shards 2/2 connected") })
	_, after, ok := strings.Cut(out.String(), "serving metrics on ")
	is.True(ok) // the metrics URL is printed
	url := strings.Fields(after)[0]

	first := promtext.Scrape(t, url)
	is.Equal(first[`gloam_gateway_shards{state="connected"}`], 2.0) // both shards connected
	is.Equal(first["gloam_gateway_shard_count"], 2.0)
	is.Equal(first[`gloam_gateway_connects_total{shard="0"}`], 1.0) // one connection each so far
	is.Equal(first[`gloam_gateway_connects_total{shard="1"}`], 1.0)
	is.True(first[`gloam_gateway_events_total{shard="0",type="READY"}`] == 1) // events by shard and type
	is.True(first[`gloam_rest_requests_total{route="GET /gateway/bot",status="200"}`] >= 1)
	is.Equal(first[`gloam_cache_entries{kind="guild"}`], 4.0) // the cache by kind
	is.True(first["gloam_cache_bytes"] > 0)
	_, ok = first["go_goroutines"]
	is.True(ok) // and the Go runtime's

	var next map[string]float64
	waitFor(t, "the counters to move", func() bool {
		next = promtext.Scrape(t, url)
		return sum(next, "gloam_gateway_events_total") > sum(first, "gloam_gateway_events_total") &&
			sum(next, "gloam_rest_requests_total") > sum(first, "gloam_rest_requests_total") &&
			next["gloam_cache_commits_total"] > 0
	})
	is.True(next["gloam_cache_commit_records_total"] > 0)                                                     // the bolt cache's commits
	is.True(next[`gloam_rest_requests_total{route="POST /channels/{channel_id}/messages",status="200"}`] > 0) // pings answered
	is.True(next[`gloam_gateway_events_total{shard="0",type="MESSAGE_CREATE"}`]+
		next[`gloam_gateway_events_total{shard="1",type="MESSAGE_CREATE"}`] > 0) // the pings, by type
	is.True(next[`gloam_listener_duration_seconds_count{type="MESSAGE_CREATE"}`] > 0) // the ping bot's listener, timed
	is.True(strings.Contains(out.String(), " REST requests"))                         // the progress line counts them too
	cancel()
	is.NoErr(<-done)
}
