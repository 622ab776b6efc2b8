package model

// Permissions and their computation. The documented bits follow
// ../shared/discord-api/permissions.tsv; TestFlagsMatchDocs keeps them in
// step.

// Permissions is a permission bitset. It is JSON as a decimal string (and
// also accepts a number); bits gloam does not name are kept.
type Permissions uint64

// PermissionsAll is every documented permission.
var PermissionsAll = func() Permissions {
	var all Permissions
	for _, n := range permissionNames {
		all |= Permissions(n.bit)
	}
	return all
}()

// Has reports whether every bit of o is set in p.
func (p Permissions) Has(o Permissions) bool { return p&o == o }

// String lists the named bits, joined by "|", with unknown bits in hex.
func (p Permissions) String() string { return flagString(uint64(p), permissionNames[:]) }

// MarshalJSON encodes p as a decimal string.
func (p Permissions) MarshalJSON() ([]byte, error) { return appendSnowflake(nil, uint64(p)), nil }

// UnmarshalJSON accepts a decimal string or a number.
func (p *Permissions) UnmarshalJSON(b []byte) error {
	v, err := parseSnowflakeJSON(b)
	if err != nil {
		return &FlagsError{Input: string(b)}
	}
	*p = Permissions(v)
	return nil
}

// Permissions, as documented.
const (
	PermissionCreateInstantInvite              Permissions = 1 << 0
	PermissionKickMembers                      Permissions = 1 << 1
	PermissionBanMembers                       Permissions = 1 << 2
	PermissionAdministrator                    Permissions = 1 << 3
	PermissionManageChannels                   Permissions = 1 << 4
	PermissionManageGuild                      Permissions = 1 << 5
	PermissionAddReactions                     Permissions = 1 << 6
	PermissionViewAuditLog                     Permissions = 1 << 7
	PermissionPrioritySpeaker                  Permissions = 1 << 8
	PermissionStream                           Permissions = 1 << 9
	PermissionViewChannel                      Permissions = 1 << 10
	PermissionSendMessages                     Permissions = 1 << 11
	PermissionSendTtsMessages                  Permissions = 1 << 12
	PermissionManageMessages                   Permissions = 1 << 13
	PermissionEmbedLinks                       Permissions = 1 << 14
	PermissionAttachFiles                      Permissions = 1 << 15
	PermissionReadMessageHistory               Permissions = 1 << 16
	PermissionMentionEveryone                  Permissions = 1 << 17
	PermissionUseExternalEmojis                Permissions = 1 << 18
	PermissionViewGuildInsights                Permissions = 1 << 19
	PermissionConnect                          Permissions = 1 << 20
	PermissionSpeak                            Permissions = 1 << 21
	PermissionMuteMembers                      Permissions = 1 << 22
	PermissionDeafenMembers                    Permissions = 1 << 23
	PermissionMoveMembers                      Permissions = 1 << 24
	PermissionUseVad                           Permissions = 1 << 25
	PermissionChangeNickname                   Permissions = 1 << 26
	PermissionManageNicknames                  Permissions = 1 << 27
	PermissionManageRoles                      Permissions = 1 << 28
	PermissionManageWebhooks                   Permissions = 1 << 29
	PermissionManageGuildExpressions           Permissions = 1 << 30
	PermissionUseApplicationCommands           Permissions = 1 << 31
	PermissionRequestToSpeak                   Permissions = 1 << 32
	PermissionManageEvents                     Permissions = 1 << 33
	PermissionManageThreads                    Permissions = 1 << 34
	PermissionCreatePublicThreads              Permissions = 1 << 35
	PermissionCreatePrivateThreads             Permissions = 1 << 36
	PermissionUseExternalStickers              Permissions = 1 << 37
	PermissionSendMessagesInThreads            Permissions = 1 << 38
	PermissionUseEmbeddedActivities            Permissions = 1 << 39
	PermissionModerateMembers                  Permissions = 1 << 40
	PermissionViewCreatorMonetizationAnalytics Permissions = 1 << 41
	PermissionUseSoundboard                    Permissions = 1 << 42
	PermissionCreateGuildExpressions           Permissions = 1 << 43
	PermissionCreateEvents                     Permissions = 1 << 44
	PermissionUseExternalSounds                Permissions = 1 << 45
	PermissionSendVoiceMessages                Permissions = 1 << 46
	PermissionSetVoiceChannelStatus            Permissions = 1 << 48
	PermissionSendPolls                        Permissions = 1 << 49
	PermissionUseExternalApps                  Permissions = 1 << 50
	PermissionPinMessages                      Permissions = 1 << 51
	PermissionBypassSlowmode                   Permissions = 1 << 52
)

var permissionNames = [...]flagName{
	{uint64(PermissionCreateInstantInvite), "CREATE_INSTANT_INVITE"},
	{uint64(PermissionKickMembers), "KICK_MEMBERS"},
	{uint64(PermissionBanMembers), "BAN_MEMBERS"},
	{uint64(PermissionAdministrator), "ADMINISTRATOR"},
	{uint64(PermissionManageChannels), "MANAGE_CHANNELS"},
	{uint64(PermissionManageGuild), "MANAGE_GUILD"},
	{uint64(PermissionAddReactions), "ADD_REACTIONS"},
	{uint64(PermissionViewAuditLog), "VIEW_AUDIT_LOG"},
	{uint64(PermissionPrioritySpeaker), "PRIORITY_SPEAKER"},
	{uint64(PermissionStream), "STREAM"},
	{uint64(PermissionViewChannel), "VIEW_CHANNEL"},
	{uint64(PermissionSendMessages), "SEND_MESSAGES"},
	{uint64(PermissionSendTtsMessages), "SEND_TTS_MESSAGES"},
	{uint64(PermissionManageMessages), "MANAGE_MESSAGES"},
	{uint64(PermissionEmbedLinks), "EMBED_LINKS"},
	{uint64(PermissionAttachFiles), "ATTACH_FILES"},
	{uint64(PermissionReadMessageHistory), "READ_MESSAGE_HISTORY"},
	{uint64(PermissionMentionEveryone), "MENTION_EVERYONE"},
	{uint64(PermissionUseExternalEmojis), "USE_EXTERNAL_EMOJIS"},
	{uint64(PermissionViewGuildInsights), "VIEW_GUILD_INSIGHTS"},
	{uint64(PermissionConnect), "CONNECT"},
	{uint64(PermissionSpeak), "SPEAK"},
	{uint64(PermissionMuteMembers), "MUTE_MEMBERS"},
	{uint64(PermissionDeafenMembers), "DEAFEN_MEMBERS"},
	{uint64(PermissionMoveMembers), "MOVE_MEMBERS"},
	{uint64(PermissionUseVad), "USE_VAD"},
	{uint64(PermissionChangeNickname), "CHANGE_NICKNAME"},
	{uint64(PermissionManageNicknames), "MANAGE_NICKNAMES"},
	{uint64(PermissionManageRoles), "MANAGE_ROLES"},
	{uint64(PermissionManageWebhooks), "MANAGE_WEBHOOKS"},
	{uint64(PermissionManageGuildExpressions), "MANAGE_GUILD_EXPRESSIONS"},
	{uint64(PermissionUseApplicationCommands), "USE_APPLICATION_COMMANDS"},
	{uint64(PermissionRequestToSpeak), "REQUEST_TO_SPEAK"},
	{uint64(PermissionManageEvents), "MANAGE_EVENTS"},
	{uint64(PermissionManageThreads), "MANAGE_THREADS"},
	{uint64(PermissionCreatePublicThreads), "CREATE_PUBLIC_THREADS"},
	{uint64(PermissionCreatePrivateThreads), "CREATE_PRIVATE_THREADS"},
	{uint64(PermissionUseExternalStickers), "USE_EXTERNAL_STICKERS"},
	{uint64(PermissionSendMessagesInThreads), "SEND_MESSAGES_IN_THREADS"},
	{uint64(PermissionUseEmbeddedActivities), "USE_EMBEDDED_ACTIVITIES"},
	{uint64(PermissionModerateMembers), "MODERATE_MEMBERS"},
	{uint64(PermissionViewCreatorMonetizationAnalytics), "VIEW_CREATOR_MONETIZATION_ANALYTICS"},
	{uint64(PermissionUseSoundboard), "USE_SOUNDBOARD"},
	{uint64(PermissionCreateGuildExpressions), "CREATE_GUILD_EXPRESSIONS"},
	{uint64(PermissionCreateEvents), "CREATE_EVENTS"},
	{uint64(PermissionUseExternalSounds), "USE_EXTERNAL_SOUNDS"},
	{uint64(PermissionSendVoiceMessages), "SEND_VOICE_MESSAGES"},
	{uint64(PermissionSetVoiceChannelStatus), "SET_VOICE_CHANNEL_STATUS"},
	{uint64(PermissionSendPolls), "SEND_POLLS"},
	{uint64(PermissionUseExternalApps), "USE_EXTERNAL_APPS"},
	{uint64(PermissionPinMessages), "PIN_MESSAGES"},
	{uint64(PermissionBypassSlowmode), "BYPASS_SLOWMODE"},
}

// Permission computation, as Discord documents it in "Permission
// Hierarchy" and "Implicit Permissions": the @everyone role, then the
// member's roles; the owner and administrators have every permission; in
// a channel the overwrites apply in order: @everyone's, the roles' (all
// denies, then all allows), the member's; then the implicit rules. These
// functions are the one implementation: the methods of Guild and the
// cache call them.

// BasePermissions is a member's guild-wide permissions: every permission
// for the guild's owner; otherwise those of the @everyone role (the role
// whose ID is the guild's) and of the member's roles, and every
// permission when they include ADMINISTRATOR. rolePerms looks up a role's
// permissions; roles it does not find are ignored.
func BasePermissions(guild GuildID, owner, user UserID, roles []RoleID, rolePerms func(RoleID) (Permissions, bool)) Permissions {
	if owner != 0 && user == owner {
		return PermissionsAll
	}
	p, _ := rolePerms(RoleID(guild))
	for _, id := range roles {
		if rp, ok := rolePerms(id); ok {
			p |= rp
		}
	}
	if p.Has(PermissionAdministrator) {
		return PermissionsAll
	}
	return p
}

// OverwritePermissions applies a channel's permission overwrites to a
// member's base permissions, in Discord's order: the @everyone overwrite,
// then the overwrites of the member's roles together (all denies, then
// all allows), then the member's own. Administrators (base of every
// permission) keep everything.
func OverwritePermissions(base Permissions, guild GuildID, user UserID, roles []RoleID, overwrites []PermissionOverwrite) Permissions {
	if base.Has(PermissionAdministrator) || base == PermissionsAll {
		return PermissionsAll
	}
	p := base
	var allow, deny Permissions
	var member *PermissionOverwrite
	for i := range overwrites {
		o := &overwrites[i]
		switch {
		case o.Type == OverwriteRole && uint64(o.ID) == uint64(guild):
			p = p&^o.Deny | o.Allow
		case o.Type == OverwriteRole && hasRole(roles, RoleID(o.ID)):
			allow |= o.Allow
			deny |= o.Deny
		case o.Type == OverwriteMember && uint64(o.ID) == uint64(user):
			member = o
		}
	}
	p = p&^deny | allow
	if member != nil {
		p = p&^member.Deny | member.Allow
	}
	return p
}

// sendImplied are the permissions that need SEND_MESSAGES (in a thread,
// SEND_MESSAGES_IN_THREADS).
const sendImplied = PermissionMentionEveryone | PermissionSendTtsMessages | PermissionAttachFiles | PermissionEmbedLinks

// TimeoutPermissions are what a member in timeout keeps.
const TimeoutPermissions = PermissionViewChannel | PermissionReadMessageHistory

// ImplicitPermissions applies the rules Discord documents beyond the
// overwrites to a member's permissions in a channel of type t: without
// VIEW_CHANNEL nothing is left; where sending takes SEND_MESSAGES (or
// SEND_MESSAGES_IN_THREADS in a thread) and it is missing, the
// permissions that send go too; in a voice or stage channel without
// CONNECT only VIEW_CHANNEL counts; a member in timeout keeps only
// TimeoutPermissions. Owners and administrators (every permission) are
// exempt from all of it.
func ImplicitPermissions(p Permissions, t ChannelType, timedOut bool) Permissions {
	if p == PermissionsAll {
		return p
	}
	if !p.Has(PermissionViewChannel) {
		return 0
	}
	voice := t == ChannelGuildVoice || t == ChannelGuildStageVoice
	send := PermissionSendMessages
	if t.IsThread() {
		send = PermissionSendMessagesInThreads
	}
	if !voice && !p.Has(send) {
		p &^= sendImplied
	}
	if voice && !p.Has(PermissionConnect) {
		p &= PermissionViewChannel
	}
	if timedOut {
		p &= TimeoutPermissions
	}
	return p
}

// MemberPermissions is the guild-wide permissions of the member with the
// given user ID and roles (BasePermissions over g's roles).
func (g *Guild) MemberPermissions(userID UserID, roles []RoleID) Permissions {
	return BasePermissions(g.ID, g.OwnerID, userID, roles, g.rolePermissions)
}

func (g *Guild) rolePermissions(id RoleID) (Permissions, bool) {
	for i := range g.Roles {
		if g.Roles[i].ID == id {
			return g.Roles[i].Permissions, true
		}
	}
	return 0, false
}

// ChannelPermissions is the permissions of the member with the given user
// ID and roles in ch: MemberPermissions, ch's overwrites, then the
// implicit rules for ch's type. For a thread, pass the thread (its type
// decides the rules) with its parent's overwrites: threads have none of
// their own. A member in timeout keeps less (ImplicitPermissions); that
// is for the caller to apply, as it depends on the time.
func (g *Guild) ChannelPermissions(userID UserID, roles []RoleID, ch *Channel) Permissions {
	p := g.MemberPermissions(userID, roles)
	p = OverwritePermissions(p, g.ID, userID, roles, ch.PermissionOverwrites)
	return ImplicitPermissions(p, ch.Type, false)
}

func hasRole(roles []RoleID, id RoleID) bool {
	for _, r := range roles {
		if r == id {
			return true
		}
	}
	return false
}
