package discordtest

import (
	"net/http"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestRESTPermissions(t *testing.T) {
	is := is.New(t)
	opts := &Options{ChannelsPerGuild: 12, REST: noLimits}
	opts.REST.EnforcePermissions = true
	srv, c := newRESTTest(t, opts)
	g := srv.World().Guilds()[0]
	byName := map[string]Channel{}
	for _, ch := range g.Channels {
		byName[ch.Name] = ch
	}
	send := func(name string) reply {
		return c.do("POST", "/channels/"+byName[name].ID.String()+"/messages", map[string]any{"content": "hi"})
	}
	is.Equal(send("general").Status, http.StatusOK)
	r := send("announcements") // @everyone may not send there
	is.Equal(r.Status, http.StatusForbidden)
	is.Equal(string(r.Body), `{"code":50013,"message":"Missing Permissions"}`)
	is.Equal(send("mod-only").Status, http.StatusOK) // the bot's own overwrite lets it in

	var user model.UserID
	for _, m := range g.Members {
		if m.User.ID != g.OwnerID && !m.User.Bot {
			user = m.User.ID
		}
	}
	r = c.do("DELETE", "/guilds/"+g.ID.String()+"/members/"+user.String(), nil)
	is.Equal(r.JSON()["code"], 50013.0) // the bot may not kick
	is.Equal(srv.Stats().REST.Forbidden, 2)

	// with Administrator, everything goes
	w := srv.World()
	bot, _ := w.Member(g.ID, w.Bot().ID)
	admin := Role{ID: model.RoleID(w.NewID()), Name: "bot admin", Permissions: model.PermissionAdministrator}
	w.SetRole(g.ID, admin)
	bot.Roles = append(bot.Roles, admin.ID)
	w.SetMember(g.ID, bot)
	is.Equal(send("announcements").Status, http.StatusOK)
	is.Equal(c.do("DELETE", "/guilds/"+g.ID.String()+"/members/"+user.String(), nil).Status, http.StatusNoContent)
}
