package rest

import (
	"context"
	"time"

	"github.com/gloamdev/gloam/model"
)

var (
	rListMessages      = route("GET", "/channels/{channel_id}/messages")
	rGetMessage        = route("GET", "/channels/{channel_id}/messages/{message_id}")
	rCreateMessage     = route("POST", "/channels/{channel_id}/messages")
	rEditMessage       = route("PATCH", "/channels/{channel_id}/messages/{message_id}")
	rDeleteMessage     = route("DELETE", "/channels/{channel_id}/messages/{message_id}")
	rBulkDelete        = route("POST", "/channels/{channel_id}/messages/bulk-delete")
	rCrosspost         = route("POST", "/channels/{channel_id}/messages/{message_id}/crosspost")
	rAddReaction       = route("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
	rDeleteOwnReaction = route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
	rDeleteUserReact   = route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}")
	rListReactions     = route("GET", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}")
	rDeleteAllReacts   = route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions")
	rDeleteEmojiReacts = route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}")
	rListPins          = route("GET", "/channels/{channel_id}/messages/pins")
	rPin               = route("PUT", "/channels/{channel_id}/messages/pins/{message_id}")
	rUnpin             = route("DELETE", "/channels/{channel_id}/messages/pins/{message_id}")
	rOldListPins       = route("GET", "/channels/{channel_id}/pins")
	rOldPin            = route("PUT", "/channels/{channel_id}/pins/{message_id}")
	rOldUnpin          = route("DELETE", "/channels/{channel_id}/pins/{message_id}")
	rPollVoters        = route("GET", "/channels/{channel_id}/polls/{message_id}/answers/{answer_id}")
	rPollExpire        = route("POST", "/channels/{channel_id}/polls/{message_id}/expire")
)

// MessageCreate is a message to send. Files are uploaded with it; unless
// Attachments already numbers them, each file gets an attachment entry.
type MessageCreate struct {
	Content          string                  `json:"content,omitempty"`
	Nonce            string                  `json:"nonce,omitempty"`
	EnforceNonce     bool                    `json:"enforce_nonce,omitempty"`
	TTS              bool                    `json:"tts,omitempty"`
	Embeds           []model.Embed           `json:"embeds,omitempty"`
	AllowedMentions  *AllowedMentions        `json:"allowed_mentions,omitempty"`
	MessageReference *model.MessageReference `json:"message_reference,omitempty"`
	Components       []model.Component       `json:"components,omitempty"`
	StickerIDs       []model.StickerID       `json:"sticker_ids,omitempty"`
	Attachments      []AttachmentRef         `json:"attachments,omitempty"`
	Flags            model.MessageFlags      `json:"flags,omitempty"`
	Poll             *PollCreate             `json:"poll,omitempty"`
	Files            []File                  `json:"-"`
}

func (m *MessageCreate) uploads() []File { return m.Files }

// Validate checks the message against Discord's limits.
func (m *MessageCreate) Validate() error {
	if err := validateMessage(m.Content, m.Embeds, m.Components, m.Flags, len(m.Files)); err != nil {
		return err
	}
	if err := tooLong("nonce", m.Nonce, 25); err != nil {
		return err
	}
	return tooMany("sticker_ids", len(m.StickerIDs), MaxStickers)
}

// Reply makes m a reply to message id (in the same channel).
func (m *MessageCreate) Reply(id model.MessageID) *MessageCreate {
	m.MessageReference = &model.MessageReference{MessageID: id}
	return m
}

// PollCreate is a poll to send with a message.
type PollCreate struct {
	Question         model.PollMedia      `json:"question"`
	Answers          []model.PollAnswer   `json:"answers"`
	Duration         int                  `json:"duration,omitempty"` // hours; zero: 24
	AllowMultiselect bool                 `json:"allow_multiselect,omitempty"`
	LayoutType       model.PollLayoutType `json:"layout_type,omitempty"`
}

// MessageEdit changes a message; fields left out stay as they are, and
// Null (or an empty slice) removes them: Null Content removes the text,
// Null Attachments every attachment.
type MessageEdit struct {
	Content         Nullable[string]             `json:"content,omitzero"`
	Embeds          Nullable[[]model.Embed]      `json:"embeds,omitzero"`
	Flags           Nullable[model.MessageFlags] `json:"flags,omitzero"`
	AllowedMentions Nullable[AllowedMentions]    `json:"allowed_mentions,omitzero"`
	Components      Nullable[[]model.Component]  `json:"components,omitzero"`
	Attachments     Nullable[[]AttachmentRef]    `json:"attachments,omitzero"`
	Files           []File                       `json:"-"`
}

func (m *MessageEdit) uploads() []File { return m.Files }

// Validate checks the edit against Discord's limits.
func (m *MessageEdit) Validate() error {
	content, _ := m.Content.Get()
	embeds, _ := m.Embeds.Get()
	comps, _ := m.Components.Get()
	flags, _ := m.Flags.Get()
	return validateMessage(content, embeds, comps, flags, len(m.Files))
}

func (m *MessageEdit) withFiles() *MessageEdit {
	if len(m.Files) == 0 {
		return m
	}
	e := *m
	given, _ := m.Attachments.Get()
	e.Attachments = Some(attachmentsFor(given, m.Files))
	return &e
}

// MessagesQuery pages through a channel's messages: at most one of
// Around, Before and After; Limit 1..100 (zero: 50).
type MessagesQuery struct {
	Around model.MessageID `query:"around"`
	Before model.MessageID `query:"before"`
	After  model.MessageID `query:"after"`
	Limit  int             `query:"limit" range:"1,100"`
}

// Messages lists messages of a channel, newest first.
func (c *Client) Messages(ctx context.Context, channel model.ChannelID, q *MessagesQuery, opts ...RequestOption) ([]model.Message, error) {
	if q != nil {
		n := 0
		for _, id := range []model.MessageID{q.Around, q.Before, q.After} {
			if !id.IsZero() {
				n++
			}
		}
		if n > 1 {
			return nil, &ValidationError{Field: "around", Reason: "more than one of around, before and after"}
		}
	}
	return list[model.Message](ctx, c, rListMessages, path(channel), q, nil, opts)
}

// Message gets one message.
func (c *Client) Message(ctx context.Context, channel model.ChannelID, id model.MessageID, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rGetMessage, path(channel, id), nil, nil, opts)
}

// withDefaults returns m with the client's allowed mentions and the
// attachments of its files filled in; m itself is not changed.
func (c *Client) prepareCreate(m *MessageCreate) (*MessageCreate, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if (m.AllowedMentions == nil && c.allowedMentions != nil) || len(m.Files) > 0 {
		cp := *m
		if cp.AllowedMentions == nil {
			cp.AllowedMentions = c.allowedMentions
		}
		cp.Attachments = attachmentsFor(m.Attachments, m.Files)
		m = &cp
	}
	return m, nil
}

// CreateMessage sends a message to a channel.
func (c *Client) CreateMessage(ctx context.Context, channel model.ChannelID, m *MessageCreate, opts ...RequestOption) (*model.Message, error) {
	m, err := c.prepareCreate(m)
	if err != nil {
		return nil, err
	}
	return fetch[model.Message](ctx, c, rCreateMessage, path(channel), nil, m, opts)
}

// EditMessage changes a message.
func (c *Client) EditMessage(ctx context.Context, channel model.ChannelID, id model.MessageID, m *MessageEdit, opts ...RequestOption) (*model.Message, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return fetch[model.Message](ctx, c, rEditMessage, path(channel, id), nil, m.withFiles(), opts)
}

// DeleteMessage deletes a message.
func (c *Client) DeleteMessage(ctx context.Context, channel model.ChannelID, id model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteMessage, path(channel, id), nil, nil, nil, opts)
}

// BulkDeleteMessages deletes 2 to 100 messages younger than two weeks.
func (c *Client) BulkDeleteMessages(ctx context.Context, channel model.ChannelID, ids []model.MessageID, opts ...RequestOption) error {
	if len(ids) < MinBulkDelete || len(ids) > MaxBulkDelete {
		return &ValidationError{Field: "messages", Reason: "bulk delete takes 2 to 100 messages"}
	}
	old := time.Now().Add(-14 * 24 * time.Hour)
	for _, id := range ids {
		if id.Time().Before(old) {
			return &ValidationError{Field: "messages", Reason: "message " + id.String() + " is older than two weeks"}
		}
	}
	body := struct {
		Messages []model.MessageID `json:"messages"`
	}{ids}
	return c.call(ctx, rBulkDelete, path(channel), nil, body, nil, opts)
}

// CrosspostMessage publishes a message of an announcement channel to the
// channels following it.
func (c *Client) CrosspostMessage(ctx context.Context, channel model.ChannelID, id model.MessageID, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rCrosspost, path(channel, id), nil, nil, opts)
}

// AddReaction reacts to a message with emoji: a Unicode emoji, or
// "name:id" for a custom one (model.Emoji.APIName).
func (c *Client) AddReaction(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, opts ...RequestOption) error {
	return c.call(ctx, rAddReaction, path(channel, msg, emoji), nil, nil, nil, opts)
}

// DeleteOwnReaction removes the bot's reaction.
func (c *Client) DeleteOwnReaction(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, opts ...RequestOption) error {
	return c.call(ctx, rDeleteOwnReaction, path(channel, msg, emoji), nil, nil, nil, opts)
}

// DeleteUserReaction removes a user's reaction.
func (c *Client) DeleteUserReaction(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, user model.UserID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteUserReact, path(channel, msg, emoji, user), nil, nil, nil, opts)
}

// ReactionsQuery pages through the users who reacted, in user ID order:
// After a user ID, Limit 1..100 (zero: 25), Type normal (zero) or super
// reactions.
type ReactionsQuery struct {
	After model.UserID       `query:"after"`
	Limit int                `query:"limit" range:"1,100"`
	Type  model.ReactionType `query:"type"`
}

// Reactions lists a page of the users who reacted with emoji.
func (c *Client) Reactions(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, q *ReactionsQuery, opts ...RequestOption) ([]model.User, error) {
	return list[model.User](ctx, c, rListReactions, path(channel, msg, emoji), q, nil, opts)
}

// DeleteAllReactions removes every reaction from a message.
func (c *Client) DeleteAllReactions(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteAllReacts, path(channel, msg), nil, nil, nil, opts)
}

// DeleteEmojiReactions removes every reaction with one emoji.
func (c *Client) DeleteEmojiReactions(ctx context.Context, channel model.ChannelID, msg model.MessageID, emoji string, opts ...RequestOption) error {
	return c.call(ctx, rDeleteEmojiReacts, path(channel, msg, emoji), nil, nil, nil, opts)
}

// Pins is a page of a channel's pinned messages.
type Pins struct {
	Items   []Pin `json:"items"`
	HasMore bool  `json:"has_more"`
}

// Pin is a pinned message and when it was pinned.
type Pin struct {
	PinnedAt model.Timestamp `json:"pinned_at"`
	Message  model.Message   `json:"message"`
}

// PinsQuery pages through pins, newest pin first: Before a pin time,
// Limit 1..50 (zero: 50).
type PinsQuery struct {
	Before time.Time `query:"before"`
	Limit  int       `query:"limit" range:"1,50"`
}

// ListPins lists a page of a channel's pinned messages.
func (c *Client) ListPins(ctx context.Context, channel model.ChannelID, q *PinsQuery, opts ...RequestOption) (*Pins, error) {
	return fetch[Pins](ctx, c, rListPins, path(channel), q, nil, opts)
}

// Pin pins a message.
func (c *Client) Pin(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rPin, path(channel, msg), nil, nil, nil, opts)
}

// Unpin unpins a message.
func (c *Client) Unpin(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rUnpin, path(channel, msg), nil, nil, nil, opts)
}

// PinnedMessages lists at most 50 pins through the /pins route.
//
// Deprecated: Discord deprecated the route; use ListPins.
func (c *Client) PinnedMessages(ctx context.Context, channel model.ChannelID, opts ...RequestOption) ([]model.Message, error) {
	return list[model.Message](ctx, c, rOldListPins, path(channel), nil, nil, opts)
}

// PinMessage pins through the /pins route.
//
// Deprecated: Discord deprecated the route; use Pin.
func (c *Client) PinMessage(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rOldPin, path(channel, msg), nil, nil, nil, opts)
}

// UnpinMessage unpins through the /pins route.
//
// Deprecated: Discord deprecated the route; use Unpin.
func (c *Client) UnpinMessage(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) error {
	return c.call(ctx, rOldUnpin, path(channel, msg), nil, nil, nil, opts)
}

// PollVotersQuery pages through the voters of an answer in user ID
// order: After a user ID, Limit 1..100 (zero: 25).
type PollVotersQuery struct {
	After model.UserID `query:"after"`
	Limit int          `query:"limit" range:"1,100"`
}

// PollVoters lists a page of the users who voted for an answer.
func (c *Client) PollVoters(ctx context.Context, channel model.ChannelID, msg model.MessageID, answer int, q *PollVotersQuery, opts ...RequestOption) ([]model.User, error) {
	var out struct {
		Users []model.User `json:"users"`
	}
	if err := c.call(ctx, rPollVoters, path(channel, msg, answer), q, nil, &out, opts); err != nil {
		return nil, err
	}
	return out.Users, nil
}

// ExpirePoll ends a poll now.
func (c *Client) ExpirePoll(ctx context.Context, channel model.ChannelID, msg model.MessageID, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rPollExpire, path(channel, msg), nil, nil, opts)
}
