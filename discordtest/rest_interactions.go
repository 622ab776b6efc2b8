package discordtest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/gloamdev/gloam/model"
)

// UserInteraction describes an interaction a World user makes, for
// Server.Interact.
type UserInteraction struct {
	// Type is the interaction type. Zero: an application command (2).
	Type model.InteractionType

	// ChannelID is the channel it happens in: a guild channel or a DM.
	// Required.
	ChannelID model.ChannelID

	// UserID is the user who interacts. Zero: the first member of the
	// guild who is not the bot (in a DM, the recipient).
	UserID model.UserID

	// Data is the interaction's data: the command with its options, or the
	// component's custom_id and type. Nil: none.
	Data *model.InteractionData

	// MessageID is, for component interactions, the message whose
	// component was used. It must be one the REST API knows.
	MessageID model.MessageID
}

// InteractionResponse is what the bot answered to an interaction on its
// callback route.
type InteractionResponse struct {
	Type int             // the callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal...
	Data json.RawMessage // the callback's data as sent; nil when none
	At   time.Time       // when the answer came
}

// interactionData is an interaction the server made, with its answers.
type interactionData struct {
	in        model.Interaction
	created   time.Time
	responses []InteractionResponse
	original  model.MessageID // the response message, once there is one
	followups []model.MessageID
}

// Interact makes a World user use a command or a component: it dispatches
// INTERACTION_CREATE to the shard of the channel's guild (shard 0 for a
// DM) and returns the interaction. The bot answers on POST
// /interactions/{id}/{token}/callback and follows up on
// /webhooks/{application_id}/{token}; InteractionResponses shows what it
// answered.
func (s *Server) Interact(ui UserInteraction) (model.Interaction, error) {
	w := s.World()
	ch, ok := w.Channel(ui.ChannelID)
	if !ok {
		return model.Interaction{}, fmt.Errorf("discordtest: interact: channel %d: %w", ui.ChannelID, ErrUnknown)
	}
	uid := ui.UserID
	bot := w.Bot()
	if uid == 0 {
		if ch.GuildID != 0 {
			for _, m := range w.Members(ch.GuildID) {
				if m.User.ID != bot.ID {
					uid = m.User.ID
					break
				}
			}
		} else if len(ch.Recipients) > 0 {
			uid = ch.Recipients[0].ID
		}
	}
	u, ok := w.User(uid)
	if !ok {
		return model.Interaction{}, fmt.Errorf("discordtest: interact: user %d: %w", uid, ErrUnknown)
	}
	typ := ui.Type
	if typ == 0 {
		typ = 2
	}
	var tok [48]byte
	rand.Read(tok[:])
	in := model.Interaction{
		ID: model.InteractionID(w.NewID()), ApplicationID: w.ApplicationID(), Type: typ, Data: ui.Data,
		GuildID: ch.GuildID, ChannelID: ch.ID, Token: "aW50ZXJhY3Rpb24" + base64.RawURLEncoding.EncodeToString(tok[:]),
		Version: 1, AppPermissions: model.PermissionViewChannel | model.PermissionSendMessages,
		Locale: "en-US", Entitlements: []model.Entitlement{},
		AuthorizingIntegrationOwners: map[model.IntegrationType]model.Snowflake{0: model.Snowflake(ch.GuildID)},
	}
	var chJSON model.Channel
	if b, err := json.Marshal(ch); err == nil {
		json.Unmarshal(b, &chJSON)
		in.Channel = &chJSON
	}
	if ch.GuildID != 0 {
		mem, ok := w.Member(ch.GuildID, uid)
		if !ok {
			return model.Interaction{}, fmt.Errorf("discordtest: interact: member %d of guild %d: %w", uid, ch.GuildID, ErrUnknown)
		}
		in.Member = modelMember(mem, true)
		perms := memberPermissions(w, ch.GuildID, mem)
		in.Member.Permissions = &perms
		in.GuildLocale = "en-US"
		in.Guild = &model.InteractionGuild{ID: ch.GuildID, Locale: "en-US", Features: []model.GuildFeature{}}
	} else {
		mu := modelUser(u)
		in.User = &mu
		in.AuthorizingIntegrationOwners = map[model.IntegrationType]model.Snowflake{1: model.Snowflake(uid)}
	}
	d := s.rest.data
	if ui.MessageID != 0 {
		d.mu.Lock()
		var md *msgData
		if cd := d.channels[ch.ID]; cd != nil {
			md = cd.byID[ui.MessageID]
		}
		if md != nil {
			m := md.view(bot.ID)
			in.Message = &m
		}
		d.mu.Unlock()
		if md == nil {
			return model.Interaction{}, fmt.Errorf("discordtest: interact: message %d: %w", ui.MessageID, ErrUnknown)
		}
	}
	d.mu.Lock()
	id := &interactionData{in: in, created: time.Now()}
	d.interactions[in.ID] = id
	d.byToken[in.Token] = id
	d.mu.Unlock()
	if ch.GuildID != 0 {
		return in, s.DispatchGuild(ch.GuildID, "INTERACTION_CREATE", in)
	}
	return in, s.Dispatch(0, "INTERACTION_CREATE", in)
}

func memberPermissions(w *World, gid model.GuildID, m Member) model.Permissions {
	var p model.Permissions
	g, _ := w.Guild(gid)
	if g.OwnerID == m.User.ID {
		return model.PermissionAdministrator
	}
	for _, r := range g.Roles {
		if r.ID == model.RoleID(gid) || containsRole(m.Roles, r.ID) {
			p |= r.Permissions
		}
	}
	return p
}

func containsRole(rs []model.RoleID, id model.RoleID) bool {
	for _, r := range rs {
		if r == id {
			return true
		}
	}
	return false
}

// InteractionResponses returns what the bot answered to an interaction,
// in order; nil when it has not answered.
func (s *Server) InteractionResponses(id model.InteractionID) []InteractionResponse {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	in := d.interactions[id]
	if in == nil {
		return nil
	}
	return append([]InteractionResponse(nil), in.responses...)
}

// interactionTokenLifetime is how long an interaction token works.
const interactionTokenLifetime = 15 * time.Minute

// interactionByToken finds a live interaction; the caller holds d.mu.
func (d *restData) interactionLocked(id model.InteractionID, token string, appID model.ApplicationID) *interactionData {
	in := d.byToken[token]
	if in == nil || time.Since(in.created) > interactionTokenLifetime {
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
	in := d.interactionLocked(model.InteractionID(c.id("interaction_id")), c.param("interaction_token"), 0)
	if in == nil {
		d.mu.Unlock()
		c.fail(errUnknownInteraction)
		return
	}
	timeout := c.rs.opts.InteractionTimeout
	if timeout > 0 && time.Since(in.created) > timeout && len(in.responses) == 0 {
		d.mu.Unlock()
		c.fail(errUnknownInteraction)
		return
	}
	if len(in.responses) > 0 {
		d.mu.Unlock()
		c.fail(errAcknowledged)
		return
	}
	inter := in.in
	d.mu.Unlock()

	valid := map[int][]model.InteractionType{
		1: {1}, 4: {2, 3, 5}, 5: {2, 3, 5}, 6: {3, 5}, 7: {3, 5}, 8: {4}, 9: {2, 3}, 12: {2, 3},
	}
	allowed, known := valid[typ]
	if !known {
		c.fail(formError("type", "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}."))
		return
	}
	okType := false
	for _, t := range allowed {
		okType = okType || t == inter.Type
	}
	if !okType {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 40043, Message: "Interaction response type is not valid for this interaction"})
		return
	}
	ci, err := c.channel(inter.ChannelID)
	if err != nil {
		c.fail(err)
		return
	}
	var msgOut *model.Message
	bot := modelUser(c.s.World().Bot())
	meta := interactionMeta(&inter)
	switch typ {
	case 4, 5:
		var mp messageParams
		if len(p.Data) > 0 && string(p.Data) != "null" {
			if err := json.Unmarshal(p.Data, &mp); err != nil {
				c.fail(jsonError(err))
				return
			}
		}
		by := messageAuthor{user: bot, appID: inter.ApplicationID, webhookID: model.WebhookID(inter.ApplicationID),
			token: inter.Token, msgType: 20, interMeta: meta}
		if inter.Type == 3 {
			by.msgType = 0
		}
		if mp.Flags != nil {
			by.flags = *mp.Flags & (1 << 6)
		}
		if typ == 5 {
			by.flags |= 1 << 7 // loading
			by.loading = true
			mp = messageParams{Flags: mp.Flags}
		}
		m, err := c.createMessage(ci, &mp, files, by)
		if err != nil {
			c.fail(err)
			return
		}
		msgOut = &m
	case 7:
		if inter.Message == nil {
			c.fail(errUnknownMessage)
			return
		}
		var mp messageParams
		if err := json.Unmarshal(p.Data, &mp); len(p.Data) > 0 && err != nil {
			c.fail(jsonError(err))
			return
		}
		var f formErrors
		mp.validate(&f)
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
		if m, ok := c.applyEdit(ci, inter.Message.ID, &mp); ok {
			msgOut = &m
		}
	case 9:
		var modal struct {
			CustomID   string            `json:"custom_id"`
			Title      string            `json:"title"`
			Components []model.Component `json:"components"`
		}
		json.Unmarshal(p.Data, &modal)
		var f formErrors
		f.lenBetween("data.custom_id", modal.CustomID, 1, 100)
		f.lenBetween("data.title", modal.Title, 1, 45)
		if len(modal.Components) == 0 || len(modal.Components) > 5 {
			f.add("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
		}
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
	}
	d.mu.Lock()
	in.responses = append(in.responses, InteractionResponse{Type: typ, Data: append(json.RawMessage(nil), p.Data...), At: time.Now()})
	if msgOut != nil {
		in.original = msgOut.ID
	} else if inter.Message != nil && (typ == 6 || typ == 7) {
		in.original = inter.Message.ID
	}
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
