package discordtest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestRESTGuildsAndChannels(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	gp := "/guilds/" + g.ID.String()

	r := c.do("GET", gp+"?with_counts=true", nil)
	is.Equal(r.Status, http.StatusOK)
	m := r.JSON()
	is.Equal(m["id"], g.ID.String())
	is.Equal(m["name"], g.Name)
	is.Equal(m["approximate_member_count"], float64(len(g.Members)))
	is.True(m["channels"] == nil) // GET guild has no channels
	is.Equal(c.do("GET", "/guilds/1", nil).JSON()["code"], 10004.0)
	is.Equal(c.do("GET", gp+"/preview", nil).Status, http.StatusOK)

	r = c.do("PATCH", gp, map[string]any{"name": "Renamed"})
	is.Equal(r.JSON()["name"], "Renamed")
	g2, _ := srv.World().Guild(g.ID)
	is.Equal(g2.Name, "Renamed") // the World changed
	r = c.do("PATCH", gp, map[string]any{"name": "x"})
	is.Equal(string(r.Body), `{"code":50035,"errors":{"name":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH","message":"Must be between 2 and 100 in length."}]}},"message":"Invalid Form Body"}`)

	var chans []Channel
	is.NoErr(c.do("GET", gp+"/channels", nil).decode(&chans))
	is.Equal(len(chans), len(g.Channels))

	r = c.do("POST", gp+"/channels", map[string]any{"name": "new-channel", "topic": "t"})
	is.Equal(r.Status, http.StatusCreated)
	var nc Channel
	is.NoErr(r.decode(&nc))
	is.Equal(nc.Name, "new-channel")
	is.Equal(nc.GuildID, g.ID)
	_, ok := srv.World().Channel(nc.ID)
	is.True(ok) // in the World

	r = c.do("PATCH", "/channels/"+nc.ID.String(), map[string]any{"topic": nil, "rate_limit_per_user": 10})
	is.Equal(r.Status, http.StatusOK)
	nc = Channel{}
	is.NoErr(r.decode(&nc))
	is.True(nc.Topic == nil)
	is.Equal(nc.RateLimitPerUser, 10)
	r = c.do("PATCH", "/channels/"+nc.ID.String(), map[string]any{"rate_limit_per_user": 99999})
	is.True(strings.Contains(string(r.Body), "NUMBER_TYPE_MAX"))

	is.Equal(c.do("GET", "/channels/"+ch.ID.String(), nil).JSON()["name"], ch.Name)
	is.Equal(c.do("DELETE", "/channels/"+nc.ID.String(), nil).Status, http.StatusOK)
	is.Equal(c.do("GET", "/channels/"+nc.ID.String(), nil).Status, http.StatusNotFound)
}

func TestRESTMembersRolesBans(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	gp := "/guilds/" + g.ID.String()
	var target Member
	for _, m := range g.Members {
		if m.User.ID != g.OwnerID && !m.User.Bot {
			target = m
			break
		}
	}
	mp := gp + "/members/" + target.User.ID.String()

	r := c.do("GET", mp, nil)
	is.Equal(r.Status, http.StatusOK)
	is.Equal(r.JSON()["user"].(map[string]any)["id"], target.User.ID.String())
	is.Equal(c.do("GET", gp+"/members/1", nil).JSON()["code"], 10013.0) // unknown user
	is.Equal(c.do("GET", gp+"/members/"+srv.World().Bot().ID.String(), nil).Status, http.StatusOK)

	var ms []Member
	c.do("GET", gp+"/members?limit=1000", nil).decode(&ms)
	is.Equal(len(ms), len(g.Members))
	c.do("GET", gp+"/members", nil).decode(&ms)
	is.Equal(len(ms), 1) // limit defaults to 1
	c.do("GET", gp+"/members/search?limit=10&query="+target.User.Username[:3], nil).decode(&ms)
	is.True(len(ms) >= 1)
	is.Equal(c.do("GET", gp+"/members/search", nil).Status, http.StatusBadRequest) // query is required

	r = c.do("PATCH", mp, map[string]any{"nick": strings.Repeat("n", 33)})
	is.True(strings.Contains(string(r.Body), `"nick":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 32 or fewer in length."}]}`))
	r = c.do("PATCH", mp, map[string]any{"nick": "Nick"})
	is.Equal(r.Status, http.StatusOK)
	got, _ := srv.World().Member(g.ID, target.User.ID)
	is.Equal(*got.Nick, "Nick")

	// roles
	r = c.do("POST", gp+"/roles", map[string]any{"name": "Testers", "color": 0xff0000, "permissions": "8"})
	is.Equal(r.Status, http.StatusOK)
	var role Role
	is.NoErr(r.decode(&role))
	is.Equal(role.Name, "Testers")
	is.Equal(role.Permissions, model.Permissions(8))
	rp := gp + "/roles/" + role.ID.String()
	is.Equal(c.do("PATCH", rp, map[string]any{"name": "QA"}).JSON()["name"], "QA")
	is.Equal(c.do("PUT", mp+"/roles/"+role.ID.String(), nil).Status, http.StatusNoContent)
	got, _ = srv.World().Member(g.ID, target.User.ID)
	is.True(slices.Contains(got.Roles, role.ID))
	is.Equal(c.do("PUT", mp+"/roles/1", nil).JSON()["code"], 10011.0)
	is.Equal(c.do("DELETE", mp+"/roles/"+role.ID.String(), nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", rp, nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", rp, nil).Status, http.StatusNotFound)
	is.Equal(c.do("DELETE", gp+"/roles/"+g.ID.String(), nil).Status, http.StatusBadRequest) // not @everyone

	// bans
	bp := gp + "/bans/" + target.User.ID.String()
	is.Equal(c.do("GET", bp, nil).JSON()["code"], 10026.0)
	is.Equal(c.do("PUT", bp, map[string]any{"delete_message_seconds": 3600}).Status, http.StatusNoContent)
	is.Equal(c.do("GET", mp, nil).JSON()["code"], 10007.0) // banned users leave
	is.Equal(c.do("GET", bp, nil).JSON()["user"].(map[string]any)["id"], target.User.ID.String())
	var bans []map[string]any
	c.do("GET", gp+"/bans", nil).decode(&bans)
	is.Equal(len(bans), 1)
	is.Equal(c.do("DELETE", bp, nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", bp, nil).Status, http.StatusNotFound)
	r = c.do("PUT", bp, map[string]any{"delete_message_seconds": 604801})
	is.True(strings.Contains(string(r.Body), "NUMBER_TYPE_MAX"))

	// kick
	other := g.Members[len(g.Members)-1]
	if other.User.ID != g.OwnerID && other.User.ID != target.User.ID {
		is.Equal(c.do("DELETE", gp+"/members/"+other.User.ID.String(), nil).Status, http.StatusNoContent)
		_, ok := srv.World().Member(g.ID, other.User.ID)
		is.True(!ok)
	}
	r = c.do("DELETE", gp+"/members/"+g.OwnerID.String(), nil)
	is.Equal(r.Status, http.StatusForbidden) // not the owner
	is.Equal(srv.Stats().REST.Forbidden, 1)
}

func TestRESTUsers(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	bot := srv.World().Bot()
	me := c.do("GET", "/users/@me", nil).JSON()
	is.Equal(me["id"], bot.ID.String())
	is.Equal(me["bot"], true)
	u := srv.World().Guilds()[0].Members[1].User
	is.Equal(c.do("GET", "/users/"+u.ID.String(), nil).JSON()["username"], u.Username)
	is.Equal(string(c.do("GET", "/users/1", nil).Body), `{"code":10013,"message":"Unknown User"}`)

	var gs []map[string]any
	c.do("GET", "/users/@me/guilds", nil).decode(&gs)
	is.Equal(len(gs), len(srv.World().Guilds()))
	is.True(gs[0]["permissions"] != "")

	r := c.do("POST", "/users/@me/channels", map[string]any{"recipient_id": u.ID})
	is.Equal(r.Status, http.StatusOK)
	dm := r.JSON()
	is.Equal(dm["type"], 1.0)
	r = c.do("POST", "/channels/"+dm["id"].(string)+"/messages", map[string]any{"content": "psst"})
	is.Equal(r.Status, http.StatusOK) // a DM
	is.Equal(c.do("POST", "/users/@me/channels", map[string]any{"recipient_id": "1"}).JSON()["code"], 10013.0)
}

func TestRESTAuditLogReason(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	u := g.Members[len(g.Members)-1].User
	if u.ID == g.OwnerID {
		u = g.Members[len(g.Members)-2].User
	}
	c.extra = http.Header{"X-Audit-Log-Reason": {"spam%20and%20%C3%A9mojis"}}
	bp := "/guilds/" + g.ID.String() + "/bans/" + u.ID.String()
	is.Equal(c.do("PUT", bp, nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", bp, nil).JSON()["reason"], "spam and émojis") // the header is URL-encoded
}
