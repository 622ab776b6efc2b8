//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/gloamdev/gloam/internal/wait"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
)

// A spot is a text channel of the embedded fake's world and the users
// (not bots) who may speak there.
type spot struct {
	channel model.ChannelID
	users   []model.UserID
}

// spots are the guilds' first text channels with their users.
func spots(w *discordtest.World) []spot {
	var ss []spot
	for _, g := range w.Guilds() {
		var s spot
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildText {
				s.channel = c.ID
				break
			}
		}
		for _, m := range g.Members {
			if !m.User.Bot {
				s.users = append(s.users, m.User.ID)
			}
		}
		if s.channel != 0 && len(s.users) > 0 {
			ss = append(ss, s)
		}
	}
	return ss
}

// flowTimeout bounds one round of the demo user: the bot answers each
// step within Discord's 3 s, or the step has failed.
const flowTimeout = 15 * time.Second

// demoUser is a user of the embedded fake Discord who uses the bot's
// application commands now and then: /ping, and /feedback, whose button
// they click and whose form they fill in.
type demoUser struct {
	srv *discordtest.Server
	bot *core.Bot
	cb  *commandBot
	log *slog.Logger

	// made, when set, is given each interaction the user makes.
	made func(*discordtest.Interaction)
}

// testHookDemoUser, when set, is given the demo user before it starts.
var testHookDemoUser func(*demoUser)

// run uses the commands every period until ctx is done, once the shards
// are connected and the commands registered.
func (u *demoUser) run(ctx context.Context, every time.Duration) {
	for !allConnected(u.bot) {
		if wait.Sleep(ctx, 50*time.Millisecond) != nil {
			return
		}
	}
	select {
	case <-ctx.Done():
		return
	case <-u.cb.synced:
	}
	ss := spots(u.srv.World())
	if u.cb.syncErr != nil || len(ss) == 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for round := 0; ; round++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s := ss[rand.IntN(len(ss))]
		who := s.users[rand.IntN(len(s.users))]
		fctx, cancel := context.WithTimeout(ctx, flowTimeout)
		var err error
		if round%2 == 0 {
			err = u.ping(fctx, s.channel, who)
		} else {
			err = u.feedback(fctx, s.channel, who, fmt.Sprintf("Round %d: quick and tidy.", round))
		}
		cancel()
		if err != nil && ctx.Err() == nil {
			u.log.Warn("fake: a simulated user's interaction", "err", err)
		}
	}
}

// ping uses /ping.
func (u *demoUser) ping(ctx context.Context, channel model.ChannelID, who model.UserID) error {
	in, err := u.use(discordtest.CommandUse{ChannelID: channel, UserID: who, Name: "ping"})
	if err != nil {
		return err
	}
	_, err = in.Wait(ctx)
	return err
}

// feedback uses /feedback, clicks its button and submits the form with
// text.
func (u *demoUser) feedback(ctx context.Context, channel model.ChannelID, who model.UserID, text string) error {
	in, err := u.use(discordtest.CommandUse{ChannelID: channel, UserID: who, Name: "feedback"})
	if err != nil {
		return err
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		return err
	}
	if resp.Message == nil {
		return errors.New("/feedback: no message to click in")
	}
	click, err := u.srv.ClickButton(discordtest.ComponentUse{ChannelID: channel, MessageID: resp.Message.ID, CustomID: feedbackOpen, UserID: who})
	if err != nil {
		return err
	}
	u.record(click)
	if _, err := click.Wait(ctx); err != nil {
		return err
	}
	sub, err := u.srv.SubmitModal(click, map[string]string{feedbackText: text})
	if err != nil {
		return err
	}
	u.record(sub)
	_, err = sub.Wait(ctx)
	return err
}

func (u *demoUser) use(c discordtest.CommandUse) (*discordtest.Interaction, error) {
	in, err := u.srv.UseCommand(c)
	if err != nil {
		return nil, err
	}
	u.record(in)
	return in, nil
}

func (u *demoUser) record(in *discordtest.Interaction) {
	if u.made != nil {
		u.made(in)
	}
}
