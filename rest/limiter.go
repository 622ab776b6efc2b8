package rest

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Limiter keeps a client within Discord's rate limits. It learns each
// route's bucket from the X-RateLimit-Bucket header and keeps one queue
// per bucket and major parameter (channel, guild, webhook); until a
// route's bucket is known, it lets one request of that route and major
// parameter be in flight at a time. Independently, it spaces requests to
// stay within the global limit (interaction callbacks and webhook-token
// routes are exempt), and it counts the invalid requests (401, 403, 429)
// of the last ten minutes.
//
// A Limiter belongs to one Client; its methods are safe for concurrent use.
type Limiter struct {
	mu      sync.Mutex
	routes  map[string]string // route id -> bucket hash; "" = no per-route limit
	limits  map[string]int    // bucket hash -> limit
	buckets map[bucketKey]*bucket

	globalPeriod time.Duration // GlobalPeriod and 2% more, for the jitter of the network
	ring         []time.Time   // reserved send times of the last GlobalLimit requests
	ringNext     int
	globalUntil  time.Time // set by a global 429

	maxInvalid   int
	invalid      [invalidWindow]int32 // invalid responses per second, by unix second % window
	invalidHead  int64                // the last second the ring was advanced to
	invalidTotal int
	unauthorized bool
	off          bool            // no buckets, no global limit: only the refusals
	deadWebhooks map[string]bool // majors of webhook tokens Discord said are unknown

	lastSweep time.Time
}

const invalidWindow = 600 // seconds: Discord counts invalid requests over 10 minutes

// resetMargin is added to every reset time learned from a response, in
// case the server rounded Reset-After down.
const resetMargin = time.Millisecond

type bucketKey struct {
	route string // set while the route's bucket is unknown
	hash  string // the bucket hash once known
	major string
}

type bucket struct {
	key       bucketKey
	limit     int       // 0: unknown; one request at a time
	remaining int       // requests left in the window
	resetAt   time.Time // zero: not known yet
	paused    time.Time // no request before this: a 429's retry_after
	epoch     uint64    // counts windows, to ignore late responses
	carried   int       // requests of the previous window still in flight, counted in this one
	// serverReset is X-RateLimit-Reset (Unix seconds) of the current
	// window, prevReset that of the previous one: a late answer to a
	// request sent in the previous window tells which window counted it.
	serverReset, prevReset float64
	inflight               int
	waiters                []*waiter
	timer                  *time.Timer
}

type waiter struct {
	ch      chan struct{}
	b       *bucket
	granted bool
	epoch   uint64
}

// ticket is a permission to send one request.
type ticket struct {
	r     *Route
	major string
	b     *bucket // nil when the route has no per-route limit
	epoch uint64

	bucketWait, globalWait time.Duration // how long acquire waited for each limit
}

// limiterConfig is the part of Options the limiter reads.
type limiterConfig struct {
	globalLimit  int
	globalPeriod time.Duration
	maxInvalid   int
	state        *LimiterState
	off          bool // Options.NoLimiter: only the guards that never wait
}

func newLimiter(c limiterConfig) *Limiter {
	if c.globalLimit == 0 {
		c.globalLimit = 50
	}
	if c.globalPeriod <= 0 {
		c.globalPeriod = time.Second
	}
	if c.maxInvalid <= 0 {
		c.maxInvalid = 8000
	}
	l := &Limiter{
		routes:       map[string]string{},
		limits:       map[string]int{},
		buckets:      map[bucketKey]*bucket{},
		globalPeriod: c.globalPeriod + max(c.globalPeriod/50, 5*time.Millisecond),
		maxInvalid:   c.maxInvalid,
		off:          c.off,
	}
	if c.off {
		return l
	}
	if c.globalLimit > 0 {
		l.ring = make([]time.Time, c.globalLimit)
	}
	if c.state != nil {
		l.restore(c.state)
	}
	return l
}

// InvalidRequests is the number of 401, 403 and 429 (except shared-scope
// 429) responses in the last ten minutes.
func (l *Limiter) InvalidRequests() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.advanceInvalid(time.Now().Unix())
	return l.invalidTotal
}

// acquire waits until r may be sent for major, or fails at once with a
// *RateLimitError when noWait is set and it would wait for a rate limit.
func (l *Limiter) acquire(ctx context.Context, r *Route, major string, noWait bool) (ticket, error) {
	l.mu.Lock()
	now := time.Now()
	if err := l.refuse(r, major, now); err != nil {
		l.mu.Unlock()
		return ticket{}, err
	}
	t := ticket{r: r, major: major}
	if l.off {
		l.mu.Unlock()
		return t, nil
	}
	if now.Sub(l.lastSweep) > time.Minute {
		l.sweep(now)
	}
	if b := l.bucketFor(r, major); b != nil {
		l.maybeReset(b, now)
		if len(b.waiters) == 0 && b.canTake(now) {
			b.take()
			t.b, t.epoch = b, b.epoch
		} else {
			if noWait && (b.limit > 0 || !b.resetAt.IsZero() || b.paused.After(now)) {
				err := &RateLimitError{Route: r.id, Bucket: b.key.hash, RetryAfter: max(b.wakeAt().Sub(now), 0)}
				l.mu.Unlock()
				return ticket{}, err
			}
			w := &waiter{ch: make(chan struct{}, 1), b: b}
			b.waiters = append(b.waiters, w)
			l.arm(b, now)
			l.mu.Unlock()
			select {
			case <-w.ch:
				t.bucketWait = time.Since(now)
			case <-ctx.Done():
				l.mu.Lock()
				if w.granted {
					l.giveBack(w.b, w.epoch, time.Now())
				} else {
					w.b.remove(w)
				}
				l.mu.Unlock()
				return ticket{}, ctx.Err()
			}
			l.mu.Lock()
			now = time.Now()
			t.b, t.epoch = w.b, w.epoch
			if err := l.refuse(r, major, now); err != nil {
				l.giveBack(t.b, t.epoch, now)
				l.mu.Unlock()
				return ticket{}, err
			}
		}
	}
	if r.exempt || l.ring == nil {
		l.mu.Unlock()
		return t, nil
	}
	at := l.globalSlot(now)
	if at.After(now) && noWait {
		l.giveBack(t.b, t.epoch, now)
		l.mu.Unlock()
		return ticket{}, &RateLimitError{Route: r.id, Global: true, RetryAfter: at.Sub(now)}
	}
	slot := l.ringNext
	l.ring[slot] = at
	l.ringNext++
	if l.ringNext == len(l.ring) {
		l.ringNext = 0
	}
	l.mu.Unlock()
	if at.After(now) {
		tm := time.NewTimer(at.Sub(now))
		select {
		case <-tm.C:
		case <-ctx.Done():
			tm.Stop()
			l.mu.Lock()
			l.giveBack(t.b, t.epoch, time.Now())
			l.mu.Unlock()
			return ticket{}, ctx.Err()
		}
		t.globalWait = time.Since(now)
		// Count the request from when it really leaves, not from when
		// the slot was reserved.
		l.mu.Lock()
		if l.ring[slot].Equal(at) {
			l.ring[slot] = time.Now()
		}
		l.mu.Unlock()
	}
	return t, nil
}

// globalSlot is the earliest moment the next non-exempt request may be
// sent: no more than GlobalLimit requests in any GlobalPeriod.
func (l *Limiter) globalSlot(now time.Time) time.Time {
	at := now
	if prev := l.ring[l.ringNext]; !prev.IsZero() {
		if next := prev.Add(l.globalPeriod); next.After(at) {
			at = next
		}
	}
	if l.globalUntil.After(at) {
		at = l.globalUntil
	}
	return at
}

func (l *Limiter) refuse(r *Route, major string, now time.Time) error {
	if l.unauthorized && !r.noAuth {
		return ErrUnauthorized
	}
	if r.major == 2 && l.deadWebhooks[major] {
		return ErrUnknownWebhook
	}
	l.advanceInvalid(now.Unix())
	if l.invalidTotal >= l.maxInvalid {
		return ErrInvalidRequestLimit
	}
	return nil
}

// advanceInvalid forgets the counts older than ten minutes.
func (l *Limiter) advanceInvalid(sec int64) {
	if sec <= l.invalidHead {
		return
	}
	from := l.invalidHead + 1
	if sec-from >= invalidWindow {
		from = sec - invalidWindow + 1
	}
	for s := from; s <= sec; s++ {
		i := s % invalidWindow
		l.invalidTotal -= int(l.invalid[i])
		l.invalid[i] = 0
	}
	l.invalidHead = sec
}

func (l *Limiter) countInvalid(now time.Time) {
	sec := now.Unix()
	l.advanceInvalid(sec)
	l.invalid[sec%invalidWindow]++
	l.invalidTotal++
}

// bucketFor finds the queue of r and major: the learned bucket's, the
// route's own while its bucket is unknown, or nil for a route without a
// per-route limit.
func (l *Limiter) bucketFor(r *Route, major string) *bucket {
	hash, known := l.routes[r.id]
	if !known {
		k := bucketKey{route: r.id, major: major}
		b := l.buckets[k]
		if b == nil {
			b = &bucket{key: k}
			l.buckets[k] = b
		}
		return b
	}
	if hash == "" {
		return nil
	}
	k := bucketKey{hash: hash, major: major}
	b := l.buckets[k]
	if b == nil {
		b = &bucket{key: k, limit: l.limits[hash]}
		b.remaining = b.limit
		l.buckets[k] = b
	}
	// Requests queued or in flight under the route's provisional queue
	// move to the bucket now that it is known.
	if p := l.buckets[bucketKey{route: r.id, major: major}]; p != nil && (p.inflight > 0 || len(p.waiters) > 0) {
		if b.limit > 0 && b.resetAt.IsZero() {
			b.remaining = max(b.remaining-p.inflight, 0)
		}
		for _, w := range p.waiters {
			w.b = b
		}
		b.waiters = append(b.waiters, p.waiters...)
		p.waiters = nil
	}
	return b
}

func (b *bucket) canTake(now time.Time) bool {
	if now.Before(b.paused) {
		return false
	}
	if b.limit == 0 {
		return b.inflight == 0 && b.resetAt.IsZero()
	}
	return b.remaining > 0
}

func (b *bucket) take() {
	b.inflight++
	if b.limit > 0 {
		b.remaining--
	}
}

func (b *bucket) remove(w *waiter) {
	for i, x := range b.waiters {
		if x == w {
			b.waiters = append(b.waiters[:i], b.waiters[i+1:]...)
			return
		}
	}
}

// maybeReset starts a new window once the reset time has passed, or when
// nothing can tell when the exhausted window ends.
func (l *Limiter) maybeReset(b *bucket, now time.Time) {
	if !b.resetAt.IsZero() && !now.Before(b.resetAt) {
		// Requests still in flight may reach Discord in the new window:
		// count them there until their answers tell.
		b.carried = b.inflight
		b.remaining = max(b.limit-b.inflight, 0)
		b.resetAt = time.Time{}
		b.prevReset, b.serverReset = b.serverReset, 0
		b.epoch++
	} else if b.limit > 0 && b.remaining <= 0 && b.resetAt.IsZero() && b.inflight == 0 {
		b.remaining = b.limit
		b.epoch++
	}
}

// giveBack returns the slot of a request that was never sent.
func (l *Limiter) giveBack(b *bucket, epoch uint64, now time.Time) {
	if b == nil {
		return
	}
	b.inflight--
	if epoch != b.epoch && b.carried > 0 {
		b.carried--
	} else if epoch != b.epoch {
		l.pump(b, now)
		return
	}
	if b.limit > 0 && b.remaining < b.limit {
		b.remaining++
	}
	l.pump(b, now)
}

// pump hands free slots to the waiters, in order.
func (l *Limiter) pump(b *bucket, now time.Time) {
	if b == nil {
		return
	}
	l.maybeReset(b, now)
	for len(b.waiters) > 0 && b.canTake(now) {
		w := b.waiters[0]
		b.waiters[0] = nil
		b.waiters = b.waiters[1:]
		b.take()
		w.granted, w.epoch = true, b.epoch
		w.ch <- struct{}{}
	}
	if len(b.waiters) > 0 {
		l.arm(b, now)
	}
}

// wakeAt is when the bucket may next have room: the end of a 429's
// pause, or the window's reset when it is empty; zero when only a
// response in flight can tell.
func (b *bucket) wakeAt() time.Time {
	at := b.resetAt
	if b.limit > 0 && b.remaining > 0 {
		at = time.Time{}
	}
	if b.paused.After(at) {
		at = b.paused
	}
	return at
}

// arm wakes the bucket's queue when it may have room again.
func (l *Limiter) arm(b *bucket, now time.Time) {
	at := b.wakeAt()
	if at.IsZero() {
		return // a response in flight will tell
	}
	d := at.Sub(now)
	if b.timer == nil {
		b.timer = time.AfterFunc(d, func() {
			l.mu.Lock()
			l.pump(b, time.Now())
			l.mu.Unlock()
		})
		return
	}
	b.timer.Reset(d)
}

// webhookGone stops the requests to a webhook token Discord said is
// unknown.
func (l *Limiter) webhookGone(r *Route, major string) {
	if r.major != 2 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.deadWebhooks == nil {
		l.deadWebhooks = map[string]bool{}
	}
	l.deadWebhooks[major] = true
}

// sweep forgets idle buckets whose window has passed.
func (l *Limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if b.inflight == 0 && len(b.waiters) == 0 && (b.resetAt.IsZero() || now.After(b.resetAt)) && !b.paused.After(now) {
			if b.timer != nil {
				b.timer.Stop()
			}
			delete(l.buckets, k)
		}
	}
}

// outcome is what a response said about rate limits.
type outcome struct {
	status     int
	header     http.Header
	retryAfter time.Duration // of a 429
	global     bool          // a global 429
	scope      string        // X-RateLimit-Scope of a 429
}

// Canonical header keys, so that lookups do not allocate.
const (
	hBucket     = "X-Ratelimit-Bucket"
	hLimit      = "X-Ratelimit-Limit"
	hRemaining  = "X-Ratelimit-Remaining"
	hResetAfter = "X-Ratelimit-Reset-After"
	hReset      = "X-Ratelimit-Reset"
	hGlobal     = "X-Ratelimit-Global"
	hScope      = "X-Ratelimit-Scope"
	hRetryAfter = "Retry-After"
)

func header(h http.Header, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// headerInt and headerFloat read a number; a missing header is not
// parsed, since strconv's errors allocate.
func headerInt(h http.Header, k string) (int, bool) {
	v := header(h, k)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

func headerFloat(h http.Header, k string) (float64, bool) {
	v := header(h, k)
	if v == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

// done records the response to the request of t; o is nil when no
// response came (the request may or may not have reached Discord).
func (l *Limiter) done(t ticket, o *outcome) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.b != nil {
		t.b.inflight--
	}
	if o == nil {
		if t.b != nil && t.epoch != t.b.epoch && t.b.carried > 0 {
			t.b.carried--
		}
		l.pump(t.b, now)
		return
	}
	r := t.r
	switch o.status {
	case http.StatusUnauthorized:
		l.countInvalid(now)
		if !r.noAuth {
			l.unauthorized = true
		}
	case http.StatusForbidden:
		l.countInvalid(now)
	case http.StatusTooManyRequests:
		if o.scope != "shared" {
			l.countInvalid(now)
		}
	}
	if l.off {
		return
	}
	hash := header(o.header, hBucket)
	limit, _ := headerInt(o.header, hLimit)
	if hash != "" {
		if limit > 0 {
			l.limits[hash] = limit
		}
		if old, ok := l.routes[r.id]; !ok || old != hash {
			l.routes[r.id] = hash
		}
	} else if _, ok := l.routes[r.id]; !ok && o.status != http.StatusTooManyRequests && o.status < 500 {
		l.routes[r.id] = "" // Discord sets no per-route limit here
	}
	target := t.b
	if target == nil || target.key.route != "" {
		target = l.bucketFor(r, t.major)
		if t.b != nil && t.b != target {
			l.pump(t.b, now)
			if t.b.inflight == 0 && len(t.b.waiters) == 0 && t.b.resetAt.IsZero() {
				delete(l.buckets, t.b.key)
			}
		}
	}
	if target == nil && o.status == http.StatusTooManyRequests && !o.global {
		// A 429 on a route thought to be unlimited: queue it again.
		delete(l.routes, r.id)
		target = l.bucketFor(r, t.major)
	}
	if target != nil && hash != "" {
		l.maybeReset(target, now)
		if limit > 0 {
			target.limit = limit
		}
		current := t.b != target || t.epoch == target.epoch
		reset, _ := headerFloat(o.header, hReset)
		if !current && target.carried > 0 {
			// A request of the previous window: was it counted in that
			// one (give its slot back) or in this one?
			target.carried--
			if reset > 0 && reset <= target.prevReset+0.0015 {
				if target.remaining < target.limit {
					target.remaining++
				}
			} else if reset > 0 {
				current = true
			}
		}
		if current {
			if rem, ok := headerInt(o.header, hRemaining); ok && rem < target.remaining {
				target.remaining = max(rem, 0)
			}
			if ra, ok := headerFloat(o.header, hResetAfter); ok && ra >= 0 {
				// The latest answer knows best: a smaller Reset-After
				// replaces a larger one (a window never ends later than
				// the server last said).
				target.resetAt = now.Add(min(seconds(ra)+resetMargin, maxWait))
			}
			if reset > target.serverReset {
				target.serverReset = reset
			}
		}
	}
	if o.status == http.StatusTooManyRequests {
		at := now.Add(o.retryAfter)
		if o.global {
			if at.After(l.globalUntil) {
				l.globalUntil = at
			}
		} else if target != nil {
			// Wait retry_after; the bucket's own headers (already read)
			// say whether its window is spent too.
			if at.After(target.paused) {
				target.paused = at
			}
		}
	}
	l.pump(target, now)
}

// maxWait bounds every wait a server's number can ask for: no bucket of
// Discord's resets later than an hour ahead, and a 429's retry_after
// (Cloudflare's bans included) is no longer.
const maxWait = time.Hour

// seconds converts Discord's decimal seconds, kept within 0 and maxWait
// whatever the header says (negative, NaN and infinite values included).
func seconds(f float64) time.Duration {
	if !(f > 0) {
		return 0
	}
	if f > maxWait.Seconds() {
		return maxWait
	}
	return time.Duration(math.Round(f*1e6)) * time.Microsecond
}
