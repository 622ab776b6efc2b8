// Package collect waits for what users do next on the gateway: the next
// message in a channel from a user, the next reaction on a message, or
// any event a predicate accepts, once (Next) or as a stream (All), with a
// timeout and a ctx.
//
// # Basics
//
//	m, err := collect.Message(ctx, bot, time.Minute, channel, user)
//	if errors.Is(err, collect.ErrTimeout) {
//		// the user did not answer in time
//	}
//
// Next and All take the payload type of core.On (a lazy view such as
// model.MessageCreateView, or a decoded struct) and see the events of
// every shard of the bot. A collector registers when it is called and is
// gone when it returns (Next) or when its loop ends or ctx is done (All):
// no listener and no goroutine is left behind.
//
// Component clicks and modal submits are interactions, answered once:
// collect them with interaction.Router's Collect and Next, which take them
// away from their routes, over the gateway or HTTP alike.
//
// # Caveats
//
// Do not wait inside a listener for an event that the same listener
// goroutine would deliver: by default each shard's events run one at a
// time, so the event waited for cannot arrive until the wait is over.
// Wait from a goroutine of your own, or from an interaction handler run
// with interaction.Router.Go.
//
// All hands events over through a small buffer; a loop that is slower
// than the events it matches slows the bot's delivery down (as a slow
// listener does) rather than lose them.
package collect
