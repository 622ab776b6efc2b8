package interaction

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// ErrTimeout is returned by Next when no interaction matched in time.
var ErrTimeout = errors.New("interaction: no matching interaction in time")

// collectBuffer is how many matching interactions a collector holds while
// its loop is busy; more go to their routes.
const collectBuffer = 16

// waiter is a collector registered with the router.
type waiter struct {
	done  <-chan struct{} // the collector's ctx.Done()
	match func(*Request) bool
	ch    chan *Request
	gone  chan struct{} // closed once the collector takes no more
}

// Collect returns the interactions that match accepts, whichever way
// they arrive (gateway or HTTP, any shard), from now until ctx is done or
// the loop over them stops. They go to the loop instead of their routes;
// the loop body answers each as a handler would, and the router's
// automatic acknowledgement applies. Matching interactions that arrive
// before the loop starts or while its body is busy wait for it (up to 16;
// more go to their routes).
//
// Collect registers at once, so that a handler may register, then send
// the message whose buttons it waits for, then loop: no click is missed.
// The stream may be ranged over once; nothing stays registered once ctx is
// done or the loop has ended, and what was waiting goes to its routes.
//
// match runs on the goroutine serving each interaction, for every
// interaction while the collector is registered: keep it quick.
//
// Over the gateway, loop on a goroutine other than the one serving the
// interaction events (Router.Go does that), or the interactions it waits
// for cannot arrive.
func (rt *Router) Collect(ctx context.Context, match func(*Request) bool) iter.Seq[*Request] {
	w := &waiter{done: ctx.Done(), match: match, ch: make(chan *Request, collectBuffer), gone: make(chan struct{})}
	t := rt.t
	t.mu.Lock()
	t.waiters = append(t.waiters, w)
	t.mu.Unlock()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			t.mu.Lock()
			t.waiters = slices.DeleteFunc(t.waiters, func(x *waiter) bool { return x == w })
			t.mu.Unlock()
			close(w.gone) // what is left in w.ch goes to its routes
		})
	}
	unhook := context.AfterFunc(ctx, stop)
	return func(yield func(*Request) bool) {
		defer func() { unhook(); stop() }()
		for {
			select {
			case <-w.gone:
				return
			case <-ctx.Done():
				return
			case r := <-w.ch:
				r.mu.Lock()
				r.taken = true
				r.mu.Unlock()
				if !yield(r) {
					return
				}
			}
		}
	}
}

// Next waits for the next interaction match accepts, as Collect does, for
// at most timeout (zero: until ctx is done), and returns it for the
// caller to answer. The error is ErrTimeout, or ctx's.
func (rt *Router) Next(ctx context.Context, timeout time.Duration, match func(*Request) bool) (*Request, error) {
	wctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	for r := range rt.Collect(wctx, match) {
		return r, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return nil, ErrTimeout
}

// collected offers r to the collectors; it reports whether one took it,
// once r is answered or its window has closed.
func (t *tables) collected(ctx context.Context, r *Request) bool {
	w := t.offer(r)
	if w == nil {
		return false
	}
	window := time.NewTimer(Deadline - time.Since(r.received))
	defer window.Stop()
	gone := w.gone
	for {
		select {
		case <-r.claimed:
			// Let the answer be sent (in the HTTP response, perhaps)
			// before the interaction is done with.
			r.mu.Lock()
			done := r.done
			r.mu.Unlock()
			wait(ctx, done)
			return true
		case <-window.C:
			return true // too late for an initial response: nothing to wait for
		case <-ctx.Done():
			return true
		case <-gone:
			r.mu.Lock()
			taken := r.taken
			r.mu.Unlock()
			if !taken {
				return false // the collector ended before it got there
			}
			gone = nil
		}
	}
}

// offer hands r to the first collector that wants it and has room.
func (t *tables) offer(r *Request) *waiter {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for _, w := range t.waiters {
		select {
		case <-w.done:
			continue // being removed
		default:
		}
		if w.match(r) {
			select {
			case w.ch <- r:
				return w
			default:
			}
		}
	}
	return nil
}

// ComponentOn matches the use of a component (a button or select menu)
// of message msg, by user when user is not zero.
func ComponentOn(msg model.MessageID, user model.UserID) func(*Request) bool {
	return func(r *Request) bool {
		return r.Type == model.InteractionMessageComponent && r.Message != nil && r.Message.ID == msg && byUser(r, user)
	}
}

// ComponentOnAnswer matches the use of a component of the message that
// answered interaction in (as its reply or follow-up), by user when user
// is not zero: register it with Collect before replying with the
// components, then loop.
func ComponentOnAnswer(in model.InteractionID, user model.UserID) func(*Request) bool {
	return func(r *Request) bool {
		return r.Type == model.InteractionMessageComponent && r.Message != nil &&
			r.Message.InteractionMetadata != nil && r.Message.InteractionMetadata.ID == in && byUser(r, user)
	}
}

// ModalSubmit matches the submit of a modal with that custom ID, by user
// when user is not zero.
func ModalSubmit(customID string, user model.UserID) func(*Request) bool {
	return func(r *Request) bool {
		return r.Type == model.InteractionModalSubmit && r.Data != nil && r.Data.CustomID == customID && byUser(r, user)
	}
}

func byUser(r *Request, user model.UserID) bool {
	if user == 0 {
		return true
	}
	u := r.Invoker()
	return u != nil && u.ID == user
}
