package rest

import (
	"context"
	"net/url"

	"github.com/gloamdev/gloam/model"
)

var (
	rMe            = route("GET", "/users/@me")
	rModifyUserMe  = route("PATCH", "/users/@me")
	rGetUser       = route("GET", "/users/{user_id}")
	rMyGuilds      = route("GET", "/users/@me/guilds")
	rMyGuildMember = route("GET", "/users/@me/guilds/{guild_id}/member")
	rLeaveGuild    = route("DELETE", "/users/@me/guilds/{guild_id}")
	rCreateDM      = route("POST", "/users/@me/channels")
	rMyConnections = route("GET", "/users/@me/connections")
	rGateway       = route("GET", "/gateway")
	rGatewayBot    = route("GET", "/gateway/bot")
	rVoiceRegions  = route("GET", "/voice/regions")
	rMyApplication = route("GET", "/applications/@me")
	rEditMyApp     = route("PATCH", "/applications/@me")
	rGetInvite     = route("GET", "/invites/{code}")
	rDeleteInvite  = route("DELETE", "/invites/{code}")
	rOAuth2Me      = route("GET", "/oauth2/@me")
	rOAuth2App     = route("GET", "/oauth2/applications/@me")
)

// Me gets the user of the token.
func (c *Client) Me(ctx context.Context, opts ...RequestOption) (*model.User, error) {
	return fetch[model.User](ctx, c, rMe, nil, nil, nil, opts)
}

// UserModify changes the bot's user; nil fields stay. Images are data
// URIs.
type UserModify struct {
	Username *string `json:"username,omitempty"`
	Avatar   *string `json:"avatar,omitempty"`
	Banner   *string `json:"banner,omitempty"`
}

// ModifyMe changes the bot's username, avatar or banner.
func (c *Client) ModifyMe(ctx context.Context, m *UserModify, opts ...RequestOption) (*model.User, error) {
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

// GuildsQuery pages through the bot's guilds: Before or After a guild
// ID, Limit 1..200 (zero: 200), WithCounts for approximate counts.
type GuildsQuery struct {
	Before, After model.GuildID
	Limit         int
	WithCounts    bool
}

// MyGuilds lists the guilds of the token's user.
func (c *Client) MyGuilds(ctx context.Context, q *GuildsQuery, opts ...RequestOption) ([]PartialGuild, error) {
	v := query{}
	if q != nil {
		v.set("before", q.Before).set("after", q.After).set("limit", q.Limit).set("with_counts", q.WithCounts)
	}
	return list[PartialGuild](ctx, c, rMyGuilds, nil, url.Values(v), nil, opts)
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

// MyConnections lists the token user's connections (OAuth2 connections).
func (c *Client) MyConnections(ctx context.Context, opts ...RequestOption) ([]Connection, error) {
	return list[Connection](ctx, c, rMyConnections, nil, nil, nil, opts)
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
func (c *Client) VoiceRegions(ctx context.Context, opts ...RequestOption) ([]VoiceRegion, error) {
	return list[VoiceRegion](ctx, c, rVoiceRegions, nil, nil, nil, opts)
}

// MyApplication gets the bot's application.
func (c *Client) MyApplication(ctx context.Context, opts ...RequestOption) (*Application, error) {
	return fetch[Application](ctx, c, rMyApplication, nil, nil, nil, opts)
}

// ModifyMyApplication changes the bot's application; body holds the
// fields to change (e.g. description, tags, interactions_endpoint_url).
func (c *Client) ModifyMyApplication(ctx context.Context, body map[string]any, opts ...RequestOption) (*Application, error) {
	return fetch[Application](ctx, c, rEditMyApp, nil, nil, body, opts)
}

// Invite resolves an invite code, with approximate counts.
func (c *Client) Invite(ctx context.Context, code string, opts ...RequestOption) (*Invite, error) {
	q := url.Values{"with_counts": {"true"}}
	return fetch[Invite](ctx, c, rGetInvite, path(code), q, nil, opts)
}

// DeleteInvite revokes an invite.
func (c *Client) DeleteInvite(ctx context.Context, code string, opts ...RequestOption) (*Invite, error) {
	return fetch[Invite](ctx, c, rDeleteInvite, path(code), nil, nil, opts)
}

// Authorization is what GET /oauth2/@me tells about a Bearer token.
type Authorization struct {
	Application *Application    `json:"application"`
	Scopes      []string        `json:"scopes"`
	Expires     model.Timestamp `json:"expires"`
	User        *model.User     `json:"user,omitempty"`
}

// CurrentAuthorization describes the Bearer token in use.
func (c *Client) CurrentAuthorization(ctx context.Context, opts ...RequestOption) (*Authorization, error) {
	return fetch[Authorization](ctx, c, rOAuth2Me, nil, nil, nil, opts)
}

// OAuth2Application gets the bot's application through the OAuth2 route.
func (c *Client) OAuth2Application(ctx context.Context, opts ...RequestOption) (*Application, error) {
	return fetch[Application](ctx, c, rOAuth2App, nil, nil, nil, opts)
}
