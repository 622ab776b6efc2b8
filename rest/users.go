package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var (
	rMe             = route("GET", "/users/@me")
	rModifyUserMe   = route("PATCH", "/users/@me")
	rGetUser        = route("GET", "/users/{user_id}")
	rMyGuilds       = route("GET", "/users/@me/guilds")
	rMyGuildMember  = route("GET", "/users/@me/guilds/{guild_id}/member")
	rLeaveGuild     = route("DELETE", "/users/@me/guilds/{guild_id}")
	rCreateDM       = route("POST", "/users/@me/channels")
	rMyConnections  = route("GET", "/users/@me/connections")
	rGateway        = route("GET", "/gateway")
	rGatewayBot     = route("GET", "/gateway/bot")
	rVoiceRegions   = route("GET", "/voice/regions")
	rMyApplication  = route("GET", "/applications/@me")
	rEditMyApp      = route("PATCH", "/applications/@me")
	rGetInvite      = route("GET", "/invites/{code}")
	rDeleteInvite   = route("DELETE", "/invites/{code}")
	rOAuth2Me       = route("GET", "/oauth2/@me")
	rOAuth2App      = route("GET", "/oauth2/applications/@me")
	rOAuth2Keys     = route("GET", "/oauth2/keys")
	rOAuth2UserInfo = route("GET", "/oauth2/userinfo")
)

// Me gets the user of the token.
func (c *Client) Me(ctx context.Context, opts ...RequestOption) (*model.User, error) {
	return fetch[model.User](ctx, c, rMe, nil, nil, nil, opts)
}

// CurrentUserModify changes the bot's user; fields left out stay as they
// are, Null removes the avatar or banner. Images are data URIs.
type CurrentUserModify struct {
	Username *string          `json:"username,omitempty"`
	Avatar   Nullable[string] `json:"avatar,omitzero"`
	Banner   Nullable[string] `json:"banner,omitzero"`
}

// ModifyCurrentUser changes the bot's username, avatar or banner.
func (c *Client) ModifyCurrentUser(ctx context.Context, m *CurrentUserModify, opts ...RequestOption) (*model.User, error) {
	if m.Username != nil {
		if err := tooLong("username", *m.Username, 32); err != nil {
			return nil, err
		}
	}
	return fetch[model.User](ctx, c, rModifyUserMe, nil, nil, m, opts)
}

// User gets a user.
func (c *Client) User(ctx context.Context, id model.UserID, opts ...RequestOption) (*model.User, error) {
	return fetch[model.User](ctx, c, rGetUser, path(id), nil, nil, opts)
}

// GuildsQuery pages through the guilds of the token's user in guild ID
// order: Before or After a guild ID, Limit 1..200 (zero: 200),
// WithCounts for approximate counts.
type GuildsQuery struct {
	Before     model.GuildID `query:"before"`
	After      model.GuildID `query:"after"`
	Limit      int           `query:"limit" range:"1,200"`
	WithCounts bool          `query:"with_counts"`
}

// MyGuilds lists a page of the guilds of the token's user.
func (c *Client) MyGuilds(ctx context.Context, q *GuildsQuery, opts ...RequestOption) ([]model.PartialGuild, error) {
	return list[model.PartialGuild](ctx, c, rMyGuilds, nil, q, nil, opts)
}

// MyGuildMember gets the token user's membership of a guild (OAuth2
// guilds.members.read).
func (c *Client) MyGuildMember(ctx context.Context, guild model.GuildID, opts ...RequestOption) (*model.Member, error) {
	return fetch[model.Member](ctx, c, rMyGuildMember, path(guild), nil, nil, opts)
}

// LeaveGuild makes the bot leave a guild.
func (c *Client) LeaveGuild(ctx context.Context, guild model.GuildID, opts ...RequestOption) error {
	return c.call(ctx, rLeaveGuild, path(guild), nil, nil, nil, opts)
}

// CreateDM opens (or finds) the DM channel with a user.
func (c *Client) CreateDM(ctx context.Context, user model.UserID, opts ...RequestOption) (*model.Channel, error) {
	body := struct {
		Recipient model.UserID `json:"recipient_id"`
	}{user}
	return fetch[model.Channel](ctx, c, rCreateDM, nil, nil, body, opts)
}

// GroupDMCreate makes a group DM, owned by the bot, of the users whose
// OAuth2 access tokens (with the gdm.join scope) are given; Nicks names
// them in it, by user ID. A group DM holds at most 10 users.
type GroupDMCreate struct {
	AccessTokens []string                `json:"access_tokens"`
	Nicks        map[model.UserID]string `json:"nicks,omitempty"`
}

// CreateGroupDM makes a group DM. Discord's clients do not show the
// group DMs an application makes.
func (c *Client) CreateGroupDM(ctx context.Context, g *GroupDMCreate, opts ...RequestOption) (*model.Channel, error) {
	switch {
	case len(g.AccessTokens) == 0:
		return nil, &ValidationError{Field: "access_tokens", Reason: "empty"}
	case len(g.AccessTokens) > 9:
		return nil, &ValidationError{Field: "access_tokens", Reason: "more than 9: a group DM holds 10 users, the bot included"}
	}
	return fetch[model.Channel](ctx, c, rCreateDM, nil, nil, g, opts)
}

// MyConnections lists the token user's connections (OAuth2 connections).
func (c *Client) MyConnections(ctx context.Context, opts ...RequestOption) ([]model.Connection, error) {
	return list[model.Connection](ctx, c, rMyConnections, nil, nil, nil, opts)
}

// Gateway gets the gateway URL.
func (c *Client) Gateway(ctx context.Context, opts ...RequestOption) (string, error) {
	var out struct {
		URL string `json:"url"`
	}
	err := c.call(ctx, rGateway, nil, nil, nil, &out, opts)
	return out.URL, err
}

// GatewayBot gets the gateway URL, the recommended shard count and the
// session start limit.
func (c *Client) GatewayBot(ctx context.Context, opts ...RequestOption) (*GatewayBot, error) {
	return fetch[GatewayBot](ctx, c, rGatewayBot, nil, nil, nil, opts)
}

// VoiceRegions lists the voice regions.
func (c *Client) VoiceRegions(ctx context.Context, opts ...RequestOption) ([]model.VoiceRegion, error) {
	return list[model.VoiceRegion](ctx, c, rVoiceRegions, nil, nil, nil, opts)
}

// MyApplication gets the bot's application.
func (c *Client) MyApplication(ctx context.Context, opts ...RequestOption) (*model.Application, error) {
	return fetch[model.Application](ctx, c, rMyApplication, nil, nil, nil, opts)
}

// ModifyMyApplication changes the bot's application.
func (c *Client) ModifyMyApplication(ctx context.Context, m *ApplicationModify, opts ...RequestOption) (*model.Application, error) {
	return fetch[model.Application](ctx, c, rEditMyApp, nil, nil, m, opts)
}

// InviteQuery asks for approximate counts, and for the scheduled event
// or the channel and message an invite leads to.
type InviteQuery struct {
	WithCounts            bool                        `query:"with_counts"`
	GuildScheduledEventID model.GuildScheduledEventID `query:"guild_scheduled_event_id"`
	TargetChannelID       model.ChannelID             `query:"target_channel_id"`
	TargetMessageID       model.MessageID             `query:"target_message_id"`
}

// Invite resolves an invite code.
func (c *Client) Invite(ctx context.Context, code string, q *InviteQuery, opts ...RequestOption) (*model.Invite, error) {
	return fetch[model.Invite](ctx, c, rGetInvite, path(code), q, nil, opts)
}

// DeleteInvite revokes an invite.
func (c *Client) DeleteInvite(ctx context.Context, code string, opts ...RequestOption) (*model.Invite, error) {
	return fetch[model.Invite](ctx, c, rDeleteInvite, path(code), nil, nil, opts)
}

// Authorization is what GET /oauth2/@me tells about a Bearer token.
type Authorization struct {
	Application *model.Application `json:"application"`
	Scopes      []string           `json:"scopes"`
	Expires     model.Timestamp    `json:"expires"`
	User        *model.User        `json:"user,omitempty"`
}

// CurrentAuthorization describes the Bearer token in use.
func (c *Client) CurrentAuthorization(ctx context.Context, opts ...RequestOption) (*Authorization, error) {
	return fetch[Authorization](ctx, c, rOAuth2Me, nil, nil, nil, opts)
}

// OAuth2Application gets the bot's application through the OAuth2 route.
func (c *Client) OAuth2Application(ctx context.Context, opts ...RequestOption) (*model.Application, error) {
	return fetch[model.Application](ctx, c, rOAuth2App, nil, nil, nil, opts)
}

// JWKS is a set of public keys, as OpenID Connect publishes them.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// JWK is one public key of a JWKS.
type JWK struct {
	Kty string `json:"kty"` // "RSA" or "OKP"
	Use string `json:"use"`
	Kid string `json:"kid"`
	N   string `json:"n,omitempty"` // RSA: modulus
	E   string `json:"e,omitempty"` // RSA: exponent
	Alg string `json:"alg"`
	Crv string `json:"crv,omitempty"` // OKP: the curve, e.g. "Ed25519"
	X   string `json:"x,omitempty"`   // OKP: the public key
}

// OAuth2Keys gets Discord's public keys for OpenID Connect.
func (c *Client) OAuth2Keys(ctx context.Context, opts ...RequestOption) (*JWKS, error) {
	return fetch[JWKS](ctx, c, rOAuth2Keys, nil, nil, nil, opts)
}

// UserInfo are the OpenID Connect claims of a Bearer token's user.
type UserInfo struct {
	Sub               string  `json:"sub"`
	Email             *string `json:"email,omitempty"`
	EmailVerified     bool    `json:"email_verified,omitempty"`
	PreferredUsername string  `json:"preferred_username,omitempty"`
	Nickname          *string `json:"nickname,omitempty"`
	Picture           string  `json:"picture,omitempty"`
	Locale            string  `json:"locale,omitempty"`
}

// OAuth2UserInfo gets the OpenID Connect claims of the Bearer token's
// user.
func (c *Client) OAuth2UserInfo(ctx context.Context, opts ...RequestOption) (*UserInfo, error) {
	return fetch[UserInfo](ctx, c, rOAuth2UserInfo, nil, nil, nil, opts)
}
