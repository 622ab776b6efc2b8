//go:build !js

package main

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/parser"
	"github.com/gloamdev/gloam/rest"
)

// pingBot is the ping bot: on "!ping", it replies "Pong!".
type pingBot struct {
	bot      *core.Bot
	p        *parser.Parser
	log      *slog.Logger
	answered atomic.Int64

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
	return &pingBot{p: p, log: log}
}

// handle is the bot's listener.
func (pb *pingBot) handle(ctx context.Context, ev core.Event) {
	if ev.Type == model.EventReady {
		pb.mu.Lock()
		if pb.guilds == nil {
			pb.guilds = map[int]int{}
		}
		pb.guilds[ev.Shard] = int(ev.Get("guilds.#").Int())
		pb.mu.Unlock()
		return
	}
	cmd, err := pb.p.ParseEvent(ev.Event)
	if err != nil || cmd.Name != "ping" {
		return
	}
	m, err := ev.MessageCreate()
	if err != nil {
		return
	}
	// The ping's ID as nonce, enforced: a ping replayed after a crash
	// (events after the cache's last write come again) gets the reply it
	// already had instead of a second one.
	// A reply, or a plain message when the ping is gone by now.
	keep := false
	msg := &rest.MessageCreate{
		Content: "Pong!", Nonce: m.ID().String(), EnforceNonce: true,
		MessageReference: &model.MessageReference{MessageID: m.ID(), FailIfNotExists: &keep},
	}
	if _, err := pb.bot.REST().CreateMessage(ctx, m.ChannelID(), msg); err != nil {
		if ctx.Err() == nil {
			pb.log.Warn("ping: reply", "channel", m.ChannelID(), "err", err)
		}
		return
	}
	pb.answered.Add(1)
}
