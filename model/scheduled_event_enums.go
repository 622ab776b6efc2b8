package model

// Values from Discord's OpenAPI description.

// ScheduledEventStatus is where a scheduled event is in its life.
// Values Discord adds later are kept as they come.
type ScheduledEventStatus int

// ScheduledEventStatus values.
const (
	ScheduledEventScheduled ScheduledEventStatus = 1
	ScheduledEventActive    ScheduledEventStatus = 2
	ScheduledEventCompleted ScheduledEventStatus = 3
	ScheduledEventCanceled  ScheduledEventStatus = 4
)

var scheduledEventStatusNames = map[ScheduledEventStatus]string{
	1: "SCHEDULED",
	2: "ACTIVE",
	3: "COMPLETED",
	4: "CANCELED",
}

// String is Discord's name of v, or the type and number when unknown.
func (v ScheduledEventStatus) String() string {
	return nameOf("ScheduledEventStatus", v, scheduledEventStatusNames)
}

// Known reports whether gloam knows v.
func (v ScheduledEventStatus) Known() bool { _, ok := scheduledEventStatusNames[v]; return ok }

// ScheduledEventEntityType is where a scheduled event takes place.
// Values Discord adds later are kept as they come.
type ScheduledEventEntityType int

// ScheduledEventEntityType values.
const (
	ScheduledEventEntityNone          ScheduledEventEntityType = 0
	ScheduledEventEntityStageInstance ScheduledEventEntityType = 1
	ScheduledEventEntityVoice         ScheduledEventEntityType = 2
	ScheduledEventEntityExternal      ScheduledEventEntityType = 3
)

var scheduledEventEntityTypeNames = map[ScheduledEventEntityType]string{
	0: "NONE",
	1: "STAGE_INSTANCE",
	2: "VOICE",
	3: "EXTERNAL",
}

// String is Discord's name of v, or the type and number when unknown.
func (v ScheduledEventEntityType) String() string {
	return nameOf("ScheduledEventEntityType", v, scheduledEventEntityTypeNames)
}

// Known reports whether gloam knows v.
func (v ScheduledEventEntityType) Known() bool { _, ok := scheduledEventEntityTypeNames[v]; return ok }

// ScheduledEventPrivacyLevel is who can see a scheduled event.
// Values Discord adds later are kept as they come.
type ScheduledEventPrivacyLevel int

// ScheduledEventPrivacyLevel values.
const (
	ScheduledEventPrivacyGuildOnly ScheduledEventPrivacyLevel = 2
)

var scheduledEventPrivacyLevelNames = map[ScheduledEventPrivacyLevel]string{
	2: "GUILD_ONLY",
}

// String is Discord's name of v, or the type and number when unknown.
func (v ScheduledEventPrivacyLevel) String() string {
	return nameOf("ScheduledEventPrivacyLevel", v, scheduledEventPrivacyLevelNames)
}

// Known reports whether gloam knows v.
func (v ScheduledEventPrivacyLevel) Known() bool {
	_, ok := scheduledEventPrivacyLevelNames[v]
	return ok
}

// StagePrivacyLevel is who can see a stage; PUBLIC is deprecated.
// Values Discord adds later are kept as they come.
type StagePrivacyLevel int

// StagePrivacyLevel values.
const (
	StagePrivacyPublic    StagePrivacyLevel = 1
	StagePrivacyGuildOnly StagePrivacyLevel = 2
)

var stagePrivacyLevelNames = map[StagePrivacyLevel]string{
	1: "PUBLIC",
	2: "GUILD_ONLY",
}

// String is Discord's name of v, or the type and number when unknown.
func (v StagePrivacyLevel) String() string {
	return nameOf("StagePrivacyLevel", v, stagePrivacyLevelNames)
}

// Known reports whether gloam knows v.
func (v StagePrivacyLevel) Known() bool { _, ok := stagePrivacyLevelNames[v]; return ok }
