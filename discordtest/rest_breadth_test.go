package discordtest

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestRESTServesEveryOperation sends every operation of the spec, with the
// authentication it takes, and wants an answer of the route (no 501, no
// 500, no 404 for an unknown path).
func TestRESTServesEveryOperation(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	ids := map[string]string{
		"guild_id": g.ID.String(), "channel_id": ch.ID.String(), "application_id": srv.World().ApplicationID().String(),
		"user_id": g.Members[1].User.ID.String(),
	}
	param := regexp.MustCompile(`\{([a-z_0-9]+)\}`)
	for _, sr := range specRoutes {
		path := param.ReplaceAllStringFunc(sr.Path, func(p string) string {
			if v, ok := ids[p[1:len(p)-1]]; ok {
				return v
			}
			return "123456789012345678"
		})
		client := c
		switch sr.Auth {
		case authBearer:
			client = c.with("Bearer " + DefaultBearerToken)
		case authNone:
			client = c.with("")
		}
		var body any
		if sr.Method != "GET" && sr.Method != "DELETE" {
			body = map[string]any{}
		}
		r := client.do(sr.Method, path, body)
		is.True(r.Status != http.StatusNotImplemented)      // sr.Method+" "+sr.Path
		is.True(r.Status != http.StatusInternalServerError) // sr.Method+" "+sr.Path
	}
	st := srv.Stats().REST
	is.Equal(st.Requests, len(specRoutes)-2) // every operation was sent (GET /gateway and /gateway/bot are the gateway's)
	is.Equal(st.NotImplemented, 0)
	is.Equal(st.InternalErrors, 0)
	is.Equal(st.NotFound, 0) // every path was a route
}

func TestRESTEntitlementsAndSubscriptionsPages(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	app := "/applications/" + srv.World().ApplicationID().String()
	user := g.Members[1].User.ID
	var made []string
	for range 5 {
		r := c.do("POST", app+"/entitlements", map[string]any{"sku_id": "42", "owner_id": user.String(), "owner_type": 2})
		is.Equal(r.Status, http.StatusCreated)
		made = append(made, r.JSON()["id"].(string))
	}
	is.Equal(c.do("POST", app+"/entitlements", map[string]any{"sku_id": "42", "owner_id": "1", "owner_type": 2}).JSON()["code"], 10013.0)
	// walk the pages with after
	var seen []string
	after := "0"
	for {
		var page []map[string]any
		is.NoErr(c.do("GET", app+"/entitlements?limit=2&after="+after, nil).decode(&page))
		if len(page) == 0 {
			break
		}
		is.True(len(page) <= 2)
		for _, e := range page {
			seen = append(seen, e["id"].(string))
		}
		after = page[len(page)-1]["id"].(string)
	}
	is.Equal(seen, made) // every entitlement once, in order
	var last []map[string]any
	c.do("GET", app+"/entitlements?limit=2&before="+made[4], nil).decode(&last)
	is.Equal(len(last), 2)
	is.Equal(last[1]["id"], made[3]) // before: the ones just before
	is.Equal(c.do("POST", app+"/entitlements/"+made[0]+"/consume", nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", app+"/entitlements/"+made[0], nil).JSON()["consumed"], true)
	is.Equal(c.do("DELETE", app+"/entitlements/"+made[0], nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", app+"/entitlements/"+made[0], nil).JSON()["code"], 10029.0)

	for range 3 {
		_, err := srv.AddSubscription(user, 77)
		is.NoErr(err)
	}
	var subs []map[string]any
	c.do("GET", "/skus/77/subscriptions?limit=2", nil).decode(&subs)
	is.Equal(len(subs), 2)
	var rest []map[string]any
	c.do("GET", "/skus/77/subscriptions?limit=2&after="+subs[1]["id"].(string), nil).decode(&rest)
	is.Equal(len(rest), 1)
	is.Equal(c.do("GET", "/skus/77/subscriptions/"+rest[0]["id"].(string), nil).JSON()["user_id"], user.String())
}

func TestRESTScheduledEventUsersPages(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits, MembersPerGuild: 8})
	g, _ := textChannelOf(t, srv)
	base := "/guilds/" + g.ID.String() + "/scheduled-events"
	r := c.do("POST", base, map[string]any{"name": "Party", "scheduled_start_time": "2030-01-01T00:00:00Z",
		"privacy_level": 2, "entity_type": 3, "entity_metadata": map[string]any{"location": "here"}, "scheduled_end_time": "2030-01-01T02:00:00Z"})
	is.Equal(r.Status, http.StatusOK)
	ev := r.JSON()["id"].(string)
	evID, _ := model.ParseSnowflake(ev)
	for _, m := range g.Members[1:] {
		is.NoErr(srv.AddScheduledEventUser(g.ID, evID, m.User.ID))
	}
	var all []string
	after := "0"
	for range 10 {
		var page []struct {
			User   model.User    `json:"user"`
			Member *model.Member `json:"member"`
		}
		is.NoErr(c.do("GET", base+"/"+ev+"/users?limit=3&with_member=true&after="+after, nil).decode(&page))
		if len(page) == 0 {
			break
		}
		is.True(page[0].Member != nil) // with_member
		for _, u := range page {
			all = append(all, u.User.ID.String())
		}
		after = all[len(all)-1]
	}
	is.Equal(len(all), len(g.Members)-1)
	is.Equal(c.do("GET", base+"/"+ev+"/users/counts", nil).JSON()["guild_scheduled_event_count"], float64(len(g.Members)-1))

	r = c.do("POST", base+"/"+ev+"/exceptions", map[string]any{"original_scheduled_start_time": "2030-01-08T00:00:00Z", "is_canceled": true})
	is.Equal(r.Status, http.StatusOK)
	exc := r.JSON()["event_exception_id"].(string)
	is.Equal(c.do("PATCH", base+"/"+ev+"/exceptions/"+exc, map[string]any{"is_canceled": false}).JSON()["is_canceled"], false)
	is.Equal(c.do("DELETE", base+"/"+ev+"/exceptions/"+exc, nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", base+"/"+ev+"/exceptions/"+exc, nil).JSON()["code"], 10071.0)
}

func TestRESTLobbies(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	u1, u2 := g.Members[1].User.ID.String(), g.Members[2].User.ID.String()
	r := c.do("POST", "/lobbies", map[string]any{"metadata": map[string]string{"mode": "duel"}, "members": []any{map[string]any{"id": u1}}})
	is.Equal(r.Status, http.StatusOK)
	lobby := "/lobbies/" + r.JSON()["id"].(string)
	is.Equal(c.do("PUT", lobby+"/members/"+u2, map[string]any{"flags": 1}).Status, http.StatusOK)
	var got struct {
		Members []map[string]any `json:"members"`
	}
	c.do("GET", lobby, nil).decode(&got)
	is.Equal(len(got.Members), 2)
	is.Equal(c.do("POST", lobby+"/members/@me/invites", nil).JSON()["code"], 50211.0) // not linked yet
	is.Equal(c.do("PATCH", lobby+"/channel-linking", map[string]any{"channel_id": ch.ID.String()}).Status, http.StatusOK)
	is.True(c.do("POST", lobby+"/members/@me/invites", nil).JSON()["code"] != nil)
	for i := range 3 {
		is.Equal(c.do("POST", lobby+"/messages", map[string]any{"content": "m" + string(rune('0'+i))}).Status, http.StatusOK)
	}
	var msgs []map[string]any
	c.do("GET", lobby+"/messages?limit=2", nil).decode(&msgs)
	is.Equal(len(msgs), 2)
	is.Equal(msgs[0]["content"], "m2") // newest first
	is.Equal(c.do("DELETE", lobby+"/members/"+u2, nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", lobby, nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", lobby, nil).JSON()["code"], 10031.0)

	// a partner SDK token works as a Bearer token
	tok := c.with("").do("POST", "/partner-sdk/token", map[string]any{"external_auth_type": "OIDC"}).JSON()["access_token"].(string)
	is.Equal(c.with("Bearer "+tok).do("GET", "/oauth2/userinfo", nil).Status, http.StatusOK)
}

func TestRESTAuditLogAndSettings(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	guild := "/guilds/" + g.ID.String()
	var roles []string
	for i := range 5 {
		req, _ := http.NewRequest("POST", srv.URL()+guild+"/roles", strings.NewReader(`{"name":"r`+string(rune('0'+i))+`"}`))
		req.Header.Set("Authorization", "Bot "+srv.Token())
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Audit-Log-Reason", "setting%20up")
		r := c.send(req)
		is.Equal(r.Status, http.StatusOK)
		roles = append(roles, r.JSON()["id"].(string))
	}
	is.Equal(c.do("PATCH", "/channels/"+ch.ID.String(), map[string]any{"topic": "t"}).Status, http.StatusOK)
	type entry struct {
		ID         string  `json:"id"`
		ActionType int     `json:"action_type"`
		TargetID   *string `json:"target_id"`
		Reason     *string `json:"reason"`
	}
	var log struct {
		Entries []entry `json:"audit_log_entries"`
	}
	is.NoErr(c.do("GET", guild+"/audit-logs?limit=2", nil).decode(&log))
	is.Equal(len(log.Entries), 2)
	is.Equal(log.Entries[0].ActionType, 11) // newest first: the channel update
	is.Equal(*log.Entries[0].TargetID, ch.ID.String())
	is.Equal(*log.Entries[1].Reason, "setting up") // the header, decoded
	var all []entry
	before := ""
	for range 10 {
		var page struct {
			Entries []entry `json:"audit_log_entries"`
		}
		q := guild + "/audit-logs?action_type=30&limit=2"
		if before != "" {
			q += "&before=" + before
		}
		is.NoErr(c.do("GET", q, nil).decode(&page))
		if len(page.Entries) == 0 {
			break
		}
		all = append(all, page.Entries...)
		before = page.Entries[len(page.Entries)-1].ID
	}
	is.Equal(len(all), 5) // every role create, over three pages

	// settings persist
	is.Equal(c.do("PATCH", guild+"/widget", map[string]any{"enabled": true, "channel_id": ch.ID.String()}).Status, http.StatusOK)
	is.Equal(c.do("GET", guild+"/widget", nil).JSON()["enabled"], true)
	is.Equal(c.do("PUT", guild+"/onboarding", map[string]any{"enabled": true, "default_channel_ids": []string{ch.ID.String()}}).Status, http.StatusOK)
	is.Equal(c.do("GET", guild+"/onboarding", nil).JSON()["enabled"], true)
	is.Equal(c.do("PATCH", guild+"/welcome-screen", map[string]any{"description": "hi"}).Status, http.StatusOK)
	is.Equal(c.do("GET", guild+"/welcome-screen", nil).JSON()["description"], "hi")
	app := "/applications/" + srv.World().ApplicationID().String()
	is.Equal(c.do("PUT", app+"/role-connections/metadata", []any{map[string]any{"type": 1, "key": "level", "name": "Level", "description": "d"}}).Status, http.StatusOK)
	var md []map[string]any
	c.do("GET", app+"/role-connections/metadata", nil).decode(&md)
	is.Equal(len(md), 1)
}

func TestRESTCommandPermissions(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	base := "/applications/" + srv.World().ApplicationID().String() + "/guilds/" + g.ID.String() + "/commands"
	cmd := c.do("POST", base, map[string]any{"name": "ban", "description": "Ban"}).JSON()["id"].(string)
	perms := map[string]any{"permissions": []any{map[string]any{"id": g.ID.String(), "type": 1, "permission": false}}}
	is.Equal(c.do("PUT", base+"/"+cmd+"/permissions", perms).Status, http.StatusUnauthorized) // a bot may not
	is.Equal(c.do("GET", base+"/"+cmd+"/permissions", nil).JSON()["code"], 10066.0)
	bearer := c.with("Bearer " + DefaultBearerToken)
	is.Equal(bearer.do("PUT", base+"/"+cmd+"/permissions", perms).Status, http.StatusOK)
	is.Equal(len(c.do("GET", base+"/"+cmd+"/permissions", nil).JSON()["permissions"].([]any)), 1)
	var list []map[string]any
	c.do("GET", base+"/permissions", nil).decode(&list)
	is.Equal(len(list), 1)
	is.Equal(len(srv.Commands(g.ID)), 1)
	is.Equal(srv.Commands(g.ID)[0].Name, "ban")
}
