package prom_test

import (
	"context"
	"net/http"
	"os"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/metrics/prom"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Export a bot's metrics at /metrics for Prometheus to scrape.
func Example() {
	bot := core.New(os.Getenv("DISCORD_TOKEN"), nil)
	reg := prometheus.NewRegistry()
	reg.MustRegister(prom.New(bot, nil))
	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	go http.ListenAndServe("127.0.0.1:9464", nil)
	bot.Run(context.Background())
}
