package core

import (
	"context"
	"encoding/json"
	"github.com/gloamdev/gloam/internal/wait"
	"log/slog"
	"slices"
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

	mu    sync.Mutex
	b     budget
	lines map[int]*line // bucket -> the shards taking turns in it
}

// line is a bucket's shards taking turns: the one whose turn it is, and
// the others in the order they asked.
type line struct {
	held    bool
	waiting []chan struct{} // closed when the turn passes to its shard
}

// minIdentifyMargin is the least margin added to the identify window:
// the time between the queue handing out a turn and the identify
// reaching Discord varies by more than a twentieth of a short window.
const minIdentifyMargin = 20 * time.Millisecond

func newIdentifyQueue(window time.Duration, log *slog.Logger, save func([]byte) error) *identifyQueue {
	return &identifyQueue{window: window + max(window/20, minIdentifyMargin), conc: 1, log: log, save: save,
		b: budget{Remaining: -1, Buckets: map[int]time.Time{}}, lines: map[int]*line{}}
}

// load takes the budget stored by an earlier process. Times that cannot
// be Discord's (a daily reset more than a day away, a bucket busy for
// longer than a window: the clock went back, or the file was damaged)
// are ignored, not waited on.
func (q *identifyQueue) load(data []byte) {
	if len(data) == 0 {
		return
	}
	var b budget
	if json.Unmarshal(data, &b) != nil {
		return // a budget we cannot read is one we did not write
	}
	now := time.Now()
	if b.ResetAt.After(now.Add(maxResetAfter)) {
		q.log.Info("core: the stored identify budget resets too far ahead; ignoring it", "reset_at", b.ResetAt)
		b.ResetAt, b.Remaining = time.Time{}, -1
	}
	b.Total = max(b.Total, 0)
	b.Remaining = max(b.Remaining, -1)
	buckets := map[int]time.Time{}
	for k, at := range b.Buckets {
		if k >= 0 && k < maxShards && !at.After(now.Add(q.window)) {
			buckets[k] = at
		}
	}
	b.Buckets = buckets
	q.mu.Lock()
	defer q.mu.Unlock()
	q.b = b
}

// maxResetAfter bounds the wait for the daily session start limit.
const maxResetAfter = 24 * time.Hour

// set takes what GET /gateway/bot says.
func (q *identifyQueue) set(conc, total, remaining int, resetAfter time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.conc = max(conc, 1)
	total = max(total, 0)
	remaining = max(remaining, 0)
	resetAfter = min(max(resetAfter, 0), maxResetAfter)
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

// Wait blocks until shardID may identify or ctx is done. The shards of
// one bucket take turns in the order they ask; each turn begins a window
// after the previous one was handed out, counted from the moment it was,
// not from when it was due: a sleep that overran, or a shard that asked
// late, never brings two identifies of a bucket closer than a window.
func (q *identifyQueue) Wait(ctx context.Context, shardID int) error {
	q.mu.Lock()
	bucket := shardID % max(q.conc, 1)
	l := q.lines[bucket]
	if l == nil {
		l = &line{}
		q.lines[bucket] = l
	}
	if err := q.take(ctx, l); err != nil {
		return err
	}
	q.mu.Unlock()
	defer q.pass(l)
	for {
		q.mu.Lock()
		now := time.Now()
		if q.b.Remaining == 0 {
			if d := q.b.ResetAt.Sub(now); d > 0 {
				q.mu.Unlock()
				q.log.Warn("core: no session starts left today; waiting for the reset",
					"shard", shardID, "reset_after", d.Round(time.Second))
				if err := wait.Sleep(ctx, d); err != nil {
					return err
				}
				q.refreshBudget(ctx)
				continue
			}
			q.b.Remaining = max(q.b.Total, 1)
			q.b.ResetAt = now.Add(24 * time.Hour)
		}
		if d := q.b.Buckets[bucket].Sub(now); d > 0 {
			q.mu.Unlock()
			if err := wait.Sleep(ctx, d); err != nil {
				return err
			}
			continue
		}
		q.b.Buckets[bucket] = now.Add(q.window).Round(0)
		if q.b.Remaining > 0 {
			q.b.Remaining--
		}
		data, _ := json.Marshal(q.b)
		q.mu.Unlock()
		if err := q.save(data); err != nil {
			q.log.Error("core: store the identify budget", "err", err)
		}
		return nil
	}
}

// take returns when it is the caller's turn in l, with q.mu held as
// when it was called, or ctx's error, with q.mu released.
func (q *identifyQueue) take(ctx context.Context, l *line) error {
	if !l.held {
		l.held = true
		return nil
	}
	turn := make(chan struct{})
	l.waiting = append(l.waiting, turn)
	q.mu.Unlock()
	select {
	case <-turn:
		q.mu.Lock()
		return nil
	case <-ctx.Done():
		q.mu.Lock()
		if i := slices.Index(l.waiting, turn); i >= 0 {
			l.waiting = slices.Delete(l.waiting, i, i+1)
		} else {
			q.passLocked(l) // the turn came as ctx ended: the next one's
		}
		q.mu.Unlock()
		return ctx.Err()
	}
}

// pass hands the turn in l to the shard that asked next.
func (q *identifyQueue) pass(l *line) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.passLocked(l)
}

func (q *identifyQueue) passLocked(l *line) {
	if len(l.waiting) == 0 {
		l.held = false
		return
	}
	close(l.waiting[0])
	l.waiting = slices.Delete(l.waiting, 0, 1)
}

// inLine is how many shards of bucket are in its line: the one whose
// turn it is and those waiting for theirs.
func (q *identifyQueue) inLine(bucket int) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	l := q.lines[bucket]
	if l == nil || !l.held {
		return 0
	}
	return 1 + len(l.waiting)
}

// startAfter is how long after a run begins shard id of the run's
// [from, to) should start: a window before its first turn in the queue,
// so that the shards connect in the order they identify, a bucket's
// worth at a time. Started all at once, they would read HELLO together
// and, on a busy machine, an identify released on time could reach the
// gateway after the next one of its bucket.
func (q *identifyQueue) startAfter(id, from int) time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	conc := max(q.conc, 1)
	bucket := id % conc
	first := from + ((bucket-from%conc)%conc+conc)%conc // the run's first shard of the bucket
	turn := (id - first) / conc
	free := max(time.Until(q.b.Buckets[bucket]), 0)
	return max(free+time.Duration(turn-1)*q.window, 0)
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
	q.b.Remaining, q.b.ResetAt = max(rem, 0), time.Now().Add(min(max(after, 0), maxResetAfter)).Round(0)
	q.mu.Unlock()
}

// remaining reports the session starts left.
func (q *identifyQueue) remaining() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.b.Remaining
}
