package interaction

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Logger logs each interaction handled, with its route, user, duration
// and error, at Info (Error when the handler failed).
func Logger(l *slog.Logger) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, r *Request) error {
			start := time.Now()
			err := next.Handle(ctx, r)
			lvl := slog.LevelInfo
			if err != nil {
				lvl = slog.LevelError
			}
			var user model.UserID
			if u := r.Invoker(); u != nil {
				user = u.ID
			}
			l.Log(ctx, lvl, "interaction", "id", r.ID, "type", r.Type, "route", r.Route(),
				"user", user, "guild", r.GuildID, "took", time.Since(start), "err", err)
			return err
		})
	}
}

// PanicError is the error Recover returns for a handler that panicked.
type PanicError struct {
	Value any    // what the handler panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("interaction: handler panicked: %v", e.Value) }

// Recover turns a panicking handler into a *PanicError, which the
// router's error path (Options.OnError) answers, by default with an
// ephemeral "Something went wrong.". Put it outermost but for Logger.
func Recover() Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, r *Request) (err error) {
			defer func() {
				if v := recover(); v != nil {
					err = &PanicError{Value: v, Stack: debug.Stack()}
				}
			}()
			return next.Handle(ctx, r)
		})
	}
}

// Cooldown lets each user run the handlers it wraps once per period, per
// route: a user who comes back sooner gets an ephemeral note of when to
// try again, and the handler does not run.
func Cooldown(period time.Duration) Middleware {
	c := &cooldown{period: period, last: map[cooldownKey]time.Time{}}
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, r *Request) error {
			var user model.UserID
			if u := r.Invoker(); u != nil {
				user = u.ID
			}
			if wait := c.take(user, r.Route(), time.Now()); wait > 0 {
				at := time.Now().Add(wait).Unix()
				return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{
					Content: "Slow down! You can use this again <t:" + strconv.FormatInt(at, 10) + ":R>."})
			}
			return next.Handle(ctx, r)
		})
	}
}

type cooldownKey struct {
	user  model.UserID
	route string
}

type cooldown struct {
	period time.Duration
	mu     sync.Mutex
	last   map[cooldownKey]time.Time
	sweep  time.Time
}

// take records a use at now, or says how long until one is allowed.
func (c *cooldown) take(user model.UserID, route string, now time.Time) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.sweep) { // forget the uses whose period is over
		for k, t := range c.last {
			if now.Sub(t) >= c.period {
				delete(c.last, k)
			}
		}
		c.sweep = now.Add(c.period)
	}
	k := cooldownKey{user, route}
	if t, ok := c.last[k]; ok && now.Sub(t) < c.period {
		return c.period - now.Sub(t)
	}
	c.last[k] = now
	return 0
}
