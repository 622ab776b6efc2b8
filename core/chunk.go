package core

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// chunkSpacing is the least time between two member requests the Bot
// sends on its own on one shard: 60 a minute, half of the gateway's
// send limit, so that heartbeats and the bot's own commands keep room.
const chunkSpacing = time.Second

// pacer spaces the member requests the Bot sends on its own on one shard
// (ChunkGuilds, and requests sent again after the session came back) by
// chunkSpacing, so that many of them go out one by one, never in a burst.
type pacer struct {
	mu   sync.Mutex
	next time.Time // the earliest time of the next request
}

// wait takes the next turn and waits for it; the turn stays taken if ctx
// ends first.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	at := time.Now()
	if p.next.After(at) {
		at = p.next
	}
	p.next = at.Add(chunkSpacing)
	p.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pacer returns the pacer of a shard's member requests.
func (b *Bot) pacer(shard int) *pacer {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.paces == nil {
		b.paces = make(map[int]*pacer)
	}
	p := b.paces[shard]
	if p == nil {
		p = &pacer{}
		b.paces[shard] = p
	}
	return p
}

// autoNonce starts the nonces of the requests ChunkGuilds sends.
const autoNonce = "auto."

// chunker requests the members of large guilds after their GUILD_CREATE
// (Options.ChunkGuilds), one shard at a time in its own goroutine, paced
// by the shard's pacer and by Discord's RATE_LIMITED answers.
type chunker struct {
	b      *Bot
	queues map[int]*chunkQueue
	wg     sync.WaitGroup
}

type chunkQueue struct {
	mu      sync.Mutex
	pending []chunkReq
	wake    chan struct{} // one token: something was queued
}

type chunkReq struct {
	guild model.GuildID
	after time.Time // not before; zero: at once
}

// startChunking starts the chunker of a run when Options.ChunkGuilds is
// set, and returns a function that waits for it once ctx is done.
func (b *Bot) startChunking(ctx context.Context, runs []*shardRun) (wait func()) {
	if !b.o.ChunkGuilds {
		return func() {}
	}
	if !b.o.Intents.Has(model.IntentGuildMembers) {
		b.log.Warn("core: ChunkGuilds needs the GUILD_MEMBERS intent; no member is requested")
		return func() {}
	}
	c := &chunker{b: b, queues: make(map[int]*chunkQueue, len(runs))}
	for _, sr := range runs {
		q := &chunkQueue{wake: make(chan struct{}, 1)}
		c.queues[sr.id] = q
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.run(ctx, sr.sh, q)
		}()
	}
	remove := b.Listen(c.onEvent, model.EventGuildCreate, model.EventRateLimited)
	return func() {
		remove()
		c.wg.Wait()
	}
}

// onEvent queues the large guilds that arrive without all their members,
// and again those whose request Discord rate limited.
func (c *chunker) onEvent(_ context.Context, ev Event) {
	q := c.queues[ev.Shard]
	if q == nil {
		return
	}
	switch ev.Type {
	case model.EventGuildCreate:
		if ev.Get("unavailable").Bool() || ev.Get("member_count").Int() <= ev.Get("members.#").Int() {
			return
		}
		q.push(chunkReq{guild: model.GuildID(ev.Get("id").Uint())})
	case model.EventRateLimited:
		nonce, wait, ok := memberRateLimit(ev)
		if !ok || !strings.HasPrefix(nonce, autoNonce) {
			return
		}
		q.push(chunkReq{guild: model.GuildID(ev.Get("meta.guild_id").Uint()), after: time.Now().Add(wait)})
	}
}

func (q *chunkQueue) push(r chunkReq) {
	q.mu.Lock()
	q.pending = append(q.pending, r)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// next takes the first request that is due, or tells how long until one
// is (zero when none is queued).
func (q *chunkQueue) next() (r chunkReq, ok bool, wait time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := time.Now()
	for i, p := range q.pending {
		if !p.after.After(now) {
			q.pending = append(q.pending[:i], q.pending[i+1:]...)
			return p, true, 0
		}
		if d := p.after.Sub(now); wait == 0 || d < wait {
			wait = d
		}
	}
	return chunkReq{}, false, wait
}

// run sends the shard's queued requests until ctx is done.
func (c *chunker) run(ctx context.Context, sh *gateway.Shard, q *chunkQueue) {
	p := c.b.pacer(sh.ID())
	for {
		r, ok, wait := q.next()
		if !ok {
			var timer <-chan time.Time
			if wait > 0 {
				timer = time.After(wait)
			}
			select {
			case <-ctx.Done():
				return
			case <-q.wake:
			case <-timer:
			}
			continue
		}
		if p.wait(ctx) != nil {
			return
		}
		empty := ""
		err := sh.RequestGuildMembers(ctx, gateway.RequestGuildMembers{GuildID: r.guild, Query: &empty, Nonce: autoNonce + nextNonce()})
		if err != nil && ctx.Err() == nil {
			// Not connected: the next session's GUILD_CREATE queues it again.
			c.b.log.Warn("core: request guild members", "shard", sh.ID(), "guild", r.guild, "err", err)
		}
	}
}
