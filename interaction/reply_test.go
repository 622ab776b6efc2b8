package interaction_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestReplyTwice(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	var second, deferAgain error
	rt.Command("twice", func(ctx context.Context, r *interaction.Request) error {
		if err := r.Reply(ctx, &rest.InteractionResponseData{Content: "one"}); err != nil {
			return err
		}
		second = r.Reply(ctx, &rest.InteractionResponseData{Content: "two"})
		deferAgain = r.Defer(ctx)
		return nil
	})
	in := f.command(t, "twice")
	is.NoErr(rt.Serve(context.Background(), in))
	is.True(errors.Is(second, interaction.ErrAnswered)) // a second answer is refused
	is.True(errors.Is(deferAgain, interaction.ErrAnswered))
	var ae *interaction.AnswerError
	is.True(errors.As(second, &ae))
	is.Equal(ae.Op, "reply")
	is.Equal(ae.Prior, "answered with a message")
	is.Equal(len(f.responses(in.ID)), 1) // nothing more was sent
}

func TestDeferThenEditAndFollowups(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	var early error
	var fu *model.Message
	rt.Command("report", func(ctx context.Context, r *interaction.Request) error {
		_, early = r.Followup(ctx, &rest.WebhookExecute{Content: "too early"})
		if err := r.DeferEphemeral(ctx); err != nil {
			return err
		}
		content := "here it is"
		if _, err := r.EditOriginal(ctx, &rest.MessageEdit{Content: rest.Some(content)}); err != nil {
			return err
		}
		var err error
		fu, err = r.Followup(ctx, &rest.WebhookExecute{Content: "and a file",
			Files: []rest.File{{Name: "report.txt", Reader: strings.NewReader("all good")}}})
		if err != nil {
			return err
		}
		return r.DeleteOriginal(ctx)
	})
	in := f.command(t, "report")
	is.NoErr(rt.Serve(context.Background(), in))
	is.True(errors.Is(early, interaction.ErrNotAnswered)) // a follow-up needs an answer first
	resp := f.responses(in.ID)
	is.Equal(resp[0].Type, model.CallbackDeferredMessage)
	is.Equal(data(t, resp[0]).Flags, model.MessageEphemeral)
	is.Equal(fu.Content, "and a file")
	is.Equal(len(fu.Attachments), 1)
	is.Equal(fu.Attachments[0].Filename, "report.txt")
	_, err := f.rc.OriginalResponse(context.Background(), in.ApplicationID, in.Token, nil)
	var re *rest.Error
	is.True(errors.As(err, &re)) // the original is gone
}

func TestReplyWithFiles(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	rt.Command("cat", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "a cat",
			Files: []rest.File{{Name: "cat.png", Reader: bytes.NewReader([]byte("\x89PNG..."))}}})
	})
	in := f.command(t, "cat")
	is.NoErr(rt.Serve(context.Background(), in))
	m, err := f.rc.OriginalResponse(context.Background(), in.ApplicationID, in.Token, nil)
	is.NoErr(err)
	is.Equal(len(m.Attachments), 1)
	is.Equal(m.Attachments[0].Filename, "cat.png")
}

func TestAutomaticDefer(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, &interaction.Options{DeferAfter: 50 * time.Millisecond})
	slow := func(reply func(ctx context.Context, r *interaction.Request) error) interaction.HandlerFunc {
		return func(ctx context.Context, r *interaction.Request) error {
			deadline := time.Now().Add(5 * time.Second)
			for !r.Answered() && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond) // working...
			}
			return reply(ctx, r)
		}
	}
	rt.Command("slow", slow(func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "finally"})
	}))
	rt.Command("secret", slow(func(ctx context.Context, r *interaction.Request) error {
		return r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "for you only"})
	}))
	rt.Command("silent", slow(func(ctx context.Context, r *interaction.Request) error { return nil }))
	rt.Component("edit", slow(func(ctx context.Context, r *interaction.Request) error {
		return r.Update(ctx, &rest.InteractionResponseData{Content: "updated late"})
	}))
	ctx := context.Background()

	t.Run("reply becomes the edit", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "slow")
		is.NoErr(rt.Serve(ctx, in))
		resp := f.responses(in.ID)
		is.Equal(len(resp), 1)
		is.Equal(resp[0].Type, model.CallbackDeferredMessage) // the router deferred
		m, err := f.rc.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
		is.NoErr(err)
		is.Equal(m.Content, "finally") // the reply replaced "thinking..."
	})
	t.Run("ephemeral reply after a visible defer", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "secret")
		is.NoErr(rt.Serve(ctx, in))
		_, err := f.rc.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
		is.True(err != nil) // the visible "thinking..." is gone
		msgs, err := f.rc.Messages(ctx, f.channel, nil)
		is.NoErr(err)
		found := false
		for _, m := range msgs {
			if m.Content == "for you only" {
				found = true
				is.True(m.Flags.Has(model.MessageEphemeral)) // sent as an ephemeral follow-up
			}
		}
		is.True(found)
	})
	t.Run("no answer after the defer", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "silent")
		is.NoErr(rt.Serve(ctx, in))
		_, err := f.rc.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
		is.True(err != nil) // no "thinking..." left forever
	})
	t.Run("component update becomes the edit", func(t *testing.T) {
		is := is.New(t)
		msg := f.botMessage(t, model.Component{Type: model.ComponentActionRow, Components: []model.Component{
			{Type: model.ComponentButton, Style: 1, Label: "Edit", CustomID: "edit"}}})
		in := f.interact(t, discordtestComponent(msg.ID, "edit"))
		is.NoErr(rt.Serve(ctx, in))
		is.Equal(f.responses(in.ID)[0].Type, model.CallbackDeferredUpdate)
		m, err := f.rc.Message(ctx, f.channel, msg.ID)
		is.NoErr(err)
		is.Equal(m.Content, "updated late")
	})
}

func TestConcurrentAnswersOneWins(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	errs := make(chan error, 8)
	rt.Command("race", func(ctx context.Context, r *interaction.Request) error {
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() { errs <- r.Reply(ctx, &rest.InteractionResponseData{Content: "me"}) })
		}
		wg.Wait()
		return nil
	})
	in := f.command(t, "race")
	is.NoErr(rt.Serve(context.Background(), in))
	close(errs)
	ok, refused := 0, 0
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, interaction.ErrAnswered):
			refused++
		default:
			t.Errorf("reply: %v", err)
		}
	}
	is.Equal(ok, 1) // exactly one answer
	is.Equal(refused, 7)
	is.Equal(len(f.responses(in.ID)), 1)
}

func TestMiddleware(t *testing.T) {
	f := newFake(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	rt := f.router(t, nil)
	rt.Use(interaction.Logger(slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))), interaction.Recover())
	rt.Command("boom", func(ctx context.Context, r *interaction.Request) error { panic("kaboom") })
	rt.With(interaction.Cooldown(time.Hour)).Command("daily", func(ctx context.Context, r *interaction.Request) error {
		return r.Reply(ctx, &rest.InteractionResponseData{Content: "here is your daily"})
	})
	ctx := context.Background()

	t.Run("recover", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "boom")
		err := rt.Serve(ctx, in)
		var pe *interaction.PanicError
		is.True(errors.As(err, &pe)) // the panic became an error
		is.Equal(pe.Value, "kaboom")
		d := data(t, f.responses(in.ID)[0])
		is.Equal(d.Flags, model.MessageEphemeral) // the user is told privately
		is.Equal(d.Content, "Something went wrong.")
	})
	t.Run("cooldown", func(t *testing.T) {
		is := is.New(t)
		in := f.command(t, "daily")
		is.NoErr(rt.Serve(ctx, in))
		is.Equal(data(t, f.responses(in.ID)[0]).Content, "here is your daily")
		in = f.command(t, "daily")
		is.NoErr(rt.Serve(ctx, in))
		d := data(t, f.responses(in.ID)[0])
		is.True(strings.HasPrefix(d.Content, "Slow down!")) // the second use waits
		is.Equal(d.Flags, model.MessageEphemeral)
	})
	t.Run("logger", func(t *testing.T) {
		is := is.New(t)
		mu.Lock()
		defer mu.Unlock()
		is.True(strings.Contains(logs.String(), "route=boom"))
		is.True(strings.Contains(logs.String(), "level=ERROR"))
		is.True(strings.Contains(logs.String(), "route=daily"))
	})
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
