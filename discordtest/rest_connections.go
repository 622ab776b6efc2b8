package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gloamdev/gloam/model"
)

const connectionsKind = "connections"

// AddConnection links an account of another service (conn.Type, e.g.
// "github") to a World user, as the user would in their settings; GET
// /users/@me/connections lists the connections of the token's user. A
// connection of the same type and ID replaces the one there.
func (s *Server) AddConnection(userID model.UserID, conn model.Connection) error {
	if _, ok := s.World().User(userID); !ok {
		return fmt.Errorf("discordtest: add connection: user %d: %w", userID, ErrUnknown)
	}
	if conn.Type == "" || conn.ID == "" {
		return fmt.Errorf("discordtest: add connection: a connection needs a type and an ID")
	}
	b, err := json.Marshal(conn)
	if err != nil {
		return err
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	if obj["integrations"] == nil {
		obj["integrations"] = []any{}
	}
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	key := userID.String()
	for i, o := range d.objects[connectionsKind][key] {
		if o["type"] == conn.Type && o["id"] == conn.ID {
			d.objects[connectionsKind][key][i] = obj
			return nil
		}
	}
	d.storeAdd(connectionsKind, key, obj)
	return nil
}

// myConnections answers GET /users/@me/connections with the connections
// of the token's user.
func (c *restCall) myConnections() {
	out := c.rs.data.storeList(connectionsKind, c.bearerUser().ID.String())
	c.json(http.StatusOK, out)
}

// vanityURL answers GET /guilds/{guild_id}/vanity-url from the guild's
// vanity_url_code (null without one) and the joins through it.
func (c *restCall) vanityURL() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageGuild) {
		return
	}
	c.json(http.StatusOK, map[string]any{"code": g.VanityURLCode, "uses": g.VanityURLUses})
}
