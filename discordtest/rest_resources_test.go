package discordtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestRESTResources(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	gp := "/guilds/" + g.ID.String()

	// a collection: auto-moderation rules
	r := c.do("POST", gp+"/auto-moderation/rules", map[string]any{"name": "no spam", "event_type": 1, "trigger_type": 3, "actions": []any{map[string]any{"type": 1}}})
	is.Equal(r.Status, http.StatusOK)
	rule := r.JSON()
	is.Equal(rule["guild_id"], g.ID.String())
	is.Equal(rule["enabled"], false) // a default
	rp := gp + "/auto-moderation/rules/" + rule["id"].(string)
	is.Equal(c.do("PATCH", rp, map[string]any{"enabled": true}).JSON()["enabled"], true)
	var rules []map[string]any
	c.do("GET", gp+"/auto-moderation/rules", nil).decode(&rules)
	is.Equal(len(rules), 1)
	is.Equal(c.do("DELETE", rp, nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", rp, nil).JSON()["code"], 10066.0)
	r = c.do("POST", gp+"/auto-moderation/rules", map[string]any{"name": "x"})
	is.True(strings.Contains(string(r.Body), `"event_type":{"_errors":[{"code":"BASE_TYPE_REQUIRED"`))

	// guild emojis live in the World, and reactions can use them
	r = c.do("POST", gp+"/emojis", map[string]any{"name": "wave", "image": "data:image/png;base64,AAAA"})
	is.Equal(r.Status, http.StatusCreated)
	emoji := r.JSON()
	g2, _ := srv.World().Guild(g.ID)
	is.Equal(len(g2.Emojis), len(g.Emojis)+1)
	is.Equal(c.do("PATCH", gp+"/emojis/"+emoji["id"].(string), map[string]any{"name": "wave2"}).JSON()["name"], "wave2")
	is.Equal(c.do("DELETE", gp+"/emojis/"+emoji["id"].(string), nil).Status, http.StatusNoContent)
	is.Equal(c.do("GET", gp+"/emojis/"+emoji["id"].(string), nil).Status, http.StatusNotFound)

	// invites
	r = c.do("POST", "/channels/"+ch.ID.String()+"/invites", map[string]any{"max_age": 3600})
	is.Equal(r.Status, http.StatusOK)
	code := r.JSON()["code"].(string)
	is.Equal(c.do("GET", "/invites/"+code, nil).JSON()["code"], code)
	var invs []map[string]any
	c.do("GET", gp+"/invites", nil).decode(&invs)
	is.Equal(len(invs), 1)
	is.Equal(c.do("DELETE", "/invites/"+code, nil).Status, http.StatusOK)
	is.Equal(c.do("GET", "/invites/"+code, nil).JSON()["code"], 10006.0)

	// permission overwrites change the World's channel
	uid := g.Members[1].User.ID.String()
	is.Equal(c.do("PUT", "/channels/"+ch.ID.String()+"/permissions/"+uid, map[string]any{"type": 1, "allow": "1024"}).Status, http.StatusNoContent)
	ch2, _ := srv.World().Channel(ch.ID)
	is.Equal(len(ch2.PermissionOverwrites), len(ch.PermissionOverwrites)+1)
	is.Equal(c.do("DELETE", "/channels/"+ch.ID.String()+"/permissions/"+uid, nil).Status, http.StatusNoContent)
	is.Equal(c.do("DELETE", "/channels/"+ch.ID.String()+"/permissions/"+uid, nil).JSON()["code"], 10009.0)

	// answers without state
	is.Equal(c.do("GET", "/applications/@me", nil).JSON()["id"], srv.World().ApplicationID().String())
	is.Equal(c.do("GET", "/voice/regions", nil).Status, http.StatusOK)
	is.Equal(c.do("GET", gp+"/audit-logs", nil).Status, http.StatusOK)
	is.Equal(c.do("GET", "/guilds/1/audit-logs", nil).JSON()["code"], 10004.0)
}

// Deleting a scheduled event deletes its interested users and exceptions
// with it.
func TestRESTScheduledEventDeleteClearsUsers(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, _ := textChannelOf(t, srv)
	base := "/guilds/" + g.ID.String() + "/scheduled-events"
	r := c.do("POST", base, map[string]any{"name": "picnic", "privacy_level": 2, "entity_type": 3,
		"scheduled_start_time": "2030-01-02T15:04:05+00:00", "entity_metadata": map[string]any{"location": "park"}})
	is.Equal(r.Status, http.StatusOK)
	id := r.JSON()["id"].(string)
	ev, err := model.ParseSnowflake(id)
	is.NoErr(err)
	is.NoErr(srv.AddScheduledEventUser(g.ID, ev, g.Members[1].User.ID))
	is.Equal(c.do("POST", base+"/"+id+"/exceptions", map[string]any{"original_scheduled_start_time": "2030-01-09T15:04:05Z", "is_canceled": true}).Status/100, 2)
	is.Equal(c.do("DELETE", base+"/"+id, nil).Status, http.StatusNoContent)
	d := srv.rest.data
	d.mu.Lock()
	_, users := d.objects["event_users"][id]
	_, exceptions := d.objects["event_exceptions"][id]
	d.mu.Unlock()
	is.True(!users)      // no interested users left behind
	is.True(!exceptions) // nor exceptions
}
