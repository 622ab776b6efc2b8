package scale

import (
	"context"
	"github.com/gloamdev/gloam/internal/wait"
	"log/slog"
	"strconv"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Headers of the messages of the event stream.
const (
	// HeaderShard is the shard the event came from, in decimal.
	HeaderShard = "Gloam-Shard"
)

// publisher is a shard's Handler: it publishes each dispatch to the
// event stream and waits for JetStream's acknowledgement before the shard
// reads on, so that the session stored for the shard never gets ahead of
// what the stream holds.
type publisher struct {
	js    jetstream.JetStream
	n     names
	parts int
	shard int
	run   *shardRun
	save  func(ctx context.Context) // stores the shard's session at once
	log   *slog.Logger
}

// publish publishes ev, retrying while NATS is away, until ctx is done;
// an event not published then is replayed by Discord when the session is
// resumed from the stored seq.
func (p *publisher) publish(ctx context.Context, ev model.Event) {
	p.run.mu.Lock()
	sess := p.run.sess
	p.run.mu.Unlock()
	if ev.Type == model.EventReady {
		sess = model.Session{ID: ev.Get("session_id").Str, ResumeURL: ev.Get("resume_gateway_url").Str}
	}
	msg := &nats.Msg{
		Subject: p.n.subject(partition(ev, p.shard, p.parts)),
		Data:    []byte(ev.Raw()),
		Header: nats.Header{
			jetstream.MsgIDHeader: []string{messageID(p.shard, sess.ID, ev.Seq)},
			HeaderShard:           []string{strconv.Itoa(p.shard)},
		},
	}
	delay := 50 * time.Millisecond
	for {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := p.js.PublishMsg(pctx, msg)
		cancel()
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return
		}
		p.log.Warn("scale: publish an event; trying again", "shard", p.shard, "seq", ev.Seq, "err", err)
		if wait.Sleep(ctx, delay) != nil {
			return
		}
		delay = min(delay*2, 2*time.Second)
	}
	sess.Seq = ev.Seq
	p.run.mu.Lock()
	p.run.sess = sess
	p.run.mu.Unlock()
	if ev.Type == model.EventReady {
		// A new session is stored at once: a process taking the shard over
		// before the next renewal would otherwise identify again.
		p.save(ctx)
	}
}

// messageID is the event's Nats-Msg-Id: the same event replayed in the
// same session, by whatever process, has the same id, and JetStream drops
// it within the stream's duplicate window.
func messageID(shard int, session string, seq int64) string {
	return strconv.Itoa(shard) + ":" + session + ":" + strconv.FormatInt(seq, 10)
}

// partition is the partition of an event: its guild's, so that the events
// of a guild stay in order; the shard's for events of no guild.
func partition(ev model.Event, shard, parts int) int {
	var g uint64
	switch ev.Type {
	case model.EventGuildCreate, model.EventGuildUpdate, model.EventGuildDelete:
		g = ev.Get("id").Uint()
	default:
		g = ev.Get("guild_id").Uint()
	}
	if g == 0 {
		return shard % parts
	}
	return PartitionOf(model.GuildID(g), parts)
}

// PartitionOf is the partition the events of guild go to, of parts.
func PartitionOf(guild model.GuildID, parts int) int {
	return model.ShardOf(guild, parts)
}
