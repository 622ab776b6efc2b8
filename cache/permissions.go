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
	return c.channelPermissions(&g, &ch, typ, m.UserID, m.Roles, m.CommunicationDisabledUntil), nil
}

// MemberChannelPermissions is the permissions in a cached channel or
// thread of a member the cache need not hold, such as the member of an
// interaction (its User is needed, for the ID): its roles and timeout
// are taken from m, the guild, roles and overwrites from the cache. It
// returns ErrNotFound when the channel or its guild is not cached, and
// ErrNotFound too when m has no user.
func (c *Cache) MemberChannelPermissions(channel model.ChannelID, m *model.Member) (model.Permissions, error) {
	if m.User == nil || m.User.ID == 0 {
		return 0, errorf("member channel permissions", ErrNotFound)
	}
	ch, ok := c.Channel(channel)
	if !ok {
		return 0, errorf("member channel permissions", ErrNotFound)
	}
	typ := ch.Type
	if typ.IsThread() {
		if ch, ok = c.Channel(ch.ParentID); !ok {
			return 0, errorf("member channel permissions", ErrNotFound)
		}
	}
	g, ok := c.Guild(ch.GuildID)
	if !ok {
		return 0, errorf("member channel permissions", ErrNotFound)
	}
	return c.channelPermissions(&g, &ch, typ, m.User.ID, m.Roles, m.CommunicationDisabledUntil.Time), nil
}

// channelPermissions computes, with model's functions, the permissions of
// a member in ch (for a thread, its parent), whose own type is typ.
func (c *Cache) channelPermissions(g *Guild, ch *Channel, typ model.ChannelType, user model.UserID, roles []model.RoleID, timeout time.Time) model.Permissions {
	p := model.BasePermissions(g.ID, g.OwnerID, user, roles, c.rolePerms(ch.GuildID))
	p = model.OverwritePermissions(p, g.ID, user, roles, ch.PermissionOverwrites)
	return model.ImplicitPermissions(p, typ, timeout.After(time.Now()))
}

// rolePerms looks up the permissions of a cached role of guild g.
func (c *Cache) rolePerms(g model.GuildID) func(model.RoleID) (model.Permissions, bool) {
	return func(id model.RoleID) (model.Permissions, bool) {
		r, ok := c.Role(g, id)
		return r.Permissions, ok
	}
}
