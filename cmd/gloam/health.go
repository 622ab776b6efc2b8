//go:build !js

package main

import (
	"encoding/json"
	"net/http"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/core"
)

// healthJSON is GET /health: the bot's health in its JSON form (core.Health)
// and what the cache holds.
type healthJSON struct {
	core.Health
	Cache cache.Stats `json:"cache"`
}

// healthDashboard serves GET /health.
func healthDashboard(bot *core.Bot, mux *http.ServeMux) {
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		out := healthJSON{Health: bot.Health(), Cache: bot.Cache().Stats()}
		if out.Shards == nil {
			out.Shards = []core.ShardHealth{}
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	})
}
