package discordtest

import (
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

// Permissions computes a member's permissions in a guild and, when
// channelID is not zero, in that channel (a thread takes its parent's
// overwrites), following Discord's documented algorithm step by step:
//
//  1. The owner has every permission.
//  2. The base is @everyone's permissions or'd with those of the member's
//     roles; ADMINISTRATOR then gives every permission.
//  3. In a channel: the @everyone overwrite (deny, then allow), then the
//     overwrites of the member's roles together (all denies, then all
//     allows), then the member's own overwrite.
//  4. Implicit rules: without VIEW_CHANNEL in a channel, nothing in it;
//     without SEND_MESSAGES, no MENTION_EVERYONE, SEND_TTS_MESSAGES,
//     ATTACH_FILES or EMBED_LINKS.
//  5. A member in a timeout (communication_disabled_until in the future)
//     who is neither owner nor administrator keeps only VIEW_CHANNEL and
//     READ_MESSAGE_HISTORY.
//
// It is zero for a user who is not a member. Every permission means
// model.PermissionsAll.
//
// This is discordtest's own oracle, written from Discord's documentation
// independently of model's and the cache's computation: a test double
// that called the code under test would agree with it by construction
// and could never catch its mistakes. Tests compare the two.
func (w *World) Permissions(guildID model.GuildID, channelID model.ChannelID, userID model.UserID) model.Permissions {
	return permissions(w, guildID, channelID, userID)
}

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
		return model.PermissionsAll
	}
	var p model.Permissions
	for _, r := range g.Roles {
		if r.ID == model.RoleID(gid) || slices.Contains(m.Roles, r.ID) {
			p |= r.Permissions
		}
	}
	if p&model.PermissionAdministrator != 0 {
		return model.PermissionsAll
	}
	if ch != 0 {
		if c, ok := w.Channel(ch); ok {
			p = overwritten(p, c.PermissionOverwrites, gid, uid, m.Roles)
			if p&model.PermissionViewChannel == 0 {
				return 0
			}
			if p&model.PermissionSendMessages == 0 {
				p &^= model.PermissionMentionEveryone | model.PermissionSendTtsMessages | model.PermissionAttachFiles | model.PermissionEmbedLinks
			}
		}
	}
	if m.CommunicationDisabledUntil != nil && m.CommunicationDisabledUntil.After(time.Now()) {
		p &= model.PermissionViewChannel | model.PermissionReadMessageHistory
	}
	return p
}

// overwritten applies a channel's overwrites to base, in Discord's order.
func overwritten(p model.Permissions, ows []Overwrite, gid model.GuildID, uid model.UserID, roles []model.RoleID) model.Permissions {
	for _, o := range ows {
		if o.Type == model.OverwriteRole && o.ID == gid.Snowflake() {
			p = p&^o.Deny | o.Allow
		}
	}
	var allow, deny model.Permissions
	for _, o := range ows {
		if o.Type == model.OverwriteRole && o.ID != gid.Snowflake() && slices.Contains(roles, model.RoleID(o.ID)) {
			allow |= o.Allow
			deny |= o.Deny
		}
	}
	p = p&^deny | allow
	for _, o := range ows {
		if o.Type == model.OverwriteMember && o.ID == uid.Snowflake() {
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
