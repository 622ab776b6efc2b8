//go:build !js

package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/gloamdev/gloam/rest"
)

// Replies run off the shard's goroutine, at most maxReplies at once, each
// for at most replyTimeout: a reply that waits on a rate limit never
// stalls the shard's other events.
const (
	maxReplies   = 32
	replyTimeout = 10 * time.Second
)

// pingBot is the ping bot: on "!ping", it replies "Pong!".
type pingBot struct {
	p        *parser.Parser
	log      *slog.Logger
	answered atomic.Int64
	slots    chan struct{} // one per reply in flight
	replies  sync.WaitGroup

	mu     sync.Mutex
	guilds map[int]int // shard -> guilds its READY announced
}

// expected is the number of guilds the shards' READYs announced.
func (pb *pingBot) expected() int {
	pb.mu.Lock()
	defer pb.mu.Unlock()
	n := 0
	for _, g := range pb.guilds {
		n += g
	}
	return n
}

func newPingBot(log *slog.Logger) *pingBot {
	p, err := parser.New(&parser.Config{
		Prefixes:   []string{"!"},
		Commands:   []string{"ping"},
		IgnoreCase: true,
		IgnoreBots: true,
	})
	if err != nil {
		panic(err) // the configuration above is valid
	}
	return &pingBot{p: p, log: log, slots: make(chan struct{}, maxReplies)}
}

// wait waits for the replies in flight.
func (pb *pingBot) wait() { pb.replies.Wait() }

// listen registers the ping bot's listeners on bot.
func (pb *pingBot) listen(bot *core.Bot) {
	core.On(bot, pb.ready)
	core.On(bot, pb.message)
}

// ready counts the guilds a shard's READY announces.
func (pb *pingBot) ready(ctx context.Context, ev core.Event, r model.ReadyView) {
	pb.mu.Lock()
	defer pb.mu.Unlock()
	if pb.guilds == nil {
		pb.guilds = map[int]int{}
	}
	pb.guilds[ev.Shard] = r.GuildCount()
}

// message answers "!ping". The reply runs off the shard's goroutine.
func (pb *pingBot) message(ctx context.Context, ev core.Event, m model.MessageCreateView) {
	cmd, err := pb.p.ParseMessage(m)
	if err != nil || cmd.Name != "ping" {
		return
	}
	select {
	case pb.slots <- struct{}{}:
	case <-ctx.Done():
		return
	}
	pb.replies.Add(1)
	go func() {
		defer func() { <-pb.slots; pb.replies.Done() }()
		rctx, cancel := context.WithTimeout(ctx, replyTimeout)
		defer cancel()
		pb.reply(rctx, ev.Bot.REST(), m.ID(), m.ChannelID())
	}()
}

// reply answers the ping id in channel.
func (pb *pingBot) reply(ctx context.Context, rc *rest.Client, id model.MessageID, channel model.ChannelID) {
	// The ping's ID as nonce, enforced: a ping replayed after a crash
	// (events after the cache's last write come again) gets the reply it
	// already had instead of a second one.
	// A reply, or a plain message when the ping is gone by now.
	keep := false
	msg := &rest.MessageCreate{
		Content: "Pong!", Nonce: id.String(), EnforceNonce: true,
		MessageReference: &model.MessageReference{MessageID: id, FailIfNotExists: &keep},
	}
	if _, err := rc.CreateMessage(ctx, channel, msg); err != nil {
		if ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			pb.log.Warn("ping: reply", "channel", channel, "err", err)
		}
		return
	}
	pb.answered.Add(1)
}
