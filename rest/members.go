package rest

import (
	"context"
	"net/url"

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

// Members pages through a guild's members in user ID order (needs the
// GUILD_MEMBERS intent): after a user ID, limit 1..1000 (zero: 1).
func (c *Client) Members(ctx context.Context, guild model.GuildID, after model.UserID, limit int, opts ...RequestOption) ([]model.Member, error) {
	q := query{}.set("after", after).set("limit", limit)
	return list[model.Member](ctx, c, rListMembers, path(guild), url.Values(q), nil, opts)
}

// SearchMembers finds members whose username or nickname starts with
// prefix; limit 1..1000 (zero: 1).
func (c *Client) SearchMembers(ctx context.Context, guild model.GuildID, prefix string, limit int, opts ...RequestOption) ([]model.Member, error) {
	q := query{"query": {prefix}}.set("limit", limit)
	return list[model.Member](ctx, c, rSearchMembers, path(guild), url.Values(q), nil, opts)
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

// MemberModify changes a member; nil fields stay as they are. An empty
// Nick removes the nickname; a zero ChannelID (non-nil) disconnects from
// voice; a zero CommunicationDisabledUntil (non-nil) ends a timeout.
type MemberModify struct {
	Nick                       *string            `json:"nick,omitempty"`
	Roles                      *[]model.RoleID    `json:"roles,omitempty"`
	Mute                       *bool              `json:"mute,omitempty"`
	Deaf                       *bool              `json:"deaf,omitempty"`
	ChannelID                  *model.ChannelID   `json:"channel_id,omitempty"`
	CommunicationDisabledUntil *model.Timestamp   `json:"communication_disabled_until,omitempty"`
	Flags                      *model.MemberFlags `json:"flags,omitempty"`
}

// ModifyMember changes a member.
func (c *Client) ModifyMember(ctx context.Context, guild model.GuildID, user model.UserID, m *MemberModify, opts ...RequestOption) (*model.Member, error) {
	if m.Nick != nil {
		if err := tooLong("nick", *m.Nick, MaxNickname); err != nil {
			return nil, err
		}
	}
	return fetch[model.Member](ctx, c, rModifyMember, path(guild, user), nil, m, opts)
}

// CurrentMemberModify changes the bot's own membership; nil fields stay.
type CurrentMemberModify struct {
	Nick   *string `json:"nick,omitempty"`
	Avatar *string `json:"avatar,omitempty"` // data URI
	Banner *string `json:"banner,omitempty"` // data URI
	Bio    *string `json:"bio,omitempty"`
}

// ModifyCurrentMember changes the bot's nickname, avatar, banner or bio
// in a guild.
func (c *Client) ModifyCurrentMember(ctx context.Context, guild model.GuildID, m *CurrentMemberModify, opts ...RequestOption) (*model.Member, error) {
	if m.Nick != nil {
		if err := tooLong("nick", *m.Nick, MaxNickname); err != nil {
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

// RoleModify is a new role or the change of one; nil fields keep their
// value (or the default, for a new role).
type RoleModify struct {
	Name         *string            `json:"name,omitempty"`
	Permissions  *model.Permissions `json:"permissions,omitempty"`
	Color        *int               `json:"color,omitempty"`
	Colors       *model.RoleColors  `json:"colors,omitempty"`
	Hoist        *bool              `json:"hoist,omitempty"`
	Icon         *string            `json:"icon,omitempty"` // data URI
	UnicodeEmoji *string            `json:"unicode_emoji,omitempty"`
	Mentionable  *bool              `json:"mentionable,omitempty"`
}

func (m *RoleModify) validate() error {
	if m.Name != nil {
		return tooLong("name", *m.Name, MaxRoleName)
	}
	return nil
}

// CreateRole makes a role.
func (c *Client) CreateRole(ctx context.Context, guild model.GuildID, m *RoleModify, opts ...RequestOption) (*model.Role, error) {
	if m == nil {
		m = &RoleModify{}
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	return fetch[model.Role](ctx, c, rCreateRole, path(guild), nil, m, opts)
}

// ModifyRole changes a role.
func (c *Client) ModifyRole(ctx context.Context, guild model.GuildID, id model.RoleID, m *RoleModify, opts ...RequestOption) (*model.Role, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	return fetch[model.Role](ctx, c, rModifyRole, path(guild, id), nil, m, opts)
}

// RolePosition moves a role.
type RolePosition struct {
	ID       model.RoleID `json:"id"`
	Position *int         `json:"position,omitempty"`
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

// BansQuery pages through bans: Before or After a user ID, Limit 1..1000
// (zero: 1000).
type BansQuery struct {
	Before, After model.UserID
	Limit         int
}

// Bans lists a guild's bans.
func (c *Client) Bans(ctx context.Context, guild model.GuildID, q *BansQuery, opts ...RequestOption) ([]Ban, error) {
	v := query{}
	if q != nil {
		v.set("before", q.Before).set("after", q.After).set("limit", q.Limit)
	}
	return list[Ban](ctx, c, rListBans, path(guild), url.Values(v), nil, opts)
}

// Ban gets the ban of a user.
func (c *Client) Ban(ctx context.Context, guild model.GuildID, user model.UserID, opts ...RequestOption) (*Ban, error) {
	return fetch[Ban](ctx, c, rGetBan, path(guild, user), nil, nil, opts)
}

// CreateBan bans a user and deletes their messages of the last
// deleteSeconds (0..604800).
func (c *Client) CreateBan(ctx context.Context, guild model.GuildID, user model.UserID, deleteSeconds int, opts ...RequestOption) error {
	if deleteSeconds < 0 || deleteSeconds > 604800 {
		return &ValidationError{Field: "delete_message_seconds", Reason: "not within 0..604800"}
	}
	body := struct {
		Seconds int `json:"delete_message_seconds,omitempty"`
	}{deleteSeconds}
	return c.call(ctx, rBan, path(guild, user), nil, body, nil, opts)
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

// BulkBan bans up to 200 users at once.
func (c *Client) BulkBan(ctx context.Context, guild model.GuildID, users []model.UserID, deleteSeconds int, opts ...RequestOption) (*BulkBanResult, error) {
	if len(users) == 0 {
		return nil, &ValidationError{Field: "user_ids", Reason: "empty"}
	}
	if err := tooMany("user_ids", len(users), MaxBulkBan); err != nil {
		return nil, err
	}
	if deleteSeconds < 0 || deleteSeconds > 604800 {
		return nil, &ValidationError{Field: "delete_message_seconds", Reason: "not within 0..604800"}
	}
	body := struct {
		Users   []model.UserID `json:"user_ids"`
		Seconds int            `json:"delete_message_seconds,omitempty"`
	}{users, deleteSeconds}
	return fetch[BulkBanResult](ctx, c, rBulkBan, path(guild), nil, body, opts)
}
