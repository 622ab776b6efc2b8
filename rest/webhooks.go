package rest

import (
	"context"
	"net/url"

	"github.com/gloamdev/gloam/model"
)

var (
	rGuildWebhooks       = route("GET", "/guilds/{guild_id}/webhooks")
	rGetWebhook          = route("GET", "/webhooks/{webhook_id}")
	rModifyWebhook       = route("PATCH", "/webhooks/{webhook_id}")
	rDeleteWebhook       = route("DELETE", "/webhooks/{webhook_id}")
	rGetWebhookToken     = route("GET", "/webhooks/{webhook_id}/{webhook_token}")
	rModifyWebhookToken  = route("PATCH", "/webhooks/{webhook_id}/{webhook_token}")
	rDeleteWebhookToken  = route("DELETE", "/webhooks/{webhook_id}/{webhook_token}")
	rExecuteWebhook      = route("POST", "/webhooks/{webhook_id}/{webhook_token}")
	rExecuteSlack        = route("POST", "/webhooks/{webhook_id}/{webhook_token}/slack")
	rExecuteGitHub       = route("POST", "/webhooks/{webhook_id}/{webhook_token}/github")
	rWebhookMessage      = route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
	rEditWebhookMessage  = route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
	rDeleteWebhookMsg    = route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
	rOriginalMessage     = route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
	rEditOriginalMessage = route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
	rDeleteOriginal      = route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
)

// WebhookCreate is a new webhook, or the change of one (nil Avatar: keep;
// empty: remove).
type WebhookCreate struct {
	Name      string           `json:"name,omitempty"`
	Avatar    *string          `json:"avatar,omitempty"` // a data URI
	ChannelID *model.ChannelID `json:"channel_id,omitempty"`
}

// CreateWebhook makes a webhook in a channel.
func (c *Client) CreateWebhook(ctx context.Context, channel model.ChannelID, w *WebhookCreate, opts ...RequestOption) (*Webhook, error) {
	if w.Name == "" {
		return nil, &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", w.Name, MaxUsername); err != nil {
		return nil, err
	}
	return fetch[Webhook](ctx, c, rCreateWebhook, path(channel), nil, w, opts)
}

// ChannelWebhooks lists a channel's webhooks.
func (c *Client) ChannelWebhooks(ctx context.Context, channel model.ChannelID, opts ...RequestOption) ([]Webhook, error) {
	return list[Webhook](ctx, c, rChannelWebhooks, path(channel), nil, nil, opts)
}

// GuildWebhooks lists a guild's webhooks.
func (c *Client) GuildWebhooks(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]Webhook, error) {
	return list[Webhook](ctx, c, rGuildWebhooks, path(guild), nil, nil, opts)
}

// Webhook gets a webhook with the bot's token; with a webhook token,
// pass it as token and no bot authorization is sent.
func (c *Client) Webhook(ctx context.Context, id model.WebhookID, token string, opts ...RequestOption) (*Webhook, error) {
	if token != "" {
		return fetch[Webhook](ctx, c, rGetWebhookToken, path(id, token), nil, nil, opts)
	}
	return fetch[Webhook](ctx, c, rGetWebhook, path(id), nil, nil, opts)
}

// ModifyWebhook changes a webhook; with a webhook token (pass it as
// token) the channel cannot be changed.
func (c *Client) ModifyWebhook(ctx context.Context, id model.WebhookID, token string, w *WebhookCreate, opts ...RequestOption) (*Webhook, error) {
	if err := tooLong("name", w.Name, MaxUsername); err != nil {
		return nil, err
	}
	if token != "" {
		return fetch[Webhook](ctx, c, rModifyWebhookToken, path(id, token), nil, w, opts)
	}
	return fetch[Webhook](ctx, c, rModifyWebhook, path(id), nil, w, opts)
}

// DeleteWebhook deletes a webhook, with the bot's token or (when token
// is set) the webhook's.
func (c *Client) DeleteWebhook(ctx context.Context, id model.WebhookID, token string, opts ...RequestOption) error {
	if token != "" {
		return c.call(ctx, rDeleteWebhookToken, path(id, token), nil, nil, nil, opts)
	}
	return c.call(ctx, rDeleteWebhook, path(id), nil, nil, nil, opts)
}

// WebhookExecute is a message sent through a webhook.
type WebhookExecute struct {
	Content         string             `json:"content,omitempty"`
	Username        string             `json:"username,omitempty"`
	AvatarURL       string             `json:"avatar_url,omitempty"`
	TTS             bool               `json:"tts,omitempty"`
	Embeds          []model.Embed      `json:"embeds,omitempty"`
	AllowedMentions *AllowedMentions   `json:"allowed_mentions,omitempty"`
	Components      []model.Component  `json:"components,omitempty"`
	Attachments     []AttachmentRef    `json:"attachments,omitempty"`
	Flags           model.MessageFlags `json:"flags,omitempty"`
	ThreadName      string             `json:"thread_name,omitempty"`
	AppliedTags     []model.Snowflake  `json:"applied_tags,omitempty"`
	Poll            *PollCreate        `json:"poll,omitempty"`
	Files           []File             `json:"-"`

	// Wait asks Discord to answer with the message sent.
	Wait bool `json:"-"`
	// ThreadID sends the message to a thread of the webhook's channel.
	ThreadID model.ChannelID `json:"-"`
}

func (w *WebhookExecute) uploads() []File { return w.Files }

// Validate checks the message against Discord's limits.
func (w *WebhookExecute) Validate() error {
	if err := tooLong("username", w.Username, MaxUsername); err != nil {
		return err
	}
	return validateMessage(w.Content, w.Embeds, w.Components, w.Flags, len(w.Files))
}

// ExecuteWebhook sends a message through a webhook. Without w.Wait the
// message returned is nil.
func (c *Client) ExecuteWebhook(ctx context.Context, id model.WebhookID, token string, w *WebhookExecute, opts ...RequestOption) (*model.Message, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	cp := *w
	if cp.AllowedMentions == nil {
		cp.AllowedMentions = c.allowedMentions
	}
	cp.Attachments = attachmentsFor(w.Attachments, w.Files)
	q := query{}.set("wait", w.Wait).set("thread_id", w.ThreadID)
	if !w.Wait {
		return nil, c.call(ctx, rExecuteWebhook, path(id, token), url.Values(q), &cp, nil, opts)
	}
	return fetch[model.Message](ctx, c, rExecuteWebhook, path(id, token), url.Values(q), &cp, opts)
}

// ExecuteSlackWebhook sends a Slack-formatted payload through a webhook.
func (c *Client) ExecuteSlackWebhook(ctx context.Context, id model.WebhookID, token string, payload any, opts ...RequestOption) error {
	return c.call(ctx, rExecuteSlack, path(id, token), nil, payload, nil, opts)
}

// ExecuteGitHubWebhook sends a GitHub event payload through a webhook.
func (c *Client) ExecuteGitHubWebhook(ctx context.Context, id model.WebhookID, token string, payload any, opts ...RequestOption) error {
	return c.call(ctx, rExecuteGitHub, path(id, token), nil, payload, nil, opts)
}

func threadQuery(thread model.ChannelID) url.Values {
	return url.Values(query{}.set("thread_id", thread))
}

// WebhookMessage gets a message the webhook sent (thread zero: none).
func (c *Client) WebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, thread model.ChannelID, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rWebhookMessage, path(id, token, msg), threadQuery(thread), nil, opts)
}

// EditWebhookMessage changes a message the webhook sent.
func (c *Client) EditWebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, thread model.ChannelID, m *MessageEdit, opts ...RequestOption) (*model.Message, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return fetch[model.Message](ctx, c, rEditWebhookMessage, path(id, token, msg), threadQuery(thread), m.withFiles(), opts)
}

// DeleteWebhookMessage deletes a message the webhook sent.
func (c *Client) DeleteWebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, thread model.ChannelID, opts ...RequestOption) error {
	return c.call(ctx, rDeleteWebhookMsg, path(id, token, msg), threadQuery(thread), nil, nil, opts)
}
