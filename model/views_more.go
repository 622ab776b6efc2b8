package model

import "github.com/tidwall/gjson"

// ChannelView reads a channel or thread event: CHANNEL_CREATE, _UPDATE,
// _DELETE and THREAD_CREATE, _UPDATE, _DELETE.
type ChannelView struct {
	d, id, typ, guildID, name, parentID, position, ownerID, flags string
}

// Channel views a channel or thread event.
func (e Event) Channel() (ChannelView, error) {
	v := ChannelView{d: e.d}
	switch e.Type {
	case EventChannelCreate, EventChannelUpdate, EventChannelDelete,
		EventThreadCreate, EventThreadUpdate, EventThreadDelete:
	default:
		return v, &EventTypeError{Want: "a channel or thread event", Got: e.opName()}
	}
	err := e.scanData(func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "type":
			v.typ = val
		case "guild_id":
			v.guildID = val
		case "name":
			v.name = val
		case "parent_id":
			v.parentID = val
		case "position":
			v.position = val
		case "owner_id":
			v.ownerID = val
		case "flags":
			v.flags = val
		}
		return true
	})
	return v, err
}

// ID is the channel's ID.
func (v ChannelView) ID() ChannelID { return ChannelID(rawSnowflake(v.id)) }

// Type is the channel's type.
func (v ChannelView) Type() ChannelType { return ChannelType(rawInt(v.typ)) }

// GuildID is the channel's guild; zero for DMs.
func (v ChannelView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// Name is the channel's name.
func (v ChannelView) Name() string { return rawString(v.name) }

// ParentID is the category of a channel, or the channel of a thread.
func (v ChannelView) ParentID() ChannelID { return ChannelID(rawSnowflake(v.parentID)) }

// Position is the channel's sorting position.
func (v ChannelView) Position() int { return int(rawInt(v.position)) }

// OwnerID is the creator of a thread.
func (v ChannelView) OwnerID() UserID { return UserID(rawSnowflake(v.ownerID)) }

// Flags are the channel's flags.
func (v ChannelView) Flags() ChannelFlags { return ChannelFlags(rawInt(v.flags)) }

// Get reads any field of the channel by gjson path.
func (v ChannelView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }

// Decode decodes the whole channel.
func (v ChannelView) Decode() (*Channel, error) {
	c := new(Channel)
	if err := decodeRaw(v.d, "channel", c); err != nil {
		return nil, err
	}
	return c, nil
}

// MessageDeleteView reads a MESSAGE_DELETE event.
type MessageDeleteView struct{ id, channelID, guildID string }

// MessageDelete views a MESSAGE_DELETE event.
func (e Event) MessageDelete() (MessageDeleteView, error) {
	var v MessageDeleteView
	err := e.view(EventMessageDelete, EventUnknown, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "channel_id":
			v.channelID = val
		case "guild_id":
			v.guildID = val
		}
		return true
	})
	return v, err
}

// ID is the deleted message's ID.
func (v MessageDeleteView) ID() MessageID { return MessageID(rawSnowflake(v.id)) }

// ChannelID is the message's channel.
func (v MessageDeleteView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// GuildID is the message's guild; zero in DMs.
func (v MessageDeleteView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// GuildMemberRemoveView reads a GUILD_MEMBER_REMOVE event.
type GuildMemberRemoveView struct{ guildID, user string }

// GuildMemberRemove views a GUILD_MEMBER_REMOVE event.
func (e Event) GuildMemberRemove() (GuildMemberRemoveView, error) {
	var v GuildMemberRemoveView
	err := e.view(EventGuildMemberRemove, EventUnknown, func(k, val string) bool {
		switch k {
		case "guild_id":
			v.guildID = val
		case "user":
			v.user = val
		}
		return true
	})
	return v, err
}

// GuildID is the guild the user left.
func (v GuildMemberRemoveView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// User is the user who left or was removed.
func (v GuildMemberRemoveView) User() UserView { return NewUserView(v.user) }

// GuildDeleteView reads a GUILD_DELETE event.
type GuildDeleteView struct{ id, unavailable string }

// GuildDelete views a GUILD_DELETE event.
func (e Event) GuildDelete() (GuildDeleteView, error) {
	var v GuildDeleteView
	err := e.view(EventGuildDelete, EventUnknown, func(k, val string) bool {
		switch k {
		case "id":
			v.id = val
		case "unavailable":
			v.unavailable = val
		}
		return true
	})
	return v, err
}

// ID is the guild's ID.
func (v GuildDeleteView) ID() GuildID { return GuildID(rawSnowflake(v.id)) }

// Unavailable reports an outage; false means the bot left or was removed.
func (v GuildDeleteView) Unavailable() bool { return rawBool(v.unavailable) }

// VoiceStateUpdateView reads a VOICE_STATE_UPDATE event.
type VoiceStateUpdateView struct {
	d, guildID, channelID, userID, sessionID, member, selfMute, selfDeaf string
}

// VoiceStateUpdate views a VOICE_STATE_UPDATE event.
func (e Event) VoiceStateUpdate() (VoiceStateUpdateView, error) {
	v := VoiceStateUpdateView{d: e.d}
	err := e.view(EventVoiceStateUpdate, EventUnknown, func(k, val string) bool {
		switch k {
		case "guild_id":
			v.guildID = val
		case "channel_id":
			v.channelID = val
		case "user_id":
			v.userID = val
		case "session_id":
			v.sessionID = val
		case "member":
			v.member = val
		case "self_mute":
			v.selfMute = val
		case "self_deaf":
			v.selfDeaf = val
		}
		return true
	})
	return v, err
}

// GuildID is the voice state's guild.
func (v VoiceStateUpdateView) GuildID() GuildID { return GuildID(rawSnowflake(v.guildID)) }

// ChannelID is the voice channel; zero when the user left voice.
func (v VoiceStateUpdateView) ChannelID() ChannelID { return ChannelID(rawSnowflake(v.channelID)) }

// UserID is the user whose voice state changed.
func (v VoiceStateUpdateView) UserID() UserID { return UserID(rawSnowflake(v.userID)) }

// SessionID is the voice session.
func (v VoiceStateUpdateView) SessionID() string { return rawString(v.sessionID) }

// Member is the user's member in guilds.
func (v VoiceStateUpdateView) Member() MemberView { return NewMemberView(v.member) }

// SelfMute reports whether the user muted themselves.
func (v VoiceStateUpdateView) SelfMute() bool { return rawBool(v.selfMute) }

// SelfDeaf reports whether the user deafened themselves.
func (v VoiceStateUpdateView) SelfDeaf() bool { return rawBool(v.selfDeaf) }

// Get reads any field of the voice state by gjson path.
func (v VoiceStateUpdateView) Get(path string) gjson.Result { return gjson.Get(v.d, path) }
