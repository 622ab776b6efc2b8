package core

import (
	"slices"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Stats is what an operator watches of a bot, read at once from the
// counters the bot keeps anyway. Package metrics/prom exports it at
// /metrics, and gloam run's progress line and dashboard show it: all of
// them read Bot.Stats, so they show the same figures.
type Stats struct {
	Health                         // the shards: state, latency, connections by reason, the delivery of their events
	Events          []EventCount   // dispatches read, by shard and type (Bot.EventCounts)
	Listeners       []ListenerTime // the listeners' time, by event type
	Cache           cache.Stats    // records cached, by kind, and the backend's size
	REST            rest.Stats     // HTTP attempts by route and status, rate-limit waits, 429s by scope
	InvalidRequests int            // 401, 403 and 429 responses in the last ten minutes (rest.Limiter)
	Taken           time.Time      // when the snapshot was read
}

// Stats returns a snapshot of the bot's figures. Like Health, it has no
// side effect: it reads counters, and the cache's counts (Cache.Stats).
func (b *Bot) Stats() Stats {
	return Stats{
		Health:          b.Health(),
		Events:          b.EventCounts(),
		Listeners:       b.ListenerTimes(),
		Cache:           b.cache.Stats(),
		REST:            b.rest.Stats(),
		InvalidRequests: b.rest.Limiter().InvalidRequests(),
		Taken:           time.Now(),
	}
}

// ListenerTime is how long the listeners of the events of one type took:
// each event once, its middleware and all its listeners together, from
// the shards and from Deliver and Dispatch alike.
type ListenerTime struct {
	Type  model.EventType // model.EventUnknown for every type gloam does not know
	Count int64           // events whose listeners ran
	Total time.Duration   // the time they took, in all
	// Buckets counts, for each bound of ListenerBounds, the events whose
	// listeners took at most that long: cumulative, as Prometheus
	// histograms count. Count includes those over the last bound.
	Buckets []int64
}

// Mean is the mean time of one event's listeners; 0 without events.
func (l ListenerTime) Mean() time.Duration {
	if l.Count == 0 {
		return 0
	}
	return l.Total / time.Duration(l.Count)
}

// Quantile is the bound of the first bucket that holds a share q (0 to 1)
// of the events: an upper bound of the time within which that share of
// events had their listeners done. ok is false without events, or when
// the quantile lies past the last bound.
func (l ListenerTime) Quantile(q float64) (d time.Duration, ok bool) {
	if l.Count == 0 {
		return 0, false
	}
	want := q * float64(l.Count)
	for i, n := range l.Buckets {
		if float64(n) >= want && n > 0 {
			return listenerBounds[i], true
		}
	}
	return 0, false
}

// ListenerBounds returns the upper bounds of ListenerTime.Buckets: from
// a listener that only reads its event (100 µs) to one that waits on a
// rate limit (10 s), about three per decade.
func ListenerBounds() []time.Duration { return slices.Clone(listenerBounds[:]) }

var listenerBounds = [...]time.Duration{
	100 * time.Microsecond, 250 * time.Microsecond, 500 * time.Microsecond,
	time.Millisecond, 2500 * time.Microsecond, 5 * time.Millisecond,
	10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond,
	100 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond,
	time.Second, 2500 * time.Millisecond, 5 * time.Second, 10 * time.Second,
}

// listenerTimes is the histogram of the listeners' time by event type.
type listenerTimes [128]struct {
	n     [len(listenerBounds) + 1]atomic.Int64 // by bucket, not cumulative; the last is past every bound
	total atomic.Int64                          // nanoseconds
}

// observe counts one event of type t whose listeners took d.
func (lt *listenerTimes) observe(t model.EventType, d time.Duration) {
	i := 0
	for i < len(listenerBounds) && d > listenerBounds[i] {
		i++
	}
	h := &lt[t&127]
	h.n[i].Add(1)
	h.total.Add(int64(d))
}

// ListenerTimes returns the listeners' time of each event type some
// listener has run for, in model.EventType order.
func (b *Bot) ListenerTimes() []ListenerTime {
	var ls []ListenerTime
	for t := range b.lt {
		h := &b.lt[t]
		var counts [len(listenerBounds) + 1]int64
		var n int64
		for i := range counts {
			counts[i] = h.n[i].Load()
			n += counts[i]
		}
		if n == 0 {
			continue
		}
		l := ListenerTime{Type: model.EventType(t), Count: n, Total: time.Duration(h.total.Load()),
			Buckets: make([]int64, len(listenerBounds))}
		var sum int64
		for i := range l.Buckets {
			sum += counts[i]
			l.Buckets[i] = sum
		}
		ls = append(ls, l)
	}
	return ls
}
