package rest

import (
	"context"
	"encoding/json"

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

// WebhookCreate is a new webhook.
type WebhookCreate struct {
	Name   string `json:"name"`
	Avatar string `json:"avatar,omitempty"` // a data URI
}

// WebhookModify changes a webhook; fields left out stay as they are, and
// a Null Avatar removes the avatar. ChannelID needs the bot's token.
type WebhookModify struct {
	Name      *string          `json:"name,omitempty"`
	Avatar    Nullable[string] `json:"avatar,omitzero"` // a data URI
	ChannelID *model.ChannelID `json:"channel_id,omitempty"`
}

// CreateWebhook makes a webhook in a channel.
func (c *Client) CreateWebhook(ctx context.Context, channel model.ChannelID, w *WebhookCreate, opts ...RequestOption) (*model.Webhook, error) {
	if w.Name == "" {
		return nil, &ValidationError{Field: "name", Reason: "empty"}
	}
	if err := tooLong("name", w.Name, MaxUsername); err != nil {
		return nil, err
	}
	return fetch[model.Webhook](ctx, c, rCreateWebhook, path(channel), nil, w, opts)
}

// ChannelWebhooks lists a channel's webhooks.
func (c *Client) ChannelWebhooks(ctx context.Context, channel model.ChannelID, opts ...RequestOption) ([]model.Webhook, error) {
	return list[model.Webhook](ctx, c, rChannelWebhooks, path(channel), nil, nil, opts)
}

// GuildWebhooks lists a guild's webhooks.
func (c *Client) GuildWebhooks(ctx context.Context, guild model.GuildID, opts ...RequestOption) ([]model.Webhook, error) {
	return list[model.Webhook](ctx, c, rGuildWebhooks, path(guild), nil, nil, opts)
}

// Webhook gets a webhook with the bot's token; with a webhook token,
// pass it as token and no bot authorization is sent.
func (c *Client) Webhook(ctx context.Context, id model.WebhookID, token string, opts ...RequestOption) (*model.Webhook, error) {
	if token != "" {
		return fetch[model.Webhook](ctx, c, rGetWebhookToken, path(id, token), nil, nil, opts)
	}
	return fetch[model.Webhook](ctx, c, rGetWebhook, path(id), nil, nil, opts)
}

// ModifyWebhook changes a webhook; with a webhook token (pass it as
// token) the channel cannot be changed.
func (c *Client) ModifyWebhook(ctx context.Context, id model.WebhookID, token string, w *WebhookModify, opts ...RequestOption) (*model.Webhook, error) {
	if w.Name != nil {
		if err := tooLong("name", *w.Name, MaxUsername); err != nil {
			return nil, err
		}
	}
	if token != "" && w.ChannelID != nil {
		return nil, &ValidationError{Field: "channel_id", Reason: "cannot change with a webhook token"}
	}
	if token != "" {
		return fetch[model.Webhook](ctx, c, rModifyWebhookToken, path(id, token), nil, w, opts)
	}
	return fetch[model.Webhook](ctx, c, rModifyWebhook, path(id), nil, w, opts)
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

	// Wait asks Discord to answer with the message sent (query
	// parameter wait).
	Wait bool `json:"-"`
	// ThreadID sends the message to a thread of the webhook's channel
	// (query parameter thread_id).
	ThreadID model.ChannelID `json:"-"`
	// WithComponents lets a webhook that no application owns send
	// non-interactive components (query parameter with_components).
	WithComponents bool `json:"-"`
}

// webhookExecuteQuery is the part of a WebhookExecute sent in the URL.
type webhookExecuteQuery struct {
	Wait           bool            `query:"wait"`
	ThreadID       model.ChannelID `query:"thread_id"`
	WithComponents bool            `query:"with_components"`
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
	q := &webhookExecuteQuery{Wait: w.Wait, ThreadID: w.ThreadID, WithComponents: w.WithComponents}
	if !w.Wait {
		return nil, c.call(ctx, rExecuteWebhook, path(id, token), q, &cp, nil, opts)
	}
	return fetch[model.Message](ctx, c, rExecuteWebhook, path(id, token), q, &cp, opts)
}

// SlackWebhookExecute is a Slack-formatted message sent through a
// webhook; Discord reads the fields below. Wait and ThreadID are sent in
// the URL.
type SlackWebhookExecute struct {
	Text        string            `json:"text,omitempty"`
	Username    string            `json:"username,omitempty"`
	IconURL     string            `json:"icon_url,omitempty"`
	Attachments []SlackAttachment `json:"attachments,omitempty"`
	Wait        bool              `json:"-"`
	ThreadID    model.ChannelID   `json:"-"`
}

// SlackAttachment is a Slack attachment, which Discord turns into an
// embed.
type SlackAttachment struct {
	Title      string       `json:"title,omitempty"`
	TitleLink  string       `json:"title_link,omitempty"`
	Text       string       `json:"text,omitempty"`
	Color      string       `json:"color,omitempty"`
	Pretext    string       `json:"pretext,omitempty"`
	AuthorName string       `json:"author_name,omitempty"`
	AuthorLink string       `json:"author_link,omitempty"`
	AuthorIcon string       `json:"author_icon,omitempty"`
	ImageURL   string       `json:"image_url,omitempty"`
	ThumbURL   string       `json:"thumb_url,omitempty"`
	Footer     string       `json:"footer,omitempty"`
	FooterIcon string       `json:"footer_icon,omitempty"`
	Timestamp  int64        `json:"ts,omitempty"`
	Fields     []SlackField `json:"fields,omitempty"`
}

// SlackField is a field of a Slack attachment.
type SlackField struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short,omitempty"`
}

// ExecuteSlackWebhook sends a Slack-formatted message through a webhook;
// without m.Wait the message returned is nil.
func (c *Client) ExecuteSlackWebhook(ctx context.Context, id model.WebhookID, token string, m *SlackWebhookExecute, opts ...RequestOption) (*model.Message, error) {
	q := &webhookExecuteQuery{Wait: m.Wait, ThreadID: m.ThreadID}
	if !m.Wait {
		return nil, c.call(ctx, rExecuteSlack, path(id, token), q, m, nil, opts)
	}
	return fetch[model.Message](ctx, c, rExecuteSlack, path(id, token), q, m, opts)
}

// GitHubWebhookExecute is a GitHub event delivered through a webhook:
// Event is the X-GitHub-Event header's value (e.g. "push") and Payload
// the event's JSON as GitHub sent it. Wait and ThreadID are sent in the
// URL.
type GitHubWebhookExecute struct {
	Event    string
	Payload  []byte
	Wait     bool
	ThreadID model.ChannelID
}

// ExecuteGitHubWebhook forwards a GitHub event through a webhook;
// without m.Wait the message returned is nil.
func (c *Client) ExecuteGitHubWebhook(ctx context.Context, id model.WebhookID, token string, m *GitHubWebhookExecute, opts ...RequestOption) (*model.Message, error) {
	if !json.Valid(m.Payload) {
		return nil, &ValidationError{Field: "payload", Reason: "not JSON"}
	}
	q := &webhookExecuteQuery{Wait: m.Wait, ThreadID: m.ThreadID}
	opts = append(opts, WithHeader("X-GitHub-Event", m.Event))
	body := json.RawMessage(m.Payload)
	if !m.Wait {
		return nil, c.call(ctx, rExecuteGitHub, path(id, token), q, body, nil, opts)
	}
	return fetch[model.Message](ctx, c, rExecuteGitHub, path(id, token), q, body, opts)
}

// WebhookMessageQuery names the thread a webhook message is in.
type WebhookMessageQuery struct {
	ThreadID model.ChannelID `query:"thread_id"`
}

// WebhookMessage gets a message the webhook sent; q may be nil.
func (c *Client) WebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, q *WebhookMessageQuery, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rWebhookMessage, path(id, token, msg), q, nil, opts)
}

// WebhookMessageEditQuery names the thread a webhook message is in, and
// lets a webhook no application owns send non-interactive components.
type WebhookMessageEditQuery struct {
	ThreadID       model.ChannelID `query:"thread_id"`
	WithComponents bool            `query:"with_components"`
}

// EditWebhookMessage changes a message the webhook sent; q may be nil.
func (c *Client) EditWebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, m *MessageEdit, q *WebhookMessageEditQuery, opts ...RequestOption) (*model.Message, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return fetch[model.Message](ctx, c, rEditWebhookMessage, path(id, token, msg), q, m.withFiles(), opts)
}

// DeleteWebhookMessage deletes a message the webhook sent; q may be nil.
func (c *Client) DeleteWebhookMessage(ctx context.Context, id model.WebhookID, token string, msg model.MessageID, q *WebhookMessageQuery, opts ...RequestOption) error {
	return c.call(ctx, rDeleteWebhookMsg, path(id, token, msg), q, nil, nil, opts)
}
