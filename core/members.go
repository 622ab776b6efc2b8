package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
)

// ErrMembersTimeout ends a member request whose chunks did not all arrive
// within its timeout (Discord answers nothing for a guild it does not
// know, or sends the bot elsewhere).
var ErrMembersTimeout = errors.New("core: member chunks timed out")

// ErrNoShard is returned for a guild whose shard this process does not
// run (or before Run has started the shards).
var ErrNoShard = errors.New("core: no shard of this process receives the guild")

// MembersRateLimitedError says Discord refused a member request for now
// (a RATE_LIMITED event naming its nonce); ask again after RetryAfter.
type MembersRateLimitedError struct {
	GuildID    model.GuildID
	RetryAfter time.Duration
}

func (e *MembersRateLimitedError) Error() string {
	return fmt.Sprintf("core: member request for guild %d rate limited; retry after %v", e.GuildID, e.RetryAfter)
}

// nonces makes the nonces of member requests: a random prefix per
// process and a counter, 24 bytes at most, under Discord's 32.
var nonces struct {
	prefix string
	n      atomic.Uint64
}

func init() {
	var b [6]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics instead)
	nonces.prefix = hex.EncodeToString(b[:])
}

func nextNonce() string {
	return nonces.prefix + "." + strconv.FormatUint(nonces.n.Add(1), 36)
}

// RequestGuildMembers asks the shard of r.GuildID for members (op 8) and
// yields the GUILD_MEMBERS_CHUNK events that answer it, in the order they
// arrive; the sequence ends once every chunk (ChunkIndex 0 to
// ChunkCount-1) has been yielded. The request is sent when the range
// begins. Each chunk carries the members found, the ids not found
// (NotFound, for UserIDs) and, with r.Presences, their presences.
//
// Discord does not answer a request again after its connection closes:
// the chunks it has not sent yet are lost. So when the shard's session
// comes back (READY or RESUMED) before the last chunk, the request is sent
// again, at most one such request per shard per second (see ChunkGuilds),
// and again after the retry_after of a RATE_LIMITED answer to it. The
// chunks of the new answer start again from index 0: a chunk whose index
// was yielded already (replayed by the resume, or answered twice) is not
// yielded again.
//
// An empty r.Nonce gets one unique to this request, so that concurrent
// requests on one shard each see only their own chunks; a nonce given is
// used as is. The sequence yields one error and ends when ctx is done,
// when timeout (zero: none) passes before the last chunk, when the
// request cannot be sent (ErrNoShard, gateway.ErrNotConnected, a
// *gateway.PayloadError), or when Discord rate limits it
// (*MembersRateLimitedError) the first time it is sent.
//
// The chunks are core events too: the cache applies them and listeners of
// GUILD_MEMBERS_CHUNK see them. As with collect, do not range over the
// sequence inside a listener whose goroutine would deliver the chunks.
func (b *Bot) RequestGuildMembers(ctx context.Context, timeout time.Duration, r gateway.RequestGuildMembers) iter.Seq2[*model.GuildMembersChunk, error] {
	return func(yield func(*model.GuildMembersChunk, error) bool) {
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeoutCause(ctx, timeout, ErrMembersTimeout)
			defer cancel()
		}
		if err := ctx.Err(); err != nil {
			yield(nil, context.Cause(ctx))
			return
		}
		sh := b.ShardFor(r.GuildID)
		if sh == nil {
			yield(nil, fmt.Errorf("core: request guild members: %w", ErrNoShard))
			return
		}
		if r.Nonce == "" {
			r.Nonce = nextNonce()
		}
		type got struct {
			c     *model.GuildMembersChunk
			limit time.Duration // retry_after of a RATE_LIMITED answer
			err   error
		}
		ch := make(chan got, 4)
		back := make(chan struct{}, 1) // one token: the shard's session came back
		done := make(chan struct{})
		defer close(done)
		hand := func(g got) {
			select {
			case ch <- g:
			case <-done:
			}
		}
		shard := sh.ID()
		remove := b.Listen(func(_ context.Context, ev Event) {
			switch ev.Type {
			case model.EventGuildMembersChunk:
				if ev.Get("nonce").String() != r.Nonce {
					return
				}
				c, err := model.DecodeAs[model.GuildMembersChunk](ev.Event)
				hand(got{c: c, err: err})
			case model.EventRateLimited:
				nonce, wait, ok := memberRateLimit(ev)
				if !ok || nonce != r.Nonce {
					return
				}
				hand(got{limit: wait})
			case model.EventReady, model.EventResumed:
				if ev.Shard != shard {
					return
				}
				select {
				case back <- struct{}{}:
				default:
				}
			}
		}, model.EventGuildMembersChunk, model.EventRateLimited, model.EventReady, model.EventResumed)
		defer remove()
		if err := sh.RequestGuildMembers(ctx, r); err != nil {
			yield(nil, fmt.Errorf("core: request guild members: %w", err))
			return
		}
		var (
			seen  []bool // by chunk index: yielded
			again bool   // the request was sent again
			retry <-chan time.Time
		)
		resend := func() error {
			if err := b.pacer(shard).wait(ctx); err != nil {
				return err
			}
			again = true
			err := sh.RequestGuildMembers(ctx, r)
			if err != nil && ctx.Err() == nil {
				// The connection went again: its session's return sends it.
				b.log.Debug("core: request guild members again", "shard", shard, "guild", r.GuildID, "err", err)
				return nil
			}
			return err
		}
		for {
			var err error
			select {
			case <-ctx.Done():
				err = ctx.Err()
			case <-back:
				b.log.Debug("core: request guild members again", "shard", shard, "guild", r.GuildID, "nonce", r.Nonce)
				err = resend()
			case <-retry:
				retry = nil
				err = resend()
			case g := <-ch:
				switch {
				case g.err != nil:
					yield(nil, g.err)
					return
				case g.c == nil && !again:
					yield(nil, &MembersRateLimitedError{GuildID: r.GuildID, RetryAfter: g.limit})
					return
				case g.c == nil:
					// An answer to a request sent again: send it once more
					// when Discord allows.
					retry = time.After(g.limit)
					continue
				}
				c := g.c
				if c.ChunkIndex < 0 || c.ChunkIndex >= c.ChunkCount {
					b.log.Warn("core: member chunk out of range", "guild", r.GuildID, "index", c.ChunkIndex, "count", c.ChunkCount)
					continue
				}
				if c.ChunkCount != len(seen) {
					// The first chunk, or an answer over a member list
					// that changed in between.
					seen = append(seen[:min(len(seen), c.ChunkCount)], make([]bool, max(0, c.ChunkCount-len(seen)))...)
				}
				if seen[c.ChunkIndex] {
					continue
				}
				seen[c.ChunkIndex] = true
				if !yield(c, nil) || !slices.Contains(seen, false) {
					return
				}
			}
			if err != nil {
				err = context.Cause(ctx)
				if errors.Is(err, ErrMembersTimeout) {
					err = fmt.Errorf("core: request guild members of %d: %w", r.GuildID, ErrMembersTimeout)
				}
				yield(nil, err)
				return
			}
		}
	}
}

// memberRateLimit reads a RATE_LIMITED event that answers a member
// request: the request's nonce and how long to wait before sending it
// again. ok is false for an answer to another opcode.
func memberRateLimit(ev Event) (nonce string, wait time.Duration, ok bool) {
	if ev.Get("opcode").Int() != int64(model.OpRequestGuildMembers) {
		return "", 0, false
	}
	return ev.Get("meta.nonce").String(), time.Duration(ev.Get("retry_after").Float() * float64(time.Second)), true
}

// GuildMembers is what all the chunks of a member request hold together.
type GuildMembers struct {
	Members   []model.Member
	NotFound  []model.Snowflake
	Presences []model.Presence
}

// GuildMembers requests members as RequestGuildMembers does and returns
// them once the last chunk has arrived; on an error it returns what
// arrived before it with the error.
func (b *Bot) GuildMembers(ctx context.Context, timeout time.Duration, r gateway.RequestGuildMembers) (*GuildMembers, error) {
	var all GuildMembers
	for c, err := range b.RequestGuildMembers(ctx, timeout, r) {
		if err != nil {
			return &all, err
		}
		all.Members = append(all.Members, c.Members...)
		all.NotFound = append(all.NotFound, c.NotFound...)
		all.Presences = append(all.Presences, c.Presences...)
	}
	return &all, nil
}
