package core

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// Event is a gateway dispatch, the shard it came from and the Bot that
// received it: a listener reaches the REST client, the cache and the
// shards through Bot, and reads the event lazily through the embedded
// model.Event (its views, Get, Decode).
type Event struct {
	model.Event
	Shard int
	Bot   *Bot

	read *payloads // what the typed listeners of this event read, shared; nil when one at most reads it
}

// payloads holds the payloads read out of one event for its typed
// listeners, one per payload type (a view and a struct may both be
// asked for: two in place, more beyond). Listeners of one event run one
// after the other, so it needs no lock.
type payloads struct {
	n    int
	some [2]payload
	more []payload
}

type payload struct {
	v   any // a Payload
	err error
}

// readShared reads T out of ev once for all its listeners: the first
// listener that takes T reads it, the others get the same value.
func readShared[T Payload](ev Event, read reader[T]) (T, error) {
	if ev.read == nil {
		return read(ev.Event)
	}
	ps := ev.read
	for _, p := range ps.some[:ps.n] {
		if v, ok := p.v.(T); ok {
			return v, p.err
		}
	}
	for _, p := range ps.more {
		if v, ok := p.v.(T); ok {
			return v, p.err
		}
	}
	v, err := read(ev.Event)
	if ps.n < len(ps.some) {
		ps.some[ps.n] = payload{v, err}
		ps.n++
	} else {
		ps.more = append(ps.more, payload{v, err})
	}
	return v, err
}

// A Listener handles events. Listeners of one event run one after the
// other, in the order they were registered; see Options.Workers for how
// events follow each other.
//
// ctx carries the values of Run's ctx. It is not done when Run's ctx is:
// when the shards stop (Run's ctx is done, a shard failed, or they
// reshard), a listener still running has Options.StopGrace to finish
// (its replies are not cancelled mid-flight); after that ctx is done too.
type Listener func(ctx context.Context, ev Event)

// Middleware wraps the delivery of each event to its listeners, as
// net/http middleware wraps a mux: it sees every event some listener
// wants, once, and calls next to run the listeners (or does not, to drop
// the event). See Bot.Use.
type Middleware func(next Listener) Listener

// listeners is an immutable snapshot of the registered listeners; a
// change replaces it whole.
type listeners struct {
	byType [128][]Listener // by model.EventType, in registration order
	wanted model.EventTypeSet
	shared model.EventTypeSet // the types more than one typed listener reads
}

// registry holds what Listen, On and Use registered.
type registry struct {
	mu      sync.Mutex
	next    uint64
	entries []entry
	mws     []Middleware
}

type entry struct {
	id    uint64
	types model.EventTypeSet
	l     Listener
	typed bool // registered by On: reads a Payload
}

// Listen registers l for the events of the given types, or of every type
// (unknown ones included) when none is given, and returns a function that
// removes it. Only the types some listener wants are handed to listeners:
// registering for MESSAGE_CREATE costs the other types nothing. Listeners
// may be added and removed at any time, also from a listener; an event
// already queued goes to the listeners registered when it is delivered.
func (b *Bot) Listen(l Listener, types ...model.EventType) (remove func()) {
	if l == nil {
		panic("core: Listen with a nil listener")
	}
	set := model.AllEventTypes
	if len(types) > 0 {
		set = model.NewEventTypeSet(types...)
	}
	return b.add(set, l, false)
}

// On registers f for the events whose payload is T, and returns a
// function that removes it. T chooses both the event type and how it is
// read: a view (model.MessageCreateView) reads fields on demand, a
// decoded struct (*model.MessageCreate) decodes the whole event first.
// Nothing is read for events of other types. An event whose payload does
// not read as T is not given to f; it is logged (Warn) and counted in
// ShardHealth.BadEvents.
//
// The listeners of one event that take the same T share one T: the event
// is read once for all of them (a view scanned, a struct decoded), not
// once per listener. A decoded struct is therefore shared, and read-only:
// a listener must not change it, nor the slices and maps it holds; one
// that needs a changed version copies the parts it changes. This is the
// choice of the Go Discord libraries that decode for their handlers
// (discordgo, disgo): decoding is most of what a typed listener costs,
// and a deep copy for each listener would cost about as much as decoding
// again, for the rare listener that changes what it is given. gloam never
// changes nor reuses a T once read, so a listener may keep it (hand it to
// a goroutine, store it) for as long as it likes.
//
//	core.On(bot, func(ctx context.Context, ev core.Event, m model.MessageCreateView) {
//		if m.Content() == "!ping" {
//			ev.Bot.REST().CreateMessage(ctx, m.ChannelID(), &rest.MessageCreate{Content: "Pong!"})
//		}
//	})
func On[T Payload](b *Bot, f func(ctx context.Context, ev Event, data T)) (remove func()) {
	if f == nil {
		panic("core: On with a nil listener")
	}
	t, read := payloadOf[T]()
	return b.add(model.NewEventTypeSet(t), func(ctx context.Context, ev Event) {
		data, err := readShared(ev, read)
		if err != nil {
			ev.Bot.badEvent(ev, err)
			return
		}
		f(ctx, ev, data)
	}, true)
}

// Use adds middleware around the delivery of every event, outermost
// first: with Use(a, b), a calls b, which calls the listeners. It applies
// to events delivered after it returns.
func (b *Bot) Use(mw ...Middleware) {
	b.reg.mu.Lock()
	defer b.reg.mu.Unlock()
	b.reg.mws = append(b.reg.mws, mw...)
	var chain Listener = b.callListeners
	for i := len(b.reg.mws) - 1; i >= 0; i-- {
		chain = b.reg.mws[i](chain)
	}
	b.chain.Store(&chain)
}

func (b *Bot) add(set model.EventTypeSet, l Listener, typed bool) (remove func()) {
	b.reg.mu.Lock()
	defer b.reg.mu.Unlock()
	b.reg.next++
	id := b.reg.next
	b.reg.entries = append(b.reg.entries, entry{id: id, types: set, l: l, typed: typed})
	b.rebuild()
	var once sync.Once
	return func() {
		once.Do(func() {
			b.reg.mu.Lock()
			defer b.reg.mu.Unlock()
			for i, e := range b.reg.entries {
				if e.id == id {
					b.reg.entries = append(b.reg.entries[:i:i], b.reg.entries[i+1:]...)
					break
				}
			}
			b.rebuild()
		})
	}
}

// rebuild publishes a new snapshot of the listeners; b.reg.mu is held.
func (b *Bot) rebuild() {
	ls := new(listeners)
	var typed [128]int
	for _, e := range b.reg.entries {
		for t := range ls.byType {
			if e.types.Has(model.EventType(t)) {
				ls.byType[t] = append(ls.byType[t], e.l)
				if e.typed {
					if typed[t]++; typed[t] == 2 {
						ls.shared = ls.shared.With(model.EventType(t))
					}
				}
			}
		}
		ls.wanted = ls.wanted.Union(e.types)
	}
	b.ls.Store(ls)
}

// Deliver hands the Bot an event that comes from elsewhere than its own
// shards (a message queue fed by gateway processes, a replay): it applies
// ev to the cache as an event of shard is applied, then runs the
// middleware and the listeners registered with Listen, On and Use, as for
// an event a shard read, with ctx as their ctx, and returns when they have
// finished. The Bot need not be running. Events of one guild must be
// delivered in order, one at a time; the caller chooses how many are
// delivered at once (Options.Workers applies only to the shards' events).
// The shards' counters (Health, EventCounts) do not count them.
//
// It does nothing and returns ctx's error when ctx is done; else the
// cache's error, if any, once the listeners have run: as for a shard's
// event, an event the cache cannot apply still reaches the listeners.
func (b *Bot) Deliver(ctx context.Context, shard int, ev model.Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	if b.cacheTypes.Has(ev.Type) {
		if err = b.cache.Apply(shard, ev); err != nil {
			err = fmt.Errorf("core: deliver %s: %w", ev.Name(), err)
		}
	}
	b.Dispatch(ctx, shard, ev)
	return err
}

// Dispatch is Deliver without the cache: it runs the middleware and the
// listeners of ev, for a caller that feeds the cache by other means (with
// Cache().Apply, in an order of its own), and returns when they have
// finished. An event no listener wants costs nothing.
func (b *Bot) Dispatch(ctx context.Context, shard int, ev model.Event) {
	if !b.ls.Load().wanted.Has(ev.Type) {
		return
	}
	b.dispatch(ctx, Event{Event: ev, Shard: shard, Bot: b}, time.Now())
}

// dispatch runs the middleware chain, or the listeners when there is
// none, on ev, and counts the time they took since start (now, read by
// the caller).
func (b *Bot) dispatch(ctx context.Context, ev Event, start time.Time) {
	b.run(ctx, ev)
	b.lt.observe(ev.Type, time.Since(start))
}

// run runs the middleware chain, or the listeners when there is none, on
// ev.
func (b *Bot) run(ctx context.Context, ev Event) {
	if c := b.chain.Load(); c != nil {
		(*c)(ctx, ev)
		return
	}
	b.callListeners(ctx, ev)
}

// callListeners runs the listeners of ev's type, in order.
func (b *Bot) callListeners(ctx context.Context, ev Event) {
	ls := b.ls.Load()
	if ev.read == nil && ls.shared.Has(ev.Type) {
		ev.read = new(payloads)
	}
	for _, l := range ls.byType[ev.Type&127] {
		l(ctx, ev)
	}
}

// Events returns the events of the given types (of every type when none
// is given) of every shard as one stream, for a bot written as one loop:
//
//	for ev := range bot.Events(ctx) {
//		switch ev.Type { ... }
//	}
//
// It registers at once, so that a loop started right after Run misses
// nothing; from then on, the events wait for the loop: a loop that is slow,
// or not started, holds the bot's event delivery up (see Options.Workers),
// and no event is lost. With Options.Workers the loop sees the events of
// one guild in order, those of different guilds in the order the workers
// hand them over. The stream may be ranged over once; it ends when ctx is
// done or the loop stops, and unregisters then.
func (b *Bot) Events(ctx context.Context, types ...model.EventType) iter.Seq[Event] {
	ch := make(chan Event)
	done := make(chan struct{})
	remove := b.Listen(func(_ context.Context, ev Event) {
		select {
		case ch <- ev:
		case <-done:
		case <-ctx.Done():
		}
	}, types...)
	var once sync.Once
	stop := func() {
		once.Do(func() {
			remove()
			close(done)
		})
	}
	unwatch := context.AfterFunc(ctx, stop)
	return func(yield func(Event) bool) {
		defer func() {
			unwatch()
			stop()
		}()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case ev := <-ch:
				if !yield(ev) {
					return
				}
			}
		}
	}
}
