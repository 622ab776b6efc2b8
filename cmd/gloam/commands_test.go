//go:build !js

package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/format"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// TestRunInteractions runs the demo on the embedded fake for a few
// seconds: its simulated user uses /ping and /feedback, clicks the
// button and submits the form, and the fake records every answer. The
// counts the bot prints are those the fake saw answered.
func TestRunInteractions(t *testing.T) {
	is := is.New(t)
	t.Setenv("DISCORD_TOKEN", "")
	t.Setenv("DISCORD_API_URL", "")
	var (
		mu   sync.Mutex
		made []*discordtest.Interaction
		srv  *discordtest.Server
	)
	testHookDemoUser = func(u *demoUser) {
		srv = u.srv
		u.made = func(in *discordtest.Interaction) {
			mu.Lock()
			defer mu.Unlock()
			made = append(made, in)
		}
	}
	defer func() { testHookDemoUser = nil }()
	code, out, errs := runIn("run", "-cache", "memory", "-for", "4s", "-progress", "500ms", "-fake-ping", "0",
		"-fake-interact", "150ms", "-fake-events", "0", "-fake-guilds", "2", "-fake-members", "5", "-dashboard", "off")
	t.Log(out, errs)
	is.Equal(code, 0)                               // gloam run -for ends cleanly
	is.True(srv != nil)                             // the demo user started
	is.True(!strings.Contains(errs, "interaction")) // no warning about an interaction

	// The commands are registered globally, as defined.
	cmds := srv.Commands(0)
	is.Equal(len(cmds), 2)
	names := map[string]bool{}
	for _, c := range cmds {
		names[c.Name] = true
	}
	is.True(names["ping"] && names["feedback"])

	mu.Lock()
	defer mu.Unlock()
	var commands, clicks, submits int
	for i, in := range made {
		st := in.State()
		is.NoErr(st.Err) // no interaction failed
		if st.Response == nil {
			is.Equal(i, len(made)-1) // only the last, made as the bot stopped, may be unanswered
			continue
		}
		r := st.Response
		switch in.Type {
		case model.InteractionApplicationCommand:
			commands++
			is.Equal(r.Type, model.CallbackMessage)
			is.True(r.Message != nil)
			switch in.Data.Name {
			case "ping":
				is.Equal(r.Message.Content, "Pong!")
			case "feedback":
				is.Equal(r.Message.Components[0].Components[0].CustomID, feedbackOpen) // the button
			default:
				t.Fatalf("command %q", in.Data.Name)
			}
		case model.InteractionMessageComponent:
			clicks++
			is.Equal(r.Type, model.CallbackModal) // the button opens the form
			is.Equal(r.Modal.CustomID, feedbackForm)
		case model.InteractionModalSubmit:
			submits++
			is.Equal(r.Type, model.CallbackUpdateMessage) // the submit updates the message
			var d rest.InteractionResponseData
			is.NoErr(json.Unmarshal(r.Data, &d))
			is.True(strings.HasPrefix(r.Message.Content, "Thanks, <@"))                     // thanks the user
			is.True(strings.HasSuffix(r.Message.Content, format.Escape("quick and tidy."))) // what they typed, as typed
			is.True(r.Message.Components[0].Components[0].Disabled)                         // the question is answered
			is.True(d.AllowedMentions != nil && len(d.AllowedMentions.Parse) == 0)          // pinging no one
		}
	}
	t.Logf("%d interactions: %d commands, %d clicks, %d submits answered", len(made), commands, clicks, submits)
	is.True(commands >= 4) // both commands, twice
	is.True(clicks >= 2)
	is.True(submits >= 2)
	want := "; " + answeredSummary(int64(commands), int64(clicks), int64(submits), 0) + "; cache"
	is.True(strings.Contains(out, want))                                                                          // the bot counted what the fake saw answered
	is.True(regexp.MustCompile(`(?m), [1-9][0-9]* modal submits? answered · 0 pings answered$`).MatchString(out)) // on the progress line
}

// TestRunInteractionsWithToken runs gloam run against a Discord it did
// not start, as with a real token: it registers the same commands and
// answers them, and no simulated user of its own uses them.
func TestRunInteractionsWithToken(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1, MembersPerGuild: 3, HeartbeatInterval: time.Second})
	defer srv.Close()
	ts := targets(srv.World())
	is.True(len(ts) > 0) // a guild with a text channel
	ctx := context.Background()
	rc := rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})
	_, err := rc.CreateGlobalCommand(ctx, srv.World().ApplicationID(), &model.ApplicationCommand{Name: "other", Description: "Not the bot's"})
	is.NoErr(err) // a command the bot does not define
	out, errs, stop := runWith(t, srv, "-fake-interact", "10ms")
	waitFor(t, "the commands registered", func() bool {
		cmds := srv.Commands(0)
		return len(cmds) == 2 && cmds[0].Name != "other" && cmds[1].Name != "other" // other is deleted
	})
	waitFor(t, "the shard connected", func() bool { return strings.Contains(out.String(), "shards 1/1 connected") })

	u := &demoUser{srv: srv}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	is.NoErr(u.ping(wctx, ts[0].channel, ts[0].user))                           // answered
	is.NoErr(u.feedback(wctx, ts[0].channel, ts[0].user, "works with a token")) // button, form, update
	waitFor(t, "the progress line", func() bool {
		return strings.Contains(out.String(), "2 slash commands, 1 button click, 1 modal submit answered")
	})
	is.NoErr(stop())
	t.Log(out.String(), errs.String())
	is.True(strings.Contains(out.String(), "; 2 slash commands, 1 button click, 1 modal submit answered; cache")) // those, and no others
}

// TestRunCommandsOff leaves the application's commands as they are with
// -commands=false, and still answers /ping.
func TestRunCommandsOff(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1, MembersPerGuild: 3, HeartbeatInterval: time.Second})
	defer srv.Close()
	ts := targets(srv.World())
	is.True(len(ts) > 0) // a guild with a text channel
	rc := rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})
	app := srv.World().ApplicationID()
	ctx := context.Background()
	for _, name := range []string{"ping", "other"} {
		_, err := rc.CreateGlobalCommand(ctx, app, &model.ApplicationCommand{Name: name, Description: "Registered before"})
		is.NoErr(err) // registered by hand
	}
	out, _, stop := runWith(t, srv, "-commands=false")
	waitFor(t, "the shard connected", func() bool { return strings.Contains(out.String(), "shards 1/1 connected") })
	u := &demoUser{srv: srv}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	is.NoErr(u.ping(wctx, ts[0].channel, ts[0].user)) // answered
	is.NoErr(stop())
	cmds := srv.Commands(0)
	is.Equal(len(cmds), 2) // as they were
	for _, c := range cmds {
		is.Equal(c.Description, "Registered before") // unchanged
	}
}

// TestRunAnswersInteractionsInFlightAtStop stops gloam run while a
// handler's answer waits out a 429: the answer still goes, after the
// bot has stopped reading events, and gloam waits for it.
func TestRunAnswersInteractionsInFlightAtStop(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 1, MembersPerGuild: 3, HeartbeatInterval: time.Second})
	defer srv.Close()
	ts := targets(srv.World())
	is.True(len(ts) > 0) // a guild with a text channel
	out, errs, stop := runWith(t, srv)
	waitFor(t, "the commands registered", func() bool { return len(srv.Commands(0)) == 2 })
	waitFor(t, "the shard connected", func() bool { return strings.Contains(out.String(), "shards 1/1 connected") })

	srv.InjectRateLimit(discordtest.RateLimitFault{Route: "POST /interactions/{interaction_id}/{interaction_token}/callback",
		Count: 1, RetryAfter: time.Second, Scope: discordtest.ScopeUser})
	u := &demoUser{srv: srv}
	wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer wcancel()
	pinged := make(chan error, 1)
	go func() { pinged <- u.ping(wctx, ts[0].channel, ts[0].user) }()
	waitFor(t, "the answer refused once", func() bool { return srv.Stats().REST.ForcedRateLimited == 1 })
	is.NoErr(stop())   // while the answer waits for its retry
	is.NoErr(<-pinged) // answered after the stop began
	t.Log(out.String(), errs.String())
	is.True(!strings.Contains(errs.String(), "interaction failed"))                     // no handler was cancelled
	is.True(strings.Contains(out.String(), "; "+answeredSummary(1, 0, 0, 0)+"; cache")) // and it was counted
}
