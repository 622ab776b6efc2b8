package core

import (
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/gateway"
)

// Health is a snapshot of a running bot. Its JSON form is the one every
// gloam tool shows (snake_case keys, durations in milliseconds, the
// shard's state by name, LastError as its text).
type Health struct {
	ShardCount int           `json:"shard_count"` // the total of the current run; this process may run fewer
	Reshards   int           `json:"reshards"`    // reshards after close code 4011
	Shards     []ShardHealth `json:"shards"`      // the shards this process runs, by id
}

// ShardHealth is a snapshot of one shard and of the delivery of its
// events.
type ShardHealth struct {
	Shard int
	gateway.Health
	Events          int64         // dispatches read since Run started the shard
	EventsPerSecond float64       // over the last few seconds
	Queued          int           // events read whose listeners have not finished
	Wait            time.Duration // how long events wait for their listeners: the mean of the last few seconds, or the age of the event in hand when greater
	MaxWait         time.Duration // the longest one event waited
	BadEvents       int64         // events a typed listener could not read
	// Disconnects is why the shard's connections ended, by reason and
	// close code (gateway.Shard.Disconnects).
	Disconnects []gateway.Disconnect
	// ReconnectReasons is the shard's Reconnects by why the connection
	// before ended (gateway.Shard.Reconnects).
	ReconnectReasons []gateway.Reconnect
}

// Health returns a snapshot of the current run: its shard count and every
// shard it runs. It has no side effect: the rates are computed by Run
// once a second, so any number of callers see the same figures. Before
// Run has planned the shards, it is the zero Health.
func (b *Bot) Health() Health {
	b.mu.Lock()
	runs := b.shards
	h := Health{ShardCount: b.count, Reshards: b.reshards}
	b.mu.Unlock()
	h.Shards = make([]ShardHealth, len(runs))
	now := time.Now().UnixNano()
	for i, sr := range runs {
		sr.mu.Lock()
		rate, wait := sr.rate, sr.wait
		sr.mu.Unlock()
		if at := sr.busy.Load(); at != 0 && time.Duration(now-at) > wait {
			wait = time.Duration(now - at)
		}
		h.Shards[i] = ShardHealth{
			Shard: sr.id, Health: sr.sh.Health(),
			Events: sr.events(), EventsPerSecond: rate,
			Queued: sr.waiting(), Wait: wait, MaxWait: time.Duration(sr.maxWait.Load()),
			BadEvents: sr.bad.Load(), Disconnects: sr.sh.Disconnects(), ReconnectReasons: sr.sh.Reconnects(),
		}
	}
	return h
}

// shardJSON is ShardHealth's JSON form.
type shardJSON struct {
	Shard           int     `json:"shard"`
	State           string  `json:"state"`
	LatencyMS       float64 `json:"latency_ms"`
	Connects        int     `json:"connects"`
	Reconnects      int     `json:"reconnects"`
	Identifies      int     `json:"identifies"`
	Resumes         int     `json:"resumes"`
	Duplicates      int     `json:"duplicates"`
	Events          int64   `json:"events"`
	EventsPerSecond float64 `json:"events_per_second"`
	Queued          int     `json:"queued"`
	WaitMS          float64 `json:"wait_ms"`
	MaxWaitMS       float64 `json:"max_wait_ms"`
	BadEvents       int64   `json:"bad_events"`
	LastError       string  `json:"last_error,omitempty"`
	// Why connections ended, by reason ("close": by close code apart), and
	// the reconnects by the same reasons; omitted when none.
	Disconnects      map[string]int `json:"disconnects,omitempty"`
	CloseCodes       map[string]int `json:"close_codes,omitempty"`
	ReconnectReasons map[string]int `json:"reconnect_reasons,omitempty"`
}

// addCount adds n to m[k], making m when nil.
func addCount(m map[string]int, k string, n int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m[k] += n
	return m
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fromMS reads milliseconds, bounded to what a Duration holds; negative
// durations (which no health has) are zero.
func fromMS(v float64) time.Duration {
	ns := v * float64(time.Millisecond)
	switch {
	case !(ns > 0):
		return 0
	case ns >= math.MaxInt64:
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// MarshalJSON encodes the shard as in Health's JSON form.
func (h ShardHealth) MarshalJSON() ([]byte, error) {
	j := shardJSON{
		Shard: h.Shard, State: h.State.String(), LatencyMS: ms(h.Latency),
		Connects: h.Connects, Reconnects: h.Reconnects, Identifies: h.Identifies, Resumes: h.Resumes, Duplicates: h.Duplicates,
		Events: h.Events, EventsPerSecond: h.EventsPerSecond,
		Queued: h.Queued, WaitMS: ms(h.Wait), MaxWaitMS: ms(h.MaxWait), BadEvents: h.BadEvents,
	}
	if h.LastError != nil {
		j.LastError = h.LastError.Error()
	}
	for _, d := range h.Disconnects {
		if d.Reason == gateway.ReasonClose {
			j.CloseCodes = addCount(j.CloseCodes, strconv.Itoa(int(d.Code)), d.Count)
			continue
		}
		j.Disconnects = addCount(j.Disconnects, d.Reason, d.Count)
	}
	for _, r := range h.ReconnectReasons {
		j.ReconnectReasons = addCount(j.ReconnectReasons, r.Reason, r.Count)
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes what MarshalJSON encodes; LastError comes back
// as an error with the same text, a state name it does not know as
// gateway.StateIdle.
func (h *ShardHealth) UnmarshalJSON(data []byte) error {
	var j shardJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*h = ShardHealth{
		Shard: j.Shard, Events: j.Events, EventsPerSecond: j.EventsPerSecond,
		Queued: j.Queued, Wait: fromMS(j.WaitMS), MaxWait: fromMS(j.MaxWaitMS), BadEvents: j.BadEvents,
	}
	h.Latency = fromMS(j.LatencyMS)
	h.Connects, h.Reconnects, h.Identifies, h.Resumes, h.Duplicates = j.Connects, j.Reconnects, j.Identifies, j.Resumes, j.Duplicates
	for _, r := range slices.Sorted(maps.Keys(j.Disconnects)) {
		h.Disconnects = append(h.Disconnects, gateway.Disconnect{Reason: r, Count: j.Disconnects[r]})
	}
	for _, c := range slices.Sorted(maps.Keys(j.CloseCodes)) {
		if code, err := strconv.Atoi(c); err == nil {
			h.Disconnects = append(h.Disconnects, gateway.Disconnect{Reason: gateway.ReasonClose, Code: gateway.CloseCode(code), Count: j.CloseCodes[c]})
		}
	}
	slices.SortFunc(h.Disconnects, func(a, b gateway.Disconnect) int {
		return cmp.Or(cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Code, b.Code))
	})
	for _, r := range slices.Sorted(maps.Keys(j.ReconnectReasons)) {
		h.ReconnectReasons = append(h.ReconnectReasons, gateway.Reconnect{Reason: r, Count: j.ReconnectReasons[r]})
	}
	for s := gateway.StateIdle; s <= gateway.StateStopped; s++ {
		if s.String() == j.State {
			h.State = s
		}
	}
	if j.LastError != "" {
		h.LastError = errors.New(j.LastError)
	}
	return nil
}
