package discordtest

import (
	"slices"

	"github.com/gloamdev/gloam/model"
)

// permissions computes the bot's permissions in a guild and, when ch is
// not zero, in that channel (a thread takes its parent's overwrites), by
// Discord's algorithm: @everyone and the member's roles, administrator and
// ownership, then the channel's overwrites for @everyone, the roles and
// the member.
func permissions(w *World, gid model.GuildID, ch model.ChannelID, uid model.UserID) model.Permissions {
	g, ok := w.Guild(gid)
	if !ok {
		return 0
	}
	m, ok := w.Member(gid, uid)
	if !ok {
		return 0
	}
	if g.OwnerID == uid {
		return ^model.Permissions(0)
	}
	var p model.Permissions
	for _, r := range g.Roles {
		if r.ID == model.RoleID(gid) || slices.Contains(m.Roles, r.ID) {
			p |= r.Permissions
		}
	}
	if p&model.PermissionAdministrator != 0 {
		return ^model.Permissions(0)
	}
	if ch == 0 {
		return p
	}
	c, ok := w.Channel(ch)
	if !ok {
		return p
	}
	var allow, deny model.Permissions
	for _, o := range c.PermissionOverwrites {
		if o.Type == 0 && o.ID == gid.Snowflake() {
			p = p&^o.Deny | o.Allow
		}
	}
	for _, o := range c.PermissionOverwrites {
		if o.Type == 0 && o.ID != gid.Snowflake() && slices.Contains(m.Roles, model.RoleID(o.ID)) {
			allow |= o.Allow
			deny |= o.Deny
		}
	}
	p = p&^deny | allow
	for _, o := range c.PermissionOverwrites {
		if o.Type == 1 && o.ID == uid.Snowflake() {
			p = p&^o.Deny | o.Allow
		}
	}
	return p
}

// can checks that the bot has every permission of need in the guild (and
// channel, when not zero), when RESTOptions.EnforcePermissions is set. It
// answers the request and reports false when not: 50001 Missing Access
// without VIEW_CHANNEL, else 50013 Missing Permissions.
func (c *restCall) can(gid model.GuildID, ch model.ChannelID, need model.Permissions) bool {
	if !c.rs.opts.EnforcePermissions || gid == 0 {
		return true
	}
	w := c.s.World()
	if ch != 0 {
		// a thread has its parent's permissions
		d := c.rs.data
		d.mu.Lock()
		if t := d.threads[ch]; t != nil && t.ParentID != nil {
			ch = *t.ParentID
		}
		d.mu.Unlock()
	}
	p := permissions(w, gid, ch, w.Bot().ID)
	if ch != 0 && p&model.PermissionViewChannel == 0 {
		c.fail(errMissingAccess)
		return false
	}
	if p&need != need {
		c.fail(errMissingPermissions)
		return false
	}
	return true
}

// canIn is can for the channel of chanInfo.
func (c *restCall) canIn(ci chanInfo, need model.Permissions) bool {
	if ci.thread != nil && need&model.PermissionSendMessages != 0 {
		need = need&^model.PermissionSendMessages | model.PermissionSendMessagesInThreads
	}
	return c.can(ci.guildID, ci.id, need)
}
