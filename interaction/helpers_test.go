package interaction_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/interaction"
	"github.com/gloamdev/gloam/internal/leaktest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

func TestMain(m *testing.M) { leaktest.Main(m, nil) }

// fake is a discordtest server with a REST client pointed at it and the
// channel interactions happen in.
type fake struct {
	srv     *discordtest.Server
	rc      *rest.Client
	guild   model.GuildID
	channel model.ChannelID
	user    model.UserID // a member who is not the bot
}

var noLimits = discordtest.RESTOptions{GlobalLimit: -1,
	RateLimitFunc: func(string, discordtest.RateLimit) discordtest.RateLimit { return discordtest.RateLimit{} }}

func newFake(t testing.TB) *fake {
	t.Helper()
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, Seed: 7, REST: noLimits})
	t.Cleanup(srv.Close)
	f := &fake{srv: srv, rc: rest.NewClient(srv.Token(), &rest.Options{BaseURL: srv.URL()})}
	g := srv.World().Guilds()[0]
	f.guild = g.ID
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText {
			f.channel = c.ID
			break
		}
	}
	bot := srv.World().Bot().ID
	for _, m := range srv.World().Members(g.ID) {
		if m.User.ID != bot {
			f.user = m.User.ID
			break
		}
	}
	return f
}

// router returns a router answering through the fake; its logs go to t.
func (f *fake) router(t testing.TB, o *interaction.Options) *interaction.Router {
	var opts interaction.Options
	if o != nil {
		opts = *o
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	return interaction.NewRouter(f.rc, &opts)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(bytes.TrimSpace(b)))
	return len(b), nil
}

// command makes the fake's user run a slash command.
func (f *fake) interact(t testing.TB, ui discordtest.UserInteraction) *model.Interaction {
	t.Helper()
	if ui.ChannelID == 0 {
		ui.ChannelID = f.channel
	}
	in, err := f.srv.Interact(ui)
	if err != nil {
		t.Fatalf("interact: %v", err)
	}
	return &in.Interaction
}

func (f *fake) command(t testing.TB, name string, opts ...model.CommandOption) *model.Interaction {
	return f.interact(t, discordtest.UserInteraction{Data: &model.InteractionData{ID: 1, Name: name, Type: model.CommandChatInput, Options: opts}})
}

// botMessage posts a message of the bot with components, for component
// interactions.
func (f *fake) botMessage(t testing.TB, comps ...model.Component) *model.Message {
	t.Helper()
	m, err := f.rc.CreateMessage(context.Background(), f.channel, &rest.MessageCreate{Content: "pick", Components: comps})
	if err != nil {
		t.Fatalf("create message: %v", err)
	}
	return m
}

func (f *fake) responses(id model.InteractionID) []discordtest.InteractionResponse {
	return f.srv.InteractionResponses(id)
}

// data decodes an interaction response's data.
func data(t testing.TB, r discordtest.InteractionResponse) rest.InteractionResponseData {
	t.Helper()
	var d rest.InteractionResponseData
	if len(r.Data) > 0 {
		if err := json.Unmarshal(r.Data, &d); err != nil {
			t.Fatalf("response data: %v", err)
		}
	}
	return d
}

func opt(name string, typ model.OptionType, v any) model.CommandOption {
	b, _ := json.Marshal(v)
	return model.CommandOption{Name: name, Type: typ, Value: b}
}

func sub(name string, typ model.OptionType, opts ...model.CommandOption) model.CommandOption {
	return model.CommandOption{Name: name, Type: typ, Options: opts}
}

// gatewayBot runs a core.Bot against the fake that serves every
// INTERACTION_CREATE with rt, until the test ends.
func (f *fake) gatewayBot(t testing.TB, rt *interaction.Router) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	bot := core.New(f.srv.Token(), &core.Options{
		REST:           &rest.Options{BaseURL: f.srv.URL()},
		IdentifyWindow: time.Millisecond,
	})
	core.On(bot, func(ctx context.Context, _ core.Event, in *model.InteractionCreate) {
		rt.Go(ctx, &in.Interaction)
	})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); bot.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait(); rt.Wait() })
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if _, err := f.srv.WaitSession(wctx, 0); err != nil {
		t.Fatalf("wait session: %v", err)
	}
}

// endpoint serves rt over HTTP on loopback, with a fresh key pair.
type endpoint struct {
	url  string
	priv ed25519.PrivateKey
}

func newEndpoint(t testing.TB, rt *interaction.Router) *endpoint {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(&interaction.Endpoint{Router: rt, Key: pub})
	t.Cleanup(hs.Close)
	return &endpoint{url: hs.URL, priv: priv}
}

// post sends body as Discord does, signed at ts.
func (e *endpoint) post(t testing.TB, body []byte, ts time.Time) (int, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(e.priv, append([]byte(stamp), body...))
	return e.postSigned(t, body, stamp, hex.EncodeToString(sig))
}

func (e *endpoint) postSigned(t testing.TB, body []byte, stamp, sig string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", e.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-Signature-Ed25519", sig)
	}
	if stamp != "" {
		req.Header.Set("X-Signature-Timestamp", stamp)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// waitFor polls cond for up to 5 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// discordtestComponent is a click on the component id of message msg.
func discordtestComponent(msg model.MessageID, id string) discordtest.UserInteraction {
	return discordtest.UserInteraction{Type: model.InteractionMessageComponent, MessageID: msg,
		Data: &model.InteractionData{CustomID: id, ComponentType: model.ComponentButton}}
}
