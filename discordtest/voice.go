package discordtest

import (
	"fmt"
	"net/http"

	"github.com/gloamdev/gloam/model"
)

// voiceState is a user's place in a guild's voice channels.
type voiceState struct {
	ChannelID model.ChannelID
	SessionID string
	SelfMute  bool
	SelfDeaf  bool
	Suppress  bool
}

var errNotInVoice = &apiError{status: http.StatusBadRequest, Code: 40032, Message: "Target user is not connected to voice."}

// JoinVoice makes a World user join a voice (or stage) channel of its
// guild, or leave voice when channelID is zero: the server keeps the voice
// state (GET /guilds/{guild_id}/voice-states/{user_id} reads it, PATCH
// member channel_id moves or disconnects it) and dispatches
// VOICE_STATE_UPDATE.
func (s *Server) JoinVoice(guildID model.GuildID, userID model.UserID, channelID model.ChannelID) error {
	if _, ok := s.World().Member(guildID, userID); !ok {
		return fmt.Errorf("discordtest: join voice: user %d in guild %d: %w", userID, guildID, ErrUnknown)
	}
	if channelID != 0 {
		ch, ok := s.World().Channel(channelID)
		if !ok || ch.GuildID != guildID || ch.Type != model.ChannelGuildVoice && ch.Type != model.ChannelGuildStageVoice {
			return fmt.Errorf("discordtest: join voice: voice channel %d in guild %d: %w", channelID, guildID, ErrUnknown)
		}
	}
	if err := s.moveVoice(guildID, userID, channelID, true); err != nil {
		return fmt.Errorf("discordtest: join voice: %s", err.Message)
	}
	return nil
}

// moveVoice sets a user's voice channel (zero: disconnected) and
// dispatches VOICE_STATE_UPDATE. Unless join, the user must be in voice
// already, as PATCH member channel_id wants.
func (s *Server) moveVoice(gid model.GuildID, uid model.UserID, to model.ChannelID, join bool) *apiError {
	d := s.rest.data
	d.mu.Lock()
	vs, in := d.voice[gid][uid]
	if !in && !join {
		d.mu.Unlock()
		return errNotInVoice
	}
	if d.voice[gid] == nil {
		d.voice[gid] = map[model.UserID]voiceState{}
	}
	if to == 0 {
		delete(d.voice[gid], uid)
	} else {
		if !in {
			vs.SessionID = newSessionID()
		}
		vs.ChannelID = to
		d.voice[gid][uid] = vs
	}
	d.mu.Unlock()
	if in || to != 0 {
		s.rest.dispatch(gid, "VOICE_STATE_UPDATE", s.voiceStateJSON(gid, uid, vs, to))
	}
	return nil
}

func (s *Server) voiceStateJSON(gid model.GuildID, uid model.UserID, vs voiceState, ch model.ChannelID) map[string]any {
	out := map[string]any{
		"guild_id": gid, "channel_id": nil, "user_id": uid, "session_id": vs.SessionID,
		"deaf": false, "mute": false, "self_deaf": vs.SelfDeaf, "self_mute": vs.SelfMute, "self_video": false,
		"suppress": vs.Suppress, "request_to_speak_timestamp": nil,
	}
	if ch != 0 {
		out["channel_id"] = ch
	}
	if m, ok := s.World().Member(gid, uid); ok {
		out["member"] = m
		out["deaf"], out["mute"] = m.Deaf, m.Mute
	}
	return out
}

// voiceUser is the user a voice-state route names: user_id, or the bot
// for @me.
func (c *restCall) voiceUser() model.UserID {
	if c.param("user_id") == "" {
		return c.botID()
	}
	return model.UserID(c.id("user_id"))
}

// getVoiceState answers GET /guilds/{guild_id}/voice-states/{user_id} and @me.
func (c *restCall) getVoiceState() {
	g, ok := c.guild()
	if !ok {
		return
	}
	uid := c.voiceUser()
	d := c.rs.data
	d.mu.Lock()
	vs, in := d.voice[g.ID][uid]
	d.mu.Unlock()
	if !in {
		c.fail(errUnknown(10065, "Voice State"))
		return
	}
	c.json(http.StatusOK, c.s.voiceStateJSON(g.ID, uid, vs, vs.ChannelID))
}

// patchVoiceState answers PATCH /guilds/{guild_id}/voice-states/{user_id}
// and @me: in a stage channel, suppress (and, for @me, request to speak).
func (c *restCall) patchVoiceState() {
	g, ok := c.guild()
	if !ok {
		return
	}
	uid := c.voiceUser()
	var p struct {
		ChannelID               model.ChannelID  `json:"channel_id"`
		Suppress                *bool            `json:"suppress"`
		RequestToSpeakTimestamp nullable[string] `json:"request_to_speak_timestamp"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	vs, in := d.voice[g.ID][uid]
	d.mu.Unlock()
	if !in {
		c.fail(errUnknown(10065, "Voice State"))
		return
	}
	ch, _ := c.s.World().Channel(vs.ChannelID)
	if p.ChannelID != vs.ChannelID || ch.Type != model.ChannelGuildStageVoice {
		c.fail(formError("channel_id", "CHANNEL_TYPE_INVALID", "Channel must be the stage channel the user is in."))
		return
	}
	if p.Suppress != nil && uid != c.botID() && !*p.Suppress && !c.can(g.ID, vs.ChannelID, model.PermissionMuteMembers) {
		return
	}
	d.mu.Lock()
	if p.Suppress != nil {
		vs.Suppress = *p.Suppress
	}
	d.voice[g.ID][uid] = vs
	d.mu.Unlock()
	c.rs.dispatch(g.ID, "VOICE_STATE_UPDATE", c.s.voiceStateJSON(g.ID, uid, vs, vs.ChannelID))
	c.noContent()
}

// setVoice records the bot's own voice state from Voice State Update.
func (d *restData) setVoice(gid model.GuildID, uid model.UserID, ch *model.ChannelID, session string, mute, deaf bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if ch == nil {
		delete(d.voice[gid], uid)
		return
	}
	if d.voice[gid] == nil {
		d.voice[gid] = map[model.UserID]voiceState{}
	}
	d.voice[gid][uid] = voiceState{ChannelID: *ch, SessionID: session, SelfMute: mute, SelfDeaf: deaf}
}

// setVoiceStatus answers PUT /channels/{channel_id}/voice-status: a voice
// channel's status text (empty or null clears it), which the bot sets
// with SET_VOICE_CHANNEL_STATUS when connected to the channel and also
// needs MANAGE_CHANNELS for otherwise; VOICE_CHANNEL_STATUS_UPDATE says
// so.
func (c *restCall) setVoiceStatus() {
	w := c.s.World()
	ch, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	switch {
	case !ok || ch.GuildID == 0:
		c.fail(errUnknownChannel)
		return
	case ch.Type != model.ChannelGuildVoice:
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	var p struct {
		Status *string `json:"status"`
	}
	if !c.body(&p) {
		return
	}
	if p.Status != nil {
		var f formErrors
		f.lenBetween("status", *p.Status, 0, 500)
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
		if *p.Status == "" {
			p.Status = nil
		}
	}
	need := model.PermissionSetVoiceChannelStatus
	d := c.rs.data
	d.mu.Lock()
	vs, in := d.voice[ch.GuildID][c.botID()]
	d.mu.Unlock()
	if !in || vs.ChannelID != ch.ID {
		need |= model.PermissionManageChannels
	}
	if !c.can(ch.GuildID, ch.ID, need) {
		return
	}
	ch.Status = p.Status
	w.SetChannel(ch)
	c.rs.dispatch(ch.GuildID, "VOICE_CHANNEL_STATUS_UPDATE", map[string]any{"id": ch.ID, "guild_id": ch.GuildID, "status": p.Status})
	c.noContent()
}
