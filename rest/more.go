package rest

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/gloamdev/gloam/model"
)

// Endpoints used rarely, or young enough that Discord still changes their
// objects: they take url.Values filters or a body of any JSON-encodable
// value and answer json.RawMessage where no stable object exists.

var (
	rGetApp              = route("GET", "/applications/{application_id}")
	rModifyApp           = route("PATCH", "/applications/{application_id}")
	rActivityInstance    = route("GET", "/applications/{application_id}/activity-instances/{instance_id}")
	rAppAttachment       = route("POST", "/applications/{application_id}/attachment")
	rRoleConnMeta        = route("GET", "/applications/{application_id}/role-connections/metadata")
	rSetRoleConnMeta     = route("PUT", "/applications/{application_id}/role-connections/metadata")
	rUserRoleConn        = route("GET", "/users/@me/applications/{application_id}/role-connection")
	rSetUserRoleConn     = route("PUT", "/users/@me/applications/{application_id}/role-connection")
	rDeleteUserRoleConn  = route("DELETE", "/users/@me/applications/{application_id}/role-connection")
	rEntitlements        = route("GET", "/applications/{application_id}/entitlements")
	rEntitlement         = route("GET", "/applications/{application_id}/entitlements/{entitlement_id}")
	rCreateEntitlement   = route("POST", "/applications/{application_id}/entitlements")
	rDeleteEntitlement   = route("DELETE", "/applications/{application_id}/entitlements/{entitlement_id}")
	rConsumeEntitlement  = route("POST", "/applications/{application_id}/entitlements/{entitlement_id}/consume")
	rMyEntitlements      = route("GET", "/users/@me/applications/{application_id}/entitlements")
	rSKUSubscriptions    = route("GET", "/skus/{sku_id}/subscriptions")
	rSKUSubscription     = route("GET", "/skus/{sku_id}/subscriptions/{subscription_id}")
	rCreateException     = route("POST", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions")
	rModifyException     = route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}")
	rDeleteException     = route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/exceptions/{exception_id}")
	rEventUserCounts     = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users/counts")
	rExceptionUsers      = route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/{guild_scheduled_event_exception_id}/users")
	rThreadSearch        = route("GET", "/channels/{channel_id}/threads/search")
	rGuildSearch         = route("GET", "/guilds/{guild_id}/messages/search")
	rNewMemberWelcome    = route("GET", "/guilds/{guild_id}/new-member-welcome")
	rJoinRequests        = route("GET", "/guilds/{guild_id}/requests")
	rJoinRequest         = route("PATCH", "/guilds/{guild_id}/requests/{request_id}")
	rWidgetImage         = route("GET", "/guilds/{guild_id}/widget.png")
	rInviteTargets       = route("GET", "/invites/{code}/target-users")
	rSetInviteTargets    = route("PUT", "/invites/{code}/target-users")
	rInviteTargetsStatus = route("GET", "/invites/{code}/target-users/job-status")
	rOAuth2Keys          = route("GET", "/oauth2/keys")
	rOAuth2UserInfo      = route("GET", "/oauth2/userinfo")
)

// raw sends r and returns the JSON answer as it came.
func (c *Client) raw(ctx context.Context, r *Route, args []string, q url.Values, body any, opts []RequestOption) (json.RawMessage, error) {
	var out json.RawMessage
	if err := c.call(ctx, r, args, q, body, &out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// Application gets an application by ID (the bot's own).
func (c *Client) Application(ctx context.Context, app model.ApplicationID, opts ...RequestOption) (*Application, error) {
	return fetch[Application](ctx, c, rGetApp, path(app), nil, nil, opts)
}

// ModifyApplication changes an application; body holds the fields to
// change.
func (c *Client) ModifyApplication(ctx context.Context, app model.ApplicationID, body map[string]any, opts ...RequestOption) (*Application, error) {
	return fetch[Application](ctx, c, rModifyApp, path(app), nil, body, opts)
}

// ActivityInstance gets a running instance of an activity.
func (c *Client) ActivityInstance(ctx context.Context, app model.ApplicationID, instance string, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rActivityInstance, path(app, instance), nil, nil, opts)
}

type fileForm struct {
	part string
	f    File
}

func (f *fileForm) form() ([][2]string, string, File) { return nil, f.part, f.f }

// UploadAppAttachment uploads a file for an activity to share.
func (c *Client) UploadAppAttachment(ctx context.Context, app model.ApplicationID, f File, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rAppAttachment, path(app), nil, &fileForm{"file", f}, opts)
}

// RoleConnectionMetadata is one field an application's linked roles can
// require.
type RoleConnectionMetadata = model.RoleConnectionMetadata

// RoleConnectionMetadata lists an application's role connection fields.
func (c *Client) RoleConnectionMetadata(ctx context.Context, app model.ApplicationID, opts ...RequestOption) ([]RoleConnectionMetadata, error) {
	return list[RoleConnectionMetadata](ctx, c, rRoleConnMeta, path(app), nil, nil, opts)
}

// SetRoleConnectionMetadata replaces them (at most 5).
func (c *Client) SetRoleConnectionMetadata(ctx context.Context, app model.ApplicationID, m []RoleConnectionMetadata, opts ...RequestOption) ([]RoleConnectionMetadata, error) {
	if err := tooMany("metadata", len(m), 5); err != nil {
		return nil, err
	}
	if m == nil {
		m = []RoleConnectionMetadata{}
	}
	return list[RoleConnectionMetadata](ctx, c, rSetRoleConnMeta, path(app), nil, m, opts)
}

// RoleConnection is a user's linked-role data for an application.
type RoleConnection = model.RoleConnection

// UserRoleConnection gets the token user's role connection (Bearer).
func (c *Client) UserRoleConnection(ctx context.Context, app model.ApplicationID, opts ...RequestOption) (*RoleConnection, error) {
	return fetch[RoleConnection](ctx, c, rUserRoleConn, path(app), nil, nil, opts)
}

// SetUserRoleConnection sets the token user's role connection (Bearer).
func (c *Client) SetUserRoleConnection(ctx context.Context, app model.ApplicationID, rc *RoleConnection, opts ...RequestOption) (*RoleConnection, error) {
	return fetch[RoleConnection](ctx, c, rSetUserRoleConn, path(app), nil, rc, opts)
}

// DeleteUserRoleConnection removes the token user's role connection.
func (c *Client) DeleteUserRoleConnection(ctx context.Context, app model.ApplicationID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteUserRoleConn, path(app), nil, nil, nil, opts)
}

// Entitlements lists an application's entitlements; q filters them
// (user_id, sku_ids, guild_id, before, after, limit, exclude_ended...).
func (c *Client) Entitlements(ctx context.Context, app model.ApplicationID, q url.Values, opts ...RequestOption) ([]model.Entitlement, error) {
	return list[model.Entitlement](ctx, c, rEntitlements, path(app), q, nil, opts)
}

// Entitlement gets one entitlement.
func (c *Client) Entitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) (*model.Entitlement, error) {
	return fetch[model.Entitlement](ctx, c, rEntitlement, path(app, id), nil, nil, opts)
}

// CreateTestEntitlement grants a SKU for free to a guild (ownerType 1)
// or a user (2), for testing.
func (c *Client) CreateTestEntitlement(ctx context.Context, app model.ApplicationID, sku model.SKUID, owner model.Snowflake, ownerType int, opts ...RequestOption) (*model.Entitlement, error) {
	body := struct {
		SKUID     model.SKUID     `json:"sku_id"`
		OwnerID   model.Snowflake `json:"owner_id"`
		OwnerType int             `json:"owner_type"`
	}{sku, owner, ownerType}
	return fetch[model.Entitlement](ctx, c, rCreateEntitlement, path(app), nil, body, opts)
}

// DeleteTestEntitlement removes a test entitlement.
func (c *Client) DeleteTestEntitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteEntitlement, path(app, id), nil, nil, nil, opts)
}

// ConsumeEntitlement marks a one-time purchase as used.
func (c *Client) ConsumeEntitlement(ctx context.Context, app model.ApplicationID, id model.EntitlementID, opts ...RequestOption) error {
	return c.call(ctx, rConsumeEntitlement, path(app, id), nil, nil, nil, opts)
}

// MyEntitlements lists the token user's entitlements to an application
// (Bearer).
func (c *Client) MyEntitlements(ctx context.Context, app model.ApplicationID, q url.Values, opts ...RequestOption) ([]model.Entitlement, error) {
	return list[model.Entitlement](ctx, c, rMyEntitlements, path(app), q, nil, opts)
}

// SKUSubscriptions lists the subscriptions to a SKU; q: before, after,
// limit, user_id.
func (c *Client) SKUSubscriptions(ctx context.Context, sku model.SKUID, q url.Values, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rSKUSubscriptions, path(sku), q, nil, opts)
}

// SKUSubscription gets one subscription to a SKU.
func (c *Client) SKUSubscription(ctx context.Context, sku model.SKUID, id model.Snowflake, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rSKUSubscription, path(sku, id), nil, nil, opts)
}

// CreateEventException changes one occurrence of a recurring event.
func (c *Client) CreateEventException(ctx context.Context, guild model.GuildID, event model.GuildScheduledEventID, body any, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rCreateException, path(guild, event), nil, body, opts)
}

// ModifyEventException changes an exception of a recurring event.
func (c *Client) ModifyEventException(ctx context.Context, guild model.GuildID, event model.GuildScheduledEventID, exception model.Snowflake, body any, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rModifyException, path(guild, event, exception), nil, body, opts)
}

// DeleteEventException removes an exception of a recurring event.
func (c *Client) DeleteEventException(ctx context.Context, guild model.GuildID, event model.GuildScheduledEventID, exception model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rDeleteException, path(guild, event, exception), nil, nil, nil, opts)
}

// EventUserCounts counts the users interested in an event and in its
// exceptions.
func (c *Client) EventUserCounts(ctx context.Context, guild model.GuildID, event model.GuildScheduledEventID, exceptions []model.Snowflake, opts ...RequestOption) (json.RawMessage, error) {
	q := url.Values{}
	for _, e := range exceptions {
		q.Add("guild_scheduled_event_exception_ids", e.String())
	}
	return c.raw(ctx, rEventUserCounts, path(guild, event), q, nil, opts)
}

// EventExceptionUsers lists the users interested in one occurrence of a
// recurring event; q: limit, before, after, with_member.
func (c *Client) EventExceptionUsers(ctx context.Context, guild model.GuildID, event model.GuildScheduledEventID, exception model.Snowflake, q url.Values, opts ...RequestOption) ([]EventUser, error) {
	return list[EventUser](ctx, c, rExceptionUsers, path(guild, event, exception), q, nil, opts)
}

// SearchThreads searches the threads of a forum or media channel; q:
// name, tag, archived, sort_by, limit, offset...
func (c *Client) SearchThreads(ctx context.Context, channel model.ChannelID, q url.Values, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rThreadSearch, path(channel), q, nil, opts)
}

// SearchMessages searches a guild's messages; q: content, author_id,
// channel_id, mentions, has, min_id, max_id, limit, offset...
func (c *Client) SearchMessages(ctx context.Context, guild model.GuildID, q url.Values, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rGuildSearch, path(guild), q, nil, opts)
}

// NewMemberWelcome gets the guild's new member welcome settings.
func (c *Client) NewMemberWelcome(ctx context.Context, guild model.GuildID, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rNewMemberWelcome, path(guild), nil, nil, opts)
}

// JoinRequests lists the requests to join a guild; q: status, limit,
// before, after.
func (c *Client) JoinRequests(ctx context.Context, guild model.GuildID, q url.Values, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rJoinRequests, path(guild), q, nil, opts)
}

// ActOnJoinRequest approves or rejects a join request; body is e.g.
// {"action": "APPROVED"}.
func (c *Client) ActOnJoinRequest(ctx context.Context, guild model.GuildID, request model.Snowflake, body any, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rJoinRequest, path(guild, request), nil, body, opts)
}

// WidgetImage gets a guild's widget as a PNG; style is "shield" (zero),
// "banner1" to "banner4".
func (c *Client) WidgetImage(ctx context.Context, guild model.GuildID, style string, opts ...RequestOption) ([]byte, error) {
	var out []byte
	err := c.call(ctx, rWidgetImage, path(guild), url.Values(query{}.set("style", style)), nil, &out, opts)
	return out, err
}

// InviteTargetUsers gets the CSV of the users an invite is restricted to.
func (c *Client) InviteTargetUsers(ctx context.Context, code string, opts ...RequestOption) ([]byte, error) {
	var out []byte
	err := c.call(ctx, rInviteTargets, path(code), nil, nil, &out, opts)
	return out, err
}

// SetInviteTargetUsers restricts an invite to the users of a CSV file
// (one user ID a line).
func (c *Client) SetInviteTargetUsers(ctx context.Context, code string, csv File, opts ...RequestOption) error {
	return c.call(ctx, rSetInviteTargets, path(code), nil, &fileForm{"target_users_file", csv}, nil, opts)
}

// InviteTargetUsersStatus tells how the processing of that file went.
func (c *Client) InviteTargetUsersStatus(ctx context.Context, code string, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rInviteTargetsStatus, path(code), nil, nil, opts)
}

// OAuth2Keys gets Discord's public keys for OpenID Connect (a JWKS).
func (c *Client) OAuth2Keys(ctx context.Context, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rOAuth2Keys, nil, nil, nil, opts)
}

// OAuth2UserInfo gets the OpenID Connect claims of the Bearer token's
// user.
func (c *Client) OAuth2UserInfo(ctx context.Context, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rOAuth2UserInfo, nil, nil, nil, opts)
}
