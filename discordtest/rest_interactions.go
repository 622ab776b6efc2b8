package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

// interactionLocked finds a live interaction by token (and ID or
// application, when not zero); the caller holds d.mu.
func (rs *restState) interactionLocked(id model.InteractionID, token string, appID model.ApplicationID) *interactionData {
	in := rs.data.byToken[token]
	if in == nil || time.Since(in.created) > rs.tokenLifetime() {
		return nil
	}
	if id != 0 && in.in.ID != id || appID != 0 && in.in.ApplicationID != appID {
		return nil
	}
	return in
}

func (c *restCall) interactionCallback() {
	var p struct {
		Type *int            `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	files, err0 := c.decodeBody(&p) // a message answer may come with files
	if err0 != nil {
		c.fail(err0)
		return
	}
	if p.Type == nil {
		c.fail(formError("type", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	typ := *p.Type
	d := c.rs.data
	d.mu.Lock()
	in := c.rs.interactionLocked(model.InteractionID(c.id("interaction_id")), c.param("interaction_token"), 0)
	if in == nil {
		d.mu.Unlock()
		c.fail(errUnknownInteraction)
		return
	}
	if len(in.responses) == 0 && in.failed != nil {
		// too late: the user saw "This interaction failed"
		d.mu.Unlock()
		c.fail(errUnknownInteraction)
		return
	}
	if len(in.responses) > 0 || in.answering {
		d.mu.Unlock()
		c.fail(errAcknowledged)
		return
	}
	in.answering = true // one callback at a time: a second one meanwhile is a second acknowledgement
	inter := in.in
	d.mu.Unlock()
	resp, msgOut, apiErr := c.answerInteraction(inter, model.InteractionCallbackType(typ), p.Data, files)
	d.mu.Lock()
	in.answering = false
	if apiErr != nil {
		d.mu.Unlock()
		c.fail(apiErr)
		return
	}
	if in.failed != nil && len(in.responses) == 0 {
		// the deadline passed while the answer was being made
		d.mu.Unlock()
		c.fail(errUnknownInteraction)
		return
	}
	resp.At = time.Now()
	in.responses = append(in.responses, resp)
	if msgOut != nil {
		in.original, in.origChan = msgOut.ID, msgOut.ChannelID
	} else if inter.Message != nil && (typ == 6 || typ == 7) {
		in.original, in.origChan = inter.Message.ID, inter.Message.ChannelID
	}
	if in.deadline != nil {
		in.deadline.Stop()
	}
	in.changedLocked()
	d.mu.Unlock()

	if c.r.URL.Query().Get("with_response") != "true" {
		c.noContent()
		return
	}
	res := map[string]any{
		"interaction": map[string]any{"id": inter.ID, "type": inter.Type, "response_message_id": nil,
			"response_message_loading": typ == 5, "response_message_ephemeral": msgOut != nil && msgOut.Flags&(1<<6) != 0},
	}
	if msgOut != nil {
		res["interaction"].(map[string]any)["response_message_id"] = msgOut.ID
		res["resource"] = map[string]any{"type": typ, "message": restMessage(*msgOut)}
	} else {
		res["resource"] = map[string]any{"type": typ}
	}
	c.json(http.StatusOK, res)
}

// answerInteraction checks and carries out an initial response: it makes
// or edits the message of message responses and reads the choices of
// autocomplete results and the modal of modal responses.
func (c *restCall) answerInteraction(inter model.Interaction, typ model.InteractionCallbackType, data json.RawMessage, files []uploadedFile) (InteractionResponse, *model.Message, *apiError) {
	resp := InteractionResponse{Type: typ}
	if len(data) > 0 && string(data) != "null" {
		resp.Data = append(json.RawMessage(nil), data...)
	}
	valid := map[model.InteractionCallbackType][]model.InteractionType{
		1: {1}, 4: {2, 3, 5}, 5: {2, 3, 5}, 6: {3, 5}, 7: {3, 5}, 8: {4}, 9: {2, 3}, 10: {2, 3, 5}, 12: {2, 3},
	}
	allowed, known := valid[typ]
	if !known {
		return resp, nil, formError("type", "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.")
	}
	if !slices.Contains(allowed, inter.Type) {
		return resp, nil, &apiError{status: http.StatusBadRequest, Code: 40043, Message: "Interaction response type is not valid for this interaction"}
	}
	if typ == model.CallbackPong {
		return resp, nil, nil
	}
	ci, err := c.channel(inter.ChannelID)
	if err != nil {
		return resp, nil, err
	}
	bot := modelUser(c.s.World().Bot())
	meta := interactionMeta(&inter)
	switch typ {
	case model.CallbackMessage, model.CallbackDeferredMessage:
		var mp messageParams
		if resp.Data != nil {
			if err := json.Unmarshal(resp.Data, &mp); err != nil {
				return resp, nil, jsonError(err)
			}
		}
		by := messageAuthor{user: bot, appID: inter.ApplicationID, webhookID: model.WebhookID(inter.ApplicationID),
			token: inter.Token, msgType: 20, interMeta: meta}
		if inter.Type == model.InteractionMessageComponent || inter.Type == model.InteractionModalSubmit {
			by.msgType = 0
		}
		if mp.Flags != nil {
			by.flags = *mp.Flags & (1 << 6)
		}
		if typ == model.CallbackDeferredMessage {
			by.flags |= 1 << 7 // loading
			by.loading = true
			mp = messageParams{Flags: mp.Flags}
		}
		m, err := c.createMessage(ci, &mp, files, by)
		if err != nil {
			return resp, nil, err
		}
		resp.Message = &m
		return resp, &m, nil
	case model.CallbackUpdateMessage:
		if inter.Message == nil {
			return resp, nil, errUnknownMessage
		}
		var mp messageParams
		if err := json.Unmarshal(resp.Data, &mp); resp.Data != nil && err != nil {
			return resp, nil, jsonError(err)
		}
		var f formErrors
		mp.validate(&f)
		if e := f.err(); e != nil {
			return resp, nil, e
		}
		if m, ok := c.applyEdit(ci, inter.Message.ID, &mp); ok {
			resp.Message = &m
			return resp, &m, nil
		}
		return resp, nil, errUnknownMessage
	case model.CallbackAutocompleteResult:
		var ac struct {
			Choices []model.ApplicationCommandChoice `json:"choices"`
		}
		if err := json.Unmarshal(resp.Data, &ac); resp.Data == nil || err != nil {
			return resp, nil, formError("data.choices", "BASE_TYPE_REQUIRED", "This field is required")
		}
		var f formErrors
		if len(ac.Choices) > 25 {
			f.add("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
		for i, ch := range ac.Choices {
			f.lenBetween(fmt.Sprintf("data.choices.%d.name", i), ch.Name, 1, 100)
			switch v := ch.Value.(type) {
			case string:
				f.lenBetween(fmt.Sprintf("data.choices.%d.value", i), v, 0, 100)
			case float64:
			default:
				f.add(fmt.Sprintf("data.choices.%d.value", i), "BASE_TYPE_REQUIRED", "This field is required")
			}
		}
		if e := f.err(); e != nil {
			return resp, nil, e
		}
		resp.Choices = ac.Choices
		if resp.Choices == nil {
			resp.Choices = []model.ApplicationCommandChoice{}
		}
	case model.CallbackModal:
		var modal Modal
		if err := json.Unmarshal(resp.Data, &modal); resp.Data == nil || err != nil {
			return resp, nil, formError("data", "BASE_TYPE_REQUIRED", "This field is required")
		}
		var f formErrors
		f.lenBetween("data.custom_id", modal.CustomID, 1, 100)
		f.lenBetween("data.title", modal.Title, 1, 45)
		if len(modal.Components) == 0 || len(modal.Components) > 5 {
			f.add("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
		}
		if e := f.err(); e != nil {
			return resp, nil, e
		}
		resp.Modal = &modal
	}
	return resp, nil, nil
}

// applyEdit edits a stored message with already validated params and
// dispatches MESSAGE_UPDATE.
func (c *restCall) applyEdit(ci chanInfo, id model.MessageID, p *messageParams) (model.Message, bool) {
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.byID[id]
	}
	if md == nil {
		d.mu.Unlock()
		return model.Message{}, false
	}
	m := md.m
	setIf(&m.Content, p.Content)
	if p.Embeds != nil {
		m.Embeds = append([]model.Embed{}, *p.Embeds...)
	}
	if p.Components != nil {
		m.Components = append([]model.Component{}, *p.Components...)
	}
	m.Flags &^= 1 << 7 // no longer loading
	m.EditedTimestamp = model.NewTimestamp(time.Now())
	if p.Content != nil || p.AllowedMentions != nil {
		c.mentions(&m, p.AllowedMentions, nil)
	}
	md.m = m
	out := md.view(c.botID())
	d.mu.Unlock()
	if out.Flags&(1<<6) == 0 {
		c.rs.dispatch(ci.guildID, "MESSAGE_UPDATE", c.gatewayMessage(out))
	}
	return out, true
}

// interactionMeta is the interaction_metadata of a response message.
func interactionMeta(in *model.Interaction) *model.InteractionMetadata {
	m := &model.InteractionMetadata{ID: in.ID, Type: in.Type, AuthorizingIntegrationOwners: in.AuthorizingIntegrationOwners}
	if u := in.Invoker(); u != nil {
		m.User = *u
	}
	if in.Message != nil {
		m.InteractedMessageID = in.Message.ID
	}
	return m
}
