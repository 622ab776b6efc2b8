package model

import (
	"strconv"
	"time"
)

// DiscordEpoch is the first millisecond of 2015, the epoch of every snowflake.
const DiscordEpoch = 1420070400000

// Snowflake is Discord's 64-bit unique ID. It is JSON as a decimal string
// and also accepts a JSON number. The zero value means "no ID"; it encodes
// as "0" so that a round trip keeps what was sent.
type Snowflake uint64

// Time is the moment the snowflake was created.
func (s Snowflake) Time() time.Time {
	return time.UnixMilli(int64(s>>22) + DiscordEpoch).UTC()
}

// String is the decimal form.
func (s Snowflake) String() string { return strconv.FormatUint(uint64(s), 10) }

// IsZero reports whether s is unset.
func (s Snowflake) IsZero() bool { return s == 0 }

// MarshalJSON encodes s as a JSON string.
func (s Snowflake) MarshalJSON() ([]byte, error) { return appendSnowflake(nil, uint64(s)), nil }

// UnmarshalJSON accepts a JSON string or number; null leaves s zero.
func (s *Snowflake) UnmarshalJSON(b []byte) error {
	v, err := parseSnowflakeJSON(b)
	if err != nil {
		return err
	}
	*s = Snowflake(v)
	return nil
}

// ParseSnowflake parses a decimal snowflake.
func ParseSnowflake(str string) (Snowflake, error) {
	v, err := strconv.ParseUint(str, 10, 64)
	if err != nil {
		return 0, &SnowflakeError{Input: str}
	}
	return Snowflake(v), nil
}

// SnowflakeError reports text that is not a snowflake.
type SnowflakeError struct{ Input string }

func (e *SnowflakeError) Error() string {
	in := e.Input
	if len(in) > 40 {
		in = in[:40] + "..."
	}
	return "model: not a snowflake: " + strconv.Quote(in)
}

func appendSnowflake(dst []byte, v uint64) []byte {
	dst = append(dst, '"')
	dst = strconv.AppendUint(dst, v, 10)
	return append(dst, '"')
}

func parseSnowflakeJSON(b []byte) (uint64, error) {
	if string(b) == "null" {
		return 0, nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	v, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return 0, &SnowflakeError{Input: string(b)}
	}
	return v, nil
}

// ID is a snowflake typed by what it names, so that a ChannelID cannot be
// passed where a GuildID is wanted. K is a marker type and carries no data.
type ID[K any] uint64

// Snowflake is the untyped ID.
func (id ID[K]) Snowflake() Snowflake { return Snowflake(id) }

// Time is the moment the ID was created.
func (id ID[K]) Time() time.Time { return Snowflake(id).Time() }

// String is the decimal form.
func (id ID[K]) String() string { return strconv.FormatUint(uint64(id), 10) }

// IsZero reports whether id is unset.
func (id ID[K]) IsZero() bool { return id == 0 }

// MarshalJSON encodes id as a JSON string.
func (id ID[K]) MarshalJSON() ([]byte, error) { return appendSnowflake(nil, uint64(id)), nil }

// UnmarshalJSON accepts a JSON string or number; null leaves id zero.
func (id *ID[K]) UnmarshalJSON(b []byte) error {
	v, err := parseSnowflakeJSON(b)
	if err != nil {
		return err
	}
	*id = ID[K](v)
	return nil
}

// Marker types of the typed IDs.
type (
	guildKind       struct{}
	channelKind     struct{}
	userKind        struct{}
	messageKind     struct{}
	roleKind        struct{}
	applicationKind struct{}
	emojiKind       struct{}
	stickerKind     struct{}
	webhookKind     struct{}
	interactionKind struct{}
	commandKind     struct{}
	attachmentKind  struct{}
	integrationKind struct{}
	skuKind         struct{}
	entitlementKind struct{}
	scheduledKind   struct{}
	stageKind       struct{}
	autoModKind     struct{}
	soundKind       struct{}
	auditLogKind    struct{}
	teamKind        struct{}
)

// Typed IDs.
type (
	GuildID               = ID[guildKind]
	ChannelID             = ID[channelKind]
	UserID                = ID[userKind]
	MessageID             = ID[messageKind]
	RoleID                = ID[roleKind]
	ApplicationID         = ID[applicationKind]
	EmojiID               = ID[emojiKind]
	StickerID             = ID[stickerKind]
	WebhookID             = ID[webhookKind]
	InteractionID         = ID[interactionKind]
	CommandID             = ID[commandKind]
	AttachmentID          = ID[attachmentKind]
	IntegrationID         = ID[integrationKind]
	SKUID                 = ID[skuKind]
	EntitlementID         = ID[entitlementKind]
	GuildScheduledEventID = ID[scheduledKind]
	StageInstanceID       = ID[stageKind]
	AutoModerationRuleID  = ID[autoModKind]
	SoundID               = ID[soundKind]
	AuditLogEntryID       = ID[auditLogKind]
	TeamID                = ID[teamKind]
)
