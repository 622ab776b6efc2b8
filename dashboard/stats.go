//go:build !js

package dashboard

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/gateway"
)

// statsJSON is d of a TypeStats message: the bot's core.Stats, summed over
// the shards this process runs, in the units the page shows. The same
// figures reach /metrics (package metrics/prom) and gloam run's progress
// line, read from core.Bot.Stats as well.
type statsJSON struct {
	TakenMS   int64   `json:"taken_ms"` // when read, Unix milliseconds
	Shards    int     `json:"shards"`   // shards of this process
	Connected int     `json:"connected"`
	LatencyMS float64 `json:"latency_ms"` // the mean over the connected shards that have one
	Waiting   int     `json:"waiting"`    // events whose listeners have not finished
	MaxWaitMS float64 `json:"max_wait_ms"`
	Bad       int64   `json:"bad_events"`

	Connects   int            `json:"connects"`
	Identifies int            `json:"identifies"`
	Resumes    int            `json:"resumes"`
	Reconnects map[string]int `json:"reconnects"`  // by why the connection before ended
	CloseCodes map[string]int `json:"close_codes"` // the server's closes, by code

	Events    []typeCount    `json:"events"` // by type, most first
	Listeners []listenerJSON `json:"listeners"`

	Requests    int64            `json:"rest_requests"`
	ByStatus    map[string]int64 `json:"rest_by_status"` // "error": no response
	RateLimited map[string]int64 `json:"rest_rate_limited"`
	Invalid     int              `json:"rest_invalid"`

	Cache      map[string]int `json:"cache"` // entries by kind
	CacheBytes int64          `json:"cache_bytes"`
}

type typeCount struct {
	Type  string `json:"type"`
	Count int64  `json:"count"`
}

type listenerJSON struct {
	Type   string   `json:"type"`
	Count  int64    `json:"count"`
	MeanMS float64  `json:"mean_ms"`
	P99MS  *float64 `json:"p99_ms"` // the bucket bound; null past the last one
}

func typeName(s string) string { return cmp.Or(s, "UNKNOWN") }

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// statsMessage is the TypeStats feed message of st.
func statsMessage(st core.Stats) []byte {
	j := statsJSON{
		TakenMS: st.Taken.UnixMilli(), Shards: len(st.Shards),
		Reconnects: map[string]int{}, CloseCodes: map[string]int{},
		ByStatus: map[string]int64{}, RateLimited: map[string]int64{},
		Invalid: st.InvalidRequests, CacheBytes: st.Cache.Bytes,
	}
	var latency float64
	acked := 0
	for _, h := range st.Shards {
		if h.State == gateway.StateConnected {
			j.Connected++
			if h.Latency > 0 {
				latency += millis(h.Latency)
				acked++
			}
		}
		j.Waiting += h.Queued
		j.MaxWaitMS = max(j.MaxWaitMS, millis(h.MaxWait))
		j.Bad += h.BadEvents
		j.Connects += h.Connects
		j.Identifies += h.Identifies
		j.Resumes += h.Resumes
		for _, r := range h.ReconnectReasons {
			j.Reconnects[r.Reason] += r.Count
		}
		for _, d := range h.Disconnects {
			if d.Reason == gateway.ReasonClose {
				j.CloseCodes[strconv.Itoa(int(d.Code))] += d.Count
			}
		}
	}
	if acked > 0 {
		j.LatencyMS = latency / float64(acked)
	}
	byType := map[string]int64{}
	for _, e := range st.Events {
		byType[typeName(e.Type.String())] += e.Count
	}
	for t, n := range byType {
		j.Events = append(j.Events, typeCount{t, n})
	}
	slices.SortFunc(j.Events, func(a, b typeCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type)) })
	for _, l := range st.Listeners {
		lj := listenerJSON{Type: typeName(l.Type.String()), Count: l.Count, MeanMS: millis(l.Mean())}
		if q, ok := l.Quantile(0.99); ok {
			ms := millis(q)
			lj.P99MS = &ms
		}
		j.Listeners = append(j.Listeners, lj)
	}
	slices.SortFunc(j.Listeners, func(a, b listenerJSON) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type)) })
	for _, r := range st.REST.Requests {
		j.Requests += r.Count
		status := "error"
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		j.ByStatus[status] += r.Count
	}
	for _, s := range st.REST.RateLimited {
		j.RateLimited[s.Scope] += s.Count
	}
	c := st.Cache
	j.Cache = map[string]int{
		"guild": c.Guilds, "channel": c.Channels, "thread": c.Threads, "role": c.Roles,
		"member": c.Members, "user": c.Users, "presence": c.Presences, "voice_state": c.VoiceStates,
		"emoji": c.Emojis, "sticker": c.Stickers, "message": c.Messages,
	}
	d, err := json.Marshal(j)
	if err != nil {
		return nil // no value above fails to encode
	}
	b := envelope(nil, 0, TypeStats)
	b = append(b, d...)
	return append(b, '}')
}
