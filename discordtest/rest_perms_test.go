package discordtest

import (
	"net/http"
	"testing"
	"time"

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

// TestPermissionRules checks World.Permissions against each rule of
// Discord's documented algorithm, on a guild built for it.
func TestPermissionRules(t *testing.T) {
	srv := NewServer(&Options{MembersPerGuild: 4, RolesPerGuild: -1})
	defer srv.Close()
	w := srv.World()
	g := w.Guilds()[0]
	var users []model.UserID
	for _, m := range g.Members {
		if m.User.ID != g.OwnerID && !m.User.Bot {
			users = append(users, m.User.ID)
		}
	}
	alice, bob, carol := users[0], users[1], users[2]
	everyone := model.PermissionViewChannel | model.PermissionSendMessages | model.PermissionEmbedLinks |
		model.PermissionAttachFiles | model.PermissionReadMessageHistory | model.PermissionMentionEveryone
	w.UpdateGuild(g.ID, func(g *Guild) {
		for i := range g.Roles {
			if g.Roles[i].ID == model.RoleID(g.ID) {
				g.Roles[i].Permissions = everyone
			}
		}
	})
	r1 := Role{ID: model.RoleID(w.NewID()), Name: "r1", Permissions: model.PermissionKickMembers}
	r2 := Role{ID: model.RoleID(w.NewID()), Name: "r2"}
	admin := Role{ID: model.RoleID(w.NewID()), Name: "admin", Permissions: model.PermissionAdministrator}
	for _, r := range []Role{r1, r2, admin} {
		w.SetRole(g.ID, r)
	}
	setRoles := func(u model.UserID, roles ...model.RoleID) {
		m, _ := w.Member(g.ID, u)
		m.Roles = roles
		w.SetMember(g.ID, m)
	}
	setRoles(alice, r1.ID, r2.ID)
	setRoles(bob, admin.ID)
	setRoles(carol)
	ch := Channel{ID: model.ChannelID(w.NewID()), Type: model.ChannelGuildText, GuildID: g.ID, Name: "rules"}
	w.SetChannel(ch)
	setOverwrites := func(ows ...Overwrite) {
		c, _ := w.Channel(ch.ID)
		c.PermissionOverwrites = ows
		w.SetChannel(c)
	}
	role := func(id model.RoleID, allow, deny model.Permissions) Overwrite {
		return Overwrite{ID: id.Snowflake(), Type: model.OverwriteRole, Allow: allow, Deny: deny}
	}
	member := func(id model.UserID, allow, deny model.Permissions) Overwrite {
		return Overwrite{ID: id.Snowflake(), Type: model.OverwriteMember, Allow: allow, Deny: deny}
	}

	t.Run("owner and administrator have every permission", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(role(model.RoleID(g.ID), 0, model.PermissionViewChannel))
		is.Equal(w.Permissions(g.ID, ch.ID, g.OwnerID), model.PermissionsAll) // the owner, despite the overwrite
		is.Equal(w.Permissions(g.ID, ch.ID, bob), model.PermissionsAll)       // an administrator too
		is.Equal(w.Permissions(g.ID, 0, alice), everyone|model.PermissionKickMembers)
	})
	t.Run("role allow beats the @everyone deny", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(role(model.RoleID(g.ID), 0, model.PermissionSendMessages), role(r1.ID, model.PermissionSendMessages, 0))
		is.True(w.Permissions(g.ID, ch.ID, alice).Has(model.PermissionSendMessages))
		is.True(!w.Permissions(g.ID, ch.ID, carol).Has(model.PermissionSendMessages))
	})
	t.Run("role allows beat role denies", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(role(r1.ID, 0, model.PermissionSendMessages), role(r2.ID, model.PermissionSendMessages, 0))
		is.True(w.Permissions(g.ID, ch.ID, alice).Has(model.PermissionSendMessages)) // whatever their order
	})
	t.Run("the member overwrite comes last", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(role(r1.ID, model.PermissionSendMessages, 0), member(alice, 0, model.PermissionSendMessages))
		is.True(!w.Permissions(g.ID, ch.ID, alice).Has(model.PermissionSendMessages))
	})
	t.Run("without VIEW_CHANNEL nothing", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(member(carol, model.PermissionManageMessages, model.PermissionViewChannel))
		is.Equal(w.Permissions(g.ID, ch.ID, carol), model.Permissions(0))
	})
	t.Run("without SEND_MESSAGES no mentions, TTS, files or embeds", func(t *testing.T) {
		is := is.New(t)
		setOverwrites(member(carol, model.PermissionSendTtsMessages, model.PermissionSendMessages))
		p := w.Permissions(g.ID, ch.ID, carol)
		is.Equal(p, model.PermissionViewChannel|model.PermissionReadMessageHistory)
	})
	t.Run("a timeout leaves reading only", func(t *testing.T) {
		is := is.New(t)
		setOverwrites()
		m, _ := w.Member(g.ID, alice)
		until := time.Now().Add(time.Hour)
		m.CommunicationDisabledUntil = &until
		w.SetMember(g.ID, m)
		is.Equal(w.Permissions(g.ID, ch.ID, alice), model.PermissionViewChannel|model.PermissionReadMessageHistory)
		is.Equal(w.Permissions(g.ID, 0, alice), model.PermissionViewChannel|model.PermissionReadMessageHistory)
		past := time.Now().Add(-time.Hour)
		m.CommunicationDisabledUntil = &past
		w.SetMember(g.ID, m)
		is.True(w.Permissions(g.ID, ch.ID, alice).Has(model.PermissionKickMembers)) // an ended timeout
		m, _ = w.Member(g.ID, bob)
		m.CommunicationDisabledUntil = &until
		w.SetMember(g.ID, m)
		is.Equal(w.Permissions(g.ID, ch.ID, bob), model.PermissionsAll) // administrators are not limited
	})
}
