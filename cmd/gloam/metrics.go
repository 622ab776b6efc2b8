//go:build !js

package main

import (
	"net/http"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsDashboard serves GET /metrics: the bot's metrics (see package
// prom), the Go runtime's and the process's, in the Prometheus text
// format. clients, unless nil, counts the browsers of the dashboard.
func metricsDashboard(clients func() int) dashboard {
	return func(bot *core.Bot, mux *http.ServeMux) {
		reg := prometheus.NewRegistry()
		reg.MustRegister(
			prom.New(bot, &prom.Options{DashboardClients: clients}),
			collectors.NewGoCollector(),
			collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		)
		mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
	}
}
