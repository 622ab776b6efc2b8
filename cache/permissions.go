package cache

import (
	"time"

	"github.com/gloamdev/gloam/model"
)

// BasePermissions computes a member's guild-level permissions as Discord
// documents it: the owner has all; otherwise @everyone's permissions (the
// role whose ID is the guild's) or'ed with those of the member's roles;
// ADMINISTRATOR gives all. role looks a role up; roles it does not find
// are ignored.
func BasePermissions(g *Guild, m *Member, role func(model.RoleID) (Role, bool)) model.Permissions {
	if g.OwnerID == m.UserID {
		return model.PermissionsAll
	}
	var p model.Permissions
	if r, ok := role(model.RoleID(g.ID)); ok {
		p = r.Permissions
	}
	for _, id := range m.Roles {
		if r, ok := role(id); ok {
			p |= r.Permissions
		}
	}
	if p.Has(model.PermissionAdministrator) {
		return model.PermissionsAll
	}
	return p
}

// OverwritePermissions applies a channel's permission overwrites to base
// permissions, in Discord's order: the @everyone overwrite, then the
// member's roles' overwrites combined (all denies, then all allows), then
// the member's own overwrite. Administrators keep everything.
func OverwritePermissions(base model.Permissions, g *Guild, m *Member, overwrites []Overwrite) model.Permissions {
	if base.Has(model.PermissionAdministrator) || base == model.PermissionsAll {
		return model.PermissionsAll
	}
	p := base
	for _, o := range overwrites {
		if o.Type == model.OverwriteRole && o.ID == uint64(g.ID) {
			p = p&^o.Deny | o.Allow
			break
		}
	}
	var allow, deny model.Permissions
	for _, o := range overwrites {
		if o.Type != model.OverwriteRole || o.ID == uint64(g.ID) {
			continue
		}
		for _, r := range m.Roles {
			if uint64(r) == o.ID {
				allow |= o.Allow
				deny |= o.Deny
				break
			}
		}
	}
	p = p&^deny | allow
	for _, o := range overwrites {
		if o.Type == model.OverwriteMember && o.ID == uint64(m.UserID) {
			p = p&^o.Deny | o.Allow
			break
		}
	}
	return p
}

// textImplied are the permissions that need SEND_MESSAGES.
const textImplied = model.PermissionMentionEveryone | model.PermissionSendTtsMessages |
	model.PermissionAttachFiles | model.PermissionEmbedLinks

// timeoutKept are the permissions a timed-out member keeps.
const timeoutKept = model.PermissionViewChannel | model.PermissionReadMessageHistory

// implicit applies the rules Discord documents beyond overwrites: without
// VIEW_CHANNEL nothing is left; without SEND_MESSAGES in a text channel
// (SEND_MESSAGES_IN_THREADS in a thread) the permissions that send are
// gone; without CONNECT in a voice channel,
// nothing but VIEW_CHANNEL counts; a timed-out member keeps only
// VIEW_CHANNEL and READ_MESSAGE_HISTORY (owners and administrators are
// exempt).
func implicit(p model.Permissions, t model.ChannelType, m *Member, now time.Time) model.Permissions {
	if p == model.PermissionsAll {
		return p
	}
	if !p.Has(model.PermissionViewChannel) {
		return 0
	}
	send := model.PermissionSendMessages
	if t.IsThread() {
		send = model.PermissionSendMessagesInThreads // what sends in a thread
	}
	if !p.Has(send) && t != model.ChannelGuildVoice && t != model.ChannelGuildStageVoice {
		p &^= textImplied
	}
	if (t == model.ChannelGuildVoice || t == model.ChannelGuildStageVoice) && !p.Has(model.PermissionConnect) {
		p &= model.PermissionViewChannel
	}
	if m.CommunicationDisabledUntil.After(now) {
		p &= timeoutKept
	}
	return p
}

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
	p := BasePermissions(&g, &m, c.roleFunc(guild))
	if p != model.PermissionsAll && m.CommunicationDisabledUntil.After(time.Now()) {
		p &= timeoutKept
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
	p := BasePermissions(&g, &m, c.roleFunc(ch.GuildID))
	p = OverwritePermissions(p, &g, &m, ch.PermissionOverwrites)
	return implicit(p, typ, &m, time.Now()), nil
}

func (c *Cache) roleFunc(g model.GuildID) func(model.RoleID) (Role, bool) {
	return func(id model.RoleID) (Role, bool) { return c.Role(g, id) }
}
