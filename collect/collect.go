package collect

import (
	"context"
	"errors"
	"iter"
	"sync"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
)

// ErrTimeout is returned by Next when nothing matched within its timeout.
var ErrTimeout = errors.New("collect: nothing matched in time")

// buffer is how many matched events wait for a busy loop.
const buffer = 16

// All returns the events of type T that match accepts (nil accepts all),
// from now until ctx is done or the loop over them stops. It registers at
// once, so that nothing is missed between the call and the loop; the
// stream may be ranged over once. match runs on the listener goroutines
// of the bot, for every event of type T while registered: keep it quick.
func All[T core.Payload](ctx context.Context, bot *core.Bot, match func(T) bool) iter.Seq[T] {
	ch := make(chan T, buffer)
	gone := make(chan struct{})
	remove := core.On(bot, func(lctx context.Context, _ core.Event, v T) {
		if ctx.Err() != nil {
			return // the collector is being removed
		}
		if match != nil && !match(v) {
			return
		}
		select {
		case ch <- v:
		case <-gone:
		case <-ctx.Done():
		case <-lctx.Done():
		}
	})
	var once sync.Once
	stop := func() { once.Do(func() { remove(); close(gone) }) }
	unhook := context.AfterFunc(ctx, stop)
	return func(yield func(T) bool) {
		defer func() { unhook(); stop() }()
		for {
			select {
			case <-gone:
				return
			case <-ctx.Done():
				return
			case v := <-ch:
				if !yield(v) {
					return
				}
			}
		}
	}
}

// Next waits for the next event of type T that match accepts, for at most
// timeout (zero: until ctx is done). The error is ErrTimeout, or ctx's.
func Next[T core.Payload](ctx context.Context, bot *core.Bot, timeout time.Duration, match func(T) bool) (T, error) {
	wctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	for v := range All(wctx, bot, match) {
		return v, nil
	}
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	return zero, ErrTimeout
}

// MessageIn matches the messages posted in channel, by user when user is
// not zero.
func MessageIn(channel model.ChannelID, user model.UserID) func(model.MessageCreateView) bool {
	return func(m model.MessageCreateView) bool {
		return m.ChannelID() == channel && (user == 0 || m.Author().ID() == user)
	}
}

// ReactionOn matches the reactions added to message msg, by user when
// user is not zero.
func ReactionOn(msg model.MessageID, user model.UserID) func(model.MessageReactionAddView) bool {
	return func(r model.MessageReactionAddView) bool {
		return r.MessageID() == msg && (user == 0 || r.UserID() == user)
	}
}

// Message waits for the next message in channel, from user when user is
// not zero. Reading its content needs the MESSAGE_CONTENT intent, unless
// it mentions the bot.
func Message(ctx context.Context, bot *core.Bot, timeout time.Duration, channel model.ChannelID, user model.UserID) (model.MessageCreateView, error) {
	return Next(ctx, bot, timeout, MessageIn(channel, user))
}

// Reaction waits for the next reaction added to message msg, by user
// when user is not zero.
func Reaction(ctx context.Context, bot *core.Bot, timeout time.Duration, msg model.MessageID, user model.UserID) (model.MessageReactionAddView, error) {
	return Next(ctx, bot, timeout, ReactionOn(msg, user))
}
