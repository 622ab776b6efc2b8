package model

// Values from Discord's OpenAPI description.

// NewMemberActionType is what a guild's welcome asks a new member to do
// in a channel.
// Values Discord adds later are kept as they come.
type NewMemberActionType int

// NewMemberActionType values.
const (
	NewMemberActionView NewMemberActionType = 0 // read the channel
	NewMemberActionTalk NewMemberActionType = 1 // post in it
)

var newMemberActionTypeNames = map[NewMemberActionType]string{0: "VIEW", 1: "TALK"}

// String is Discord's name of v, or the type and number when unknown.
func (v NewMemberActionType) String() string {
	return nameOf("NewMemberActionType", v, newMemberActionTypeNames)
}

// Known reports whether gloam knows v.
func (v NewMemberActionType) Known() bool { _, ok := newMemberActionTypeNames[v]; return ok }
