package model

// Values from Discord's OpenAPI description.

// AutoModEventType is when an auto moderation rule is checked.
// Values Discord adds later are kept as they come.
type AutoModEventType int

// AutoModEventType values.
const (
	AutoModEventMessageSend             AutoModEventType = 1
	AutoModEventGuildMemberJoinOrUpdate AutoModEventType = 2
)

var autoModEventTypeNames = map[AutoModEventType]string{
	1: "MESSAGE_SEND",
	2: "GUILD_MEMBER_JOIN_OR_UPDATE",
}

// String is Discord's name of v, or the type and number when unknown.
func (v AutoModEventType) String() string {
	return nameOf("AutoModEventType", v, autoModEventTypeNames)
}

// Known reports whether gloam knows v.
func (v AutoModEventType) Known() bool { _, ok := autoModEventTypeNames[v]; return ok }

// AutoModTriggerType is what makes an auto moderation rule act.
// Values Discord adds later are kept as they come.
type AutoModTriggerType int

// AutoModTriggerType values.
const (
	AutoModTriggerKeyword            AutoModTriggerType = 1
	AutoModTriggerMLSpam             AutoModTriggerType = 3
	AutoModTriggerDefaultKeywordList AutoModTriggerType = 4
	AutoModTriggerMentionSpam        AutoModTriggerType = 5
	AutoModTriggerUserProfile        AutoModTriggerType = 6
)

var autoModTriggerTypeNames = map[AutoModTriggerType]string{
	1: "KEYWORD",
	3: "ML_SPAM",
	4: "DEFAULT_KEYWORD_LIST",
	5: "MENTION_SPAM",
	6: "USER_PROFILE",
}

// String is Discord's name of v, or the type and number when unknown.
func (v AutoModTriggerType) String() string {
	return nameOf("AutoModTriggerType", v, autoModTriggerTypeNames)
}

// Known reports whether gloam knows v.
func (v AutoModTriggerType) Known() bool { _, ok := autoModTriggerTypeNames[v]; return ok }

// AutoModActionType is what an auto moderation rule does.
// Values Discord adds later are kept as they come.
type AutoModActionType int

// AutoModActionType values.
const (
	AutoModActionBlockMessage              AutoModActionType = 1
	AutoModActionFlagToChannel             AutoModActionType = 2
	AutoModActionUserCommunicationDisabled AutoModActionType = 3
	AutoModActionQuarantineUser            AutoModActionType = 4
)

var autoModActionTypeNames = map[AutoModActionType]string{
	1: "BLOCK_MESSAGE",
	2: "FLAG_TO_CHANNEL",
	3: "USER_COMMUNICATION_DISABLED",
	4: "QUARANTINE_USER",
}

// String is Discord's name of v, or the type and number when unknown.
func (v AutoModActionType) String() string {
	return nameOf("AutoModActionType", v, autoModActionTypeNames)
}

// Known reports whether gloam knows v.
func (v AutoModActionType) Known() bool { _, ok := autoModActionTypeNames[v]; return ok }
