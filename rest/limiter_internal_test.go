package rest

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/matryer/is"
)

func hdr(hash string, limit, remaining int, resetAfter float64) http.Header {
	h := http.Header{}
	h.Set(hBucket, hash)
	h.Set(hLimit, strconv.Itoa(limit))
	h.Set(hRemaining, strconv.Itoa(remaining))
	h.Set(hResetAfter, strconv.FormatFloat(resetAfter, 'f', 3, 64))
	return h
}

func TestLimiterOneInFlightUntilBucketKnown(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{})
	r := NewRoute("POST", "/channels/{channel_id}/messages")
	ctx := context.Background()
	t1, err := l.acquire(ctx, r, "1", false)
	is.NoErr(err)
	got := make(chan ticket)
	go func() {
		t2, err := l.acquire(ctx, r, "1", false)
		if err == nil {
			got <- t2
		}
	}()
	select {
	case <-got:
		t.Fatal("a second request went out before the bucket was known")
	case <-time.After(20 * time.Millisecond):
	}
	// another channel has its own queue
	t3, err := l.acquire(ctx, r, "2", true)
	is.NoErr(err) // other major parameter
	l.done(t1, &outcome{status: 200, header: hdr("abc", 5, 4, 5)})
	t2 := <-got
	is.Equal(t2.b.key.hash, "abc") // the queued request moved to the bucket
	l.done(t2, &outcome{status: 200, header: hdr("abc", 5, 3, 5)})
	l.done(t3, &outcome{status: 200, header: hdr("abc", 5, 4, 5)})
	st := l.State()
	is.Equal(st.Routes[r.id], "abc")
	is.Equal(st.Limits["abc"], 5)
}

func TestLimiterWaitsForReset(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{})
	r := NewRoute("GET", "/guilds/{guild_id}")
	ctx := context.Background()
	tk, err := l.acquire(ctx, r, "9", false)
	is.NoErr(err)
	l.done(tk, &outcome{status: 200, header: hdr("g", 2, 1, 0.05)})
	tk, err = l.acquire(ctx, r, "9", false)
	is.NoErr(err)
	start := time.Now()
	l.done(tk, &outcome{status: 200, header: hdr("g", 2, 0, 0.05)})
	_, err = l.acquire(ctx, r, "9", true)
	var rl *RateLimitError
	is.True(errors.As(err, &rl)) // fail fast on an empty bucket
	is.True(rl.RetryAfter > 0)
	tk, err = l.acquire(ctx, r, "9", false)
	is.NoErr(err)
	is.True(time.Since(start) >= 50*time.Millisecond) // waited for the reset
	l.done(tk, nil)
}

func TestLimiterCancelWhileQueued(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{})
	r := NewRoute("GET", "/guilds/{guild_id}")
	tk, err := l.acquire(context.Background(), r, "9", false)
	is.NoErr(err)
	l.done(tk, &outcome{status: 200, header: hdr("g", 1, 0, 60)})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err = l.acquire(ctx, r, "9", false)
	is.True(errors.Is(err, context.DeadlineExceeded)) // cancelled while queued
	l.mu.Lock()
	b := l.buckets[bucketKey{hash: "g", major: "9"}]
	is.Equal(len(b.waiters), 0) // the waiter left the queue
	l.mu.Unlock()
}

func TestLimiterInvalidRequests(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{maxInvalid: 3})
	r := NewRoute("GET", "/users/@me")
	for i := 0; i < 3; i++ {
		tk, err := l.acquire(context.Background(), r, "", false)
		is.NoErr(err)
		l.done(tk, &outcome{status: 403, header: http.Header{}})
	}
	is.Equal(l.InvalidRequests(), 3)
	_, err := l.acquire(context.Background(), r, "", false)
	is.True(errors.Is(err, ErrInvalidRequestLimit)) // refused past the threshold

	// a shared-scope 429 is not counted
	l2 := newLimiter(limiterConfig{})
	tk, _ := l2.acquire(context.Background(), r, "", false)
	l2.done(tk, &outcome{status: 429, header: http.Header{}, scope: "shared", retryAfter: time.Millisecond})
	is.Equal(l2.InvalidRequests(), 0)

	// the count survives a restart
	st := l.State()
	l3 := newLimiter(limiterConfig{maxInvalid: 3, state: &st})
	is.Equal(l3.InvalidRequests(), 3)
}

func TestLimiterUnauthorizedStops(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{})
	r := NewRoute("GET", "/users/@me")
	tk, err := l.acquire(context.Background(), r, "", false)
	is.NoErr(err)
	l.done(tk, &outcome{status: 401, header: http.Header{}})
	_, err = l.acquire(context.Background(), r, "", false)
	is.True(errors.Is(err, ErrUnauthorized))
	wh := NewRoute("POST", "/webhooks/{webhook_id}/{webhook_token}")
	_, err = l.acquire(context.Background(), wh, "1/x", false)
	is.NoErr(err) // webhook tokens do not use the bot token
}

func TestLimiterGlobal(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{globalLimit: 3, globalPeriod: 50 * time.Millisecond})
	r := NewRoute("GET", "/users/@me")
	l.routes[r.id] = "" // no per-route limit
	start := time.Now()
	for i := 0; i < 3; i++ {
		tk, err := l.acquire(context.Background(), r, "", true)
		is.NoErr(err)
		l.done(tk, &outcome{status: 200, header: http.Header{}})
	}
	_, err := l.acquire(context.Background(), r, "", true)
	var rl *RateLimitError
	is.True(errors.As(err, &rl)) // fail fast on the global limit
	is.True(rl.Global)
	for i := 0; i < 4; i++ {
		tk, err := l.acquire(context.Background(), r, "", false)
		is.NoErr(err)
		l.done(tk, &outcome{status: 200, header: http.Header{}})
	}
	is.True(time.Since(start) >= 100*time.Millisecond) // 7 requests at 3 per 50 ms span two periods
	ex := NewRoute("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
	_, err = l.acquire(context.Background(), ex, "1", true)
	is.NoErr(err) // interaction callbacks are exempt
}

func TestLimiterStateRestore(t *testing.T) {
	is := is.New(t)
	l := newLimiter(limiterConfig{})
	r := NewRoute("POST", "/channels/{channel_id}/messages")
	tk, _ := l.acquire(context.Background(), r, "7", false)
	l.done(tk, &outcome{status: 200, header: hdr("m", 5, 0, 30)})
	st := l.State()
	is.Equal(len(st.Buckets), 1)
	l2 := newLimiter(limiterConfig{state: &st})
	_, err := l2.acquire(context.Background(), r, "7", true)
	var rl *RateLimitError
	is.True(errors.As(err, &rl)) // the restored bucket is still empty
	is.True(rl.RetryAfter > 20*time.Second)
	tk, err = l2.acquire(context.Background(), r, "8", true)
	is.NoErr(err) // another channel: the restored limit, not one at a time
	is.Equal(tk.b.limit, 5)
}

// The benchmarks keep the global limit on, with a window big enough
// never to wait: b.N requests per hour.

func BenchmarkLimiterAcquireDone(b *testing.B) {
	l := newLimiter(limiterConfig{globalLimit: b.N + 1, globalPeriod: time.Hour})
	r := NewRoute("POST", "/channels/{channel_id}/messages")
	h := hdr("hash", 1<<30, 1<<29, 60)
	ctx := context.Background()
	tk, _ := l.acquire(ctx, r, "123", false)
	l.done(tk, &outcome{status: 200, header: h})
	o := &outcome{status: 200, header: h}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tk, err := l.acquire(ctx, r, "123", false)
		if err != nil {
			b.Fatal(err)
		}
		l.done(tk, o)
	}
}

func BenchmarkLimiterAcquire(b *testing.B) {
	l := newLimiter(limiterConfig{globalLimit: b.N + 1, globalPeriod: time.Hour})
	r := NewRoute("GET", "/guilds/{guild_id}")
	ctx := context.Background()
	tk, _ := l.acquire(ctx, r, "1", false)
	l.done(tk, &outcome{status: 200, header: hdr("g", 1<<30, 1<<30-1, 3600)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tk, err := l.acquire(ctx, r, "1", false)
		if err != nil {
			b.Fatal(err)
		}
		_ = tk
	}
}

// BenchmarkLimiterParallel is many goroutines on many channels' queues
// at once: the cost of sharing the limiter's lock.
func BenchmarkLimiterParallel(b *testing.B) {
	l := newLimiter(limiterConfig{globalLimit: b.N + 65, globalPeriod: time.Hour})
	r := NewRoute("POST", "/channels/{channel_id}/messages")
	h := hdr("hash", 1<<30, 1<<29, 3600)
	ctx := context.Background()
	majors := make([]string, 64)
	for i := range majors {
		majors[i] = strconv.Itoa(1000 + i)
		tk, _ := l.acquire(ctx, r, majors[i], false)
		l.done(tk, &outcome{status: 200, header: h})
	}
	o := &outcome{status: 200, header: h}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		m := majors[next.Add(1)%int64(len(majors))]
		for pb.Next() {
			tk, err := l.acquire(ctx, r, m, false)
			if err != nil {
				b.Error(err)
				return
			}
			l.done(tk, o)
		}
	})
}

func TestParse429(t *testing.T) {
	is := is.New(t)
	h := http.Header{}
	h.Set(hRetryAfter, "65")
	h.Set(hScope, "user")
	h.Set(hBucket, "abcd")
	d, global, scope := parse429(h, []byte(`{"message":"You are being rate limited.","retry_after":64.57,"global":false}`))
	is.Equal(d, 64570*time.Millisecond) // the body's retry_after wins over the rounded header
	is.True(!global)
	is.Equal(scope, "user")

	ban := http.Header{}
	ban.Set(hRetryAfter, "600")
	d, global, _ = parse429(ban, []byte("<!DOCTYPE html><title>Access denied | discord.com used Cloudflare</title>"))
	is.Equal(d, 600*time.Second) // Cloudflare's ban: Retry-After
	is.True(global)              // and it holds every route
}
