package interaction_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// clickOn makes the fake's user click a button of message msg.
func (f *fake) clickOn(t testing.TB, msg model.MessageID, id string) *model.Interaction {
	return f.interact(t, discordtestComponent(msg, id))
}

func TestNextClickOverGateway(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	var routed atomic.Int32
	rt.Component("confirm/{answer}", func(ctx context.Context, r *interaction.Request) error {
		routed.Add(1)
		return r.DeferUpdate(ctx)
	})
	posted := make(chan model.MessageID, 1)
	result := make(chan string, 1)
	rt.Command("delete", func(ctx context.Context, r *interaction.Request) error {
		comps := []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{
			{Type: model.ComponentButton, Style: model.ButtonDanger, Label: "Delete", CustomID: "confirm/yes"},
			{Type: model.ComponentButton, Style: model.ButtonSecondary, Label: "Keep", CustomID: "confirm/no"}}}}
		wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		clicks := rt.Collect(wctx, interaction.ComponentOnAnswer(r.ID, r.Invoker().ID)) // registered before the buttons exist
		if err := r.Reply(ctx, &rest.InteractionResponseData{Content: "Sure?", Components: comps}); err != nil {
			return err
		}
		m, err := r.REST().OriginalResponse(ctx, r.ApplicationID, r.Token, nil)
		if err != nil {
			return err
		}
		posted <- m.ID
		for click := range clicks {
			result <- click.CustomID()
			return click.Update(ctx, &rest.InteractionResponseData{Content: "Deleted.", Components: []model.Component{}})
		}
		result <- "timeout"
		return interaction.ErrTimeout
	})
	f.gatewayBot(t, rt)
	f.command(t, "delete")
	msg := <-posted
	f.clickOn(t, msg, "confirm/yes")
	is.Equal(<-result, "confirm/yes") // the waiting handler got the click
	waitFor(t, "the update", func() bool {
		m, err := f.rc.Message(context.Background(), f.channel, msg)
		return err == nil && m.Content == "Deleted."
	})
	is.Equal(routed.Load(), int32(0)) // the click did not also reach its route

	// With the collector gone, clicks reach their route again.
	in := f.clickOn(t, msg, "confirm/no")
	waitFor(t, "the routed click", func() bool { return len(f.responses(in.ID)) == 1 })
	is.Equal(routed.Load(), int32(1))
}

func TestNextTimeoutAndCancel(t *testing.T) {
	f := newFake(t)
	rt := f.router(t, nil)
	var routed atomic.Int32
	rt.Component("b", func(ctx context.Context, r *interaction.Request) error { routed.Add(1); return nil })
	msg := f.botMessage(t, model.Component{Type: model.ComponentActionRow, Components: []model.Component{
		{Type: model.ComponentButton, Style: 1, Label: "B", CustomID: "b"}}})
	ctx := context.Background()

	t.Run("timeout", func(t *testing.T) {
		is := is.New(t)
		start := time.Now()
		r, err := rt.Next(ctx, 30*time.Millisecond, interaction.ComponentOn(msg.ID, 0))
		is.True(r == nil)
		is.True(errors.Is(err, interaction.ErrTimeout)) // nothing came
		is.True(time.Since(start) >= 30*time.Millisecond)
	})
	t.Run("cancel", func(t *testing.T) {
		is := is.New(t)
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err := rt.Next(cctx, time.Minute, interaction.ComponentOn(msg.ID, 0))
		is.True(errors.Is(err, context.Canceled)) // ctx's error, not a timeout
	})
	t.Run("nothing left behind", func(t *testing.T) {
		is := is.New(t)
		is.NoErr(rt.Serve(ctx, f.clickOn(t, msg.ID, "b")))
		is.Equal(routed.Load(), int32(1)) // the click went to its route: no collector is registered
	})
}

func TestCollectStream(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	msg := f.botMessage(t, model.Component{Type: model.ComponentActionRow, Components: []model.Component{
		{Type: model.ComponentButton, Style: 1, Label: "+1", CustomID: "plus"}}})
	f.gatewayBot(t, rt)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got := make(chan int, 1)
	go func() {
		n := 0
		for r := range rt.Collect(ctx, interaction.ComponentOn(msg.ID, 0)) {
			n++
			r.ReplyEphemeral(ctx, &rest.InteractionResponseData{Content: "counted"})
			if n == 3 {
				break
			}
		}
		got <- n
	}()
	// The collector registers when its loop starts: click until it counts.
	var ins []*model.Interaction
	for len(ins) < 3 {
		in := f.clickOn(t, msg.ID, "plus")
		waitFor(t, "an answer", func() bool { return len(f.responses(in.ID)) == 1 })
		if data(t, f.responses(in.ID)[0]).Content == "counted" {
			ins = append(ins, in)
		}
	}
	is.Equal(<-got, 3) // three clicks collected, then the loop stopped
}

func TestNextOverHTTP(t *testing.T) {
	is := is.New(t)
	f := newFake(t)
	rt := f.router(t, nil)
	ep := newEndpoint(t, rt)
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		close(ready)
		r, err := rt.Next(context.Background(), 5*time.Second, interaction.ModalSubmit("survey", f.user))
		if err != nil {
			done <- err
			return
		}
		answer, _ := r.Field("q")
		done <- r.ReplyEphemeral(context.Background(), &rest.InteractionResponseData{Content: "you said " + answer})
	}()
	<-ready
	in := f.interact(t, discordtest.UserInteraction{Type: model.InteractionModalSubmit, UserID: f.user, Data: &model.InteractionData{
		CustomID: "survey", Components: []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{
			{Type: model.ComponentTextInput, CustomID: "q", Value: "yes"}}}}}})
	b, _ := json.Marshal(in)
	var status int
	var body []byte
	deadline := time.Now().Add(5 * time.Second)
	for { // until the collector is registered and takes it
		status, body = ep.post(t, b, time.Now())
		if strings.Contains(string(body), "you said") || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	is.Equal(status, http.StatusOK)
	var resp rest.InteractionResponse
	is.NoErr(json.Unmarshal(body, &resp))
	is.Equal(resp.Data.Content, "you said yes") // the collector answered in the HTTP response
	is.NoErr(<-done)
}
