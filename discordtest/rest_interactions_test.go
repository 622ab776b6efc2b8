package discordtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestRESTInteractions(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	_, ch := textChannelOf(t, srv)
	app := srv.World().ApplicationID().String()

	in, err := srv.Interact(UserInteraction{ChannelID: ch.ID, Data: &model.InteractionData{Name: "ping", Type: 1}})
	is.NoErr(err) // interact
	is.True(in.Token != "")
	is.True(in.Member != nil && in.Member.User != nil) // a guild interaction has the member
	cb := "/interactions/" + in.ID.String() + "/" + in.Token + "/callback"

	is.Equal(c.do("POST", "/interactions/1/nope/callback", map[string]any{"type": 4}).JSON()["code"], 10062.0)
	is.Equal(c.do("POST", cb, map[string]any{"type": 1}).JSON()["code"], 40043.0) // PONG is for pings only

	r := c.with("").do("POST", cb+"?with_response=true", map[string]any{"type": 4, "data": map[string]any{"content": "Pong!"}})
	is.Equal(r.Status, http.StatusOK) // no Authorization needed
	var res struct {
		Interaction struct {
			ID                string `json:"id"`
			ResponseMessageID string `json:"response_message_id"`
		} `json:"interaction"`
		Resource struct {
			Type    int           `json:"type"`
			Message model.Message `json:"message"`
		} `json:"resource"`
	}
	is.NoErr(r.decode(&res))
	is.Equal(res.Resource.Type, 4)
	is.Equal(res.Resource.Message.Content, "Pong!")
	is.Equal(res.Resource.Message.Type, model.MessageType(20))
	is.Equal(res.Interaction.ResponseMessageID, res.Resource.Message.ID.String())
	is.Equal(c.do("POST", cb, map[string]any{"type": 4, "data": map[string]any{"content": "again"}}).JSON()["code"], 40060.0)

	resp := srv.InteractionResponses(in.ID)
	is.Equal(len(resp), 1)
	is.Equal(resp[0].Type, model.CallbackMessage)

	wh := "/webhooks/" + app + "/" + in.Token
	r = c.do("GET", wh+"/messages/@original", nil)
	is.Equal(r.JSON()["content"], "Pong!")
	r = c.do("PATCH", wh+"/messages/@original", map[string]any{"content": "Pong! (edited)"})
	is.Equal(r.JSON()["content"], "Pong! (edited)")
	r = c.do("POST", wh, map[string]any{"content": "follow-up", "flags": 64})
	is.Equal(r.Status, http.StatusOK)
	fu := r.JSON()
	is.Equal(fu["flags"], 64.0) // ephemeral
	is.Equal(c.do("DELETE", wh+"/messages/"+fu["id"].(string), nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", wh+"/messages/@original", nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", wh+"/messages/@original", nil).Status, http.StatusNotFound)

	// deferred, then the answer
	in2, err := srv.Interact(UserInteraction{ChannelID: ch.ID, Data: &model.InteractionData{Name: "slow", Type: 1}})
	is.NoErr(err)
	is.Equal(c.do("POST", "/webhooks/"+app+"/"+in2.Token, map[string]any{"content": "too early"}).JSON()["code"], 10015.0)
	is.Equal(c.do("POST", "/interactions/"+in2.ID.String()+"/"+in2.Token+"/callback", map[string]any{"type": 5}).Status, http.StatusNoContent)
	r = c.do("PATCH", "/webhooks/"+app+"/"+in2.Token+"/messages/@original", map[string]any{"content": "done"})
	is.Equal(r.Status, http.StatusOK)
	is.Equal(r.JSON()["content"], "done")
	is.Equal(r.JSON()["flags"], nil) // no longer loading

	// a component on the bot's message, answered with an update
	var msg model.Message
	c.do("POST", "/channels/"+ch.ID.String()+"/messages", map[string]any{"content": "click",
		"components": []any{map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "style": 1, "label": "Go", "custom_id": "go"}}}}}).decode(&msg)
	in3, err := srv.Interact(UserInteraction{Type: 3, ChannelID: ch.ID, MessageID: msg.ID,
		Data: &model.InteractionData{CustomID: "go", ComponentType: 2}})
	is.NoErr(err)
	is.Equal(in3.Message.ID, msg.ID)
	is.Equal(c.do("POST", "/interactions/"+in3.ID.String()+"/"+in3.Token+"/callback", map[string]any{"type": 7, "data": map[string]any{"content": "clicked"}}).Status, http.StatusNoContent)
	got, _ := srv.Message(ch.ID, msg.ID)
	is.Equal(got.Content, "clicked")

	// a modal is checked
	in4, _ := srv.Interact(UserInteraction{ChannelID: ch.ID, Data: &model.InteractionData{Name: "form", Type: 1}})
	r = c.do("POST", "/interactions/"+in4.ID.String()+"/"+in4.Token+"/callback", map[string]any{"type": 9, "data": map[string]any{"custom_id": "f", "title": strings.Repeat("t", 46), "components": []any{}}})
	is.Equal(r.Status, http.StatusBadRequest)
}

func TestRESTInteractionTimeout(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: RESTOptions{InteractionTimeout: 20 * time.Millisecond}})
	_, ch := textChannelOf(t, srv)
	in, err := srv.Interact(UserInteraction{ChannelID: ch.ID})
	is.NoErr(err)
	time.Sleep(40 * time.Millisecond)
	r := c.do("POST", "/interactions/"+in.ID.String()+"/"+in.Token+"/callback", map[string]any{"type": 5})
	is.Equal(r.JSON()["code"], 10062.0) // too late
}

func TestRESTWebhooks(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	r := c.do("POST", "/channels/"+ch.ID.String()+"/webhooks", map[string]any{"name": "Hook"})
	is.Equal(r.Status, http.StatusOK)
	var wh struct {
		ID    string `json:"id"`
		Token string `json:"token"`
		Name  string `json:"name"`
	}
	is.NoErr(r.decode(&wh))
	is.True(wh.Token != "")
	is.True(strings.Contains(string(c.do("POST", "/channels/"+ch.ID.String()+"/webhooks", map[string]any{"name": "clyde"}).Body), "WEBHOOK_INVALID_USERNAME"))

	var list []map[string]any
	c.do("GET", "/guilds/"+g.ID.String()+"/webhooks", nil).decode(&list)
	is.Equal(len(list), 1)

	anon := c.with("")
	base := "/webhooks/" + wh.ID + "/" + wh.Token
	is.Equal(anon.do("POST", base, map[string]any{"content": "no wait"}).Status, http.StatusNoContent)
	r = anon.do("POST", base+"?wait=true", map[string]any{"content": "waited", "username": "Custom"})
	is.Equal(r.Status, http.StatusOK)
	var m model.Message
	is.NoErr(r.decode(&m))
	is.Equal(m.Author.Username, "Custom")
	is.Equal(m.WebhookID.String(), wh.ID)
	is.Equal(len(srv.Messages(ch.ID)), 2)
	is.Equal(anon.do("PATCH", base+"/messages/"+m.ID.String(), map[string]any{"content": "changed"}).JSON()["content"], "changed")
	is.Equal(anon.do("GET", base, nil).JSON()["user"], nil) // a token route leaves out the user
	is.Equal(anon.do("POST", "/webhooks/"+wh.ID+"/wrong", map[string]any{"content": "x"}).JSON()["code"], 10015.0)
	is.Equal(c.do("DELETE", "/webhooks/"+wh.ID, nil).Status, http.StatusNoContent)
	is.Equal(anon.do("POST", base, map[string]any{"content": "x"}).Status, http.StatusNotFound)
}

func TestRESTCommands(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	app := srv.World().ApplicationID().String()
	base := "/applications/" + app + "/commands"

	r := c.do("POST", base, map[string]any{"name": "ping", "description": "Replies with pong",
		"options": []any{map[string]any{"type": 3, "name": "text", "description": "what", "required": true, "max_length": 10}}})
	is.Equal(r.Status, http.StatusCreated)
	cmd := r.JSON()
	is.Equal(cmd["application_id"], app)
	is.Equal(cmd["options"].([]any)[0].(map[string]any)["max_length"], 10.0) // unknown option fields are kept
	r = c.do("POST", base, map[string]any{"name": "ping", "description": "Pong again"})
	is.Equal(r.Status, http.StatusOK) // same name: an update
	is.Equal(r.JSON()["id"], cmd["id"])

	r = c.do("POST", base, map[string]any{"name": "Bad Name", "description": "x"})
	is.True(strings.Contains(string(r.Body), "APPLICATION_COMMAND_INVALID_NAME"))
	r = c.do("POST", base, map[string]any{"name": "ok", "description": ""})
	is.True(strings.Contains(string(r.Body), `"description"`))
	r = c.do("POST", base, map[string]any{"type": 2, "name": "User Info", "description": "no"})
	is.True(strings.Contains(string(r.Body), "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION"))

	is.Equal(c.do("PATCH", base+"/"+cmd["id"].(string), map[string]any{"description": "patched"}).JSON()["description"], "patched")
	is.Equal(c.do("GET", base+"/"+cmd["id"].(string), nil).JSON()["name"], "ping")

	r = c.do("PUT", base, []any{
		map[string]any{"name": "ping", "description": "kept id"},
		map[string]any{"name": "echo", "description": "new"},
	})
	is.Equal(r.Status, http.StatusOK)
	var cmds []map[string]any
	is.NoErr(r.decode(&cmds))
	is.Equal(len(cmds), 2)
	is.Equal(cmds[0]["id"], cmd["id"]) // overwriting keeps the IDs of same-named commands
	is.Equal(len(srv.Commands(0)), 2)

	gbase := "/applications/" + app + "/guilds/" + g.ID.String() + "/commands"
	is.Equal(c.do("POST", gbase, map[string]any{"name": "local", "description": "guild only"}).Status, http.StatusCreated)
	var gl []json.RawMessage
	c.do("GET", gbase, nil).decode(&gl)
	is.Equal(len(gl), 1)
	is.Equal(c.do("DELETE", base+"/"+cmd["id"].(string), nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", base+"/"+cmd["id"].(string), nil).JSON()["code"], 10063.0)
	is.Equal(c.do("GET", "/applications/1/commands", nil).Status, http.StatusForbidden) // another application
}

func TestRESTThreads(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	var m model.Message
	c.do("POST", "/channels/"+ch.ID.String()+"/messages", map[string]any{"content": "start"}).decode(&m)

	r := c.do("POST", "/channels/"+ch.ID.String()+"/messages/"+m.ID.String()+"/threads", map[string]any{"name": "talk", "auto_archive_duration": 60})
	is.Equal(r.Status, http.StatusCreated)
	th := r.JSON()
	is.Equal(th["id"], m.ID.String()) // a thread from a message has its ID
	is.Equal(th["type"], 11.0)
	is.Equal(th["parent_id"], ch.ID.String())
	is.Equal(c.do("POST", "/channels/"+ch.ID.String()+"/messages/"+m.ID.String()+"/threads", map[string]any{"name": "again"}).JSON()["code"], 160004.0)

	tp := "/channels/" + m.ID.String()
	is.Equal(c.do("POST", tp+"/messages", map[string]any{"content": "in the thread"}).Status, http.StatusOK)
	is.Equal(c.do("GET", tp, nil).JSON()["message_count"], 1.0)

	user := g.Members[1].User.ID.String()
	is.Equal(c.do("PUT", tp+"/thread-members/"+user, nil).Status, http.StatusNoContent)
	var tms []map[string]any
	c.do("GET", tp+"/thread-members", nil).decode(&tms)
	is.Equal(len(tms), 2) // the bot and the user
	is.Equal(c.do("GET", tp+"/thread-members/"+user, nil).Status, http.StatusOK)
	is.Equal(c.do("DELETE", tp+"/thread-members/@me", nil).Status, http.StatusNoContent)

	r = c.do("POST", "/channels/"+ch.ID.String()+"/threads", map[string]any{"name": "private"})
	is.Equal(r.JSON()["type"], 12.0) // private by default
	var active struct {
		Threads []map[string]any `json:"threads"`
	}
	c.do("GET", "/guilds/"+g.ID.String()+"/threads/active", nil).decode(&active)
	is.Equal(len(active.Threads), 2)

	is.Equal(c.do("PATCH", tp, map[string]any{"archived": true, "locked": true}).JSON()["thread_metadata"].(map[string]any)["archived"], true)
	var archived struct {
		Threads []map[string]any `json:"threads"`
		HasMore bool             `json:"has_more"`
	}
	c.do("GET", "/channels/"+ch.ID.String()+"/threads/archived/public", nil).decode(&archived)
	is.Equal(len(archived.Threads), 1)
	is.Equal(c.do("POST", tp+"/messages", map[string]any{"content": "locked"}).JSON()["code"], 50083.0)
	is.Equal(c.do("DELETE", tp, nil).Status, http.StatusOK)
	is.Equal(c.do("GET", tp, nil).Status, http.StatusNotFound)
}

func TestRESTWebhookForum(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	r := c.do("POST", "/guilds/"+g.ID.String()+"/channels", map[string]any{"name": "ideas", "type": 15})
	is.Equal(r.Status, http.StatusCreated)
	forum := r.JSON()["id"].(string)
	var wh struct{ ID, Token string }
	is.NoErr(c.do("POST", "/channels/"+forum+"/webhooks", map[string]any{"name": "Poster"}).decode(&wh))
	base := "/webhooks/" + wh.ID + "/" + wh.Token + "?wait=true"
	is.Equal(c.with("").do("POST", base, map[string]any{"content": "x"}).JSON()["code"], 220001.0) // a forum needs a thread
	r = c.with("").do("POST", base, map[string]any{"content": "first post", "thread_name": "An idea"})
	is.Equal(r.Status, http.StatusOK)
	thread := r.JSON()["channel_id"].(string)
	is.True(thread != forum) // posted in a new thread
	is.Equal(c.do("GET", "/channels/"+thread, nil).JSON()["name"], "An idea")
}
