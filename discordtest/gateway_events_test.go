package discordtest_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestUserEvents(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	w := srv.World()
	g := w.Guilds()[0]
	c, _ := connect(t, srv, "", int(model.IntentsAll))
	c.until(0, "GUILD_CREATE")

	m, err := srv.AddMember(g.ID, "newbie")
	is.NoErr(err)
	p := c.until(0, "GUILD_MEMBER_ADD")
	var added struct {
		GuildID string `json:"guild_id"`
		User    struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"user"`
	}
	is.NoErr(json.Unmarshal(p.D, &added))
	is.Equal(added.GuildID, g.ID.String())
	is.Equal(added.User.Username, "newbie")
	_, ok := w.Member(g.ID, m.User.ID)
	is.True(ok) // in the world

	var text model.ChannelID
	for _, ch := range g.Channels {
		if ch.Type == model.ChannelGuildText {
			text = ch.ID
			break
		}
	}
	is.NoErr(srv.StartTyping(text, m.User.ID))
	is.Equal(c.mustRead().name(), "TYPING_START")

	is.NoErr(srv.SetPresence(g.ID, m.User.ID, "idle"))
	is.Equal(c.mustRead().name(), "PRESENCE_UPDATE")
	found := false
	for _, p := range w.Presences(g.ID) {
		found = found || p.User.ID == m.User.ID && p.Status == "idle"
	}
	is.True(found) // the world knows the presence

	is.NoErr(srv.RemoveMember(g.ID, m.User.ID))
	is.Equal(c.mustRead().name(), "GUILD_MEMBER_REMOVE")
	_, ok = w.Member(g.ID, m.User.ID)
	is.True(!ok)

	is.True(errors.Is(srv.RemoveMember(g.ID, m.User.ID), discordtest.ErrUnknown))
	_, err = srv.SendMessage(1, m.User.ID, "x")
	is.True(errors.Is(err, discordtest.ErrUnknown))
}

func TestSessions(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 2, IdentifyWindow: -1})
	defer srv.Close()
	is.Equal(len(srv.Sessions()), 0)
	c, r := connect(t, srv, "", int(model.IntentGuilds), 1, 2)
	s, err := srv.WaitSession(t.Context(), 1)
	is.NoErr(err)
	is.Equal(s.ID, r.SessionID)
	is.Equal(s.Shard, [2]int{1, 2})
	is.Equal(s.Intents, model.IntentGuilds)
	is.True(s.Seq >= 1)
	c.ws.CloseNow()
	is.True(eventually(t, func() bool { ss := srv.Sessions(); return len(ss) == 1 && !ss[0].Connected })) // waiting to resume
}

func TestSendDirectMessage(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	w := srv.World()
	g := w.Guilds()[0]
	user, other := g.Members[1].User, g.Members[2].User
	dm, ok := w.DMChannel(user.ID)
	is.True(ok)
	c, _ := connect(t, srv, "", int(model.IntentDirectMessages))
	_, err := srv.SendMessage(dm.ID, user.ID, "hi bot")
	is.NoErr(err)
	p := c.until(0, "MESSAGE_CREATE")
	var m struct {
		Content string  `json:"content"`
		GuildID *string `json:"guild_id"`
	}
	is.NoErr(json.Unmarshal(p.D, &m))
	is.Equal(m.Content, "hi bot") // DMs keep their content without MESSAGE_CONTENT
	is.Equal(m.GuildID, nil)
	_, err = srv.SendMessage(dm.ID, other.ID, "not mine")
	is.True(errors.Is(err, discordtest.ErrUnknown)) // only the recipient writes in a DM
}
