package model

import (
	"encoding/json"
	"strconv"
)

// AuditLogChange is one field an audit logged action changed. Its
// values' type depends on Key (the field's JSON name): a string for
// "name", a snowflake for "channel_id", an array of partial roles for
// "$add" and "$remove", and so on.
type AuditLogChange struct {
	Key      string        `json:"key"`
	NewValue AuditLogValue `json:"new_value,omitempty"`
	OldValue AuditLogValue `json:"old_value,omitempty"`
}

// AuditLogValue is a value of an audit log change as Discord sent it,
// JSON of a type the change's key decides. Empty when Discord sent none.
type AuditLogValue []byte

// MarshalJSON writes the value as it came.
func (v AuditLogValue) MarshalJSON() ([]byte, error) {
	if len(v) == 0 {
		return []byte("null"), nil
	}
	return v, nil
}

// UnmarshalJSON keeps a copy of the value.
func (v *AuditLogValue) UnmarshalJSON(b []byte) error {
	*v = append((*v)[:0], b...)
	return nil
}

// Decode reads the value into dst, e.g. a *string for "name", a
// *[]Role for "$add".
func (v AuditLogValue) Decode(dst any) error { return json.Unmarshal(v, dst) }

// String is the value as a string: a JSON string unquoted, anything else
// as its JSON.
func (v AuditLogValue) String() string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

// Snowflake reads the value as a snowflake (sent as a string or a
// number).
func (v AuditLogValue) Snowflake() (Snowflake, error) {
	s := v.String()
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, &SnowflakeError{Input: s}
	}
	return Snowflake(n), nil
}

// AuditLogEntryOptions are the details some actions log; which fields
// are set depends on the action type.
type AuditLogEntryOptions struct {
	ApplicationID                 ApplicationID `json:"application_id,omitzero"`
	AutoModerationRuleName        string        `json:"auto_moderation_rule_name,omitempty"`
	AutoModerationRuleTriggerType string        `json:"auto_moderation_rule_trigger_type,omitempty"`
	ChannelID                     ChannelID     `json:"channel_id,omitzero"`
	Count                         string        `json:"count,omitempty"`
	DeleteMemberDays              string        `json:"delete_member_days,omitempty"`
	ID                            Snowflake     `json:"id,omitzero"`
	MembersRemoved                string        `json:"members_removed,omitempty"`
	MessageID                     MessageID     `json:"message_id,omitzero"`
	RoleName                      string        `json:"role_name,omitempty"`
	Type                          string        `json:"type,omitempty"` // "0" role, "1" member
	IntegrationType               string        `json:"integration_type,omitempty"`
	Status                        string        `json:"status,omitempty"`
}

// IntegrationAccount is the account an integration belongs to.
type IntegrationAccount struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// IntegrationApplication is the bot application of an integration.
type IntegrationApplication struct {
	ID           ApplicationID `json:"id"`
	Name         string        `json:"name"`
	Icon         *string       `json:"icon"`
	Description  string        `json:"description"`
	Bot          *User         `json:"bot,omitempty"`
	Type         *int          `json:"type,omitempty"`
	CoverImage   *string       `json:"cover_image,omitempty"`
	PrimarySKUID SKUID         `json:"primary_sku_id,omitzero"`
}

// WidgetChannel is a voice channel a guild's widget shows.
type WidgetChannel struct {
	ID       ChannelID `json:"id"`
	Name     string    `json:"name"`
	Position int       `json:"position"`
}

// WidgetMember is an online member a guild's widget shows, anonymised:
// its ID is an index, not the user's.
type WidgetMember struct {
	ID            string    `json:"id"`
	Username      string    `json:"username"`
	Discriminator string    `json:"discriminator,omitempty"`
	Avatar        *string   `json:"avatar,omitempty"`
	Status        string    `json:"status"`
	AvatarURL     string    `json:"avatar_url,omitempty"`
	ChannelID     ChannelID `json:"channel_id,omitzero"`
	Activity      *struct {
		Name string `json:"name"`
	} `json:"activity,omitempty"`
}
