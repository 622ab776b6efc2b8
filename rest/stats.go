package rest

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// Stats counts what a client sent and how long it waited, since it was
// made. The counts only grow, so a monitoring system reads them as
// counters.
type Stats struct {
	// Requests counts the HTTP attempts by route (Route.ID, such as "POST
	// /channels/{channel_id}/messages") and status, sorted by route then
	// status; a retried request counts once per attempt. Status 0 counts
	// the attempts that got no response (a network error or a timeout).
	Requests []RequestCount
	// Waits counts the waits for a rate limit before sending, by what was
	// waited for: "bucket" (the route's limit) or "global". A wait cut
	// short by the context is not counted.
	Waits []WaitCount
	// RateLimited counts the 429 responses by scope: Discord's
	// X-RateLimit-Scope ("user", "global", "shared"), "global" for a
	// global limit that names none, else "unknown".
	RateLimited []ScopeCount
}

// RequestCount is the number of attempts of one route that ended with
// one status.
type RequestCount struct {
	Route  string
	Status int
	Count  int64
}

// WaitCount is how often and how long requests waited for one kind of
// rate limit.
type WaitCount struct {
	Limit string // "bucket" or "global"
	Count int64
	Total time.Duration
}

// ScopeCount is the number of 429 responses of one scope.
type ScopeCount struct {
	Scope string
	Count int64
}

// Stats returns the client's counts so far. It is safe to call at any
// time; each call copies the counts.
func (c *Client) Stats() Stats { return c.stats.snapshot() }

// stats holds the counts behind Client.Stats.
type stats struct {
	mu       sync.Mutex
	requests map[routeStatus]int64
	waits    [2]WaitCount // bucket, global
	scopes   map[string]int64
}

type routeStatus struct {
	route  string
	status int
}

func (s *stats) request(route string, status int) {
	s.mu.Lock()
	if s.requests == nil {
		s.requests = map[routeStatus]int64{}
	}
	s.requests[routeStatus{route, status}]++
	s.mu.Unlock()
}

func (s *stats) waited(t ticket) {
	if t.bucketWait <= 0 && t.globalWait <= 0 {
		return
	}
	s.mu.Lock()
	for i, d := range [2]time.Duration{t.bucketWait, t.globalWait} {
		if d > 0 {
			s.waits[i].Count++
			s.waits[i].Total += d
		}
	}
	s.mu.Unlock()
}

func (s *stats) tooMany(scope string, global bool) {
	switch {
	case scope != "":
	case global:
		scope = "global"
	default:
		scope = "unknown"
	}
	s.mu.Lock()
	if s.scopes == nil {
		s.scopes = map[string]int64{}
	}
	s.scopes[scope]++
	s.mu.Unlock()
}

func (s *stats) snapshot() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{
		Requests:    make([]RequestCount, 0, len(s.requests)),
		Waits:       []WaitCount{s.waits[0], s.waits[1]},
		RateLimited: make([]ScopeCount, 0, len(s.scopes)),
	}
	st.Waits[0].Limit, st.Waits[1].Limit = "bucket", "global"
	for k, n := range s.requests {
		st.Requests = append(st.Requests, RequestCount{Route: k.route, Status: k.status, Count: n})
	}
	slices.SortFunc(st.Requests, func(a, b RequestCount) int {
		return cmp.Or(cmp.Compare(a.Route, b.Route), cmp.Compare(a.Status, b.Status))
	})
	for k, n := range s.scopes {
		st.RateLimited = append(st.RateLimited, ScopeCount{Scope: k, Count: n})
	}
	slices.SortFunc(st.RateLimited, func(a, b ScopeCount) int { return cmp.Compare(a.Scope, b.Scope) })
	return st
}
