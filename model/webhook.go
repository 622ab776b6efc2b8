package model

// WebhookType is the type of a webhook.
type WebhookType int

// Webhook types.
const (
	WebhookIncoming        WebhookType = 1 // posts messages to a channel with its token
	WebhookChannelFollower WebhookType = 2 // posts an announcement channel's messages into followers
	WebhookApplication     WebhookType = 3 // used with interactions
)

var webhookTypeNames = map[WebhookType]string{1: "INCOMING", 2: "CHANNEL_FOLLOWER", 3: "APPLICATION"}

func (t WebhookType) String() string { return nameOf("WebhookType", t, webhookTypeNames) }

// Webhook is a channel's webhook. Token is set for incoming webhooks the
// bot can see, and is a secret.
type Webhook struct {
	ID            WebhookID     `json:"id"`
	Type          WebhookType   `json:"type"`
	GuildID       GuildID       `json:"guild_id,omitzero"`
	ChannelID     ChannelID     `json:"channel_id,omitzero"`
	User          *User         `json:"user,omitempty"`
	Name          *string       `json:"name"`
	Avatar        *string       `json:"avatar"`
	Token         string        `json:"token,omitempty"`
	ApplicationID ApplicationID `json:"application_id,omitzero"`
	SourceGuild   *Guild        `json:"source_guild,omitempty"`
	SourceChannel *Channel      `json:"source_channel,omitempty"`
	URL           string        `json:"url,omitempty"`
}
