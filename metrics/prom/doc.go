// Package prom exports a gloam bot's metrics to Prometheus.
//
// # Basics
//
// New returns a prometheus.Collector; register it and serve the registry:
//
//	reg := prometheus.NewRegistry()
//	reg.MustRegister(prom.New(bot, nil))
//	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
//
// The collector keeps no copy of the bot's figures and adds nothing to
// the bot: at each scrape it reads core.Bot.Stats, the numbers gloam keeps
// anyway (the listeners' time included), so /metrics, gloam run's
// progress line, its health JSON and the dashboard show the same figures.
//
// The metrics, all prefixed gloam_:
//
//   - gateway_shard_count, gateway_reshards_total, gateway_shards{state}
//   - gateway_events_total{shard,type}: every dispatch read, wanted or not
//   - gateway_disconnects_total{shard,reason}, gateway_close_codes_total{shard,code}
//   - gateway_connects_total{shard}: connections opened
//   - gateway_reconnects_total{shard,reason}: attempts after the first, by
//     why the connection before ended (the reasons of disconnects_total)
//   - gateway_latency_seconds{shard}, gateway_identifies_total{shard},
//     gateway_resumes_total{shard}, gateway_duplicate_events_total{shard}
//   - events_waiting{shard}, events_wait_seconds{shard},
//     events_max_wait_seconds{shard}, events_bad_total{shard}
//   - listener_duration_seconds{type}: a histogram (core.ListenerBounds)
//   - cache_entries{kind}, cache_bytes
//   - cache_commits_total, cache_commits_failed_total, cache_commit_seconds_total,
//     cache_commit_max_seconds, cache_commit_records_total, when Options.Writes is set
//   - rest_requests_total{route,status}, rest_rate_limit_waits_total{limit},
//     rest_rate_limit_wait_seconds_total{limit}, rest_rate_limited_total{scope},
//     rest_invalid_requests
//   - dashboard_clients, when Options.DashboardClients is set
//
// Routes are templates ("POST /channels/{channel_id}/messages"), never
// paths, an event type gloam does not know is UNKNOWN, and reasons and
// close codes are the gateway's few, so no label grows with the traffic.
//
// # Caveats
//
// listener_duration_seconds times only the events some listener wants
// (core hands the others to no one), and each event once, with all its
// listeners. Counters restart from zero with the process, as Prometheus
// expects; the shard counters restart when Run restarts a shard (on a
// reshard).
//
// Only this package and cmd/gloam import client_golang: a user of gloam
// who does not export metrics does not link it.
package prom
