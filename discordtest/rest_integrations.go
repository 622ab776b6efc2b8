package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/gloamdev/gloam/model"
)

// integrations are kept per guild as JSON objects, in the order added.
const integrationsKind = "integrations"

var errUnknownIntegration = errUnknown(10005, "Integration")

// SetIntegration adds an integration to a guild, as when a member adds an
// application to it (type "discord") or links a Twitch or YouTube account,
// or replaces the integration of the same ID. GET
// /guilds/{guild_id}/integrations lists it and DELETE removes it. The
// guild's shard gets INTEGRATION_CREATE (INTEGRATION_UPDATE when it
// replaces one), then GUILD_INTEGRATIONS_UPDATE, as Discord sends them.
// A zero ID gets a fresh one; the integration stored is returned.
func (s *Server) SetIntegration(guildID model.GuildID, in model.Integration) (model.Integration, error) {
	if _, ok := s.world.Guild(guildID); !ok {
		return in, fmt.Errorf("discordtest: set integration: guild %d: %w", guildID, ErrUnknown)
	}
	if in.ID == 0 {
		in.ID = model.IntegrationID(s.world.NewID())
	}
	in.GuildID = guildID
	b, err := json.Marshal(in)
	if err != nil {
		return in, fmt.Errorf("discordtest: set integration: %w", err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		return in, fmt.Errorf("discordtest: set integration: %w", err)
	}
	delete(obj, "guild_id") // the REST API's integrations leave it out
	d := s.rest.data
	d.mu.Lock()
	_, i := d.storeFind(integrationsKind, guildID.String(), "id", in.ID.String())
	event := "INTEGRATION_CREATE"
	if i >= 0 {
		d.objects[integrationsKind][guildID.String()][i] = obj
		event = "INTEGRATION_UPDATE"
	} else {
		d.storeAdd(integrationsKind, guildID.String(), obj)
	}
	d.mu.Unlock()
	ev := in
	ev.User = nil // the events leave the user out
	s.rest.dispatch(guildID, event, ev)
	s.rest.dispatch(guildID, "GUILD_INTEGRATIONS_UPDATE", map[string]any{"guild_id": guildID})
	return in, nil
}

// guildIntegrations answers GET /guilds/{guild_id}/integrations.
func (c *restCall) guildIntegrations() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageGuild) {
		return
	}
	out := c.rs.data.storeList(integrationsKind, g.ID.String())
	c.json(http.StatusOK, out)
}

// deleteIntegration answers DELETE /guilds/{guild_id}/integrations/{id}:
// INTEGRATION_DELETE, then GUILD_INTEGRATIONS_UPDATE.
func (c *restCall) deleteIntegration() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageGuild) {
		return
	}
	key := g.ID.String()
	d := c.rs.data
	d.mu.Lock()
	obj, i := d.storeFind(integrationsKind, key, "id", c.param("integration_id"))
	if obj != nil {
		d.objects[integrationsKind][key] = slices.Delete(d.objects[integrationsKind][key], i, i+1)
	}
	d.mu.Unlock()
	if obj == nil {
		c.fail(errUnknownIntegration)
		return
	}
	ev := map[string]any{"id": obj["id"], "guild_id": key}
	if app, ok := obj["application"].(map[string]any); ok {
		ev["application_id"] = app["id"]
	}
	c.rs.dispatch(g.ID, "INTEGRATION_DELETE", ev)
	c.rs.dispatch(g.ID, "GUILD_INTEGRATIONS_UPDATE", map[string]any{"guild_id": key})
	c.noContent()
}
