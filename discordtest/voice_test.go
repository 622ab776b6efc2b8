package discordtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestVoiceStatesAndNullableChannel(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g := srv.World().Guilds()[0]
	var voice []model.ChannelID
	var category model.ChannelID
	var text Channel
	for _, ch := range g.Channels {
		switch ch.Type {
		case model.ChannelGuildVoice:
			voice = append(voice, ch.ID)
		case model.ChannelGuildCategory:
			category = ch.ID
		case model.ChannelGuildText:
			if ch.ParentID != nil {
				text = ch
			}
		}
	}
	is.True(len(voice) > 0 && category != 0 && text.ID != 0)
	user := g.Members[1].User.ID
	member := "/guilds/" + g.ID.String() + "/members/" + user.String()
	state := "/guilds/" + g.ID.String() + "/voice-states/" + user.String()

	is.Equal(c.do("PATCH", member, map[string]any{"channel_id": voice[0].String()}).JSON()["code"], 40032.0) // not in voice
	is.Equal(c.do("GET", state, nil).JSON()["code"], 10065.0)
	is.NoErr(srv.JoinVoice(g.ID, user, voice[0]))
	is.Equal(c.do("GET", state, nil).JSON()["channel_id"], voice[0].String())

	r := c.do("PATCH", member, map[string]any{"channel_id": "0"})
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(r.JSON()["code"], 50035.0)
	is.True(strings.Contains(string(r.Body), "NUMBER_TYPE_COERCE"))           // "0" is no snowflake: null is meant
	is.Equal(c.do("GET", state, nil).JSON()["channel_id"], voice[0].String()) // still there

	is.Equal(c.do("PATCH", member, map[string]any{"channel_id": text.ID.String()}).JSON()["code"], 50035.0) // not a voice channel
	is.Equal(c.do("PATCH", member, map[string]any{"channel_id": nil}).Status, http.StatusOK)                // null disconnects
	is.Equal(c.do("GET", state, nil).JSON()["code"], 10065.0)

	// a channel's parent_id: "0" is refused, null takes it out of its category
	ch := "/channels/" + text.ID.String()
	r = c.do("PATCH", ch, map[string]any{"parent_id": "0"})
	is.Equal(r.JSON()["code"], 50035.0)
	got, _ := srv.World().Channel(text.ID)
	is.True(got.ParentID != nil) // unchanged
	r = c.do("PATCH", ch, map[string]any{"parent_id": nil})
	is.Equal(r.Status, http.StatusOK)
	is.Equal(r.JSON()["parent_id"], nil)
	got, _ = srv.World().Channel(text.ID)
	is.True(got.ParentID == nil)
}
