//go:build !js

package main

import (
	"net/http"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsDashboard serves GET /metrics: the bot's metrics (see package
// prom), the Go runtime's and the process's, in the Prometheus text
// format.
func metricsDashboard(o *prom.Options) dashboard {
	return func(bot *core.Bot, mux *http.ServeMux) {
		reg := prometheus.NewRegistry()
		reg.MustRegister(
			prom.New(bot, o),
			collectors.NewGoCollector(),
			collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		)
		mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
	}
}

// writesOf reports the commits of a bolt cache; nil for another backend.
func writesOf(b cache.Backend) func() prom.Writes {
	bb, ok := b.(*bolt.Backend)
	if !ok {
		return nil
	}
	return func() prom.Writes {
		s := bb.Stats()
		return prom.Writes{Commits: s.Commits, Failed: s.Failed, CommitTime: s.CommitTime, MaxCommit: s.MaxCommit, Records: s.Records}
	}
}
