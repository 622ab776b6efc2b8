package scale

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
	"log/slog"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// IdentifyOptions configures an IdentifyQueue; nil means defaults. Every
// field documents its zero value.
type IdentifyOptions struct {
	// Name is the bot's namespace in NATS. Zero: DefaultName.
	Name string

	// Window is how long an identify takes up its max_concurrency bucket;
	// identifies of one bucket are spaced by Window plus a twentieth of
	// it, for the network's jitter and the clocks of the machines. Zero:
	// 5 s, as Discord. (Shorter only against a fake Discord.)
	Window time.Duration

	// Logger receives waits for the daily budget (Warn) and NATS errors
	// the queue retries through (Debug). Zero: nothing is logged.
	Logger *slog.Logger
}

// IdentifyQueue is a gateway.IdentifyQueue shared by every process of a
// bot through a JetStream key-value bucket: one identify per
// max_concurrency bucket (shard_id % max_concurrency) per window, whatever
// process runs the shard, and none while the day's session starts are
// spent. Each bucket is one key holding when the bucket is free again;
// a process takes a slot by compare-and-set on the key's revision, so two
// processes never take the same slot. The daily budget is one more key,
// decremented the same way.
//
// Its methods are safe for concurrent use, in any number of processes.
type IdentifyQueue struct {
	kv     jetstream.KeyValue
	window time.Duration
	log    *slog.Logger
}

// budget is the key "budget": what GET /gateway/bot said, and what is
// left of it. Times are wall-clock times.
type budget struct {
	Concurrency int       `json:"max_concurrency"`
	Total       int       `json:"total"`
	Remaining   int       `json:"remaining"`
	ResetAt     time.Time `json:"reset_at"`
}

const budgetKey = "budget"

// NewIdentifyQueue binds the identify bucket of the bot, creating it when
// it is missing.
func NewIdentifyQueue(ctx context.Context, js jetstream.JetStream, opts *IdentifyOptions) (*IdentifyQueue, error) {
	var o IdentifyOptions
	if opts != nil {
		o = *opts
	}
	if o.Window <= 0 {
		o.Window = 5 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	kv, err := bucket(ctx, js, jetstream.KeyValueConfig{
		Bucket:      namesOf(o.Name).identifyBucket(),
		Description: "gloam: identify buckets and the daily session start budget",
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return nil, err
	}
	return &IdentifyQueue{kv: kv, window: o.Window + o.Window/20, log: o.Logger}, nil
}

// Set records what GET /gateway/bot says of the session start limit. The
// remaining count is lowered, never raised, until the stored reset time
// has passed: Discord may not have counted the latest identifies yet.
func (q *IdentifyQueue) Set(ctx context.Context, maxConcurrency, total, remaining int, resetAfter time.Duration) error {
	return q.update(ctx, budgetKey, func(b *budget, exists bool) bool {
		now := time.Now()
		if !exists || !now.Before(b.ResetAt) || remaining < b.Remaining {
			b.Remaining = remaining
		}
		b.Concurrency = max(maxConcurrency, 1)
		b.Total = total
		b.ResetAt = now.Add(resetAfter).Round(0)
		return true
	})
}

// update applies f to the budget by compare-and-set until it sticks; f
// returns false to write nothing.
func (q *IdentifyQueue) update(ctx context.Context, key string, f func(b *budget, exists bool) bool) error {
	for {
		var b budget
		var rev uint64
		e, err := q.kv.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
		case err != nil:
			return fmt.Errorf("scale: identify budget: %w", err)
		default:
			rev = e.Revision()
			if json.Unmarshal(e.Value(), &b) != nil {
				rev, b = e.Revision(), budget{}
			}
		}
		if !f(&b, rev != 0) {
			return nil
		}
		data, _ := json.Marshal(b)
		if rev == 0 {
			_, err = q.kv.Create(ctx, key, data)
		} else {
			_, err = q.kv.Update(ctx, key, data, rev)
		}
		if errors.Is(err, jetstream.ErrKeyExists) {
			continue // another process wrote first: read again
		}
		if err != nil {
			return fmt.Errorf("scale: identify budget: %w", err)
		}
		return nil
	}
}

// Wait blocks until shardID may identify or ctx is done. NATS errors
// (a restarting server) are retried until ctx is done.
func (q *IdentifyQueue) Wait(ctx context.Context, shardID int) error {
	var conc int
	for {
		var resetAfter time.Duration
		err := retry(ctx, 2*time.Second, func() error {
			resetAfter, conc = 0, 1
			return q.update(ctx, budgetKey, func(b *budget, exists bool) bool {
				if !exists {
					return false // no budget known: no daily limit to keep
				}
				conc = max(b.Concurrency, 1)
				now := time.Now()
				if b.Remaining == 0 {
					if d := b.ResetAt.Sub(now); d > 0 {
						resetAfter = d
						return false
					}
					b.Remaining = max(b.Total, 1)
					b.ResetAt = now.Add(24 * time.Hour).Round(0)
				}
				if b.Remaining > 0 {
					b.Remaining--
				}
				return true
			})
		})
		if err != nil {
			return err
		}
		if resetAfter <= 0 {
			break
		}
		q.log.Warn("scale: no session starts left today; waiting for the reset",
			"shard", shardID, "reset_after", resetAfter.Round(time.Second))
		if err := wait.Sleep(ctx, min(resetAfter, time.Minute)); err != nil {
			return err
		}
	}
	key := "bucket." + strconv.Itoa(shardID%conc)
	var at time.Time
	err := retry(ctx, 2*time.Second, func() error {
		for {
			var rev uint64
			var free time.Time
			e, err := q.kv.Get(ctx, key)
			switch {
			case errors.Is(err, jetstream.ErrKeyNotFound):
			case err != nil:
				return err
			default:
				rev = e.Revision()
				if n, err := strconv.ParseInt(string(e.Value()), 10, 64); err == nil {
					free = time.Unix(0, n)
				}
			}
			now := time.Now()
			at = free
			if at.Before(now) {
				at = now
			}
			next := []byte(strconv.FormatInt(at.Add(q.window).UnixNano(), 10))
			if rev == 0 {
				_, err = q.kv.Create(ctx, key, next)
			} else {
				_, err = q.kv.Update(ctx, key, next, rev)
			}
			if errors.Is(err, jetstream.ErrKeyExists) {
				continue // another process took the slot: take the next
			}
			if err != nil {
				q.log.Debug("scale: identify bucket", "key", key, "err", err)
			}
			return err
		}
	})
	if err != nil {
		q.giveBackBudget()
		return err
	}
	if err := wait.Sleep(ctx, time.Until(at)); err != nil {
		q.giveBack(key, at)
		return err
	}
	return nil
}

// giveBack returns a slot not used because ctx ended, when no one has
// taken a later one.
func (q *IdentifyQueue) giveBack(key string, at time.Time) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	e, err := q.kv.Get(ctx, key)
	if err == nil && string(e.Value()) == strconv.FormatInt(at.Add(q.window).UnixNano(), 10) {
		q.kv.Update(ctx, key, []byte(strconv.FormatInt(at.UnixNano(), 10)), e.Revision())
	}
	q.giveBackBudget()
}

// giveBackBudget returns a session start not used.
func (q *IdentifyQueue) giveBackBudget() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	q.update(ctx, budgetKey, func(b *budget, exists bool) bool {
		if !exists || b.Remaining >= b.Total {
			return false
		}
		b.Remaining++
		return true
	})
}

// Remaining reports the session starts left today, and false when no
// process has recorded the budget yet.
func (q *IdentifyQueue) Remaining(ctx context.Context) (int, bool, error) {
	e, err := q.kv.Get(ctx, budgetKey)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("scale: identify budget: %w", err)
	}
	var b budget
	if err := json.Unmarshal(e.Value(), &b); err != nil {
		return 0, false, fmt.Errorf("scale: identify budget: %w", err)
	}
	return b.Remaining, true, nil
}
