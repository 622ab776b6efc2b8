package discordtest_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// call sends a REST request as the bot (auth true) or with no
// Authorization, and decodes the JSON answer into out when not nil.
func call(t *testing.T, srv *discordtest.Server, auth bool, method, path string, body, out any) int {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth {
		req.Header.Set("Authorization", "Bot "+srv.Token())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

// callback answers an interaction on the callback route and returns
// Discord's error code (0 on success).
func callback(t *testing.T, srv *discordtest.Server, in *discordtest.Interaction, body any) int {
	t.Helper()
	var e struct {
		Code int `json:"code"`
	}
	st := call(t, srv, false, "POST", "/interactions/"+in.ID.String()+"/"+in.Token+"/callback", body, &e)
	if st/100 == 2 {
		return 0
	}
	return e.Code
}

// registerCommands overwrites the global commands.
func registerCommands(t *testing.T, srv *discordtest.Server, cmds ...map[string]any) {
	t.Helper()
	if st := call(t, srv, true, "PUT", "/applications/"+srv.World().ApplicationID().String()+"/commands", cmds, nil); st != http.StatusOK {
		t.Fatalf("register commands: %d", st)
	}
}

var configCommand = map[string]any{"name": "config", "description": "Settings", "options": []any{
	map[string]any{"type": 2, "name": "set", "description": "Set things", "options": []any{
		map[string]any{"type": 1, "name": "limit", "description": "Set a limit", "options": []any{
			map[string]any{"type": 4, "name": "value", "description": "n", "required": true, "min_value": 1, "max_value": 10},
			map[string]any{"type": 3, "name": "unit", "description": "u", "choices": []any{
				map[string]any{"name": "Seconds", "value": "s"}, map[string]any{"name": "Minutes", "value": "m"}}},
			map[string]any{"type": 6, "name": "who", "description": "user"},
			map[string]any{"type": 7, "name": "where", "description": "channel", "channel_types": []int{0}},
			map[string]any{"type": 8, "name": "role", "description": "role"},
			map[string]any{"type": 9, "name": "ping", "description": "mentionable"},
			map[string]any{"type": 10, "name": "ratio", "description": "number"},
			map[string]any{"type": 5, "name": "quiet", "description": "bool"},
			map[string]any{"type": 11, "name": "file", "description": "attachment"},
			map[string]any{"type": 3, "name": "song", "description": "autocompleted", "autocomplete": true},
		}},
	}},
}}

func TestInteractionsOverGateway(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{IdentifyWindow: -1})
	defer srv.Close()
	registerCommands(t, srv, configCommand, map[string]any{"name": "ping", "description": "Pong"})
	g := srv.World().Guilds()[0]
	ch := g.Channels[1]
	user := g.Members[1].User.ID
	role := g.Roles[1].ID
	c, _ := connect(t, srv, "", allUnprivileged)
	defer c.ws.CloseNow()

	in, err := srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, UserID: user, Name: "config set limit", Options: map[string]any{
		"value": 3, "unit": "m", "who": user, "where": ch.ID, "role": role, "ping": role, "ratio": 0.5, "quiet": true,
		"file": discordtest.Attachment{Filename: "a.txt", Data: []byte("hello")},
	}})
	is.NoErr(err) // use the command
	p := c.until(0, "INTERACTION_CREATE")
	var got model.Interaction
	is.NoErr(json.Unmarshal(p.D, &got))
	is.Equal(got.ID, in.ID)
	is.Equal(got.Type, model.InteractionApplicationCommand)
	is.Equal(got.Data.Name, "config")
	is.True(got.Data.ID != 0) // the registered command's ID
	group := got.Data.Options[0]
	is.Equal(group.Type, model.OptionSubCommandGroup)
	sub := group.Options[0]
	is.Equal(sub.Name, "limit")
	opts := sub.Options
	is.Equal(len(opts), 9)
	is.Equal(opts[0].Name, "value") // in the declared order
	is.Equal(opts[0].Value.Int(), int64(3))
	is.Equal(model.Option(opts, "unit").Value.String(), "m")
	is.Equal(model.Option(opts, "ratio").Value.Float(), 0.5)
	is.True(model.Option(opts, "quiet").Value.Bool())
	res := got.Data.Resolved
	is.Equal(res.Users[user].ID, user)
	is.True(res.Members[user].Permissions != nil) // resolved members carry their permissions
	is.Equal(res.Channels[ch.ID].Name, ch.Name)
	is.Equal(res.Roles[role].ID, role)
	aid := model.AttachmentID(model.Option(opts, "file").Value.Snowflake())
	is.Equal(res.Attachments[aid].Filename, "a.txt")
	data, ok := srv.Attachment(aid)
	is.True(ok)
	is.Equal(string(data), "hello")
	is.Equal(got.Member.User.ID, user)
	is.True(got.Member.Permissions != nil)

	// deferred, then edited and followed up
	is.Equal(callback(t, srv, in, map[string]any{"type": 5}), 0)
	is.Equal(callback(t, srv, in, map[string]any{"type": 4, "data": map[string]any{"content": "twice"}}), 40060) // one initial response
	r, err := in.Wait(context.Background())
	is.NoErr(err)
	is.Equal(r.Type, model.CallbackDeferredMessage)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	call(t, srv, false, "PATCH", "/webhooks/"+in.ApplicationID.String()+"/"+in.Token+"/messages/@original", map[string]any{"content": "done"}, nil)
	m, err := in.WaitEdit(ctx, 1)
	is.NoErr(err)
	is.Equal(m.Content, "done")
	is.Equal(call(t, srv, false, "POST", "/webhooks/"+in.ApplicationID.String()+"/"+in.Token, map[string]any{"content": "more"}, nil), http.StatusOK)
	fs, err := in.WaitFollowups(ctx, 1)
	is.NoErr(err)
	is.Equal(fs[0].Content, "more")
	st := in.State()
	is.Equal(st.Original.Content, "done")
	is.Equal(st.Err, nil)
}

func TestUseCommandChecksLikeTheClient(t *testing.T) {
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	registerCommands(t, srv, configCommand,
		map[string]any{"name": "ban", "description": "Ban", "default_member_permissions": "4"})
	g := srv.World().Guilds()[0]
	ch := g.Channels[1]
	for _, tc := range []struct {
		name string
		use  discordtest.CommandUse
	}{
		{"not registered", discordtest.CommandUse{Name: "nope"}},
		{"no subcommand", discordtest.CommandUse{Name: "config set"}},
		{"unknown subcommand", discordtest.CommandUse{Name: "config set nope"}},
		{"required missing", discordtest.CommandUse{Name: "config set limit"}},
		{"wrong type", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": "3"}}},
		{"out of range", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": 11}}},
		{"not a choice", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": 1, "unit": "h"}}},
		{"unknown option", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": 1, "x": 1}}},
		{"unknown user", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": 1, "who": model.UserID(1)}}},
		{"channel type", discordtest.CommandUse{Name: "config set limit", Options: map[string]any{"value": 1, "where": g.Channels[0].ID}}},
		{"permissions", discordtest.CommandUse{Name: "ban", UserID: memberWithout(t, srv, g, model.PermissionBanMembers)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			tc.use.ChannelID = ch.ID
			_, err := srv.UseCommand(tc.use)
			is.True(err != nil) // refused before sending
		})
	}
}

// memberWithout finds a member of g without perm.
func memberWithout(t *testing.T, srv *discordtest.Server, g discordtest.Guild, perm model.Permissions) model.UserID {
	for _, m := range g.Members {
		var p model.Permissions
		for _, r := range g.Roles {
			if r.ID == model.RoleID(g.ID) || containsRole(m.Roles, r.ID) {
				p |= r.Permissions
			}
		}
		if m.User.ID != g.OwnerID && p&(perm|model.PermissionAdministrator) == 0 {
			return m.User.ID
		}
	}
	t.Fatal("every member has the permission")
	return 0
}

func containsRole(rs []model.RoleID, id model.RoleID) bool {
	for _, r := range rs {
		if r == id {
			return true
		}
	}
	return false
}

func TestInteractionDeadline(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{InteractionTimeout: 50 * time.Millisecond}})
	defer srv.Close()
	registerCommands(t, srv, map[string]any{"name": "ping", "description": "Pong"})
	in, err := srv.UseCommand(discordtest.CommandUse{ChannelID: srv.World().Guilds()[0].Channels[1].ID, Name: "ping"})
	is.NoErr(err)
	_, err = in.Wait(context.Background())
	is.True(errors.Is(err, discordtest.ErrInteractionFailed)) // no answer in time: "This interaction failed"
	is.True(errors.Is(in.State().Err, discordtest.ErrInteractionFailed))
	is.Equal(callback(t, srv, in, map[string]any{"type": 4, "data": map[string]any{"content": "late"}}), 10062) // too late
}

func TestInteractionTokenLifetime(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{REST: discordtest.RESTOptions{InteractionTokenLifetime: 100 * time.Millisecond}})
	defer srv.Close()
	registerCommands(t, srv, map[string]any{"name": "ping", "description": "Pong"})
	in, err := srv.UseCommand(discordtest.CommandUse{ChannelID: srv.World().Guilds()[0].Channels[1].ID, Name: "ping"})
	is.NoErr(err)
	is.Equal(callback(t, srv, in, map[string]any{"type": 4, "data": map[string]any{"content": "pong"}}), 0)
	wh := "/webhooks/" + in.ApplicationID.String() + "/" + in.Token
	is.Equal(call(t, srv, false, "POST", wh, map[string]any{"content": "in time"}, nil), http.StatusOK)
	time.Sleep(150 * time.Millisecond)
	var e struct {
		Code int `json:"code"`
	}
	is.Equal(call(t, srv, false, "POST", wh, map[string]any{"content": "late"}, &e), http.StatusNotFound)
	is.Equal(e.Code, 10015) // the token expired
	is.Equal(call(t, srv, false, "PATCH", wh+"/messages/@original", map[string]any{"content": "late"}, nil), http.StatusNotFound)
}

func TestComponentsAndModals(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	g := srv.World().Guilds()[0]
	ch := g.Channels[1]
	other := g.Members[2].User.ID
	var msg model.Message
	st := call(t, srv, true, "POST", "/channels/"+ch.ID.String()+"/messages", map[string]any{"content": "vote", "components": []any{
		map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 2, "style": 1, "label": "Open", "custom_id": "open"},
			map[string]any{"type": 2, "style": 2, "label": "Off", "custom_id": "off", "disabled": true}}},
		map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 3, "custom_id": "pick", "max_values": 2, "options": []any{
				map[string]any{"label": "A", "value": "a"}, map[string]any{"label": "B", "value": "b"}}}}},
		map[string]any{"type": 1, "components": []any{map[string]any{"type": 5, "custom_id": "who"}}},
	}}, &msg)
	is.Equal(st, http.StatusOK)

	_, err := srv.ClickButton(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "off"})
	is.True(err != nil) // disabled
	_, err = srv.ClickButton(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "pick"})
	is.True(err != nil) // not a button
	_, err = srv.ChooseSelect(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "pick", Values: []string{"c"}})
	is.True(err != nil) // not an option

	sel, err := srv.ChooseSelect(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "pick", Values: []string{"a", "b"}})
	is.NoErr(err)
	is.Equal(sel.Data.Values, []string{"a", "b"})
	is.Equal(sel.Data.ComponentType, model.ComponentStringSelect)
	is.Equal(sel.Message.ID, msg.ID)
	is.Equal(callback(t, srv, sel, map[string]any{"type": 7, "data": map[string]any{"content": "picked"}}), 0)
	r, err := sel.Wait(context.Background())
	is.NoErr(err)
	is.Equal(r.Message.Content, "picked") // the message was updated

	us, err := srv.ChooseSelect(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "who", Values: []string{other.String()}})
	is.NoErr(err)
	is.Equal(us.Data.Resolved.Users[other].ID, other)
	is.Equal(callback(t, srv, us, map[string]any{"type": 6}), 0)

	click, err := srv.ClickButton(discordtest.ComponentUse{MessageID: msg.ID, CustomID: "open"})
	is.NoErr(err)
	_, err = srv.SubmitModal(click, map[string]string{"name": "x"})
	is.True(err != nil) // no modal yet
	is.Equal(callback(t, srv, click, map[string]any{"type": 9, "data": map[string]any{"custom_id": "form", "title": "Tell us",
		"components": []any{
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "name", "style": 1, "label": "Name", "max_length": 5}}},
			map[string]any{"type": 18, "label": "Why", "component": map[string]any{"type": 4, "custom_id": "why", "style": 2, "required": false}},
		}}}), 0)
	r, err = click.Wait(context.Background())
	is.NoErr(err)
	is.Equal(r.Modal.CustomID, "form")
	_, err = srv.SubmitModal(click, map[string]string{})
	is.True(err != nil) // name is required
	_, err = srv.SubmitModal(click, map[string]string{"name": "toolong"})
	is.True(err != nil) // longer than max_length
	sub, err := srv.SubmitModal(click, map[string]string{"name": "Ann", "why": "because"})
	is.NoErr(err)
	is.Equal(sub.Type, model.InteractionModalSubmit)
	is.Equal(sub.Data.CustomID, "form")
	is.Equal(sub.Data.Components[0].Components[0].Value, "Ann")
	is.Equal(sub.Data.Components[1].Component.Value, "because")
	is.Equal(sub.Message.ID, msg.ID) // from a component: the message comes along
	_, err = srv.SubmitModal(click, map[string]string{"name": "Ann"})
	is.True(err != nil) // once
	is.Equal(callback(t, srv, sub, map[string]any{"type": 9, "data": map[string]any{"custom_id": "x", "title": "t",
		"components": []any{map[string]any{"type": 1}}}}), 40043) // no modal in answer to a modal
	is.Equal(callback(t, srv, sub, map[string]any{"type": 4, "data": map[string]any{"content": "thanks", "flags": 64}}), 0)
	r, err = sub.Wait(context.Background())
	is.NoErr(err)
	is.Equal(r.Message.Flags&model.MessageEphemeral, model.MessageEphemeral)
}

func TestAutocomplete(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	registerCommands(t, srv, configCommand)
	ch := srv.World().Guilds()[0].Channels[1]
	use := discordtest.CommandUse{ChannelID: ch.ID, Name: "config set limit"}
	_, err := srv.Autocomplete(use, "unit", "m")
	is.True(err != nil) // unit has no autocomplete
	in, err := srv.Autocomplete(use, "song", "bohem")
	is.NoErr(err) // value is not required while typing
	is.Equal(in.Type, model.InteractionApplicationCommandAutocomplete)
	o := in.Data.Options[0].Options[0].Options[0]
	is.True(o.Focused)
	is.Equal(o.Value.String(), "bohem")
	is.Equal(callback(t, srv, in, map[string]any{"type": 4, "data": map[string]any{"content": "no"}}), 40043)
	is.Equal(callback(t, srv, in, map[string]any{"type": 8, "data": map[string]any{"choices": []any{
		map[string]any{"name": "Bohemian Rhapsody", "value": "bohemian"}}}}), 0)
	r, err := in.Wait(context.Background())
	is.NoErr(err)
	is.Equal(len(r.Choices), 1)
	is.Equal(r.Choices[0].Value, "bohemian")
}

func TestContextMenuCommands(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	registerCommands(t, srv, map[string]any{"type": 2, "name": "User Info"}, map[string]any{"type": 3, "name": "Quote This"})
	g := srv.World().Guilds()[0]
	ch := g.Channels[1]
	target := g.Members[3].User.ID
	in, err := srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "User Info", Type: model.CommandUser, Target: target})
	is.NoErr(err)
	is.Equal(in.Data.TargetID, target.Snowflake())
	is.Equal(in.Data.Resolved.Users[target].ID, target)
	mid, err := srv.SendMessage(ch.ID, target, "quote me")
	is.NoErr(err)
	in, err = srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "Quote This", Type: model.CommandMessage, Target: mid})
	is.NoErr(err)
	is.Equal(in.Data.Resolved.Messages[mid].Content, "quote me")
}

// endpoint is a bot's HTTP interactions endpoint: it checks signatures
// with the server's public key and answers with answer.
type endpoint struct {
	key    ed25519.PublicKey
	mu     sync.Mutex
	got    []model.Interaction
	header http.Header
	answer func(model.Interaction) (int, any)
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
	ts := r.Header.Get("X-Signature-Timestamp")
	if err != nil || !ed25519.Verify(e.key, append([]byte(ts), body...), sig) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var in model.Interaction
	json.Unmarshal(body, &in)
	if in.Type == model.InteractionPing {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type":1}`))
		return
	}
	e.mu.Lock()
	e.got = append(e.got, in)
	e.header = r.Header.Clone()
	e.mu.Unlock()
	st, v := e.answer(in)
	if v == nil {
		w.WriteHeader(st)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(st)
	json.NewEncoder(w).Encode(v)
}

func TestInteractionsOverHTTP(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(nil)
	defer srv.Close()
	registerCommands(t, srv, map[string]any{"name": "ping", "description": "Pong"})
	key, err := hex.DecodeString(srv.PublicKey())
	is.NoErr(err)
	is.Equal(len(key), ed25519.PublicKeySize)
	var app struct {
		VerifyKey string `json:"verify_key"`
	}
	call(t, srv, true, "GET", "/applications/@me", nil, &app)
	is.Equal(app.VerifyKey, srv.PublicKey()) // the developer portal's public key

	// an endpoint that does not check signatures is refused
	lax := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"type":1}`))
	}))
	defer lax.Close()
	is.True(errors.Is(srv.SetInteractionsEndpoint(lax.URL), discordtest.ErrEndpointVerification))
	var e struct {
		Code   int            `json:"code"`
		Errors map[string]any `json:"errors"`
	}
	is.Equal(call(t, srv, true, "PATCH", "/applications/@me", map[string]any{"interactions_endpoint_url": lax.URL}, &e), http.StatusBadRequest)
	is.Equal(e.Code, 50035)
	is.True(e.Errors["interactions_endpoint_url"] != nil)

	ep := &endpoint{key: key, answer: func(in model.Interaction) (int, any) {
		return http.StatusOK, map[string]any{"type": 4, "data": map[string]any{"content": "pong over HTTP"}}
	}}
	bot := httptest.NewServer(ep)
	defer bot.Close()
	is.Equal(call(t, srv, true, "PATCH", "/applications/@me", map[string]any{"interactions_endpoint_url": bot.URL + "/interactions"}, nil), http.StatusOK)
	is.Equal(srv.InteractionsEndpoint(), bot.URL+"/interactions")

	ch := srv.World().Guilds()[0].Channels[1]
	c, _ := connect(t, srv, "", allUnprivileged)
	defer c.ws.CloseNow()
	in, err := srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "ping"})
	is.NoErr(err)
	r, err := in.Wait(context.Background())
	is.NoErr(err) // the HTTP answer is the initial response
	is.Equal(r.Message.Content, "pong over HTTP")
	ep.mu.Lock()
	is.Equal(len(ep.got), 1)
	is.Equal(ep.got[0].ID, in.ID)
	is.True(strings.HasPrefix(ep.header.Get("User-Agent"), "Discord-Interactions/"))
	ep.mu.Unlock()
	is.Equal(callback(t, srv, in, map[string]any{"type": 4, "data": map[string]any{"content": "again"}}), 40060)
	// over HTTP, no INTERACTION_CREATE: the next dispatch is the response's MESSAGE_CREATE
	for p := c.until(0, ""); p.name() != "MESSAGE_CREATE"; p = c.until(0, "") {
		is.True(p.name() != "INTERACTION_CREATE") // delivered over HTTP only
	}

	// an endpoint may accept and answer on the callback route
	ep.answer = func(model.Interaction) (int, any) { return http.StatusAccepted, nil }
	in, err = srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "ping"})
	is.NoErr(err)
	time.Sleep(20 * time.Millisecond)
	is.Equal(callback(t, srv, in, map[string]any{"type": 5}), 0)
	_, err = in.Wait(context.Background())
	is.NoErr(err)

	// an endpoint that fails makes the interaction fail
	ep.answer = func(model.Interaction) (int, any) { return http.StatusInternalServerError, nil }
	in, err = srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "ping"})
	is.NoErr(err)
	_, err = in.Wait(context.Background())
	is.True(errors.Is(err, discordtest.ErrInteractionFailed))

	// a bad answer too
	ep.answer = func(model.Interaction) (int, any) { return http.StatusOK, map[string]any{"type": 8} }
	in, err = srv.UseCommand(discordtest.CommandUse{ChannelID: ch.ID, Name: "ping"})
	is.NoErr(err)
	_, err = in.Wait(context.Background())
	is.True(errors.Is(err, discordtest.ErrInteractionFailed))

	is.Equal(call(t, srv, true, "PATCH", "/applications/@me", map[string]any{"interactions_endpoint_url": nil}, nil), http.StatusOK)
	is.Equal(srv.InteractionsEndpoint(), "") // back to the gateway
}

func TestSignMatchesPublicKey(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Seed: 7})
	defer srv.Close()
	key, _ := hex.DecodeString(srv.PublicKey())
	sig, err := hex.DecodeString(srv.Sign("1700000000", []byte(`{"type":1}`)))
	is.NoErr(err)
	is.True(ed25519.Verify(key, []byte(`1700000000{"type":1}`), sig))
	is.True(!ed25519.Verify(key, []byte(`1700000001{"type":1}`), sig)) // the timestamp is signed
	again := discordtest.NewServer(&discordtest.Options{Seed: 7})
	defer again.Close()
	is.Equal(again.PublicKey(), srv.PublicKey()) // the same seed gives the same key
}
