package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

// Lobbies and the partner SDK serve games built on Discord's Social SDK.

var (
	rCreateLobby       = route("POST", "/lobbies")
	rCreateOrJoinLobby = route("PUT", "/lobbies")
	rLobby             = route("GET", "/lobbies/{lobby_id}")
	rModifyLobby       = route("PATCH", "/lobbies/{lobby_id}")
	rDeleteLobby       = route("DELETE", "/lobbies/{lobby_id}")
	rLinkLobby         = route("PATCH", "/lobbies/{lobby_id}/channel-linking")
	rLeaveLobby        = route("DELETE", "/lobbies/{lobby_id}/members/@me")
	rAddLobbyMember    = route("PUT", "/lobbies/{lobby_id}/members/{user_id}")
	rRemoveLobbyMember = route("DELETE", "/lobbies/{lobby_id}/members/{user_id}")
	rBulkLobbyMembers  = route("POST", "/lobbies/{lobby_id}/members/bulk")
	rLobbyInviteSelf   = route("POST", "/lobbies/{lobby_id}/members/@me/invites")
	rLobbyInviteUser   = route("POST", "/lobbies/{lobby_id}/members/{user_id}/invites")
	rLobbyMessages     = route("GET", "/lobbies/{lobby_id}/messages")
	rLobbyMessage      = route("POST", "/lobbies/{lobby_id}/messages")
	rLobbyModeration   = route("PUT", "/lobbies/{lobby_id}/messages/{message_id}/moderation-metadata")
	rDMModeration      = route("PUT", "/partner-sdk/dms/{user_id_1}/{user_id_2}/messages/{message_id}/moderation-metadata")
	rPartnerToken      = route("POST", "/partner-sdk/token")
	rBotPartnerToken   = route("POST", "/partner-sdk/token/bot")
	rUnmerge           = route("POST", "/partner-sdk/provisional-accounts/unmerge")
	rBotUnmerge        = route("POST", "/partner-sdk/provisional-accounts/unmerge/bot")
)

// LobbyCreate is a new lobby (CreateLobby), or the lobby to join or
// create by its Secret (CreateOrJoinLobby, which reads Secret,
// LobbyMetadata, MemberMetadata, IdleTimeoutSeconds and Flags).
type LobbyCreate struct {
	Metadata                 map[string]string   `json:"metadata,omitempty"`             // at most 25 entries
	Members                  []model.LobbyMember `json:"members,omitempty"`              // at most 25
	IdleTimeoutSeconds       int                 `json:"idle_timeout_seconds,omitempty"` // 5..604800
	Flags                    int                 `json:"flags,omitempty"`                // 1: linked channel history visible
	OverrideEventWebhooksURL string              `json:"override_event_webhooks_url,omitempty"`
	Secret                   string              `json:"secret,omitempty"`
	LobbyMetadata            map[string]string   `json:"lobby_metadata,omitempty"`
	MemberMetadata           map[string]string   `json:"member_metadata,omitempty"`
}

func (l *LobbyCreate) validate() error {
	if l.IdleTimeoutSeconds != 0 && (l.IdleTimeoutSeconds < 5 || l.IdleTimeoutSeconds > 604800) {
		return &ValidationError{Field: "idle_timeout_seconds", Reason: "not within 5..604800"}
	}
	if err := tooMany("members", len(l.Members), 25); err != nil {
		return err
	}
	return tooMany("metadata", len(l.Metadata), 25)
}

// CreateLobby creates a lobby.
func (c *Client) CreateLobby(ctx context.Context, l *LobbyCreate, opts ...RequestOption) (*model.Lobby, error) {
	if err := l.validate(); err != nil {
		return nil, err
	}
	return fetch[model.Lobby](ctx, c, rCreateLobby, nil, nil, l, opts)
}

// CreateOrJoinLobby joins the lobby of l.Secret, creating it if needed.
func (c *Client) CreateOrJoinLobby(ctx context.Context, l *LobbyCreate, opts ...RequestOption) (*model.Lobby, error) {
	if l.Secret == "" {
		return nil, &ValidationError{Field: "secret", Reason: "empty"}
	}
	if err := l.validate(); err != nil {
		return nil, err
	}
	return fetch[model.Lobby](ctx, c, rCreateOrJoinLobby, nil, nil, l, opts)
}

// Lobby gets a lobby.
func (c *Client) Lobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) (*model.Lobby, error) {
	return fetch[model.Lobby](ctx, c, rLobby, path(id), nil, nil, opts)
}

// LobbyModify changes a lobby; fields left out stay as they are, and
// Null clears them.
type LobbyModify struct {
	Metadata                 Nullable[map[string]string]   `json:"metadata,omitzero"`
	Members                  Nullable[[]model.LobbyMember] `json:"members,omitzero"`
	IdleTimeoutSeconds       Nullable[int]                 `json:"idle_timeout_seconds,omitzero"`
	Flags                    Nullable[int]                 `json:"flags,omitzero"`
	OverrideEventWebhooksURL Nullable[string]              `json:"override_event_webhooks_url,omitzero"`
}

// ModifyLobby changes a lobby.
func (c *Client) ModifyLobby(ctx context.Context, id model.Snowflake, l *LobbyModify, opts ...RequestOption) (*model.Lobby, error) {
	if t, ok := l.IdleTimeoutSeconds.Get(); ok && (t < 5 || t > 604800) {
		return nil, &ValidationError{Field: "idle_timeout_seconds", Reason: "not within 5..604800"}
	}
	return fetch[model.Lobby](ctx, c, rModifyLobby, path(id), nil, l, opts)
}

// DeleteLobby deletes a lobby.
func (c *Client) DeleteLobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rDeleteLobby, path(id), nil, nil, nil, opts)
}

// LinkLobbyChannel links a lobby to a guild channel (zero: unlinks).
func (c *Client) LinkLobbyChannel(ctx context.Context, id model.Snowflake, channel model.ChannelID, opts ...RequestOption) (*model.Lobby, error) {
	body := struct {
		ChannelID model.ChannelID `json:"channel_id,omitzero"`
	}{channel}
	return fetch[model.Lobby](ctx, c, rLinkLobby, path(id), nil, body, opts)
}

// LeaveLobby removes the token's user from a lobby.
func (c *Client) LeaveLobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rLeaveLobby, path(id), nil, nil, nil, opts)
}

// AddLobbyMember adds a user to a lobby, or changes their metadata.
func (c *Client) AddLobbyMember(ctx context.Context, id model.Snowflake, user model.UserID, m *model.LobbyMember, opts ...RequestOption) (*model.LobbyMember, error) {
	return fetch[model.LobbyMember](ctx, c, rAddLobbyMember, path(id, user), nil, m, opts)
}

// RemoveLobbyMember removes a user from a lobby.
func (c *Client) RemoveLobbyMember(ctx context.Context, id model.Snowflake, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rRemoveLobbyMember, path(id, user), nil, nil, nil, opts)
}

// LobbyMemberUpdate adds a member to a lobby, changes it, or (Remove)
// removes it.
type LobbyMemberUpdate struct {
	ID             model.UserID      `json:"id"`
	Metadata       map[string]string `json:"metadata,omitempty"`
	Flags          int               `json:"flags,omitempty"`
	Remove         bool              `json:"remove_member,omitempty"`
	AdditionalName string            `json:"additional_name,omitempty"`
}

// BulkUpdateLobbyMembers adds, changes or removes 1 to 25 members at
// once.
func (c *Client) BulkUpdateLobbyMembers(ctx context.Context, id model.Snowflake, members []LobbyMemberUpdate, opts ...RequestOption) ([]model.LobbyMember, error) {
	if len(members) == 0 {
		return nil, &ValidationError{Field: "members", Reason: "empty"}
	}
	if err := tooMany("members", len(members), 25); err != nil {
		return nil, err
	}
	return list[model.LobbyMember](ctx, c, rBulkLobbyMembers, path(id), nil, members, opts)
}

// LobbyInvite is an invite to the guild of a lobby's linked channel.
type LobbyInvite struct {
	Code string `json:"code"`
}

// CreateLobbyInvite makes an invite to the guild of a lobby's linked
// channel, for the token's user (user zero) or another member.
func (c *Client) CreateLobbyInvite(ctx context.Context, id model.Snowflake, user model.UserID, opts ...RequestOption) (*LobbyInvite, error) {
	if user.IsZero() {
		return fetch[LobbyInvite](ctx, c, rLobbyInviteSelf, path(id), nil, nil, opts)
	}
	return fetch[LobbyInvite](ctx, c, rLobbyInviteUser, path(id, user), nil, nil, opts)
}

// LobbyMessage is a message sent in a lobby.
type LobbyMessage struct {
	ID                 model.MessageID     `json:"id"`
	Type               model.MessageType   `json:"type"`
	Content            string              `json:"content"`
	LobbyID            model.Snowflake     `json:"lobby_id"`
	ChannelID          model.ChannelID     `json:"channel_id"`
	Author             model.User          `json:"author"`
	LobbyMember        *LobbyMessageMember `json:"lobby_member,omitempty"`
	Metadata           map[string]string   `json:"metadata,omitempty"`
	ModerationMetadata map[string]string   `json:"moderation_metadata,omitempty"`
	Flags              model.MessageFlags  `json:"flags"`
	ApplicationID      model.ApplicationID `json:"application_id,omitzero"`
}

// LobbyMessageMember is what a lobby message tells of its author's
// membership.
type LobbyMessageMember struct {
	AdditionalName string `json:"additional_name"`
}

// LobbyMessagesQuery limits how many of the latest messages to list:
// 1..200 (zero: 50).
type LobbyMessagesQuery struct {
	Limit int `query:"limit" range:"1,200"`
}

// LobbyMessages lists a lobby's latest messages.
func (c *Client) LobbyMessages(ctx context.Context, id model.Snowflake, q *LobbyMessagesQuery, opts ...RequestOption) ([]LobbyMessage, error) {
	return list[LobbyMessage](ctx, c, rLobbyMessages, path(id), q, nil, opts)
}

// LobbyMessageCreate is a message to send to a lobby.
type LobbyMessageCreate struct {
	Content  string            `json:"content"` // at most 4000 characters
	Metadata map[string]string `json:"metadata,omitempty"`
}

// SendLobbyMessage sends a message to a lobby.
func (c *Client) SendLobbyMessage(ctx context.Context, id model.Snowflake, m *LobbyMessageCreate, opts ...RequestOption) (*LobbyMessage, error) {
	if err := tooLong("content", m.Content, 4000); err != nil {
		return nil, err
	}
	return fetch[LobbyMessage](ctx, c, rLobbyMessage, path(id), nil, m, opts)
}

// SetLobbyMessageModeration attaches moderation metadata to a lobby
// message.
func (c *Client) SetLobbyMessageModeration(ctx context.Context, id model.Snowflake, msg model.MessageID, metadata map[string]string, opts ...RequestOption) error {
	return c.call(ctx, rLobbyModeration, path(id, msg), nil, metadata, nil, opts)
}

// SetDMModeration attaches moderation metadata to a message between two
// users of a game.
func (c *Client) SetDMModeration(ctx context.Context, user1, user2 model.UserID, msg model.MessageID, metadata map[string]string, opts ...RequestOption) error {
	return c.call(ctx, rDMModeration, path(user1, user2, msg), nil, metadata, nil, opts)
}

// ExternalAuth identifies a player by a token of an identity provider
// (ExternalAuthType, e.g. "OIDC", "STEAM_SESSION_TICKET", "EPIC_ONLINE_SERVICES_ACCESS_TOKEN").
type ExternalAuth struct {
	ClientID          model.ApplicationID `json:"client_id"`
	ClientSecret      string              `json:"client_secret,omitempty"`
	ExternalAuthToken string              `json:"external_auth_token"`
	ExternalAuthType  string              `json:"external_auth_type"`
}

// ProvisionalToken is an access token of a provisional account.
type ProvisionalToken struct {
	TokenType    string   `json:"token_type"`
	AccessToken  string   `json:"access_token"`
	ExpiresIn    int      `json:"expires_in"` // seconds
	Scope        string   `json:"scope"`
	IDToken      string   `json:"id_token"`
	RefreshToken string   `json:"refresh_token,omitempty"`
	Scopes       []string `json:"scopes,omitempty"`
	ExpiresAtS   int64    `json:"expires_at_s,omitempty"` // Unix seconds
}

// PartnerToken exchanges an external identity for the token of a
// provisional account.
func (c *Client) PartnerToken(ctx context.Context, a *ExternalAuth, opts ...RequestOption) (*ProvisionalToken, error) {
	return fetch[ProvisionalToken](ctx, c, rPartnerToken, nil, nil, a, opts)
}

// BotPartnerToken is the request of BotPartnerToken: the game's own ID
// of the player, and optionally the account and the name to give it.
type BotPartnerToken struct {
	ExternalUserID      string       `json:"external_user_id"`
	ProvisionalUserID   model.UserID `json:"provisional_user_id,omitzero"`
	PreferredGlobalName string       `json:"preferred_global_name,omitempty"` // 1..32 characters
}

// BotPartnerToken gets the token of a provisional account with the bot's
// token.
func (c *Client) BotPartnerToken(ctx context.Context, t *BotPartnerToken, opts ...RequestOption) (*ProvisionalToken, error) {
	if t.ExternalUserID == "" {
		return nil, &ValidationError{Field: "external_user_id", Reason: "empty"}
	}
	return fetch[ProvisionalToken](ctx, c, rBotPartnerToken, nil, nil, t, opts)
}

// UnmergeProvisionalAccount splits a provisional account from the
// Discord account it was merged into.
func (c *Client) UnmergeProvisionalAccount(ctx context.Context, a *ExternalAuth, opts ...RequestOption) error {
	return c.call(ctx, rUnmerge, nil, nil, a, nil, opts)
}

// BotUnmergeProvisionalAccount splits the provisional account of a
// player (the game's own ID of it) with the bot's token.
func (c *Client) BotUnmergeProvisionalAccount(ctx context.Context, externalUserID string, opts ...RequestOption) error {
	body := struct {
		ExternalUserID string `json:"external_user_id"`
	}{externalUserID}
	return c.call(ctx, rBotUnmerge, nil, nil, body, nil, opts)
}
