package core

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/matryer/is"
)

func newTestQueue(window time.Duration, saved *[]byte) *identifyQueue {
	return newIdentifyQueue(window, slog.New(slog.DiscardHandler), func(b []byte) error {
		*saved = append((*saved)[:0], b...)
		return nil
	})
}

func TestIdentifyQueueBuckets(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(100*time.Millisecond, &saved)
	q.set(2, 1000, 1000, time.Hour)
	ctx := context.Background()
	start := time.Now()
	is.NoErr(q.Wait(ctx, 0))              // bucket 0, at once
	is.NoErr(q.Wait(ctx, 1))              // bucket 1, at once
	is.True(time.Since(start) < q.window) // two buckets, no wait
	is.NoErr(q.Wait(ctx, 2))              // bucket 0 again: a window later
	is.True(time.Since(start) >= q.window)
	is.Equal(q.remaining(), 997) // three session starts spent

	var b budget
	is.NoErr(json.Unmarshal(saved, &b)) // the budget is stored
	is.Equal(b.Remaining, 997)
	is.Equal(len(b.Buckets), 2)
}

func TestIdentifyQueueSurvivesRestart(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(200*time.Millisecond, &saved)
	q.set(1, 1000, 10, time.Hour)
	is.NoErr(q.Wait(context.Background(), 0))

	// The process crashes and starts again at once: the new queue waits
	// out the window and counts on from the stored budget, even though
	// Discord has not counted the last identify yet.
	start := time.Now()
	q2 := newTestQueue(200*time.Millisecond, &saved)
	q2.load(saved)
	q2.set(1, 1000, 10, time.Hour)
	is.NoErr(q2.Wait(context.Background(), 0))
	is.True(time.Since(start) >= 150*time.Millisecond) // the stored bucket was honoured
	is.Equal(q2.remaining(), 8)
}

func TestIdentifyQueueWaitsForReset(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(10*time.Millisecond, &saved)
	q.set(1, 1000, 0, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := q.Wait(ctx, 0)
	is.Equal(err, context.DeadlineExceeded) // no session start left: it waits
	is.Equal(q.remaining(), 0)

	// Discord says the reset is near; after it, Discord is asked again.
	q.set(1, 1000, 0, 20*time.Millisecond)
	q.refresh = func(context.Context) (int, time.Duration, error) { return 1000, 24 * time.Hour, nil }
	is.NoErr(q.Wait(context.Background(), 0))
	is.Equal(q.remaining(), 999)
}

func TestIdentifyQueueGivesBackOnCancel(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(time.Hour, &saved)
	q.set(1, 1000, 100, time.Hour)
	is.NoErr(q.Wait(context.Background(), 0))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	is.Equal(q.Wait(ctx, 0), context.DeadlineExceeded) // the bucket is taken for an hour
	is.Equal(q.remaining(), 99)                        // the cancelled slot was given back
}

// FuzzIdentifyBudget reads budgets as a damaged cache file may hold them.
func FuzzIdentifyBudget(f *testing.F) {
	f.Add([]byte(`{"total":1000,"remaining":3,"reset_at":"2030-01-01T00:00:00Z","buckets":{"0":"2030-01-01T00:00:00Z"}}`))
	f.Add([]byte(`{"remaining":-5}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var saved []byte
		q := newTestQueue(time.Millisecond, &saved)
		q.load(data)
		q.set(1, 1000, 1000, time.Hour)
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		q.Wait(ctx, 3) // must not panic, whatever the budget says
	})
}

// A stored budget whose times lie far ahead (the clock went back since,
// or the file is damaged) is not waited on.
func TestIdentifyBudgetIgnoresFarFuture(t *testing.T) {
	is := is.New(t)
	far := time.Now().Add(30 * 24 * time.Hour)
	data, err := json.Marshal(budget{Total: 1000, Remaining: 0, ResetAt: far, Buckets: map[int]time.Time{0: far}})
	is.NoErr(err)
	var saved []byte
	q := newTestQueue(10*time.Millisecond, &saved)
	q.load(data)
	q.set(1, 1000, 999, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	is.NoErr(q.Wait(ctx, 0)) // neither the bucket nor the reset is waited on
	is.Equal(q.remaining(), 998)
}

// Discord's reset_after is believed up to a day.
func TestIdentifyResetIsBounded(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(10*time.Millisecond, &saved)
	q.set(1, 1000, 0, 1000*24*time.Hour)
	q.mu.Lock()
	at := q.b.ResetAt
	q.mu.Unlock()
	is.True(time.Until(at) <= 24*time.Hour) // at most a day away
	q.set(-3, -1, -5, -time.Hour)
	is.Equal(q.conc, 1)
	is.Equal(q.remaining(), 0) // negative counts are none
}

func TestIdentifyQueueStartAfter(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(100*time.Millisecond, &saved)
	q.set(16, 1000, 1000, time.Hour)
	is.Equal(q.startAfter(0, 0), time.Duration(0))  // first turn of bucket 0
	is.Equal(q.startAfter(16, 0), time.Duration(0)) // second turn: starts a window early, at once
	is.Equal(q.startAfter(32, 0), q.window)         // third turn: one window in
	is.Equal(q.startAfter(47, 0), 2*q.window-q.window)
	is.Equal(q.startAfter(21, 5), time.Duration(0)) // a run from shard 5: 21 is bucket 5's second
	is.Equal(q.startAfter(53, 5), 2*q.window)       // and 53 its fourth

	is.NoErr(q.Wait(context.Background(), 3)) // bucket 3 busy for a window
	is.True(q.startAfter(19, 0) > q.window/2) // so its second turn starts later
}

func TestIdentifyQueueTurnsInOrder(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(30*time.Millisecond, &saved)
	var mu sync.Mutex
	var handed []time.Time // when each turn's identify was due again
	save := q.save
	q.save = func(b []byte) error {
		var bu budget
		is.NoErr(json.Unmarshal(b, &bu))
		mu.Lock()
		handed = append(handed, bu.Buckets[0])
		mu.Unlock()
		return save(b)
	}
	q.set(1, 1000, 1000, time.Hour)
	ctx := context.Background()
	is.NoErr(q.Wait(ctx, 0)) // the bucket is taken for a window
	l := hold(q, 0)
	order := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		go func() { q.Wait(ctx, i); order <- i }()
		waitFor(t, func() bool { return q.inLine(0) == 1+i }) // ask in order 1, 2, 3
	}
	q.pass(l)
	for want := 1; want <= 3; want++ {
		is.Equal(<-order, want) // turns are handed out in the order asked
	}
	mu.Lock()
	defer mu.Unlock()
	is.Equal(len(handed), 4)
	for i := 1; i < len(handed); i++ {
		is.True(handed[i].Sub(handed[i-1]) >= q.window) // a window apart
	}
}

// TestIdentifyQueueCancelLeavesLine: a shard that stops waiting leaves
// its place, and the turn passes on to the next one.
func TestIdentifyQueueCancelLeavesLine(t *testing.T) {
	is := is.New(t)
	var saved []byte
	q := newTestQueue(30*time.Millisecond, &saved)
	q.set(1, 1000, 1000, time.Hour)
	bg := context.Background()
	is.NoErr(q.Wait(bg, 0)) // the bucket is taken for a window
	l := hold(q, 0)
	first := make(chan error, 1)
	go func() { first <- q.Wait(bg, 1) }()
	waitFor(t, func() bool { return q.inLine(0) == 2 })
	ctx, cancel := context.WithCancel(bg)
	gone := make(chan error, 1)
	go func() { gone <- q.Wait(ctx, 2) }()
	waitFor(t, func() bool { return q.inLine(0) == 3 })
	cancel()
	is.Equal(<-gone, context.Canceled) // the wait ends with ctx
	is.Equal(q.inLine(0), 2)           // and leaves the line
	q.pass(l)
	is.NoErr(<-first)
	is.NoErr(q.Wait(bg, 3))      // the turn passed on
	is.Equal(q.inLine(0), 0)     // nobody is left in line
	is.Equal(q.remaining(), 997) // three turns taken
}

// hold takes the turn of bucket for the test: the shards that ask after
// it wait in line until q.pass(l).
func hold(q *identifyQueue, bucket int) (l *line) {
	q.mu.Lock()
	defer q.mu.Unlock()
	l = q.lines[bucket]
	if l == nil {
		l = &line{}
		q.lines[bucket] = l
	}
	if err := q.take(context.Background(), l); err != nil {
		panic(err) // Background is never done
	}
	return l
}

// waitFor waits until cond holds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(time.Millisecond)
	}
}
