package rest

import (
	"context"
	"encoding/json"
	"net/url"

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

// Lobby is a group of players that can chat.
type Lobby = model.Lobby

// LobbyMember is a player in a lobby.
type LobbyMember = model.LobbyMember

// LobbyCreate is a new lobby or the change of one.
type LobbyCreate struct {
	Metadata             map[string]string `json:"metadata,omitempty"`
	Members              []LobbyMember     `json:"members,omitempty"`
	IdleTimeoutSeconds   int               `json:"idle_timeout_seconds,omitempty"`
	Secret               string            `json:"secret,omitempty"` // create or join
	LobbyMetadata        map[string]string `json:"lobby_metadata,omitempty"`
	MemberMetadata       map[string]string `json:"member_metadata,omitempty"`
	OverrideEventWebhook *bool             `json:"override_event_webhooks_url,omitempty"`
}

// CreateLobby creates a lobby.
func (c *Client) CreateLobby(ctx context.Context, l *LobbyCreate, opts ...RequestOption) (*Lobby, error) {
	return fetch[Lobby](ctx, c, rCreateLobby, nil, nil, l, opts)
}

// CreateOrJoinLobby joins the lobby of l.Secret, creating it if needed.
func (c *Client) CreateOrJoinLobby(ctx context.Context, l *LobbyCreate, opts ...RequestOption) (*Lobby, error) {
	return fetch[Lobby](ctx, c, rCreateOrJoinLobby, nil, nil, l, opts)
}

// Lobby gets a lobby.
func (c *Client) Lobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) (*Lobby, error) {
	return fetch[Lobby](ctx, c, rLobby, path(id), nil, nil, opts)
}

// ModifyLobby changes a lobby.
func (c *Client) ModifyLobby(ctx context.Context, id model.Snowflake, l *LobbyCreate, opts ...RequestOption) (*Lobby, error) {
	return fetch[Lobby](ctx, c, rModifyLobby, path(id), nil, l, opts)
}

// DeleteLobby deletes a lobby.
func (c *Client) DeleteLobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rDeleteLobby, path(id), nil, nil, nil, opts)
}

// LinkLobbyChannel links a lobby to a guild channel (zero: unlinks).
func (c *Client) LinkLobbyChannel(ctx context.Context, id model.Snowflake, channel model.ChannelID, opts ...RequestOption) (*Lobby, error) {
	body := struct {
		ChannelID model.ChannelID `json:"channel_id,omitzero"`
	}{channel}
	return fetch[Lobby](ctx, c, rLinkLobby, path(id), nil, body, opts)
}

// LeaveLobby removes the token's user from a lobby.
func (c *Client) LeaveLobby(ctx context.Context, id model.Snowflake, opts ...RequestOption) error {
	return c.call(ctx, rLeaveLobby, path(id), nil, nil, nil, opts)
}

// AddLobbyMember adds a user to a lobby, or changes their metadata.
func (c *Client) AddLobbyMember(ctx context.Context, id model.Snowflake, user model.UserID, m *LobbyMember, opts ...RequestOption) (*LobbyMember, error) {
	return fetch[LobbyMember](ctx, c, rAddLobbyMember, path(id, user), nil, m, opts)
}

// RemoveLobbyMember removes a user from a lobby.
func (c *Client) RemoveLobbyMember(ctx context.Context, id model.Snowflake, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rRemoveLobbyMember, path(id, user), nil, nil, nil, opts)
}

// BulkUpdateLobbyMembers adds, changes or (with "remove_member": true)
// removes many members at once.
func (c *Client) BulkUpdateLobbyMembers(ctx context.Context, id model.Snowflake, members any, opts ...RequestOption) ([]LobbyMember, error) {
	return list[LobbyMember](ctx, c, rBulkLobbyMembers, path(id), nil, members, opts)
}

// CreateLobbyInvite makes an invite to the guild of a lobby's linked
// channel, for the token's user (user zero) or another member.
func (c *Client) CreateLobbyInvite(ctx context.Context, id model.Snowflake, user model.UserID, opts ...RequestOption) (json.RawMessage, error) {
	if user.IsZero() {
		return c.raw(ctx, rLobbyInviteSelf, path(id), nil, nil, opts)
	}
	return c.raw(ctx, rLobbyInviteUser, path(id, user), nil, nil, opts)
}

// LobbyMessages lists a lobby's latest messages (limit zero: 50).
func (c *Client) LobbyMessages(ctx context.Context, id model.Snowflake, limit int, opts ...RequestOption) (json.RawMessage, error) {
	return c.raw(ctx, rLobbyMessages, path(id), url.Values(query{}.set("limit", limit)), nil, opts)
}

// SendLobbyMessage sends a message to a lobby.
func (c *Client) SendLobbyMessage(ctx context.Context, id model.Snowflake, content string, metadata map[string]string, opts ...RequestOption) (json.RawMessage, error) {
	if err := tooLong("content", content, MaxContent); err != nil {
		return nil, err
	}
	body := struct {
		Content  string            `json:"content"`
		Metadata map[string]string `json:"metadata,omitempty"`
	}{content, metadata}
	return c.raw(ctx, rLobbyMessage, path(id), nil, body, opts)
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

// PartnerToken exchanges an external identity for a provisional account
// token; bot selects the route authenticated by the bot token.
func (c *Client) PartnerToken(ctx context.Context, bot bool, body any, opts ...RequestOption) (json.RawMessage, error) {
	if bot {
		return c.raw(ctx, rBotPartnerToken, nil, nil, body, opts)
	}
	return c.raw(ctx, rPartnerToken, nil, nil, body, opts)
}

// UnmergeProvisionalAccount splits a provisional account from the
// Discord account it was merged into.
func (c *Client) UnmergeProvisionalAccount(ctx context.Context, bot bool, body any, opts ...RequestOption) error {
	if bot {
		return c.call(ctx, rBotUnmerge, nil, nil, body, nil, opts)
	}
	return c.call(ctx, rUnmerge, nil, nil, body, nil, opts)
}
