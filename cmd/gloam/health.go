//go:build !js

package main

import (
	"encoding/json"
	"net/http"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/core"
)

// shardJSON is one shard in GET /health.
type shardJSON struct {
	Shard           int     `json:"shard"`
	State           string  `json:"state"`
	LatencyMS       float64 `json:"latency_ms"`
	Reconnects      int     `json:"reconnects"`
	Identifies      int     `json:"identifies"`
	Resumes         int     `json:"resumes"`
	Events          int64   `json:"events"`
	EventsPerSecond float64 `json:"events_per_second"`
	LastError       string  `json:"last_error,omitempty"`
}

// healthDashboard serves GET /health: the shards and what the cache holds.
func healthDashboard(bot *core.Bot, mux *http.ServeMux) {
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		var out struct {
			ShardCount int         `json:"shard_count"`
			Shards     []shardJSON `json:"shards"`
			Cache      cache.Stats `json:"cache"`
		}
		health := bot.Health()
		out.ShardCount = health.ShardCount
		out.Shards = []shardJSON{}
		for _, h := range health.Shards {
			s := shardJSON{
				Shard: h.Shard, State: h.State.String(), LatencyMS: float64(h.Latency.Microseconds()) / 1000,
				Reconnects: h.Reconnects, Identifies: h.Identifies, Resumes: h.Resumes,
				Events: h.Events, EventsPerSecond: h.EventsPerSecond,
			}
			if h.LastError != nil {
				s.LastError = h.LastError.Error()
			}
			out.Shards = append(out.Shards, s)
		}
		out.Cache = bot.Cache().Stats()
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	})
}
