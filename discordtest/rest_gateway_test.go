package discordtest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestRESTDispatches checks that REST changes reach the gateway as the
// events Discord sends for them.
func TestRESTDispatches(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{HeartbeatInterval: 30 * time.Second, Guilds: 1})
	defer srv.Close()
	c, _ := connect(t, srv, "", allUnprivileged|int(model.IntentMessageContent))
	g := srv.World().Guilds()[0]
	c.until(0, "GUILD_CREATE")
	var ch discordtest.Channel
	for _, x := range g.Channels {
		if x.Type == model.ChannelGuildText {
			ch = x
			break
		}
	}

	post := func(method, path string, body any) *http.Response {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, srv.URL()+path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bot "+srv.Token())
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		is.NoErr(err) // request
		resp.Body.Close()
		return resp
	}
	is.Equal(post("POST", "/channels/"+ch.ID.String()+"/messages", map[string]any{"content": "hello gateway"}).StatusCode, 200)
	p := c.until(0, "MESSAGE_CREATE")
	var m model.Message
	is.NoErr(json.Unmarshal(p.D, &m))
	is.Equal(m.Content, "hello gateway")
	is.Equal(m.GuildID, g.ID) // guild_id in the event
	is.True(m.Member != nil)  // and the author's member
	is.Equal(m.Author.ID, srv.World().Bot().ID)

	is.Equal(post("PUT", "/channels/"+ch.ID.String()+"/messages/"+m.ID.String()+"/reactions/%E2%9C%85/@me", nil).StatusCode, 204)
	p = c.until(0, "MESSAGE_REACTION_ADD")
	var re struct {
		MessageID model.MessageID `json:"message_id"`
		Emoji     struct {
			Name string `json:"name"`
		} `json:"emoji"`
	}
	is.NoErr(json.Unmarshal(p.D, &re))
	is.Equal(re.MessageID, m.ID)
	is.Equal(re.Emoji.Name, "✅")

	is.Equal(post("PATCH", "/channels/"+ch.ID.String()+"/messages/"+m.ID.String(), map[string]any{"content": "edited"}).StatusCode, 200)
	is.NoErr(json.Unmarshal(c.until(0, "MESSAGE_UPDATE").D, &m))
	is.Equal(m.Content, "edited")
	is.Equal(post("DELETE", "/channels/"+ch.ID.String()+"/messages/"+m.ID.String(), nil).StatusCode, 204)
	c.until(0, "MESSAGE_DELETE")

	is.Equal(post("POST", "/guilds/"+g.ID.String()+"/roles", map[string]any{"name": "new"}).StatusCode, 200)
	c.until(0, "GUILD_ROLE_CREATE")
}
