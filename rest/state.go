package rest

import "time"

// LimiterState is what a Limiter has learned, in a form that survives a
// restart: encode it as JSON, store it, and pass it back in
// Options.LimiterState. Times are wall-clock times.
type LimiterState struct {
	// Routes maps "METHOD /path/{template}" to its bucket hash; "" means
	// Discord sent no per-route limit for the route.
	Routes map[string]string `json:"routes,omitempty"`
	// Limits maps a bucket hash to its request limit per window.
	Limits map[string]int `json:"limits,omitempty"`
	// Buckets are the windows that had not reset when the state was taken.
	Buckets []BucketState `json:"buckets,omitempty"`
	// Invalid are the invalid requests of the last ten minutes, per second.
	Invalid []InvalidCount `json:"invalid,omitempty"`
}

// BucketState is one bucket's window for one major parameter.
type BucketState struct {
	Hash      string    `json:"hash"`
	Major     string    `json:"major,omitempty"`
	Remaining int       `json:"remaining"`
	Reset     time.Time `json:"reset"`
}

// InvalidCount is the number of invalid requests in the second starting
// at Unix time Second.
type InvalidCount struct {
	Second int64 `json:"second"`
	Count  int   `json:"count"`
}

// State returns a copy of what the limiter has learned.
func (l *Limiter) State() LimiterState {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	wall := now.Round(0)
	s := LimiterState{Routes: make(map[string]string, len(l.routes)), Limits: make(map[string]int, len(l.limits))}
	for k, v := range l.routes {
		s.Routes[k] = v
	}
	for k, v := range l.limits {
		s.Limits[k] = v
	}
	for k, b := range l.buckets {
		if k.hash == "" || b.resetAt.IsZero() || !b.resetAt.After(now) {
			continue
		}
		s.Buckets = append(s.Buckets, BucketState{
			Hash: k.hash, Major: k.major, Remaining: b.remaining,
			Reset: wall.Add(b.resetAt.Sub(now)),
		})
	}
	sec := now.Unix()
	l.advanceInvalid(sec)
	for t := sec - invalidWindow + 1; t <= sec; t++ {
		if n := l.invalid[t%invalidWindow]; n > 0 {
			s.Invalid = append(s.Invalid, InvalidCount{Second: t, Count: int(n)})
		}
	}
	return s
}

// restore loads a saved state into a new limiter.
func (l *Limiter) restore(s *LimiterState) {
	now := time.Now()
	for k, v := range s.Routes {
		l.routes[k] = v
	}
	for k, v := range s.Limits {
		if v > 0 {
			l.limits[k] = v
		}
	}
	for _, bs := range s.Buckets {
		d := bs.Reset.Sub(now)
		if d <= 0 || d > maxWait || bs.Hash == "" {
			// Passed, or further ahead than any window of Discord's: the
			// clock jumped since the state was saved, or the state is not
			// the limiter's. Relearning costs at most one 429.
			continue
		}
		k := bucketKey{hash: bs.Hash, major: bs.Major}
		limit := l.limits[bs.Hash]
		rem := max(bs.Remaining, 0)
		if limit > 0 {
			rem = min(rem, limit)
		}
		l.buckets[k] = &bucket{key: k, limit: limit, remaining: rem, resetAt: now.Add(d + resetMargin)}
	}
	sec := now.Unix()
	l.advanceInvalid(sec)
	for _, c := range s.Invalid {
		if c.Second > sec-invalidWindow && c.Second <= sec && c.Count > 0 {
			l.invalid[c.Second%invalidWindow] += int32(c.Count)
			l.invalidTotal += c.Count
		}
	}
}
