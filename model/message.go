package model

import (
	"encoding/json"
	"reflect"
	"strconv"
)

// Message is a message in a channel. GuildID and Member are set only in
// gateway events (MESSAGE_CREATE, MESSAGE_UPDATE) of guild messages; Member
// then has no User (it is Author).
type Message struct {
	ID                   MessageID             `json:"id"`
	ChannelID            ChannelID             `json:"channel_id"`
	GuildID              GuildID               `json:"guild_id,omitzero"`
	Author               User                  `json:"author"`
	Member               *Member               `json:"member,omitempty"`
	Content              string                `json:"content"`
	Timestamp            Timestamp             `json:"timestamp"`
	EditedTimestamp      Timestamp             `json:"edited_timestamp"`
	TTS                  bool                  `json:"tts"`
	MentionEveryone      bool                  `json:"mention_everyone"`
	Mentions             []MentionedUser       `json:"mentions"`
	MentionRoles         []RoleID              `json:"mention_roles"`
	MentionChannels      []ChannelMention      `json:"mention_channels,omitempty"`
	Attachments          []Attachment          `json:"attachments"`
	Embeds               []Embed               `json:"embeds"`
	Reactions            []Reaction            `json:"reactions,omitempty"`
	Nonce                Nonce                 `json:"nonce,omitempty"`
	Pinned               bool                  `json:"pinned"`
	WebhookID            WebhookID             `json:"webhook_id,omitzero"`
	Type                 MessageType           `json:"type"`
	Activity             *MessageActivity      `json:"activity,omitempty"`
	Application          *Application          `json:"application,omitempty"` // a partial application
	ApplicationID        ApplicationID         `json:"application_id,omitzero"`
	Flags                MessageFlags          `json:"flags,omitempty"`
	MessageReference     *MessageReference     `json:"message_reference,omitempty"`
	MessageSnapshots     []MessageSnapshot     `json:"message_snapshots,omitempty"`
	ReferencedMessage    *Message              `json:"referenced_message,omitempty"`
	InteractionMetadata  *InteractionMetadata  `json:"interaction_metadata,omitempty"`
	Interaction          *MessageInteraction   `json:"interaction,omitempty"` // deprecated by Discord
	Thread               *Channel              `json:"thread,omitempty"`
	Components           []Component           `json:"components,omitempty"`
	StickerItems         []StickerItem         `json:"sticker_items,omitempty"`
	Position             *int                  `json:"position,omitempty"`
	RoleSubscriptionData *RoleSubscriptionData `json:"role_subscription_data,omitempty"`
	Resolved             *Resolved             `json:"resolved,omitempty"`
	Poll                 *Poll                 `json:"poll,omitempty"`
	Call                 *CallMetadata         `json:"call,omitempty"`
	// Stickers are full sticker objects. Deprecated: use StickerItems.
	Stickers []Sticker `json:"stickers,omitempty"`
	// LobbyMember is the author's lobby member, for a lobby message.
	LobbyMember *LobbyMember `json:"lobby_member,omitempty"`
	// PurchaseNotification is set on messages announcing a purchase.
	PurchaseNotification *PurchaseNotification `json:"purchase_notification,omitempty"`
	// SharedClientTheme is a client theme the message shares.
	SharedClientTheme *ClientTheme `json:"shared_client_theme,omitempty"`
}

// PurchaseNotification is what a purchase-notification message announces.
type PurchaseNotification struct {
	Type                 int                   `json:"type"` // 0: a guild product
	GuildProductPurchase *GuildProductPurchase `json:"guild_product_purchase,omitempty"`
}

// GuildProductPurchase is a purchase of a guild product.
type GuildProductPurchase struct {
	ListingID   Snowflake `json:"listing_id"`
	ProductName string    `json:"product_name"`
}

// ClientTheme is a theme of the Discord client, shared in a message.
type ClientTheme struct {
	Colors        []string `json:"colors"` // hex colors
	GradientAngle int      `json:"gradient_angle"`
	BaseMix       int      `json:"base_mix"`
	BaseTheme     int      `json:"base_theme,omitempty"`
}

// MentionedUser is a user mentioned in a message, with the partial member
// Discord adds in guilds.
type MentionedUser struct {
	User
	Member *Member `json:"member,omitempty"`
}

// Nonce is a message nonce. Discord sends strings or integers; both become
// a string here, and it encodes as a string.
type Nonce string

// UnmarshalJSON accepts a JSON string, number or null.
func (n *Nonce) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*n = Nonce(v)
	case float64, nil:
		if v == nil {
			*n = ""
		} else {
			*n = Nonce(b)
		}
	default:
		return &json.UnmarshalTypeError{Value: "nonce", Type: reflect.TypeFor[Nonce]()}
	}
	return nil
}

// ChannelMention is a channel mentioned in a crossposted message.
type ChannelMention struct {
	ID      ChannelID   `json:"id"`
	GuildID GuildID     `json:"guild_id"`
	Type    ChannelType `json:"type"`
	Name    string      `json:"name"`
}

// Attachment is a file attached to a message.
type Attachment struct {
	ID           AttachmentID    `json:"id"`
	Filename     string          `json:"filename"`
	Title        string          `json:"title,omitempty"`
	Description  string          `json:"description,omitempty"`
	ContentType  string          `json:"content_type,omitempty"`
	Size         int             `json:"size"`
	URL          string          `json:"url"`
	ProxyURL     string          `json:"proxy_url"`
	Height       *int            `json:"height,omitempty"`
	Width        *int            `json:"width,omitempty"`
	Placeholder  string          `json:"placeholder,omitempty"`
	Ephemeral    bool            `json:"ephemeral,omitempty"`
	DurationSecs float64         `json:"duration_secs,omitempty"`
	Waveform     string          `json:"waveform,omitempty"`
	Flags        AttachmentFlags `json:"flags,omitempty"`
	// PlaceholderVersion is the version of the Placeholder thumbnail.
	PlaceholderVersion int `json:"placeholder_version,omitempty"`
	// ClipCreatedAt and ClipParticipants describe a clip (an attachment
	// flagged as one); Application is the game it was recorded in.
	ClipCreatedAt    Timestamp    `json:"clip_created_at,omitzero"`
	ClipParticipants []User       `json:"clip_participants,omitempty"`
	Application      *Application `json:"application,omitempty"`
}

// Embed is rich content in a message.
type Embed struct {
	Title       string         `json:"title,omitempty"`
	Type        string         `json:"type,omitempty"` // "rich", "image", "video", "gifv", "article", "link", "poll_result"...
	Description string         `json:"description,omitempty"`
	URL         string         `json:"url,omitempty"`
	Timestamp   Timestamp      `json:"timestamp,omitzero"`
	Color       int            `json:"color,omitempty"`
	Footer      *EmbedFooter   `json:"footer,omitempty"`
	Image       *EmbedMedia    `json:"image,omitempty"`
	Thumbnail   *EmbedMedia    `json:"thumbnail,omitempty"`
	Video       *EmbedMedia    `json:"video,omitempty"`
	Provider    *EmbedProvider `json:"provider,omitempty"`
	Author      *EmbedAuthor   `json:"author,omitempty"`
	Fields      []EmbedField   `json:"fields,omitempty"`
	Flags       int            `json:"flags,omitempty"`
	Components  []Component    `json:"components,omitempty"` // sent in some embeds Discord makes
}

// EmbedFooter is an embed's footer.
type EmbedFooter struct {
	Text         string `json:"text"`
	IconURL      string `json:"icon_url,omitempty"`
	ProxyIconURL string `json:"proxy_icon_url,omitempty"`
}

// EmbedMedia is an embed's image, thumbnail or video.
type EmbedMedia struct {
	URL      string `json:"url,omitempty"`
	ProxyURL string `json:"proxy_url,omitempty"`
	Height   int    `json:"height,omitempty"`
	Width    int    `json:"width,omitempty"`
}

// EmbedProvider is the site an embed comes from.
type EmbedProvider struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// EmbedAuthor is an embed's author line.
type EmbedAuthor struct {
	Name         string `json:"name"`
	URL          string `json:"url,omitempty"`
	IconURL      string `json:"icon_url,omitempty"`
	ProxyIconURL string `json:"proxy_icon_url,omitempty"`
}

// EmbedField is a name and value shown in an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Reaction is the count of one emoji's reactions on a message.
type Reaction struct {
	Count        int                  `json:"count"`
	CountDetails ReactionCountDetails `json:"count_details"`
	Me           bool                 `json:"me"`
	MeBurst      bool                 `json:"me_burst"`
	Emoji        Emoji                `json:"emoji"`
	BurstColors  []string             `json:"burst_colors,omitempty"`
}

// ReactionCountDetails splits a reaction count into normal and super
// reactions.
type ReactionCountDetails struct {
	Burst  int `json:"burst"`
	Normal int `json:"normal"`
}

// MessageReference points at the message replied to, forwarded or
// crossposted.
type MessageReference struct {
	Type            MessageReferenceType `json:"type"`
	MessageID       MessageID            `json:"message_id,omitzero"`
	ChannelID       ChannelID            `json:"channel_id,omitzero"`
	GuildID         GuildID              `json:"guild_id,omitzero"`
	FailIfNotExists *bool                `json:"fail_if_not_exists,omitempty"`
}

// MessageSnapshot is a copy of a forwarded message, with a subset of
// its fields.
type MessageSnapshot struct {
	Message Message `json:"message"`
}

// MessageActivity is the rich presence invite of a message.
type MessageActivity struct {
	Type    int    `json:"type"`
	PartyID string `json:"party_id,omitempty"`
}

// InteractionMetadata describes the interaction a message answers.
type InteractionMetadata struct {
	ID                            InteractionID                 `json:"id"`
	Type                          InteractionType               `json:"type"`
	User                          User                          `json:"user"`
	AuthorizingIntegrationOwners  map[IntegrationType]Snowflake `json:"authorizing_integration_owners"`
	OriginalResponseMessageID     MessageID                     `json:"original_response_message_id,omitzero"`
	TargetUser                    *User                         `json:"target_user,omitempty"`
	TargetMessageID               MessageID                     `json:"target_message_id,omitzero"`
	InteractedMessageID           MessageID                     `json:"interacted_message_id,omitzero"`
	TriggeringInteractionMetadata *InteractionMetadata          `json:"triggering_interaction_metadata,omitempty"`
}

// MessageInteraction is the older, deprecated form of InteractionMetadata.
type MessageInteraction struct {
	ID     InteractionID   `json:"id"`
	Type   InteractionType `json:"type"`
	Name   string          `json:"name"`
	User   User            `json:"user"`
	Member *Member         `json:"member,omitempty"`
}

// RoleSubscriptionData describes a role subscription purchase message.
type RoleSubscriptionData struct {
	RoleSubscriptionListingID SKUID  `json:"role_subscription_listing_id"`
	TierName                  string `json:"tier_name"`
	TotalMonthsSubscribed     int    `json:"total_months_subscribed"`
	IsRenewal                 bool   `json:"is_renewal"`
}

// CallMetadata is the call a call message is about.
type CallMetadata struct {
	Participants   []UserID  `json:"participants"`
	EndedTimestamp Timestamp `json:"ended_timestamp"`
}

// Poll is a poll in a message.
type Poll struct {
	Question         PollMedia    `json:"question"`
	Answers          []PollAnswer `json:"answers"`
	Expiry           Timestamp    `json:"expiry"`
	AllowMultiselect bool         `json:"allow_multiselect"`
	LayoutType       int          `json:"layout_type"`
	Results          *PollResults `json:"results,omitempty"`
}

// PollMedia is the text (and emoji) of a poll question or answer.
type PollMedia struct {
	Text  string `json:"text,omitempty"`
	Emoji *Emoji `json:"emoji,omitempty"`
}

// PollAnswer is one answer of a poll.
type PollAnswer struct {
	AnswerID  int       `json:"answer_id"`
	PollMedia PollMedia `json:"poll_media"`
}

// PollResults are the counts of a poll's answers.
type PollResults struct {
	IsFinalized  bool `json:"is_finalized"`
	AnswerCounts []struct {
		ID      int  `json:"id"`
		Count   int  `json:"count"`
		MeVoted bool `json:"me_voted"`
	} `json:"answer_counts"`
}

// JumpURL is the link to the message.
func (m *Message) JumpURL() string {
	g := "@me"
	if m.GuildID != 0 {
		g = m.GuildID.String()
	}
	return "https://discord.com/channels/" + g + "/" + m.ChannelID.String() + "/" + strconv.FormatUint(uint64(m.ID), 10)
}
