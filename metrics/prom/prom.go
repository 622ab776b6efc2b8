package prom

import (
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
}

// Writes are the commit counts of a persistent cache.
type Writes struct {
	Commits    int64         // transactions committed
	Failed     int64         // transactions that failed
	CommitTime time.Duration // time spent in the committed ones, in all
	MaxCommit  time.Duration // the longest one
	Records    int64         // records written or deleted by them
}

// Collector is a prometheus.Collector of a bot's metrics. Its methods
// are safe for concurrent use.
type Collector struct {
	bot     *core.Bot
	clients func() int
	writes  func() Writes
}

// New returns a collector of bot's metrics; register it with a
// prometheus.Registerer. It changes nothing in bot: it reads bot.Stats at
// scrape time.
func New(bot *core.Bot, opts *Options) *Collector {
	var o Options
	if opts != nil {
		o = *opts
	}
	return &Collector{bot: bot, clients: o.DashboardClients, writes: o.Writes}
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
	dConnects      = desc("gloam_gateway_connects_total", "Connections opened (the WebSocket handshake succeeded).", "shard")
	dReconnects    = desc("gloam_gateway_reconnects_total", "Attempts to connect after the first, by shard and why the connection before ended (close, reconnect, invalid_session, heartbeat_timeout, no_hello, dial, decompress, error).", "shard", "reason")
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
	dListeners     = desc("gloam_listener_duration_seconds", "Time the listeners of one event took, all of them, by event type.", "type")
	allStates      = []gateway.State{gateway.StateIdle, gateway.StateConnecting, gateway.StateIdentifying, gateway.StateResuming, gateway.StateConnected, gateway.StateWaiting, gateway.StateStopped}
	constDescs     = []*prometheus.Desc{dShardCount, dReshards, dShards, dEvents, dLatency, dConnects, dReconnects, dIdentifies, dResumes, dDisconnects, dCloseCodes, dDuplicates, dQueued, dWait, dMaxWait, dBad, dCache, dCacheBytes, dRequests, dWaits, dWaitSeconds, dTooMany, dInvalid, dListeners}
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
}

// Collect reads the bot's figures (core.Bot.Stats) and sends them.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}

	st := c.bot.Stats()
	gauge(dShardCount, float64(st.ShardCount))
	counter(dReshards, float64(st.Reshards))
	states := map[gateway.State]int{}
	for _, s := range st.Shards {
		states[s.State]++
		id := strconv.Itoa(s.Shard)
		gauge(dLatency, s.Latency.Seconds(), id)
		counter(dConnects, float64(s.Connects), id)
		counter(dIdentifies, float64(s.Identifies), id)
		counter(dResumes, float64(s.Resumes), id)
		counter(dDuplicates, float64(s.Duplicates), id)
		gauge(dQueued, float64(s.Queued), id)
		gauge(dWait, s.Wait.Seconds(), id)
		gauge(dMaxWait, s.MaxWait.Seconds(), id)
		counter(dBad, float64(s.BadEvents), id)
		for _, r := range s.ReconnectReasons {
			counter(dReconnects, float64(r.Count), id, r.Reason)
		}
		closes := 0
		for _, d := range s.Disconnects {
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
	for _, s := range allStates {
		gauge(dShards, float64(states[s]), s.String())
	}
	for _, e := range st.Events {
		counter(dEvents, float64(e.Count), strconv.Itoa(e.Shard), typeName(e.Type))
	}
	bounds := core.ListenerBounds()
	for _, l := range st.Listeners {
		buckets := make(map[float64]uint64, len(bounds))
		for i, b := range bounds {
			buckets[b.Seconds()] = uint64(l.Buckets[i])
		}
		ch <- prometheus.MustNewConstHistogram(dListeners, uint64(l.Count), l.Total.Seconds(), buckets, typeName(l.Type))
	}

	cs := st.Cache
	for _, k := range [...]struct {
		kind string
		n    int
	}{
		{"guild", cs.Guilds}, {"channel", cs.Channels}, {"thread", cs.Threads}, {"role", cs.Roles},
		{"member", cs.Members}, {"user", cs.Users}, {"presence", cs.Presences}, {"voice_state", cs.VoiceStates},
		{"emoji", cs.Emojis}, {"sticker", cs.Stickers}, {"message", cs.Messages},
	} {
		gauge(dCache, float64(k.n), k.kind)
	}
	gauge(dCacheBytes, float64(cs.Bytes))

	for _, r := range st.REST.Requests {
		status := "error"
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		counter(dRequests, float64(r.Count), r.Route, status)
	}
	for _, w := range st.REST.Waits {
		counter(dWaits, float64(w.Count), w.Limit)
		counter(dWaitSeconds, w.Total.Seconds(), w.Limit)
	}
	for _, s := range st.REST.RateLimited {
		counter(dTooMany, float64(s.Count), s.Scope)
	}
	gauge(dInvalid, float64(st.InvalidRequests))

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
}
