package interaction_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/build"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// httpBot serves rt as the fake's interactions endpoint: from then on the
// fake POSTs every interaction there, signed with its own key.
func (f *fake) httpBot(t testing.TB, rt *interaction.Router) {
	t.Helper()
	key, err := interaction.ParseKey(f.srv.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(&interaction.Endpoint{Router: rt, Key: key})
	t.Cleanup(hs.Close)
	if err := f.srv.SetInteractionsEndpoint(hs.URL); err != nil { // the fake checks PING and a bad signature first
		t.Fatalf("set endpoint: %v", err)
	}
}

// e2eRouter is a bot's router with the commands it defines, synced to
// the fake.
func e2eRouter(t *testing.T, f *fake, o *interaction.Options) *interaction.Router {
	t.Helper()
	rt := f.router(t, o)
	defs := []model.ApplicationCommand{
		{Name: "ping", Description: "Pong"},
		{Name: "dice", Description: "Dice", Options: []model.ApplicationCommandOption{
			{Type: model.OptionSubCommand, Name: "roll", Description: "Roll", Options: []model.ApplicationCommandOption{
				{Type: model.OptionInteger, Name: "sides", Description: "Sides", Required: true},
				{Type: model.OptionUser, Name: "for", Description: "For whom"},
			}},
		}},
		{Name: "slow", Description: "Takes its time"},
		{Name: "file", Description: "Sends a file"},
		{Name: "feedback", Description: "Opens a form"},
		{Name: "poll", Description: "Asks"},
		{Name: "silent", Description: "Never answers"},
		{Name: "quick", Description: "Defers and edits at once"},
		{Name: "survey", Description: "A button that opens a form"},
		{Type: model.CommandUser, Name: "Profile"},
	}
	if _, err := interaction.Sync(context.Background(), f.rc, f.srv.World().ApplicationID(), 0, defs); err != nil {
		t.Fatalf("sync: %v", err)
	}
	rt.Use(interaction.Recover())
	rt.Command("ping", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Pong!"})
	})
	rt.Command("dice roll", func(ctx context.Context, r *interaction.Request) error {
		sides, err := r.Args().Int("sides")
		if err != nil {
			return err
		}
		who := "you"
		if u, err := r.Args().User("for"); err == nil {
			who = u.Username
		} else if !errors.Is(err, interaction.ErrMissingOption) {
			return err
		}
		return r.Reply(ctx, &rest.InteractionResponseData{Content: fmt.Sprintf("d%d for %s", sides, who)})
	})
	rt.Command("slow", func(ctx context.Context, r *interaction.Request) error {
		for !r.Answered() { // longer than the router waits
			time.Sleep(5 * time.Millisecond)
		}
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "worth the wait"})
	})
	rt.Command("file", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "here",
			Files: []rest.File{{Name: "notes.txt", Reader: strings.NewReader("hello")}}})
	})
	rt.Command("feedback", func(ctx context.Context, r *interaction.Request) error {
		return r.Modal(ctx, &rest.InteractionResponseData{CustomID: "feedback/1", Title: "Feedback",
			Components: []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{
				{Type: model.ComponentTextInput, CustomID: "text", Style: model.TextInputShort, Label: "Say"}}}}})
	})
	rt.Modal("feedback/{n}", func(ctx context.Context, r *interaction.Request) error {
		text, err := r.Field("text")
		if err != nil {
			return err
		}
		return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "got " + text + " #" + r.Param("n")})
	})
	rt.Command("poll", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Tabs or spaces?", Components: []model.Component{
			{Type: model.ComponentActionRow, Components: []model.Component{
				{Type: model.ComponentButton, Style: model.ButtonPrimary, Label: "Tabs", CustomID: "vote/1/tabs"}}}}})
	})
	rt.Component("vote/{poll}/{choice}", func(ctx context.Context, r *interaction.Request) error {
		return r.Update(ctx, &rest.InteractionResponseData{Content: "voted " + r.Param("choice")})
	})
	rt.Command("silent", func(ctx context.Context, r *interaction.Request) error { return nil })
	rt.Command("survey", func(ctx context.Context, r *interaction.Request) error {
		comps, err := build.Components(build.Row(build.Button(model.ButtonPrimary, "Answer", "survey/open")))
		if err != nil {
			return err
		}
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "Tell us?", Components: comps})
	})
	rt.Component("survey/open", func(ctx context.Context, r *interaction.Request) error {
		return r.Modal(ctx, &rest.InteractionResponseData{CustomID: "survey/form", Title: "Survey",
			Components: []model.Component{build.Label("Your thoughts", "", build.TextInput("text", model.TextInputParagraph))}})
	})
	rt.Modal("survey/form", func(ctx context.Context, r *interaction.Request) error {
		text, err := r.Field("text")
		if err != nil {
			return err
		}
		return r.Update(ctx, &rest.InteractionResponseData{Content: "Thanks: " + text, Components: []model.Component{}})
	})
	rt.Command("quick", func(ctx context.Context, r *interaction.Request) error {
		if err := r.Defer(ctx); err != nil {
			return err
		}
		// Over HTTP, Discord may not have read the deferral yet.
		_, err := r.EditOriginal(ctx, &rest.MessageEdit{Content: rest.Some("done at once")})
		return err
	})
	rt.UserCommand("Profile", func(ctx context.Context, r *interaction.Request) error {
		u, err := r.TargetUser()
		if err != nil {
			return err
		}
		return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "profile of " + u.Username})
	})
	return rt
}

// TestEndToEnd runs the same bot with interactions delivered by the fake
// over the gateway and over HTTP, signed.
func TestEndToEnd(t *testing.T) {
	for _, via := range []string{"gateway", "http"} {
		t.Run(via, func(t *testing.T) {
			f := newFake(t)
			rt := e2eRouter(t, f, &interaction.Options{DeferAfter: 200 * time.Millisecond})
			if via == "http" {
				f.httpBot(t, rt)
			} else {
				f.gatewayBot(t, rt)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			use := func(t *testing.T, name string, opts map[string]any) *discordtest.Interaction {
				t.Helper()
				in, err := f.srv.UseCommand(discordtest.CommandUse{ChannelID: f.channel, UserID: f.user, Name: name, Options: opts})
				if err != nil {
					t.Fatalf("use %s: %v", name, err)
				}
				return in
			}
			content := func(t *testing.T, r discordtest.InteractionResponse) string {
				t.Helper()
				return data(t, r).Content
			}

			t.Run("reply", func(t *testing.T) {
				is := is.New(t)
				resp, err := use(t, "ping", nil).Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Type, model.CallbackMessage)
				is.Equal(content(t, resp), "Pong!")
			})
			t.Run("options", func(t *testing.T) {
				is := is.New(t)
				u, _ := f.srv.World().User(f.user)
				resp, err := use(t, "dice roll", map[string]any{"sides": 20, "for": f.user}).Wait(ctx)
				is.NoErr(err)
				is.Equal(content(t, resp), "d20 for "+u.Username) // the resolved user
				resp, err = use(t, "dice roll", map[string]any{"sides": 6}).Wait(ctx)
				is.NoErr(err)
				is.Equal(content(t, resp), "d6 for you")
			})
			t.Run("automatic defer", func(t *testing.T) {
				is := is.New(t)
				in := use(t, "slow", nil)
				resp, err := in.Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Type, model.CallbackDeferredMessage) // acknowledged in time
				m, err := in.WaitEdit(ctx, 1)
				is.NoErr(err)
				is.Equal(m.Content, "worth the wait")
			})
			t.Run("defer then edit at once", func(t *testing.T) {
				is := is.New(t)
				for range 5 {
					in := use(t, "quick", nil)
					m, err := in.WaitEdit(ctx, 1)
					is.NoErr(err)
					is.Equal(m.Content, "done at once")
				}
			})
			t.Run("file", func(t *testing.T) {
				is := is.New(t)
				resp, err := use(t, "file", nil).Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Message.Content, "here")
				is.Equal(len(resp.Message.Attachments), 1)
				is.Equal(resp.Message.Attachments[0].Filename, "notes.txt")
			})
			t.Run("modal", func(t *testing.T) {
				is := is.New(t)
				in := use(t, "feedback", nil)
				resp, err := in.Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Type, model.CallbackModal)
				sub, err := f.srv.SubmitModal(in, map[string]string{"text": "nice"})
				is.NoErr(err)
				resp, err = sub.Wait(ctx)
				is.NoErr(err)
				is.Equal(content(t, resp), "got nice #1")
			})
			t.Run("button", func(t *testing.T) {
				is := is.New(t)
				resp, err := use(t, "poll", nil).Wait(ctx)
				is.NoErr(err)
				click, err := f.srv.ClickButton(discordtest.ComponentUse{MessageID: resp.Message.ID, CustomID: "vote/1/tabs", UserID: f.user})
				is.NoErr(err)
				resp, err = click.Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Type, model.CallbackUpdateMessage)
				is.Equal(resp.Message.Content, "voted tabs") // the poll message changed
			})
			t.Run("button, modal, update", func(t *testing.T) {
				is := is.New(t)
				resp, err := use(t, "survey", nil).Wait(ctx)
				is.NoErr(err)
				click, err := f.srv.ClickButton(discordtest.ComponentUse{MessageID: resp.Message.ID, CustomID: "survey/open", UserID: f.user})
				is.NoErr(err)
				resp, err = click.Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Type, model.CallbackModal)
				sub, err := f.srv.SubmitModal(click, map[string]string{"text": "lovely"})
				is.NoErr(err)
				resp, err = sub.Wait(ctx)
				is.NoErr(err)
				is.Equal(resp.Message.Content, "Thanks: lovely") // the survey message now says so
			})
			t.Run("user command", func(t *testing.T) {
				is := is.New(t)
				in, err := f.srv.UseCommand(discordtest.CommandUse{ChannelID: f.channel, UserID: f.user, Name: "Profile",
					Type: model.CommandUser, Target: f.user})
				is.NoErr(err)
				resp, err := in.Wait(ctx)
				is.NoErr(err)
				is.True(strings.HasPrefix(content(t, resp), "profile of "))
			})
			t.Run("unanswered", func(t *testing.T) {
				is := is.New(t)
				_, err := use(t, "silent", nil).Wait(ctx)
				is.True(errors.Is(err, discordtest.ErrInteractionFailed)) // the user sees "This interaction failed"
			})
		})
	}
}
