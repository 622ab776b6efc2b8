package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rGetMember       = route("GET", "/guilds/{guild_id}/members/{user_id}")
	rListMembers     = route("GET", "/guilds/{guild_id}/members")
	rSearchMembers   = route("GET", "/guilds/{guild_id}/members/search")
	rAddMember       = route("PUT", "/guilds/{guild_id}/members/{user_id}")
	rModifyMember    = route("PATCH", "/guilds/{guild_id}/members/{user_id}")
	rModifyMe        = route("PATCH", "/guilds/{guild_id}/members/@me")
	rAddMemberRole   = route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
	rRemoveMemberRol = route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
	rKick            = route("DELETE", "/guilds/{guild_id}/members/{user_id}")
	rListRoles       = route("GET", "/guilds/{guild_id}/roles")
	rGetRole         = route("GET", "/guilds/{guild_id}/roles/{role_id}")
	rCreateRole      = route("POST", "/guilds/{guild_id}/roles")
	rModifyRole      = route("PATCH", "/guilds/{guild_id}/roles/{role_id}")
	rRolePositions   = route("PATCH", "/guilds/{guild_id}/roles")
	rDeleteRole      = route("DELETE", "/guilds/{guild_id}/roles/{role_id}")
	rRoleCounts      = route("GET", "/guilds/{guild_id}/roles/member-counts")
	rListBans        = route("GET", "/guilds/{guild_id}/bans")
	rGetBan          = route("GET", "/guilds/{guild_id}/bans/{user_id}")
	rBan             = route("PUT", "/guilds/{guild_id}/bans/{user_id}")
	rUnban           = route("DELETE", "/guilds/{guild_id}/bans/{user_id}")
	rBulkBan         = route("POST", "/guilds/{guild_id}/bulk-ban")
)

// Member gets a guild member.
func (c *Client) Member(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) (*model.Member, error) {
	return fetch[model.Member](ctx, c, rGetMember, path(guild, user), nil, nil, opts)
}

// MembersQuery pages through a guild's members in user ID order: After
// a user ID, Limit 1..1000 (zero: 1).
type MembersQuery struct {
	After model.UserID `query:"after"`
	Limit int          `query:"limit" range:"1,1000"`
}

// Members lists a page of a guild's members (needs the GUILD_MEMBERS
// intent).
func (c *Client) Members(ctx context.Context, guild model.GuildID, q *MembersQuery, opts ...RequestOption) ([]model.Member, error) {
	return list[model.Member](ctx, c, rListMembers, path(guild), q, nil, opts)
}

// MemberSearchQuery finds members whose username or nickname starts
// with Query (required); Limit 1..1000 (zero: 1).
type MemberSearchQuery struct {
	Query string `query:"query"`
	Limit int    `query:"limit" range:"1,1000"`
}

// SearchMembers finds members by the start of their name.
func (c *Client) SearchMembers(ctx context.Context, guild model.GuildID, q *MemberSearchQuery, opts ...RequestOption) ([]model.Member, error) {
	if q == nil || q.Query == "" {
		return nil, &ValidationError{Field: "query", Reason: "empty"}
	}
	return list[model.Member](ctx, c, rSearchMembers, path(guild), q, nil, opts)
}

// MemberAdd adds a user to a guild with their OAuth2 access token
// (guilds.join scope).
type MemberAdd struct {
	AccessToken string         `json:"access_token"`
	Nick        string         `json:"nick,omitempty"`
	Roles       []model.RoleID `json:"roles,omitempty"`
	Mute        bool           `json:"mute,omitempty"`
	Deaf        bool           `json:"deaf,omitempty"`
}

// AddMember adds a user to a guild; it returns nil when they were
// already a member.
func (c *Client) AddMember(ctx context.Context, guild model.GuildID, user model.UserID, m *MemberAdd, opts ...RequestOption) (*model.Member, error) {
	if err := tooLong("nick", m.Nick, MaxNickname); err != nil {
		return nil, err
	}
	var out *model.Member
	if err := c.call(ctx, rAddMember, path(guild, user), nil, m, &out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// MemberModify changes a member; fields left out stay as they are. Null
// clears: Nick removes the nickname, ChannelID disconnects from voice,
// CommunicationDisabledUntil ends a timeout, Roles removes every role.
type MemberModify struct {
	Nick                       Nullable[string]            `json:"nick,omitzero"`
	Roles                      Nullable[[]model.RoleID]    `json:"roles,omitzero"`
	Mute                       Nullable[bool]              `json:"mute,omitzero"`
	Deaf                       Nullable[bool]              `json:"deaf,omitzero"`
	ChannelID                  Nullable[model.ChannelID]   `json:"channel_id,omitzero"`
	CommunicationDisabledUntil Nullable[model.Timestamp]   `json:"communication_disabled_until,omitzero"`
	Flags                      Nullable[model.MemberFlags] `json:"flags,omitzero"`
}

// ModifyMember changes a member.
func (c *Client) ModifyMember(ctx context.Context, guild model.GuildID, user model.UserID, m *MemberModify, opts ...RequestOption) (*model.Member, error) {
	if nick, ok := m.Nick.Get(); ok {
		if err := tooLong("nick", nick, MaxNickname); err != nil {
			return nil, err
		}
	}
	return fetch[model.Member](ctx, c, rModifyMember, path(guild, user), nil, m, opts)
}

// CurrentMemberModify changes the bot's own membership; fields left out
// stay as they are, Null clears them. Images are data URIs.
type CurrentMemberModify struct {
	Nick   Nullable[string] `json:"nick,omitzero"`
	Avatar Nullable[string] `json:"avatar,omitzero"`
	Banner Nullable[string] `json:"banner,omitzero"`
	Bio    Nullable[string] `json:"bio,omitzero"`
}

// ModifyCurrentMember changes the bot's nickname, avatar, banner or bio
// in a guild.
func (c *Client) ModifyCurrentMember(ctx context.Context, guild model.GuildID, m *CurrentMemberModify, opts ...RequestOption) (*model.Member, error) {
	if nick, ok := m.Nick.Get(); ok {
		if err := tooLong("nick", nick, MaxNickname); err != nil {
			return nil, err
		}
	}
	return fetch[model.Member](ctx, c, rModifyMe, path(guild), nil, m, opts)
}

// AddMemberRole gives a member a role.
func (c *Client) AddMemberRole(ctx context.Context, guild model.GuildID, user model.UserID, role model.RoleID, opts ...RequestOption) error {
	return c.call(ctx, rAddMemberRole, path(guild, user, role), nil, nil, nil, opts)
}

// RemoveMemberRole takes a role from a member.
func (c *Client) RemoveMemberRole(ctx context.Context, guild model.GuildID, user model.UserID, role model.RoleID, opts ...RequestOption) error {
	return c.call(ctx, rRemoveMemberRol, path(guild, user, role), nil, nil, nil, opts)
}

// Kick removes a member from a guild.
func (c *Client) Kick(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rKick, path(guild, user), nil, nil, nil, opts)
}

// Roles lists a guild's roles.
func (c *Client) Roles(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Role, error) {
	return list[model.Role](ctx, c, rListRoles, path(guild), nil, nil, opts)
}

// Role gets one role.
func (c *Client) Role(ctx context.Context, guild model.GuildID, id model.RoleID, opts ...RequestOption) (*model.Role, error) {
	return fetch[model.Role](ctx, c, rGetRole, path(guild, id), nil, nil, opts)
}

// RoleCreate is a new role; zero fields take Discord's defaults.
type RoleCreate struct {
	Name         string             `json:"name,omitempty"`
	Permissions  *model.Permissions `json:"permissions,omitempty"` // nil: @everyone's
	Color        int                `json:"color,omitempty"`
	Colors       *model.RoleColors  `json:"colors,omitempty"`
	Hoist        bool               `json:"hoist,omitempty"`
	Icon         string             `json:"icon,omitempty"` // data URI
	UnicodeEmoji string             `json:"unicode_emoji,omitempty"`
	Mentionable  bool               `json:"mentionable,omitempty"`
}

// CreateRole makes a role.
func (c *Client) CreateRole(ctx context.Context, guild model.GuildID, r *RoleCreate, opts ...RequestOption) (*model.Role, error) {
	if r == nil {
		r = &RoleCreate{}
	}
	if err := tooLong("name", r.Name, MaxRoleName); err != nil {
		return nil, err
	}
	return fetch[model.Role](ctx, c, rCreateRole, path(guild), nil, r, opts)
}

// RoleModify changes a role; fields left out stay as they are, and Null
// resets one to its default (Icon and UnicodeEmoji: none).
type RoleModify struct {
	Name         Nullable[string]            `json:"name,omitzero"`
	Permissions  Nullable[model.Permissions] `json:"permissions,omitzero"`
	Color        Nullable[int]               `json:"color,omitzero"`
	Colors       Nullable[model.RoleColors]  `json:"colors,omitzero"`
	Hoist        Nullable[bool]              `json:"hoist,omitzero"`
	Icon         Nullable[string]            `json:"icon,omitzero"` // data URI
	UnicodeEmoji Nullable[string]            `json:"unicode_emoji,omitzero"`
	Mentionable  Nullable[bool]              `json:"mentionable,omitzero"`
}

// ModifyRole changes a role.
func (c *Client) ModifyRole(ctx context.Context, guild model.GuildID, id model.RoleID, m *RoleModify, opts ...RequestOption) (*model.Role, error) {
	if name, ok := m.Name.Get(); ok {
		if err := tooLong("name", name, MaxRoleName); err != nil {
			return nil, err
		}
	}
	return fetch[model.Role](ctx, c, rModifyRole, path(guild, id), nil, m, opts)
}

// RolePosition moves a role.
type RolePosition struct {
	ID       model.RoleID  `json:"id"`
	Position Nullable[int] `json:"position,omitzero"`
}

// SetRolePositions moves roles and returns all of the guild's roles.
func (c *Client) SetRolePositions(ctx context.Context, guild model.GuildID, pos []RolePosition, opts ...RequestOption) ([]model.Role, error) {
	return list[model.Role](ctx, c, rRolePositions, path(guild), nil, pos, opts)
}

// DeleteRole deletes a role.
func (c *Client) DeleteRole(ctx context.Context, guild model.GuildID, id model.RoleID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteRole, path(guild, id), nil, nil, nil, opts)
}

// RoleMemberCounts maps each role (the @everyone role excepted) to its
// number of members.
func (c *Client) RoleMemberCounts(ctx context.Context, guild model.GuildID, opts ...RequestOption) (map[model.RoleID]int, error) {
	var raw map[string]int
	if err := c.call(ctx, rRoleCounts, path(guild), nil, nil, &raw, opts); err != nil {
		return nil, err
	}
	out := make(map[model.RoleID]int, len(raw))
	for k, v := range raw {
		if id, err := model.ParseSnowflake(k); err == nil {
			out[model.RoleID(id)] = v
		}
	}
	return out, nil
}

// BansQuery pages through bans in user ID order: Before or After a user
// ID, Limit 1..1000 (zero: 1000).
type BansQuery struct {
	Before model.UserID `query:"before"`
	After  model.UserID `query:"after"`
	Limit  int          `query:"limit" range:"1,1000"`
}

// Bans lists a page of a guild's bans.
func (c *Client) Bans(ctx context.Context, guild model.GuildID, q *BansQuery, opts ...RequestOption) ([]model.Ban, error) {
	return list[model.Ban](ctx, c, rListBans, path(guild), q, nil, opts)
}

// Ban gets the ban of a user.
func (c *Client) Ban(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) (*model.Ban, error) {
	return fetch[model.Ban](ctx, c, rGetBan, path(guild, user), nil, nil, opts)
}

// BanCreate is a ban: DeleteMessageSeconds (0..604800) of the user's
// messages are deleted with it.
type BanCreate struct {
	DeleteMessageSeconds int `json:"delete_message_seconds,omitempty"`
}

// CreateBan bans a user; b may be nil.
func (c *Client) CreateBan(ctx context.Context, guild model.GuildID, user model.UserID, b *BanCreate, opts ...RequestOption) error {
	if b == nil {
		b = &BanCreate{}
	}
	if b.DeleteMessageSeconds < 0 || b.DeleteMessageSeconds > 604800 {
		return &ValidationError{Field: "delete_message_seconds", Reason: "not within 0..604800"}
	}
	return c.call(ctx, rBan, path(guild, user), nil, b, nil, opts)
}

// RemoveBan lifts a ban.
func (c *Client) RemoveBan(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rUnban, path(guild, user), nil, nil, nil, opts)
}

// BulkBanResult lists the users banned and those that could not be.
type BulkBanResult struct {
	BannedUsers []model.UserID `json:"banned_users"`
	FailedUsers []model.UserID `json:"failed_users"`
}

// BulkBanCreate bans up to 200 users, deleting DeleteMessageSeconds
// (0..604800) of their messages.
type BulkBanCreate struct {
	UserIDs              []model.UserID `json:"user_ids"`
	DeleteMessageSeconds int            `json:"delete_message_seconds,omitempty"`
}

// BulkBan bans up to 200 users at once.
func (c *Client) BulkBan(ctx context.Context, guild model.GuildID, b *BulkBanCreate, opts ...RequestOption) (*BulkBanResult, error) {
	if len(b.UserIDs) == 0 {
		return nil, &ValidationError{Field: "user_ids", Reason: "empty"}
	}
	if err := tooMany("user_ids", len(b.UserIDs), MaxBulkBan); err != nil {
		return nil, err
	}
	if b.DeleteMessageSeconds < 0 || b.DeleteMessageSeconds > 604800 {
		return nil, &ValidationError{Field: "delete_message_seconds", Reason: "not within 0..604800"}
	}
	return fetch[BulkBanResult](ctx, c, rBulkBan, path(guild), nil, b, opts)
}
