package core

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// shardRun is a shard of the current run and its counters.
type shardRun struct {
	id int
	sh *gateway.Shard
	q  chan item // the shard's queue when each shard has its own

	// gate orders the reader's hand-over against stop: the reader holds it
	// shared while it applies and queues an event, stop takes it to set
	// stopping.
	gate     sync.RWMutex
	stopping bool

	byType [256]atomic.Int64 // dispatches read, by model.EventType; see events
	// queued and handled are written by two goroutines (the reader, a
	// worker); the events waiting are their difference (see waiting).
	queued  atomic.Int64 // events queued
	handled atomic.Int64 // events whose listeners are done
	waited  atomic.Int64 // nanoseconds events waited in the queue, in all
	maxWait atomic.Int64 // the longest one event waited, nanoseconds
	bad     atomic.Int64 // events whose payload did not read for a listener
	busy    atomic.Int64 // when the event its listeners run for now was queued (Unix ns); 0 when none

	mu   sync.Mutex // guards what the sampler computes
	rate float64    // events per second over the last window
	wait time.Duration
	ring [rateWindow + 1]sample
	n    int // samples taken
}

type sample struct {
	events, handled, waited int64
	at                      time.Time
}

// rateWindow is how many one-second samples events per second and the
// mean wait are computed over.
const rateWindow = 5

// item is an event queued for its listeners.
type item struct {
	ev Event
	sr *shardRun
	at time.Time // when it was queued
}

// delivery hands the events of one run from the shards' reading
// goroutines to the listeners, through bounded queues.
type delivery struct {
	b       *Bot
	lctx    context.Context // the listeners' ctx
	rctx    context.Context // the shards' ctx: done when the sessions close
	workers []chan item     // with Options.Workers; nil when each shard has its queue
	runs    []*shardRun

	wg   sync.WaitGroup // the goroutines that run listeners, and the sampler
	done chan struct{}  // closed by stop, for the sampler
	late atomic.Int64   // events delivered after StopGrace ran out
}

func newDelivery(b *Bot, lctx, rctx context.Context, shards int) *delivery {
	d := &delivery{b: b, lctx: lctx, rctx: rctx, done: make(chan struct{})}
	if n := b.o.Workers; n > 0 {
		d.workers = make([]chan item, n)
		for i := range d.workers {
			d.workers[i] = make(chan item, queueLen)
		}
	}
	return d
}

// start starts the goroutines that run the listeners.
func (d *delivery) start(runs []*shardRun) {
	d.runs = runs
	if d.workers == nil {
		for _, sr := range runs {
			sr.q = make(chan item, queueLen)
			d.wg.Add(1)
			go d.work(sr.q)
		}
	} else {
		for _, q := range d.workers {
			d.wg.Add(1)
			go d.work(q)
		}
	}
	d.wg.Add(1)
	go d.sample()
}

// onEvent is every shard's Handler: the cache first, then the queue of
// the listeners, when some listener wants the event. Once stop has
// begun, it reads nothing more: it waits for the session to close and
// drops the event, which the cache has not seen either, so that the next
// process resumes before it.
func (d *delivery) onEvent(sr *shardRun, ev model.Event) {
	sr.gate.RLock()
	if sr.stopping {
		sr.gate.RUnlock()
		<-d.rctx.Done()
		return
	}
	defer sr.gate.RUnlock()
	b := d.b
	// The cache reads its own types; the others only move the stored
	// session's sequence number, which matters only when sessions are kept.
	if b.keep || b.cacheTypes.Has(ev.Type) {
		if err := b.cache.Apply(sr.id, ev); err != nil {
			b.log.Warn("core: cache", "shard", sr.id, "event", ev.Name(), "err", err)
		}
	}
	sr.byType[ev.Type].Add(1)
	switch ev.Type {
	case model.EventReady:
		b.log.Info("core: shard ready", "shard", sr.id, "guilds", ev.Get("guilds.#").Int())
	case model.EventResumed:
		b.log.Info("core: shard resumed", "shard", sr.id)
	}
	if !b.ls.Load().wanted.Has(ev.Type) {
		return
	}
	q := sr.q
	if d.workers != nil {
		q = d.workers[worker(sr.id, ev, len(d.workers))]
	}
	sr.queued.Add(1)
	q <- item{ev: Event{Event: ev, Shard: sr.id, Bot: b}, sr: sr, at: time.Now()}
}

// worker chooses the worker of an event: by its guild, else its channel,
// else its shard, so that each of these sees its events in order.
func worker(shard int, ev model.Event, n int) int {
	key := orderKey(ev)
	if key == 0 {
		key = uint64(shard) + 1
	}
	return int((key * 0x9e3779b97f4a7c15 >> 32) % uint64(n))
}

// orderKey is the guild_id of d, else its channel_id, else 0. A DM has
// no guild_id, so its d is looked through twice; walking d once for both
// keys (with internal/wire, or gjson's ForEach) measured slower than two
// of gjson's key lookups, which skip values faster (BenchmarkWorker).
func orderKey(ev model.Event) uint64 {
	if g := ev.Get("guild_id").Uint(); g != 0 {
		return g
	}
	return ev.Get("channel_id").Uint()
}

// work runs the listeners of the events of one queue until it is closed.
func (d *delivery) work(q chan item) {
	defer d.wg.Done()
	done := d.lctx.Done()
	lt := d.b.lt
	// The listeners' time of the event before, when the next one was
	// already queued as they finished: its end is read with the next
	// one's start, one clock read for both (the receive between them is
	// counted in).
	var last struct {
		t     model.EventType
		start time.Time
		open  bool
	}
	for it := range q {
		now := time.Now()
		if last.open {
			lt.observe(last.t, now.Sub(last.start))
			last.open = false
		}
		w := int64(now.Sub(it.at))
		it.sr.waited.Add(w)
		for m := it.sr.maxWait.Load(); w > m && !it.sr.maxWait.CompareAndSwap(m, w); m = it.sr.maxWait.Load() {
		}
		select {
		case <-done:
			d.late.Add(1)
		default:
		}
		at := it.at.UnixNano()
		it.sr.busy.Store(at)
		d.b.run(d.lctx, it.ev)
		if len(q) > 0 {
			last.t, last.start, last.open = it.ev.Type, now, true
		} else {
			lt.observe(it.ev.Type, time.Since(now))
		}
		it.sr.busy.CompareAndSwap(at, 0)
		it.sr.handled.Add(1)
	}
	if last.open {
		lt.observe(last.t, time.Since(last.start))
	}
}

// stop stops reading on every shard and returns when the listeners have
// finished every event read before.
func (d *delivery) stop() {
	for _, sr := range d.runs {
		sr.gate.Lock()
		sr.stopping = true
		sr.gate.Unlock()
	}
	// No reader queues anything any more.
	close(d.done)
	if d.workers == nil {
		for _, sr := range d.runs {
			close(sr.q)
		}
	} else {
		for _, q := range d.workers {
			close(q)
		}
	}
	d.wg.Wait()
	if n := d.late.Load(); n > 0 {
		d.b.log.Warn("core: listeners were still busy when the stop grace ran out; they got a done ctx",
			"events", n)
	}
}

// sample computes events per second and the mean wait of every shard
// once a second, so that Health only reads.
func (d *delivery) sample() {
	defer d.wg.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for _, sr := range d.runs {
		sr.take(time.Now())
	}
	for {
		select {
		case <-d.done:
			return
		case now := <-t.C:
			for _, sr := range d.runs {
				sr.take(now)
			}
		}
	}
}

// waiting is how many events are queued whose listeners are not done.
func (sr *shardRun) waiting() int {
	h := sr.handled.Load() // first: handled never passes queued
	return int(sr.queued.Load() - h)
}

// events is how many dispatches the shard has read, of every type.
func (sr *shardRun) events() int64 {
	var n int64
	for t := range sr.byType {
		n += sr.byType[t].Load()
	}
	return n
}

// take records a sample and computes the rates over the window.
func (sr *shardRun) take(now time.Time) {
	s := sample{events: sr.events(), handled: sr.handled.Load(), waited: sr.waited.Load(), at: now}
	sr.mu.Lock()
	defer sr.mu.Unlock()
	sr.ring[sr.n%len(sr.ring)] = s
	sr.n++
	if sr.n < 2 {
		return
	}
	old := sr.ring[max(sr.n-len(sr.ring), 0)%len(sr.ring)]
	if el := s.at.Sub(old.at).Seconds(); el > 0 {
		sr.rate = float64(s.events-old.events) / el
	}
	if h := s.handled - old.handled; h > 0 {
		sr.wait = time.Duration((s.waited - old.waited) / h)
	} else {
		sr.wait = 0
	}
}
