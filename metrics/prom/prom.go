package prom

import (
	"context"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/prometheus/client_golang/prometheus"
)

// Options are a Collector's optional settings; nil means defaults.
type Options struct {
	// DashboardClients reports the browsers connected to a dashboard
	// (dashboard.Server.Clients) as gloam_dashboard_clients. Zero: the
	// metric is not exported.
	DashboardClients func() int
	// Writes reports a persistent cache's commits (cache/bolt's
	// Backend.Stats gives them) as gloam_cache_commits_total,
	// gloam_cache_commit_seconds_total, gloam_cache_commit_max_seconds,
	// gloam_cache_commit_records_total and gloam_cache_commits_failed_total.
	// Zero: those are not exported.
	Writes func() Writes
	// ListenerBuckets are the upper bounds, in seconds, of the buckets of
	// gloam_listener_duration_seconds. Zero: 100 µs to 10 s, about three
	// per decade.
	ListenerBuckets []float64
}

// Writes are the commit counts of a persistent cache.
type Writes struct {
	Commits    int64         // transactions committed
	Failed     int64         // transactions that failed
	CommitTime time.Duration // time spent in the committed ones, in all
	MaxCommit  time.Duration // the longest one
	Records    int64         // records written or deleted by them
}

// defaultBuckets spans a listener that only reads the event (tens of
// microseconds) to one that waits on a rate limit (seconds).
var defaultBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Collector is a prometheus.Collector of a bot's metrics. Its methods
// are safe for concurrent use.
type Collector struct {
	bot       *core.Bot
	clients   func() int
	writes    func() Writes
	listeners *prometheus.HistogramVec
}

// New returns a collector of bot's metrics. It adds a core.Middleware to
// bot that times the listeners of each event; register the collector
// with a prometheus.Registerer to export the rest, which it reads at
// scrape time.
func New(bot *core.Bot, opts *Options) *Collector {
	var o Options
	if opts != nil {
		o = *opts
	}
	if len(o.ListenerBuckets) == 0 {
		o.ListenerBuckets = defaultBuckets
	}
	c := &Collector{
		bot:     bot,
		clients: o.DashboardClients,
		writes:  o.Writes,
		listeners: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gloam_listener_duration_seconds",
			Help:    "Time the listeners of one event took, all of them, by event type.",
			Buckets: o.ListenerBuckets,
		}, []string{"type"}),
	}
	bot.Use(c.time)
	return c
}

// time is the middleware that observes the listeners' time.
func (c *Collector) time(next core.Listener) core.Listener {
	return func(ctx context.Context, ev core.Event) {
		start := time.Now()
		next(ctx, ev)
		c.listeners.WithLabelValues(typeName(ev.Type)).Observe(time.Since(start).Seconds())
	}
}

// typeName is the type label of an event: Discord's name, or UNKNOWN
// for every name gloam does not know (so that a stream of new names
// cannot grow the label set without bound).
func typeName(t model.EventType) string {
	if s := t.String(); s != "" {
		return s
	}
	return "UNKNOWN"
}

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, labels, nil)
}

var (
	dShardCount    = desc("gloam_gateway_shard_count", "Shards of the current run, in all processes.")
	dReshards      = desc("gloam_gateway_reshards_total", "Reshards after close code 4011.")
	dShards        = desc("gloam_gateway_shards", "Shards this process runs, by state.", "state")
	dEvents        = desc("gloam_gateway_events_total", "Dispatches read, by shard and event type.", "shard", "type")
	dLatency       = desc("gloam_gateway_latency_seconds", "Round trip of the shard's last acknowledged heartbeat.", "shard")
	dReconnects    = desc("gloam_gateway_reconnects_total", "Connections opened after the first.", "shard")
	dIdentifies    = desc("gloam_gateway_identifies_total", "Identify payloads sent.", "shard")
	dResumes       = desc("gloam_gateway_resumes_total", "Sessions resumed.", "shard")
	dDisconnects   = desc("gloam_gateway_disconnects_total", "Connections, or attempts to connect, that ended, by shard and reason (close, reconnect, invalid_session, heartbeat_timeout, no_hello, dial, decompress, error).", "shard", "reason")
	dCloseCodes    = desc("gloam_gateway_close_codes_total", "Connections the server closed, by shard and close code.", "shard", "code")
	dDuplicates    = desc("gloam_gateway_duplicate_events_total", "Dispatches dropped for a sequence number already seen.", "shard")
	dQueued        = desc("gloam_events_waiting", "Events read whose listeners have not finished.", "shard")
	dWait          = desc("gloam_events_wait_seconds", "How long events wait for their listeners: the mean of the last few seconds, or the age of the event in hand when greater.", "shard")
	dMaxWait       = desc("gloam_events_max_wait_seconds", "The longest one event waited for its listeners.", "shard")
	dBad           = desc("gloam_events_bad_total", "Events a typed listener could not read.", "shard")
	dCache         = desc("gloam_cache_entries", "Records cached, by kind.", "kind")
	dCacheBytes    = desc("gloam_cache_bytes", "The cache backend's estimate of its size.")
	dRequests      = desc("gloam_rest_requests_total", "HTTP attempts, by route and status (\"error\": no response).", "route", "status")
	dWaits         = desc("gloam_rest_rate_limit_waits_total", "Requests that waited for a rate limit before sending, by limit (bucket or global).", "limit")
	dWaitSeconds   = desc("gloam_rest_rate_limit_wait_seconds_total", "Time requests waited for a rate limit before sending, by limit.", "limit")
	dTooMany       = desc("gloam_rest_rate_limited_total", "429 responses, by scope (user, global, shared, unknown).", "scope")
	dInvalid       = desc("gloam_rest_invalid_requests", "401, 403 and 429 responses in the last ten minutes (Discord bans at 10,000).")
	dCommits       = desc("gloam_cache_commits_total", "Transactions the persistent cache committed.")
	dCommitFailed  = desc("gloam_cache_commits_failed_total", "Transactions of the persistent cache that failed.")
	dCommitTime    = desc("gloam_cache_commit_seconds_total", "Time the persistent cache spent in committed transactions.")
	dCommitMax     = desc("gloam_cache_commit_max_seconds", "The longest commit of the persistent cache.")
	dCommitRecords = desc("gloam_cache_commit_records_total", "Records the persistent cache's commits wrote or deleted.")
	dDashClients   = desc("gloam_dashboard_clients", "Browsers connected to the dashboard's feed.")
	allStates      = []gateway.State{gateway.StateIdle, gateway.StateConnecting, gateway.StateIdentifying, gateway.StateResuming, gateway.StateConnected, gateway.StateWaiting, gateway.StateStopped}
	constDescs     = []*prometheus.Desc{dShardCount, dReshards, dShards, dEvents, dLatency, dReconnects, dIdentifies, dResumes, dDisconnects, dCloseCodes, dDuplicates, dQueued, dWait, dMaxWait, dBad, dCache, dCacheBytes, dRequests, dWaits, dWaitSeconds, dTooMany, dInvalid}
)

// Describe sends the descriptions of every metric the collector exports.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range constDescs {
		ch <- d
	}
	if c.clients != nil {
		ch <- dDashClients
	}
	if c.writes != nil {
		for _, d := range []*prometheus.Desc{dCommits, dCommitFailed, dCommitTime, dCommitMax, dCommitRecords} {
			ch <- d
		}
	}
	c.listeners.Describe(ch)
}

// Collect reads the bot's figures (core.Bot's Health and EventCounts,
// the cache's Stats, the REST client's Stats) and sends them.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}

	h := c.bot.Health()
	gauge(dShardCount, float64(h.ShardCount))
	counter(dReshards, float64(h.Reshards))
	states := map[gateway.State]int{}
	for _, s := range h.Shards {
		states[s.State]++
		id := strconv.Itoa(s.Shard)
		gauge(dLatency, s.Latency.Seconds(), id)
		counter(dReconnects, float64(s.Reconnects), id)
		counter(dIdentifies, float64(s.Identifies), id)
		counter(dResumes, float64(s.Resumes), id)
		counter(dDuplicates, float64(s.Duplicates), id)
		gauge(dQueued, float64(s.Queued), id)
		gauge(dWait, s.Wait.Seconds(), id)
		gauge(dMaxWait, s.MaxWait.Seconds(), id)
		counter(dBad, float64(s.BadEvents), id)
		if sh := c.bot.Shard(s.Shard); sh != nil {
			closes := 0
			for _, d := range sh.Disconnects() {
				if d.Reason == gateway.ReasonClose {
					closes += d.Count
					counter(dCloseCodes, float64(d.Count), id, strconv.Itoa(int(d.Code)))
				} else {
					counter(dDisconnects, float64(d.Count), id, d.Reason)
				}
			}
			if closes > 0 {
				counter(dDisconnects, float64(closes), id, gateway.ReasonClose)
			}
		}
	}
	for _, s := range allStates {
		gauge(dShards, float64(states[s]), s.String())
	}
	for _, e := range c.bot.EventCounts() {
		counter(dEvents, float64(e.Count), strconv.Itoa(e.Shard), typeName(e.Type))
	}

	st := c.bot.Cache().Stats()
	for _, k := range [...]struct {
		kind string
		n    int
	}{
		{"guild", st.Guilds}, {"channel", st.Channels}, {"thread", st.Threads}, {"role", st.Roles},
		{"member", st.Members}, {"user", st.Users}, {"presence", st.Presences}, {"voice_state", st.VoiceStates},
		{"emoji", st.Emojis}, {"sticker", st.Stickers}, {"message", st.Messages},
	} {
		gauge(dCache, float64(k.n), k.kind)
	}
	gauge(dCacheBytes, float64(st.Bytes))

	rc := c.bot.REST()
	rs := rc.Stats()
	for _, r := range rs.Requests {
		status := "error"
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		counter(dRequests, float64(r.Count), r.Route, status)
	}
	for _, w := range rs.Waits {
		counter(dWaits, float64(w.Count), w.Limit)
		counter(dWaitSeconds, w.Total.Seconds(), w.Limit)
	}
	for _, s := range rs.RateLimited {
		counter(dTooMany, float64(s.Count), s.Scope)
	}
	gauge(dInvalid, float64(rc.Limiter().InvalidRequests()))

	if c.clients != nil {
		gauge(dDashClients, float64(c.clients()))
	}
	if c.writes != nil {
		w := c.writes()
		counter(dCommits, float64(w.Commits))
		counter(dCommitFailed, float64(w.Failed))
		counter(dCommitTime, w.CommitTime.Seconds())
		gauge(dCommitMax, w.MaxCommit.Seconds())
		counter(dCommitRecords, float64(w.Records))
	}
	c.listeners.Collect(ch)
}
