package gateway

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gloamdev/gloam/model"
)

// Presence is the bot's presence, for Identify and UpdatePresence (op 3).
type Presence struct {
	// Since is when the bot went idle, in Unix milliseconds; zero when
	// it is not idle.
	Since int64
	// Activities are the bot's activities; bots may set name, type, url
	// and state.
	Activities []model.Activity
	// Status is online, dnd, idle, invisible or offline. Zero: online.
	Status model.Status
	// AFK says whether the bot is away.
	AFK bool
}

// MarshalJSON encodes the presence as Discord expects: since null when
// zero, activities always an array.
func (p Presence) MarshalJSON() ([]byte, error) {
	var v struct {
		Since      *int64           `json:"since"`
		Activities []model.Activity `json:"activities"`
		Status     model.Status     `json:"status"`
		AFK        bool             `json:"afk"`
	}
	if p.Since != 0 {
		v.Since = &p.Since
	}
	v.Activities = p.Activities
	if v.Activities == nil {
		v.Activities = []model.Activity{}
	}
	v.Status = p.Status
	if v.Status == "" {
		v.Status = model.StatusOnline
	}
	v.AFK = p.AFK
	return json.Marshal(v)
}

// VoiceState joins, moves or leaves a voice channel (op 4).
type VoiceState struct {
	GuildID model.GuildID `json:"guild_id"`
	// ChannelID is the channel to join; nil leaves.
	ChannelID *model.ChannelID `json:"channel_id"`
	SelfMute  bool             `json:"self_mute"`
	SelfDeaf  bool             `json:"self_deaf"`
}

// RequestGuildMembers asks for members of a guild (op 8); they arrive as
// GUILD_MEMBERS_CHUNK events. Set Query (possibly empty, for all members)
// or UserIDs.
type RequestGuildMembers struct {
	GuildID   model.GuildID  `json:"guild_id"`
	Query     *string        `json:"query,omitempty"`
	Limit     int            `json:"limit"`
	Presences bool           `json:"presences,omitempty"`
	UserIDs   []model.UserID `json:"user_ids,omitempty"`
	Nonce     string         `json:"nonce,omitempty"` // up to 32 bytes
}

// RequestSoundboardSounds asks for the soundboard sounds of guilds (op
// 31); they arrive as SOUNDBOARD_SOUNDS events.
type RequestSoundboardSounds struct {
	GuildIDs []model.GuildID `json:"guild_ids"`
}

// RequestChannelInfo asks for ephemeral data of a guild's channels (op
// 43), e.g. Fields "status" and "voice_start_time"; it arrives as a
// CHANNEL_INFO event.
type RequestChannelInfo struct {
	GuildID model.GuildID `json:"guild_id"`
	Fields  []string      `json:"fields"`
}

// UpdatePresence sets the bot's presence (op 3). It waits for room under
// the connection's rate limit, and fails with ErrNotConnected when the
// shard has no identified connection.
func (s *Shard) UpdatePresence(ctx context.Context, p Presence) error {
	return s.command(ctx, model.OpPresenceUpdate, p)
}

// UpdateVoiceState joins, moves or leaves a voice channel (op 4).
func (s *Shard) UpdateVoiceState(ctx context.Context, v VoiceState) error {
	return s.command(ctx, model.OpVoiceStateUpdate, v)
}

// RequestGuildMembers asks for guild members (op 8).
func (s *Shard) RequestGuildMembers(ctx context.Context, r RequestGuildMembers) error {
	if r.Query == nil && len(r.UserIDs) == 0 {
		return &PayloadError{Op: int(model.OpRequestGuildMembers), Reason: "query or user_ids is required"}
	}
	return s.command(ctx, model.OpRequestGuildMembers, r)
}

// RequestSoundboardSounds asks for guilds' soundboard sounds (op 31).
func (s *Shard) RequestSoundboardSounds(ctx context.Context, r RequestSoundboardSounds) error {
	return s.command(ctx, model.OpRequestSoundboardSounds, r)
}

// RequestChannelInfo asks for ephemeral channel data (op 43).
func (s *Shard) RequestChannelInfo(ctx context.Context, r RequestChannelInfo) error {
	return s.command(ctx, model.OpRequestChannelInfo, r)
}

// SendCommand sends any opcode with d encoded as JSON, for opcodes gloam
// does not know yet. It obeys the same limits as the typed commands.
func (s *Shard) SendCommand(ctx context.Context, op model.Opcode, d any) error {
	return s.command(ctx, op, d)
}

// encodePayload builds {"op":op,"d":d} and refuses payloads over
// MaxPayload.
func encodePayload(op model.Opcode, d any) ([]byte, error) {
	b, err := json.Marshal(struct {
		Op model.Opcode `json:"op"`
		D  any          `json:"d"`
	}{op, d})
	if err != nil {
		return nil, &PayloadError{Op: int(op), Reason: "encode: " + err.Error(), Err: err}
	}
	if len(b) > MaxPayload {
		return nil, &PayloadError{Op: int(op), Size: len(b),
			Reason: fmt.Sprintf("payload of %d bytes is over the %d-byte limit", len(b), MaxPayload),
			Err:    ErrPayloadTooLarge}
	}
	return b, nil
}
