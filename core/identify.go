package core

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"
)

// identifyBlob is the cache blob holding the identify budget.
const identifyBlob = "core.identify"

// budget is the identify budget as stored in the cache: the daily session
// starts left and when they come back, and when each max_concurrency
// bucket is free again. Times are wall-clock times, so that the budget
// holds across processes.
type budget struct {
	Total     int               `json:"total"`
	Remaining int               `json:"remaining"`
	ResetAt   time.Time         `json:"reset_at"`
	Buckets   map[int]time.Time `json:"buckets,omitempty"` // bucket -> free again at
}

// identifyQueue is the Bot's gateway.IdentifyQueue: one identify per
// max_concurrency bucket (shard_id % max_concurrency) per window, and
// none while the day's session starts are spent. Every slot it hands out
// is written to the cache before the identify goes, so a process that
// crashes and starts again continues from the same budget.
type identifyQueue struct {
	window  time.Duration // spacing within a bucket, margin included
	conc    int
	log     *slog.Logger
	save    func([]byte) error
	refresh func(ctx context.Context) (remaining int, resetAfter time.Duration, err error)

	mu sync.Mutex
	b  budget
}

func newIdentifyQueue(window time.Duration, log *slog.Logger, save func([]byte) error) *identifyQueue {
	return &identifyQueue{window: window + window/20, conc: 1, log: log, save: save,
		b: budget{Remaining: -1, Buckets: map[int]time.Time{}}}
}

// load takes the budget stored by an earlier process.
func (q *identifyQueue) load(data []byte) {
	if len(data) == 0 {
		return
	}
	var b budget
	if json.Unmarshal(data, &b) != nil {
		return // a budget we cannot read is one we did not write
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if b.Buckets == nil {
		b.Buckets = map[int]time.Time{}
	}
	q.b = b
}

// set takes what GET /gateway/bot says.
func (q *identifyQueue) set(conc, total, remaining int, resetAfter time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.conc = max(conc, 1)
	now := time.Now()
	// Discord knows when the budget resets; the stored count may be
	// lower than Discord's while Discord has not counted the last
	// identifies yet.
	if q.b.Remaining < 0 || !now.Before(q.b.ResetAt) || remaining < q.b.Remaining {
		q.b.Remaining = remaining
	}
	q.b.ResetAt = now.Add(resetAfter).Round(0)
	q.b.Total = total
}

// Wait blocks until shardID may identify or ctx is done.
func (q *identifyQueue) Wait(ctx context.Context, shardID int) error {
	for {
		q.mu.Lock()
		now := time.Now()
		if q.b.Remaining == 0 {
			if d := q.b.ResetAt.Sub(now); d > 0 {
				q.mu.Unlock()
				q.log.Warn("core: no session starts left today; waiting for the reset",
					"shard", shardID, "reset_after", d.Round(time.Second))
				if err := sleep(ctx, d); err != nil {
					return err
				}
				q.refreshBudget(ctx)
				continue
			}
			q.b.Remaining = max(q.b.Total, 1)
			q.b.ResetAt = now.Add(24 * time.Hour)
		}
		bucket := shardID % max(q.conc, 1)
		at := q.b.Buckets[bucket]
		if at.Before(now) {
			at = now
		}
		q.b.Buckets[bucket] = at.Add(q.window).Round(0)
		if q.b.Remaining > 0 {
			q.b.Remaining--
		}
		data, _ := json.Marshal(q.b)
		q.mu.Unlock()
		if err := q.save(data); err != nil {
			q.log.Error("core: store the identify budget", "err", err)
		}
		if err := sleep(ctx, time.Until(at)); err != nil {
			q.giveBack(bucket, at)
			return err
		}
		return nil
	}
}

// giveBack returns a slot not used because ctx ended.
func (q *identifyQueue) giveBack(bucket int, at time.Time) {
	q.mu.Lock()
	if q.b.Buckets[bucket].Equal(at.Add(q.window).Round(0)) {
		q.b.Buckets[bucket] = at
		if q.b.Remaining >= 0 {
			q.b.Remaining++
		}
	}
	data, _ := json.Marshal(q.b)
	q.mu.Unlock()
	q.save(data)
}

// refreshBudget asks Discord for the budget after a reset.
func (q *identifyQueue) refreshBudget(ctx context.Context) {
	if q.refresh == nil {
		return
	}
	rem, after, err := q.refresh(ctx)
	if err != nil {
		return
	}
	q.mu.Lock()
	q.b.Remaining, q.b.ResetAt = rem, time.Now().Add(after).Round(0)
	q.mu.Unlock()
}

// remaining reports the session starts left.
func (q *identifyQueue) remaining() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.b.Remaining
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
