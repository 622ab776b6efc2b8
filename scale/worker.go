package scale

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultGroup is the worker group of WorkerOptions.Group when it is
// empty.
const DefaultGroup = "workers"

// WorkerOptions configures a Worker; nil means defaults. Every field
// documents its zero value.
type WorkerOptions struct {
	// Name is the bot's namespace in NATS. Zero: DefaultName.
	Name string

	// Group is the worker group: each event goes to one worker of the
	// group, and every group gets every event. The first worker of a group
	// creates its consumers, which start from the first event the stream
	// still holds: events published before any worker ran are handled,
	// and a new group on an old stream handles up to a stream's MaxAge of
	// history. Zero: DefaultGroup.
	Group string

	// Bot is the core.Bot whose listeners handle the events: those
	// registered with Listen, On and Use, run as for the events of its own
	// shards (Bot.Dispatch), with its REST client (point its rest.Options
	// at a gloam-scale proxy, NoLimiter set) and its cache. The worker
	// never runs it; it feeds its cache with every event of the stream,
	// from every partition, and hands an event to the listeners only once
	// the cache has applied every event published before it. ctx of a
	// listener is not done when Run's ctx is: a listener running then
	// finishes before its event is acknowledged. Zero: events are
	// acknowledged unread.
	Bot *core.Bot

	// Events chooses the event types given to the listeners; the others
	// are acknowledged without waiting for the cache. Zero: all types.
	Events model.EventTypeSet

	// AckWait is how long an event handed to a worker may stay
	// unacknowledged before it goes to another worker of the group: the
	// time after which the events of a worker that died are handled
	// elsewhere. A listener running longer is kept alive by progress
	// notes every third of it. It is set when the group's consumers are
	// created. Zero: 10 s.
	AckWait time.Duration

	// Logger receives the worker's life (Info), panics of the listener
	// and retried errors (Warn). Zero: nothing is logged.
	Logger *slog.Logger
}

// Worker runs a bot's listeners on the events its gateway processes
// publish. Every worker of a group consumes every partition through the
// group's durable consumers; a partition's consumer hands out one event at
// a time (MaxAckPending 1) and the next only after the worker acknowledged
// the previous, so the events of a guild are handled in order, by one
// worker at a time, whatever the number of workers. An event is
// acknowledged after the listener returns; the event of a worker that
// dies goes to another after AckWait.
//
// Its methods are safe for concurrent use; Run runs once.
type Worker struct {
	nc  *nats.Conn
	o   WorkerOptions
	n   names
	log *slog.Logger

	handled   atomic.Int64
	redeliver atomic.Int64
	applied   progress // the stream sequence the Bot's cache has applied
}

// NewWorker returns a worker over the NATS connection nc. It neither
// dials nor starts goroutines: Run does.
func NewWorker(nc *nats.Conn, opts *WorkerOptions) *Worker {
	var o WorkerOptions
	if opts != nil {
		o = *opts
	}
	if o.Group == "" {
		o.Group = DefaultGroup
	}
	if o.Events == (model.EventTypeSet{}) {
		o.Events = model.AllEventTypes
	}
	if o.AckWait <= 0 {
		o.AckWait = 10 * time.Second
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{nc: nc, o: o, n: namesOf(o.Name), log: log}
}

// WorkerStats counts what a worker did.
type WorkerStats struct {
	Handled     int64 // events given to the listener (or skipped by Events) and acknowledged
	Redelivered int64 // of which had been delivered before, to this or another worker
}

// Stats returns the worker's counters.
func (w *Worker) Stats() WorkerStats {
	return WorkerStats{Handled: w.handled.Load(), Redelivered: w.redeliver.Load()}
}

// Run consumes and handles events until ctx is done. It waits for the
// first gateway process to record the partitions. When ctx is done it
// stops taking events, finishes the ones it holds and returns ctx's error.
func (w *Worker) Run(ctx context.Context) error {
	js, err := jetstream.New(w.nc)
	if err != nil {
		return fmt.Errorf("scale: worker: %w", err)
	}
	var parts int
	var meta jetstream.KeyValue
	err = retry(ctx, time.Second, func() error {
		if meta == nil {
			m, err := js.KeyValue(ctx, w.n.metaBucket())
			if err != nil {
				return err
			}
			meta = m
		}
		e, err := meta.Get(ctx, "partitions")
		if err != nil {
			return err
		}
		parts, err = strconv.Atoi(string(e.Value()))
		if err == nil && parts <= 0 {
			err = errors.New("no partitions")
		}
		return err
	})
	if err != nil {
		return err
	}
	cons := make([]jetstream.Consumer, parts)
	for p := range parts {
		err := retry(ctx, time.Second, func() error {
			c, err := groupConsumer(ctx, js, w.n, w.o.Group, p, w.o.AckWait)
			cons[p] = c
			return err
		})
		if err != nil {
			return err
		}
	}
	w.log.Info("scale: worker consuming", "group", w.o.Group, "partitions", parts, "cache", w.o.Bot != nil)
	hctx := context.WithoutCancel(ctx)
	// The cache feed outlives the consumers, which finish the events they
	// hold after ctx is done.
	fctx, stopFeed := context.WithCancel(hctx)
	var feed sync.WaitGroup
	if w.o.Bot != nil {
		feed.Go(func() { w.feed(fctx, js) })
	}
	var wg sync.WaitGroup
	for p, c := range cons {
		wg.Go(func() { w.consume(ctx, hctx, p, c) })
	}
	wg.Wait()
	stopFeed()
	feed.Wait()
	return ctx.Err()
}

// groupConsumer binds the durable consumer of a group's partition,
// creating it when it is missing.
func groupConsumer(ctx context.Context, js jetstream.JetStream, n names, group string, p int, ackWait time.Duration) (jetstream.Consumer, error) {
	durable := group + "_p" + strconv.Itoa(p)
	c, err := js.Consumer(ctx, n.stream(), durable)
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return nil, fmt.Errorf("scale: consumer %s: %w", durable, err)
	}
	c, err = js.CreateConsumer(ctx, n.stream(), jetstream.ConsumerConfig{
		Durable:       durable,
		Description:   "gloam: partition " + strconv.Itoa(p) + " of worker group " + group,
		FilterSubject: n.subject(p),
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       ackWait,
		MaxAckPending: 1,
		MaxDeliver:    -1,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if errors.Is(err, jetstream.ErrConsumerExists) {
		c, err = js.Consumer(ctx, n.stream(), durable)
	}
	if err != nil {
		return nil, fmt.Errorf("scale: consumer %s: %w", durable, err)
	}
	return c, nil
}

// consume handles the events of one partition until ctx is done, then
// those already pulled.
func (w *Worker) consume(ctx, hctx context.Context, p int, c jetstream.Consumer) {
	it, err := c.Messages(jetstream.PullMaxMessages(1))
	if err != nil {
		w.log.Warn("scale: consume", "partition", p, "err", err)
		return
	}
	stop := context.AfterFunc(ctx, it.Drain)
	defer stop()
	defer it.Stop()
	for {
		msg, err := it.Next()
		if err != nil {
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return
			}
			w.log.Warn("scale: next event", "partition", p, "err", err)
			continue
		}
		w.handle(hctx, p, msg)
	}
}

// handle runs the listener on one event and acknowledges it.
func (w *Worker) handle(ctx context.Context, p int, msg jetstream.Msg) {
	if md, err := msg.Metadata(); err == nil && md.NumDelivered > 1 {
		w.redeliver.Add(1)
	}
	ev, err := model.ParseEvent(msg.Data())
	if err != nil {
		w.log.Warn("scale: an event that does not parse; dropped", "partition", p, "err", err)
		msg.Term()
		return
	}
	shard, _ := strconv.Atoi(msg.Headers().Get(HeaderShard))
	if w.o.Bot != nil && w.o.Events.Has(ev.Type) {
		if md, err := msg.Metadata(); err == nil {
			// The cache must be at least as fresh as the event; when it
			// cannot catch up within AckWait (NATS away), another worker
			// may do better.
			wctx, cancel := context.WithTimeout(ctx, w.o.AckWait)
			err := w.applied.wait(wctx, md.Sequence.Stream)
			cancel()
			if err != nil {
				msg.Nak()
				return
			}
		}
		done := make(chan struct{})
		go w.keepAlive(msg, done)
		w.call(ctx, shard, ev)
		close(done)
	}
	// A plain ack, not one waiting for the server's reply: measured, the
	// round trip cut a worker's throughput by four. An ack lost to a NATS
	// restart makes the event come again after AckWait, which listeners
	// must bear anyway (see the package's Caveats).
	err = msg.Ack()
	if err == nil {
		w.handled.Add(1)
	}
}

// call runs the Bot's middleware and listeners on ev, turning a panic
// into a log line: the event is acknowledged all the same, so one bad
// event does not stop a partition. The cache is fed apart, by feed, in
// stream order.
func (w *Worker) call(ctx context.Context, shard int, ev model.Event) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Warn("scale: listener panicked", "event", ev.Name(), "shard", shard, "panic", r)
		}
	}()
	w.o.Bot.Dispatch(ctx, shard, ev)
}

// keepAlive tells JetStream the event is still being handled, every third
// of AckWait, until done is closed.
func (w *Worker) keepAlive(msg jetstream.Msg, done chan struct{}) {
	t := time.NewTicker(w.o.AckWait / 3)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			msg.InProgress()
		}
	}
}

// feed applies every event of the stream, in stream order, to the Bot's
// cache, until ctx is done.
func (w *Worker) feed(ctx context.Context, js jetstream.JetStream) {
	c := w.o.Bot.Cache()
	for ctx.Err() == nil {
		err := retry(ctx, time.Second, func() error {
			cons, err := js.OrderedConsumer(ctx, w.n.stream(), jetstream.OrderedConsumerConfig{
				FilterSubjects: []string{w.n.subjects()},
				DeliverPolicy:  jetstream.DeliverByStartSequencePolicy,
				OptStartSeq:    w.applied.get() + 1,
			})
			if err != nil {
				return err
			}
			it, err := cons.Messages()
			if err != nil {
				return err
			}
			stop := context.AfterFunc(ctx, it.Stop)
			defer stop()
			defer it.Stop()
			for {
				msg, err := it.Next()
				if err != nil {
					return err
				}
				md, err := msg.Metadata()
				if err != nil {
					continue
				}
				if ev, err := model.ParseEvent(msg.Data()); err == nil {
					shard, _ := strconv.Atoi(msg.Headers().Get(HeaderShard))
					if err := c.Apply(shard, ev); err != nil {
						w.log.Warn("scale: cache", "shard", shard, "event", ev.Name(), "err", err)
					}
				}
				w.applied.advance(md.Sequence.Stream)
			}
		})
		if err != nil && ctx.Err() == nil {
			w.log.Warn("scale: cache feed; starting again", "err", err)
		}
	}
}

// progress is a stream sequence that only grows, and can be waited for.
type progress struct {
	mu  sync.Mutex
	seq uint64
	ch  chan struct{} // closed when seq grows
}

func (p *progress) get() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.seq
}

func (p *progress) advance(seq uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if seq <= p.seq {
		return
	}
	p.seq = seq
	if p.ch != nil {
		close(p.ch)
		p.ch = nil
	}
}

// wait returns once seq has been reached, or ctx is done.
func (p *progress) wait(ctx context.Context, seq uint64) error {
	for {
		p.mu.Lock()
		if p.seq >= seq {
			p.mu.Unlock()
			return nil
		}
		if p.ch == nil {
			p.ch = make(chan struct{})
		}
		ch := p.ch
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
