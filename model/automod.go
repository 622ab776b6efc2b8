package model

// AutoModTriggerMetadata holds what makes a rule of each trigger type
// act; the fields used depend on the rule's trigger type.
type AutoModTriggerMetadata struct {
	// KeywordFilter are substrings (with * wildcards) that trigger
	// KEYWORD and MEMBER_PROFILE rules, at most 1000 of 60 characters.
	KeywordFilter []string `json:"keyword_filter,omitempty"`
	// RegexPatterns are Rust regular expressions (KEYWORD and
	// MEMBER_PROFILE), at most 10 of 260 characters.
	RegexPatterns []string `json:"regex_patterns,omitempty"`
	// Presets are Discord's word lists (KEYWORD_PRESET).
	Presets []AutoModKeywordPreset `json:"presets,omitempty"`
	// AllowList are substrings exempt from the rule, at most 100 (1000
	// for presets) of 60 characters.
	AllowList []string `json:"allow_list,omitempty"`
	// MentionTotalLimit is the number of unique mentions allowed per
	// message, at most 50 (MENTION_SPAM).
	MentionTotalLimit int `json:"mention_total_limit,omitempty"`
	// MentionRaidProtectionEnabled detects mention raids (MENTION_SPAM).
	MentionRaidProtectionEnabled bool `json:"mention_raid_protection_enabled,omitempty"`
}

// AutoModKeywordPreset is one of Discord's word lists.
type AutoModKeywordPreset int

// AutoModKeywordPreset values.
const (
	AutoModPresetProfanity     AutoModKeywordPreset = 1
	AutoModPresetSexualContent AutoModKeywordPreset = 2
	AutoModPresetSlurs         AutoModKeywordPreset = 3
)

// AutoModAction is what a rule does when it triggers.
type AutoModAction struct {
	Type     AutoModActionType      `json:"type"`
	Metadata *AutoModActionMetadata `json:"metadata,omitempty"`
}

// AutoModActionMetadata holds the details of an action; the fields used
// depend on its type.
type AutoModActionMetadata struct {
	// ChannelID is where FLAG_TO_CHANNEL posts its alert.
	ChannelID ChannelID `json:"channel_id,omitzero"`
	// DurationSeconds is the timeout of USER_COMMUNICATION_DISABLED, at
	// most 2419200 (four weeks).
	DurationSeconds int `json:"duration_seconds,omitempty"`
	// CustomMessage is shown to the member whose message BLOCK_MESSAGE
	// blocked, at most 150 characters.
	CustomMessage string `json:"custom_message,omitempty"`
}
