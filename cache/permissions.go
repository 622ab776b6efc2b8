package cache

import (
	"time"

	"github.com/gloamdev/gloam/model"
)

// The permissions are computed by model's functions (BasePermissions,
// OverwritePermissions, ImplicitPermissions) over the cached guild, roles,
// member and channel.

// GuildPermissions is a member's guild-level permissions, with a timeout
// applied. It returns ErrNotFound when the guild or the member is not
// cached.
func (c *Cache) GuildPermissions(guild model.GuildID, user model.UserID) (model.Permissions, error) {
	g, ok := c.Guild(guild)
	if !ok {
		return 0, errorf("guild permissions", ErrNotFound)
	}
	m, ok := c.Member(guild, user)
	if !ok {
		return 0, errorf("guild permissions", ErrNotFound)
	}
	p := model.BasePermissions(g.ID, g.OwnerID, m.UserID, m.Roles, c.rolePerms(guild))
	if p != model.PermissionsAll && m.CommunicationDisabledUntil.After(time.Now()) {
		p &= model.TimeoutPermissions
	}
	return p, nil
}

// ChannelPermissions is a member's permissions in a channel or thread (a
// thread has its parent's overwrites): base permissions, overwrites, then
// the implicit rules (no VIEW_CHANNEL gives 0; timeouts). It returns
// ErrNotFound when the channel, its guild or the member is not cached.
func (c *Cache) ChannelPermissions(channel model.ChannelID, user model.UserID) (model.Permissions, error) {
	ch, ok := c.Channel(channel)
	if !ok {
		return 0, errorf("channel permissions", ErrNotFound)
	}
	typ := ch.Type
	if typ.IsThread() {
		if ch, ok = c.Channel(ch.ParentID); !ok {
			return 0, errorf("channel permissions", ErrNotFound)
		}
	}
	g, ok := c.Guild(ch.GuildID)
	if !ok {
		return 0, errorf("channel permissions", ErrNotFound)
	}
	m, ok := c.Member(ch.GuildID, user)
	if !ok {
		return 0, errorf("channel permissions", ErrNotFound)
	}
	p := model.BasePermissions(g.ID, g.OwnerID, m.UserID, m.Roles, c.rolePerms(ch.GuildID))
	p = model.OverwritePermissions(p, g.ID, m.UserID, m.Roles, ch.PermissionOverwrites)
	return model.ImplicitPermissions(p, typ, m.CommunicationDisabledUntil.After(time.Now())), nil
}

// rolePerms looks up the permissions of a cached role of guild g.
func (c *Cache) rolePerms(g model.GuildID) func(model.RoleID) (model.Permissions, bool) {
	return func(id model.RoleID) (model.Permissions, bool) {
		r, ok := c.Role(g, id)
		return r.Permissions, ok
	}
}
