package gateway

import (
	"context"
	"sync"
	"time"
)

// Discord's limit on what a client sends on one connection.
const (
	sendLimit  = 120
	sendWindow = 60 * time.Second
)

// sendLimiter keeps one connection under sendLimit payloads in any
// sendWindow: it remembers when each of the last sendLimit payloads went
// out, so the count is exact over a sliding window, whatever window the
// server counts in. Commands may only use the slots the heartbeats of the
// window leave free; heartbeats, Identify and Resume may use them all.
type sendLimiter struct {
	mu      sync.Mutex
	sent    [sendLimit]int64 // ring of send times, nanoseconds since epoch
	n, head int              // entries, index of the oldest
	reserve int              // slots kept for priority payloads
}

func newSendLimiter(heartbeat time.Duration) *sendLimiter {
	l := &sendLimiter{}
	l.setInterval(heartbeat)
	return l
}

// setInterval sizes the reserve for heartbeats every iv: the beats of one
// window, one more for a beat the gateway asks for, and one for Resume or
// Identify; never more than half the window.
func (l *sendLimiter) setInterval(iv time.Duration) {
	r := 3
	if iv > 0 {
		r = int((sendWindow+iv-1)/iv) + 2
	}
	l.mu.Lock()
	l.reserve = min(r, sendLimit/2)
	l.mu.Unlock()
}

// epoch is what send times count from: a monotonic clock reading, so that
// a ring entry is 8 bytes, not the 24 of a time.Time.
var epoch = time.Now()

// clock is the monotonic time since epoch.
func clock() time.Duration { return time.Since(epoch) }

// expire drops the sends older than the window.
func (l *sendLimiter) expire(now time.Duration) {
	for l.n > 0 && now-time.Duration(l.sent[l.head]) >= sendWindow {
		l.head = (l.head + 1) % sendLimit
		l.n--
	}
}

// take waits for a slot and takes it; priority payloads may use the
// reserve.
func (l *sendLimiter) take(ctx context.Context, priority bool) error {
	for {
		l.mu.Lock()
		now := clock()
		l.expire(now)
		limit := sendLimit - l.reserve
		if priority {
			limit = sendLimit
		}
		if l.n < limit {
			l.sent[(l.head+l.n)%sendLimit] = int64(now)
			l.n++
			l.mu.Unlock()
			return nil
		}
		// The slot frees when the oldest sends leave the window.
		wait := sendWindow - (now - time.Duration(l.sent[(l.head+l.n-limit)%sendLimit]))
		l.mu.Unlock()
		t := time.NewTimer(max(wait, time.Millisecond))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// count is the number of sends in the current window.
func (l *sendLimiter) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(clock())
	return l.n
}
