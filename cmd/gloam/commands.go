//go:build !js

package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"

	"github.com/gloamdev/gloam/build"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/format"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// The custom IDs of the feedback command's button and modal, and of the
// modal's text input.
const (
	feedbackOpen = "feedback/open"
	feedbackForm = "feedback/form"
	feedbackText = "text"
)

// commandBot is the ping bot's application commands: /ping, and
// /feedback, whose button opens a modal whose submit updates the message.
// It registers them with Discord and answers them as they come over the
// gateway.
type commandBot struct {
	rt  *interaction.Router
	log *slog.Logger

	commands atomic.Int64 // slash commands answered
	clicks   atomic.Int64 // button clicks answered
	submits  atomic.Int64 // modal submits answered
	failed   atomic.Int64 // interactions whose handler failed

	synced  chan struct{} // closed when register has returned
	syncErr error         // register's error; read after synced is closed
}

// commandDefs are the application commands the bot registers.
func commandDefs() ([]model.ApplicationCommand, error) {
	var defs []model.ApplicationCommand
	for _, c := range []*build.Command{
		build.Slash("ping", "Answers Pong!"),
		build.Slash("feedback", "Asks what you think of gloam, with a button that opens a form"),
	} {
		d, err := c.Build()
		if err != nil {
			return nil, err
		}
		defs = append(defs, d)
	}
	return defs, nil
}

func newCommandBot(rc *rest.Client, log *slog.Logger) *commandBot {
	cb := &commandBot{log: log, synced: make(chan struct{})}
	cb.rt = interaction.NewRouter(rc, &interaction.Options{Logger: log})
	cb.rt.Use(interaction.Logger(log), interaction.Recover(), cb.count)
	cb.rt.Command("ping", cb.ping)
	cb.rt.Command("feedback", cb.feedback)
	cb.rt.Component(feedbackOpen, cb.open)
	cb.rt.Modal(feedbackForm, cb.submit)
	return cb
}

// listen serves the interactions that reach bot over the gateway. Each
// handler runs past the listener that started it, with ctx: not with the
// listener's ctx, which is done as soon as Run returns, so that a
// command used just before a stop is still answered.
func (cb *commandBot) listen(ctx context.Context, bot *core.Bot) {
	core.On(bot, func(_ context.Context, _ core.Event, in *model.InteractionCreate) {
		cb.rt.Go(ctx, &in.Interaction)
	})
}

// wait waits for the handlers in flight.
func (cb *commandBot) wait() { cb.rt.Wait() }

// register makes the application's global commands those of commandDefs,
// writing only what differs; Discord's other global commands of the
// application are deleted. It closes cb.synced when done.
func (cb *commandBot) register(ctx context.Context) error {
	defer close(cb.synced)
	cb.syncErr = cb.sync(ctx)
	if cb.syncErr != nil && ctx.Err() == nil {
		cb.log.Warn("commands: register", "err", cb.syncErr)
	}
	return cb.syncErr
}

func (cb *commandBot) sync(ctx context.Context) error {
	defs, err := commandDefs()
	if err != nil {
		return err
	}
	if err := cb.rt.Check(defs); err != nil {
		return err
	}
	rc := cb.rt.REST()
	app, err := rc.MyApplication(ctx)
	if err != nil {
		return fmt.Errorf("commands: the application: %w", err)
	}
	res, err := interaction.Sync(ctx, rc, app.ID, 0, defs)
	if err != nil {
		return err
	}
	if res.Changed() {
		cb.log.Info("commands: registered", "created", len(res.Created), "updated", len(res.Updated), "deleted", len(res.Deleted))
	}
	return nil
}

// count counts the interactions answered, by kind, and the handlers that
// failed.
func (cb *commandBot) count(next interaction.Handler) interaction.Handler {
	return interaction.HandlerFunc(func(ctx context.Context, r *interaction.Request) error {
		err := next.Handle(ctx, r)
		switch {
		case err != nil:
			cb.failed.Add(1)
		case !r.Answered():
		case r.Type == model.InteractionApplicationCommand:
			cb.commands.Add(1)
		case r.Type == model.InteractionMessageComponent:
			cb.clicks.Add(1)
		case r.Type == model.InteractionModalSubmit:
			cb.submits.Add(1)
		}
		return err
	})
}

// summary is what the bot answered, for the progress line.
func (cb *commandBot) summary() string {
	return answeredSummary(cb.commands.Load(), cb.clicks.Load(), cb.submits.Load(), cb.failed.Load())
}

// answeredSummary says how many interactions of each kind were answered,
// and how many failed when some did.
func answeredSummary(commands, clicks, submits, failed int64) string {
	s := fmt.Sprintf("%s, %s, %s answered",
		plural(commands, "slash command"), plural(clicks, "button click"), plural(submits, "modal submit"))
	if failed > 0 {
		s += fmt.Sprintf(" (%d failed)", failed)
	}
	return s
}

// plural is n things, in the plural unless n is 1.
func plural(n int64, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func (cb *commandBot) ping(ctx context.Context, r *interaction.Request) error {
	return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
}

// feedback asks, with a button.
func (cb *commandBot) feedback(ctx context.Context, r *interaction.Request) error {
	comps, err := build.Components(build.Row(build.Button(model.ButtonPrimary, "Tell us", feedbackOpen)))
	if err != nil {
		return err
	}
	return r.Reply(ctx, &rest.InteractionResponseData{Content: "What do you think of gloam?", Components: comps})
}

// open opens the feedback form for whoever clicked the button.
func (cb *commandBot) open(ctx context.Context, r *interaction.Request) error {
	in := build.TextInput(feedbackText, model.TextInputParagraph)
	max := 500
	in.MaxLength = &max
	return r.Modal(ctx, &rest.InteractionResponseData{CustomID: feedbackForm, Title: "Feedback",
		Components: []model.Component{build.Label("Your thoughts", "A few words are plenty", in)}})
}

// submit thanks the user in the message that asked, whose button is
// disabled: the question is answered.
func (cb *commandBot) submit(ctx context.Context, r *interaction.Request) error {
	text, err := r.Field(feedbackText)
	if err != nil {
		return err
	}
	who := "you"
	if u := r.Invoker(); u != nil {
		who = format.User(u.ID)
	}
	done := build.Button(model.ButtonSecondary, "Answered", feedbackOpen)
	done.Disabled = true
	comps, err := build.Components(build.Row(done))
	if err != nil {
		return err
	}
	return r.Update(ctx, &rest.InteractionResponseData{
		Content:         fmt.Sprintf("Thanks, %s: %s", who, format.Escape(text)),
		Components:      comps,
		AllowedMentions: &rest.AllowedMentions{}, // the thanks pings no one
	})
}
