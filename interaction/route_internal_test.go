package interaction

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// benchInteraction is a slash command with a subcommand and options, as
// decoded from the gateway or HTTP.
func benchInteraction(tb testing.TB) *model.Interaction {
	var in model.Interaction
	err := json.Unmarshal([]byte(`{"id":"1300000000000000001","application_id":"1300000000000000002","type":2,"token":"tok",
		"data":{"id":"1300000000000000003","name":"admin","type":1,
		"options":[{"name":"user","type":2,"options":[{"name":"ban","type":1,"options":[
			{"name":"who","type":6,"value":"1300000000000000004"},
			{"name":"reason","type":3,"value":"spam"},
			{"name":"days","type":4,"value":7}]}]}],
		"resolved":{"users":{"1300000000000000004":{"id":"1300000000000000004","username":"target"}}}}}`), &in)
	if err != nil {
		tb.Fatal(err)
	}
	return &in
}

func benchRouter() *Router {
	rt := NewRouter(rest.NewClient("x", nil), nil)
	noop := func(context.Context, *Request) error { return nil }
	for _, name := range []string{"ping", "help", "config show", "config set", "admin user kick", "admin user ban", "admin role add"} {
		rt.Command(name, noop)
	}
	rt.Component("vote/{poll}/{choice}", noop)
	return rt
}

// BenchmarkRoute measures routing: finding the handler of a slash
// subcommand and reading three of its options.
func BenchmarkRoute(b *testing.B) {
	rt := benchRouter()
	in := benchInteraction(b)
	r := &Request{Interaction: in, t: rt.t}
	b.ReportAllocs()
	for b.Loop() {
		h, err := rt.t.route(r)
		if err != nil || h == nil {
			b.Fatal(err)
		}
		a := r.Args()
		u, err1 := a.User("who")
		s, err2 := a.String("reason")
		n, err3 := a.Int("days")
		if err1 != nil || err2 != nil || err3 != nil || u.ID == 0 || s == "" || n != 7 {
			b.Fatal(err1, err2, err3)
		}
	}
}

// BenchmarkRouteComponent measures matching a custom ID pattern and
// reading its parameters.
func BenchmarkRouteComponent(b *testing.B) {
	rt := benchRouter()
	in := &model.Interaction{Type: model.InteractionMessageComponent, Data: &model.InteractionData{CustomID: "vote/1234/yes"}}
	r := &Request{Interaction: in, t: rt.t}
	b.ReportAllocs()
	for b.Loop() {
		h, err := rt.t.route(r)
		if err != nil || h == nil || r.Param("choice") != "yes" {
			b.Fatal(err)
		}
	}
}

func TestRouteAllocatesNothing(t *testing.T) {
	is := is.New(t)
	rt := benchRouter()
	r := &Request{Interaction: benchInteraction(t), t: rt.t}
	n := testing.AllocsPerRun(100, func() {
		rt.t.route(r)
		r.Args().String("reason")
		r.Args().Int("days")
		r.Args().User("who")
	})
	is.Equal(n, 0.0) // routing and option access allocate nothing
}

// BenchmarkVerify measures the signature check of the HTTP endpoint on
// a 1 KiB body.
func BenchmarkVerify(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	body := make([]byte, 1024)
	now := time.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(pub, sig, ts, body, now, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAnswerTooLate(t *testing.T) {
	is := is.New(t)
	rt := NewRouter(rest.NewClient("x", &rest.Options{BaseURL: "http://127.0.0.1:1"}), nil)
	r := rt.t.newRequest(&model.Interaction{ID: 1, Type: model.InteractionApplicationCommand, Token: "t"}, nil)
	r.received = time.Now().Add(-4 * time.Second) // past Discord's 3 s
	err := r.Reply(context.Background(), &rest.InteractionResponseData{Content: "late"})
	is.True(errors.Is(err, ErrExpired)) // nothing is sent that Discord would refuse
	var ae *AnswerError
	is.True(errors.As(err, &ae))
	is.True(ae.Age >= 4*time.Second)
	is.Equal(r.Answered(), false)

	r.answered, r.done = true, make(chan struct{})
	close(r.done)
	r.received = time.Now().Add(-16 * time.Minute) // past the token's 15 minutes
	_, err = r.Followup(context.Background(), &rest.WebhookExecute{Content: "late"})
	is.True(errors.Is(err, ErrExpired))
}
