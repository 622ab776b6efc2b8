package rest

import (
	"context"

	"github.com/gloamdev/gloam/model"
)

var rInteractionCallback = route("POST", "/interactions/{interaction_id}/{interaction_token}/callback")

// InteractionResponse answers an interaction, within three seconds.
type InteractionResponse struct {
	Type model.InteractionCallbackType `json:"type"`
	Data *InteractionResponseData      `json:"data,omitempty"`
}

// InteractionResponseData is the message, autocomplete choices or modal
// of an interaction response; the fields used depend on the type.
//
// A nil Embeds, Components, Attachments or Choices is left out, so an
// update (model.CallbackUpdateMessage) keeps what the message has; a
// non-nil empty slice is sent as [] and removes it, e.g.
// Components: []model.Component{} takes a message's buttons away.
type InteractionResponseData struct {
	TTS             bool                             `json:"tts,omitempty"`
	Content         string                           `json:"content,omitempty"`
	Embeds          []model.Embed                    `json:"embeds,omitzero"`
	AllowedMentions *AllowedMentions                 `json:"allowed_mentions,omitempty"`
	Flags           model.MessageFlags               `json:"flags,omitempty"` // e.g. model.MessageEphemeral
	Components      []model.Component                `json:"components,omitzero"`
	Attachments     []AttachmentRef                  `json:"attachments,omitzero"`
	Poll            *PollCreate                      `json:"poll,omitempty"`
	Choices         []model.ApplicationCommandChoice `json:"choices,omitzero"` // autocomplete
	CustomID        string                           `json:"custom_id,omitempty"`
	Title           string                           `json:"title,omitempty"` // modal
	Files           []File                           `json:"-"`
}

func (r *InteractionResponse) uploads() []File {
	if r.Data != nil {
		return r.Data.Files
	}
	return nil
}

// Validate checks the response against Discord's limits.
func (r *InteractionResponse) Validate() error {
	d := r.Data
	if d == nil {
		return nil
	}
	if err := tooMany("data.choices", len(d.Choices), MaxChoices); err != nil {
		return err
	}
	if err := tooLong("data.title", d.Title, 45); err != nil {
		return err
	}
	if err := tooLong("data.custom_id", d.CustomID, MaxCustomID); err != nil {
		return err
	}
	if r.Type == model.CallbackModal {
		return validateComponents("data.components", d.Components, 0)
	}
	return validateMessage(d.Content, d.Embeds, d.Components, d.Flags, len(d.Files))
}

// RespondInteraction answers an interaction. It needs no bot token and
// is exempt from the global rate limit.
func (c *Client) RespondInteraction(ctx context.Context, id model.InteractionID, token string, r *InteractionResponse, opts ...RequestOption) error {
	r, err := c.prepareResponse(r)
	if err != nil {
		return err
	}
	return c.call(ctx, rInteractionCallback, path(id, token), nil, r, nil, opts)
}

// InteractionCallback is what Discord says of a response it accepted:
// the message it made, if any.
type InteractionCallback struct {
	Interaction InteractionCallbackInteraction `json:"interaction"`
	Resource    *InteractionCallbackResource   `json:"resource,omitempty"`
}

// InteractionCallbackInteraction is the interaction a response answered.
type InteractionCallbackInteraction struct {
	ID                       model.InteractionID   `json:"id"`
	Type                     model.InteractionType `json:"type"`
	ActivityInstanceID       string                `json:"activity_instance_id,omitempty"`
	ResponseMessageID        model.MessageID       `json:"response_message_id,omitzero"`
	ResponseMessageLoading   bool                  `json:"response_message_loading,omitempty"`
	ResponseMessageEphemeral bool                  `json:"response_message_ephemeral,omitempty"`
}

// InteractionCallbackResource is what a response made: a message, or the
// instance of an activity it launched.
type InteractionCallbackResource struct {
	Type             model.InteractionCallbackType `json:"type"`
	ActivityInstance *struct {
		ID string `json:"id"`
	} `json:"activity_instance,omitempty"`
	Message *model.Message `json:"message,omitempty"`
}

// interactionCallbackQuery asks for what Discord made of a response.
type interactionCallbackQuery struct {
	WithResponse bool `query:"with_response"`
}

// RespondInteractionWithResult answers an interaction like
// RespondInteraction and returns what Discord made of the answer.
func (c *Client) RespondInteractionWithResult(ctx context.Context, id model.InteractionID, token string, r *InteractionResponse, opts ...RequestOption) (*InteractionCallback, error) {
	r, err := c.prepareResponse(r)
	if err != nil {
		return nil, err
	}
	return fetch[InteractionCallback](ctx, c, rInteractionCallback, path(id, token), &interactionCallbackQuery{WithResponse: true}, r, opts)
}

// prepareResponse validates r and fills in allowed mentions and the
// attachments of files, on a copy.
func (c *Client) prepareResponse(r *InteractionResponse) (*InteractionResponse, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if d := r.Data; d != nil && (len(d.Files) > 0 || (d.AllowedMentions == nil && c.allowedMentions != nil && r.Type != model.CallbackModal)) {
		cd := *d
		if cd.AllowedMentions == nil {
			cd.AllowedMentions = c.allowedMentions
		}
		cd.Attachments = attachmentsFor(d.Attachments, d.Files)
		r = &InteractionResponse{Type: r.Type, Data: &cd}
	}
	return r, nil
}

// OriginalResponse gets the message of an interaction's first response;
// q may be nil.
func (c *Client) OriginalResponse(ctx context.Context, app model.ApplicationID, token string, q *WebhookMessageQuery, opts ...RequestOption) (*model.Message, error) {
	return fetch[model.Message](ctx, c, rOriginalMessage, path(app, token), q, nil, opts)
}

// EditOriginalResponse changes the message of an interaction's first
// response (or sends it, after a deferred response); q may be nil.
func (c *Client) EditOriginalResponse(ctx context.Context, app model.ApplicationID, token string, m *MessageEdit, q *WebhookMessageEditQuery, opts ...RequestOption) (*model.Message, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return fetch[model.Message](ctx, c, rEditOriginalMessage, path(app, token), q, m.withFiles(), opts)
}

// DeleteOriginalResponse deletes the message of an interaction's first
// response; q may be nil.
func (c *Client) DeleteOriginalResponse(ctx context.Context, app model.ApplicationID, token string, q *WebhookMessageQuery, opts ...RequestOption) error {
	return c.call(ctx, rDeleteOriginal, path(app, token), q, nil, nil, opts)
}

// CreateFollowup sends another message for an interaction, within 15
// minutes; flags may make it ephemeral.
func (c *Client) CreateFollowup(ctx context.Context, app model.ApplicationID, token string, m *WebhookExecute, opts ...RequestOption) (*model.Message, error) {
	cp := *m
	cp.Wait = true
	return c.ExecuteWebhook(ctx, model.WebhookID(app), token, &cp, opts...)
}

// Followup gets a follow-up message.
func (c *Client) Followup(ctx context.Context, app model.ApplicationID, token string, msg model.MessageID, opts ...RequestOption) (*model.Message, error) {
	return c.WebhookMessage(ctx, model.WebhookID(app), token, msg, nil, opts...)
}

// EditFollowup changes a follow-up message.
func (c *Client) EditFollowup(ctx context.Context, app model.ApplicationID, token string, msg model.MessageID, m *MessageEdit, opts ...RequestOption) (*model.Message, error) {
	return c.EditWebhookMessage(ctx, model.WebhookID(app), token, msg, m, nil, opts...)
}

// DeleteFollowup deletes a follow-up message.
func (c *Client) DeleteFollowup(ctx context.Context, app model.ApplicationID, token string, msg model.MessageID, opts ...RequestOption) error {
	return c.DeleteWebhookMessage(ctx, model.WebhookID(app), token, msg, nil, opts...)
}
