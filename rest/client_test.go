package rest_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// newServer starts a fake Discord and a client for it.
func newServer(t *testing.T, opts *discordtest.Options, copts *rest.Options) (*discordtest.Server, *rest.Client) {
	t.Helper()
	s := discordtest.NewServer(opts)
	t.Cleanup(s.Close)
	var o rest.Options
	if copts != nil {
		o = *copts
	}
	o.BaseURL = s.URL()
	return s, rest.NewClient(s.Token(), &o)
}

// textChannel is a text channel of the server's first guild.
func textChannel(t *testing.T, s *discordtest.Server) (model.GuildID, model.ChannelID) {
	t.Helper()
	for _, g := range s.World().Guilds() {
		for _, ch := range g.Channels {
			if ch.Type == model.ChannelGuildText {
				return g.ID, ch.ID
			}
		}
	}
	t.Fatal("no text channel in the world")
	return 0, 0
}

func TestMessages(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)

	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{
		Content: "hello",
		Embeds:  []model.Embed{{Title: "t", Description: "d", Fields: []model.EmbedField{{Name: "n", Value: "v"}}}},
		Files:   []rest.File{{Name: "a.txt", Reader: strings.NewReader("file body")}},
	})
	is.NoErr(err) // create with an embed and a file
	is.Equal(m.Content, "hello")
	is.Equal(len(m.Embeds), 1)
	is.Equal(len(m.Attachments), 1) // the file became an attachment
	data, ok := s.Attachment(m.Attachments[0].ID)
	is.True(ok)
	is.Equal(string(data), "file body") // the upload arrived whole

	reply, err := c.CreateMessage(ctx, ch, (&rest.MessageCreate{Content: "re"}).Reply(m.ID))
	is.NoErr(err) // reply
	is.True(reply.MessageReference != nil && reply.MessageReference.MessageID == m.ID)

	got, err := c.Message(ctx, ch, m.ID)
	is.NoErr(err)
	is.Equal(got.ID, m.ID)

	text := "edited"
	ed, err := c.EditMessage(ctx, ch, m.ID, &rest.MessageEdit{Content: rest.Some(text)})
	is.NoErr(err)
	is.Equal(ed.Content, "edited")

	list, err := c.Messages(ctx, ch, &rest.MessagesQuery{Limit: 10})
	is.NoErr(err)
	is.True(len(list) >= 2)

	is.NoErr(c.AddReaction(ctx, ch, m.ID, "🔥")) // add a reaction
	users, err := c.Reactions(ctx, ch, m.ID, "🔥", nil)
	is.NoErr(err)
	is.Equal(len(users), 1) // the bot reacted
	is.NoErr(c.DeleteOwnReaction(ctx, ch, m.ID, "🔥"))

	is.NoErr(c.Pin(ctx, ch, m.ID))
	pins, err := c.ListPins(ctx, ch, nil)
	is.NoErr(err)
	is.Equal(len(pins.Items), 1)
	old, err := c.PinnedMessages(ctx, ch)
	is.NoErr(err)
	is.Equal(len(old), 1) // the deprecated route sees the same pin
	is.NoErr(c.Unpin(ctx, ch, m.ID))

	is.NoErr(c.DeleteMessage(ctx, ch, m.ID, rest.WithReason("cleanup")))
	_, err = c.Message(ctx, ch, m.ID)
	var re *rest.Error
	is.True(errors.As(err, &re)) // a deleted message is an API error
	is.Equal(re.Status, 404)
	is.Equal(re.Code, 10008) // Unknown Message
	is.Equal(re.Route, "GET /channels/{channel_id}/messages/{message_id}")
}

func TestGuildModeration(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	members := s.World().Members(g)
	is.True(len(members) > 2)
	victim := members[len(members)-1].User.ID

	guild, err := c.Guild(ctx, g, &rest.GuildQuery{WithCounts: true})
	is.NoErr(err)
	is.Equal(guild.ID, g)
	chans, err := c.GuildChannels(ctx, g)
	is.NoErr(err)
	is.True(len(chans) > 0)

	role, err := c.CreateRole(ctx, g, &rest.RoleCreate{Name: "mods"})
	is.NoErr(err)
	is.Equal(role.Name, "mods")
	is.NoErr(c.AddMemberRole(ctx, g, victim, role.ID))
	mem, err := c.Member(ctx, g, victim)
	is.NoErr(err)
	is.True(len(mem.Roles) > 0)
	nick := "quiet"
	mem, err = c.ModifyMember(ctx, g, victim, &rest.MemberModify{Nick: rest.Some(nick)})
	is.NoErr(err)
	is.Equal(*mem.Nick, "quiet")

	is.NoErr(c.CreateBan(ctx, g, victim, nil, rest.WithReason("spam")))
	ban, err := c.Ban(ctx, g, victim)
	is.NoErr(err)
	is.Equal(ban.User.ID, victim)
	is.True(ban.Reason != nil && *ban.Reason == "spam") // the audit log reason arrived
	bans, err := c.Bans(ctx, g, nil)
	is.NoErr(err)
	is.Equal(len(bans), 1)
	is.NoErr(c.RemoveBan(ctx, g, victim))
	is.NoErr(c.DeleteRole(ctx, g, role.ID))

	me, err := c.Me(ctx)
	is.NoErr(err)
	is.Equal(me.ID, model.UserID(s.World().Bot().ID))
}

func ptr[T any](v T) *T { return &v }

func TestCommandsAndInteractions(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	app := s.World().ApplicationID()
	cmds, err := c.SetGlobalCommands(ctx, app, []model.ApplicationCommand{
		{Name: "ping", Description: "pong"},
		{Name: "echo", Description: "says it back", Options: []model.ApplicationCommandOption{{Type: 3, Name: "text", Description: "what", Required: true}}},
	})
	is.NoErr(err)
	is.Equal(len(cmds), 2)
	got, err := c.GlobalCommands(ctx, app, nil)
	is.NoErr(err)
	is.Equal(len(got), 2)
	is.NoErr(c.DeleteGlobalCommand(ctx, app, cmds[0].ID))

	_, err = c.CreateGlobalCommand(ctx, app, &model.ApplicationCommand{Name: strings.Repeat("x", 33), Description: "d"})
	var ve *rest.ValidationError
	is.True(errors.As(err, &ve)) // command name too long
	is.Equal(ve.Field, "name")
}

func TestValidationSendsNothing(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	long := func(n int) string { return strings.Repeat("a", n) }
	fields := make([]model.EmbedField, 26)
	for i := range fields {
		fields[i] = model.EmbedField{Name: "n", Value: "v"}
	}
	buttons := func(n int) []model.Component {
		row := model.Component{Type: model.ComponentActionRow}
		for i := 0; i < n; i++ {
			row.Components = append(row.Components, model.Component{Type: model.ComponentButton, Label: "b", CustomID: "c" + string(rune('a'+i))})
		}
		return []model.Component{row}
	}
	cases := []struct {
		name  string
		m     *rest.MessageCreate
		field string
	}{
		{"content", &rest.MessageCreate{Content: long(2001)}, "content"},
		{"embeds", &rest.MessageCreate{Embeds: make([]model.Embed, 11)}, "embeds"},
		{"title", &rest.MessageCreate{Embeds: []model.Embed{{Title: long(257)}}}, "embeds.0.title"},
		{"description", &rest.MessageCreate{Embeds: []model.Embed{{Description: long(4097)}}}, "embeds.0.description"},
		{"fields", &rest.MessageCreate{Embeds: []model.Embed{{Fields: fields}}}, "embeds.0.fields"},
		{"field value", &rest.MessageCreate{Embeds: []model.Embed{{Fields: []model.EmbedField{{Name: "n", Value: long(1025)}}}}}, "embeds.0.fields.0.value"},
		{"footer", &rest.MessageCreate{Embeds: []model.Embed{{Footer: &model.EmbedFooter{Text: long(2049)}}}}, "embeds.0.footer.text"},
		{"total", &rest.MessageCreate{Embeds: []model.Embed{{Description: long(4000)}, {Description: long(2001)}}}, "embeds"},
		{"buttons", &rest.MessageCreate{Components: buttons(6)}, "components.0.components"},
		{"label", &rest.MessageCreate{Components: []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{{Type: model.ComponentButton, Label: long(81), CustomID: "x"}}}}}, "components.0.components.0.label"},
		{"rows", &rest.MessageCreate{Components: append(append(append(buttons(1), buttons(1)...), append(buttons(1), buttons(1)...)...), buttons(1)[0], buttons(1)[0])}, "components"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			_, err := c.CreateMessage(ctx, ch, tc.m)
			var ve *rest.ValidationError
			is.True(errors.As(err, &ve)) // a *ValidationError
			is.Equal(ve.Field, tc.field)
		})
	}
	err := c.BulkDeleteMessages(ctx, ch, []model.MessageID{1})
	var ve *rest.ValidationError
	is.True(errors.As(err, &ve)) // bulk delete needs 2 to 100
	nick := long(33)
	_, err = c.ModifyMember(ctx, 1, 1, &rest.MemberModify{Nick: rest.Some(nick)})
	is.True(errors.As(err, &ve)) // nickname too long
	err = c.DeleteMessage(ctx, ch, 1, rest.WithReason(long(513)))
	is.True(errors.As(err, &ve))         // reason too long
	is.Equal(s.Stats().REST.Requests, 0) // nothing was sent
}

func TestFieldErrors(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	_, ch := textChannel(t, s)
	// Do skips validation: the server answers 50035 with nested errors.
	r := rest.NewRoute("POST", "/channels/{channel_id}/messages")
	body := map[string]any{"content": strings.Repeat("x", 2001)}
	err := c.Do(context.Background(), r, []string{ch.String()}, nil, body, nil)
	var re *rest.Error
	is.True(errors.As(err, &re))
	is.Equal(re.Status, 400)
	is.Equal(re.Code, 50035)
	is.True(len(re.Errors["content"]) > 0) // the nested errors are flattened to paths
	is.True(strings.Contains(err.Error(), "content"))
}

func TestUnauthorizedStops(t *testing.T) {
	is := is.New(t)
	s := discordtest.NewServer(nil)
	defer s.Close()
	const secret = "not-the-token-Zm9vYmFy"
	c := rest.NewClient(secret, &rest.Options{BaseURL: s.URL()})
	_, err := c.Me(context.Background())
	var re *rest.Error
	is.True(errors.As(err, &re))
	is.Equal(re.Status, 401)
	is.True(!strings.Contains(err.Error(), secret)) // the token is never in an error
	_, err = c.GatewayBot(context.Background())
	is.True(errors.Is(err, rest.ErrUnauthorized)) // no more requests with a rejected token
	is.True(!strings.Contains(err.Error(), secret))
	is.Equal(s.Stats().REST.Requests, 1)
	is.Equal(c.Limiter().InvalidRequests(), 1)
}

func TestBearerToken(t *testing.T) {
	is := is.New(t)
	s := discordtest.NewServer(nil)
	defer s.Close()
	c := rest.NewClient(discordtest.DefaultBearerToken, &rest.Options{BaseURL: s.URL(), Bearer: true})
	me, err := c.Me(context.Background())
	is.NoErr(err) // an OAuth2 token works where the route allows it
	is.True(!me.ID.IsZero())
}

func TestRedirectDropsToken(t *testing.T) {
	is := is.New(t)
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		w.Write([]byte(`{"id":"1","username":"x"}`))
	}))
	defer other.Close()
	base := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot secret" {
			w.WriteHeader(401)
			return
		}
		// "localhost" is another host than 127.0.0.1
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/x", http.StatusTemporaryRedirect)
	}))
	defer base.Close()
	c := rest.NewClient("secret", &rest.Options{BaseURL: base.URL})
	_, err := c.Me(context.Background())
	is.NoErr(err)
	is.Equal(leaked.Load(), "") // no Authorization header on another host
}

func TestWebhookExecute(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	wh, err := c.CreateWebhook(ctx, ch, &rest.WebhookCreate{Name: "hook"})
	is.NoErr(err)
	is.True(wh.Token != "")
	m, err := c.ExecuteWebhook(ctx, wh.ID, wh.Token, &rest.WebhookExecute{Content: "via hook", Wait: true})
	is.NoErr(err)
	is.Equal(m.Content, "via hook")
	got, err := c.WebhookMessage(ctx, wh.ID, wh.Token, m.ID, nil)
	is.NoErr(err)
	is.Equal(got.ID, m.ID)
	is.NoErr(c.DeleteWebhookMessage(ctx, wh.ID, wh.Token, m.ID, nil))
	is.NoErr(c.DeleteWebhook(ctx, wh.ID, wh.Token))
	// a webhook token in the path never shows in errors
	_, err = c.Webhook(ctx, wh.ID, wh.Token)
	var re *rest.Error
	is.True(errors.As(err, &re))
	is.Equal(re.Code, 10015) // Unknown Webhook
	is.True(!strings.Contains(err.Error(), wh.Token))
	// and a deleted webhook is not tried again
	sent := s.Stats().REST.Requests
	_, err = c.ExecuteWebhook(ctx, wh.ID, wh.Token, &rest.WebhookExecute{Content: "again"})
	is.True(errors.Is(err, rest.ErrUnknownWebhook))
	is.Equal(s.Stats().REST.Requests, sent) // nothing sent
}

func TestLimiterStateJSON(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, &discordtest.Options{REST: discordtest.RESTOptions{
		RateLimits: map[string]discordtest.RateLimit{"GET /users/@me": {Limit: 2, Window: time.Minute}},
	}}, nil)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		_, err := c.Me(ctx)
		is.NoErr(err)
	}
	b, err := json.Marshal(c.Limiter().State())
	is.NoErr(err)
	var st rest.LimiterState
	is.NoErr(json.Unmarshal(b, &st))
	c2 := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), LimiterState: &st})
	_, err = c2.Me(ctx, rest.NoWait())
	var rl *rest.RateLimitError
	is.True(errors.As(err, &rl)) // the restored client knows the bucket is empty
	is.True(rl.RetryAfter > 30*time.Second)
	is.Equal(s.Stats().REST.Requests, 2) // and sent nothing
	is.Equal(s.Stats().REST.RateLimited, 0)
}

func TestInteractionFlow(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	in, err := s.Interact(discordtest.UserInteraction{ChannelID: ch, Data: &model.InteractionData{Name: "ping"}})
	is.NoErr(err)
	err = c.RespondInteraction(ctx, in.ID, in.Token, &rest.InteractionResponse{
		Type: model.CallbackMessage,
		Data: &rest.InteractionResponseData{Content: "pong", Flags: model.MessageEphemeral},
	})
	is.NoErr(err) // callback
	resp := s.InteractionResponses(in.ID)
	is.Equal(len(resp), 1)
	is.Equal(model.InteractionCallbackType(resp[0].Type), model.CallbackMessage)

	orig, err := c.OriginalResponse(ctx, in.ApplicationID, in.Token, nil)
	is.NoErr(err)
	is.Equal(orig.Content, "pong")
	text := "pong!"
	orig, err = c.EditOriginalResponse(ctx, in.ApplicationID, in.Token, &rest.MessageEdit{Content: rest.Some(text)}, nil)
	is.NoErr(err)
	is.Equal(orig.Content, "pong!")
	f, err := c.CreateFollowup(ctx, in.ApplicationID, in.Token, &rest.WebhookExecute{Content: "more"})
	is.NoErr(err) // follow-up
	is.Equal(f.Content, "more")
	is.NoErr(c.DeleteFollowup(ctx, in.ApplicationID, in.Token, f.ID))
	is.NoErr(c.DeleteOriginalResponse(ctx, in.ApplicationID, in.Token, nil))

	in2, err := s.Interact(discordtest.UserInteraction{ChannelID: ch, Data: &model.InteractionData{Name: "ping"}})
	is.NoErr(err)
	cb, err := c.RespondInteractionWithResult(ctx, in2.ID, in2.Token, &rest.InteractionResponse{
		Type: model.CallbackMessage, Data: &rest.InteractionResponseData{Content: "pong"},
	})
	is.NoErr(err) // callback with_response
	is.Equal(cb.Interaction.ID, in2.ID)
	is.True(cb.Resource != nil && cb.Resource.Message != nil)
	is.Equal(cb.Resource.Message.Content, "pong")
}

func TestLogsNeverShowTheToken(t *testing.T) {
	is := is.New(t)
	var buf strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{
		Faults: []discordtest.RateLimitFault{{Route: "GET /users/@me", Count: 2, RetryAfter: 5 * time.Millisecond, Scope: discordtest.ScopeUser}},
	}})
	defer s.Close()
	c := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL(), Logger: log})
	_, err := c.Me(context.Background())
	is.NoErr(err)
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	is.True(strings.Contains(out, "429"))            // the retries were logged
	is.True(!strings.Contains(out, s.Token()))       // without the token
	is.True(strings.Contains(out, "GET /users/@me")) // by route
}

type lockedWriter struct {
	w  *strings.Builder
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestValidateComponents(t *testing.T) {
	is := is.New(t)
	opts := make([]model.SelectOption, 26)
	sel := []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{{Type: model.ComponentStringSelect, CustomID: "s", Options: opts}}}}
	var ve *rest.ValidationError
	is.True(errors.As(rest.ValidateComponents(sel, false), &ve)) // 26 select options
	is.Equal(ve.Field, "components.0.components.0.options")
	long := []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{{Type: model.ComponentButton, CustomID: strings.Repeat("c", 101)}}}}
	is.True(errors.As(rest.ValidateComponents(long, false), &ve)) // custom_id over 100
	is.Equal(ve.Field, "components.0.components.0.custom_id")
	var many []model.Component
	for i := 0; i < 41; i++ {
		many = append(many, model.Component{Type: model.ComponentTextDisplay, Content: "x"})
	}
	is.True(errors.As(rest.ValidateComponents(many, true), &ve)) // over 40 components in v2
	is.NoErr(rest.ValidateComponents(many[:40], true))           // 40 text displays are fine in v2
}

func TestInteractionUpdateClearsComponents(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, nil, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	row := []model.Component{{Type: model.ComponentActionRow, Components: []model.Component{
		{Type: model.ComponentButton, Style: model.ButtonPrimary, Label: "vote", CustomID: "vote"}}}}
	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "vote?", Components: row})
	is.NoErr(err)
	is.Equal(len(m.Components), 1) // sent with a button

	update := func(d *rest.InteractionResponseData) *model.Message {
		in, err := s.ClickButton(discordtest.ComponentUse{MessageID: m.ID, CustomID: "vote"})
		is.NoErr(err) // click
		is.NoErr(c.RespondInteraction(ctx, in.ID, in.Token, &rest.InteractionResponse{Type: model.CallbackUpdateMessage, Data: d}))
		got, err := c.Message(ctx, ch, m.ID)
		is.NoErr(err)
		return got
	}
	got := update(&rest.InteractionResponseData{Content: "counted"})
	is.Equal(got.Content, "counted")
	is.Equal(len(got.Components), 1) // nil Components leaves the button
	got = update(&rest.InteractionResponseData{Content: "closed", Components: []model.Component{}})
	is.Equal(got.Content, "closed")
	is.Equal(len(got.Components), 0) // an empty Components removes it
}
