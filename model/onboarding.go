package model

// GuildOnboarding is what a guild asks its new members: prompts whose
// answers give roles and channels, and the channels everyone sees.
type GuildOnboarding struct {
	GuildID           GuildID            `json:"guild_id"`
	Prompts           []OnboardingPrompt `json:"prompts"`
	DefaultChannelIDs []ChannelID        `json:"default_channel_ids"`
	Enabled           bool               `json:"enabled"`
	Mode              OnboardingMode     `json:"mode"`
}

// OnboardingPrompt is one question of an onboarding.
type OnboardingPrompt struct {
	ID           Snowflake                `json:"id"`
	Type         OnboardingPromptType     `json:"type"`
	Options      []OnboardingPromptOption `json:"options"`
	Title        string                   `json:"title"`
	SingleSelect bool                     `json:"single_select"`
	Required     bool                     `json:"required"`
	InOnboarding bool                     `json:"in_onboarding"`
}

// OnboardingPromptOption is an answer to a prompt, with the roles and
// channels it gives.
type OnboardingPromptOption struct {
	ID          Snowflake   `json:"id"`
	ChannelIDs  []ChannelID `json:"channel_ids"`
	RoleIDs     []RoleID    `json:"role_ids"`
	Emoji       *Emoji      `json:"emoji,omitempty"`
	Title       string      `json:"title"`
	Description *string     `json:"description"`
}

// OnboardingMode is which channels count toward an onboarding's
// requirements.
type OnboardingMode int

// OnboardingMode values.
const (
	OnboardingDefault  OnboardingMode = 0 // default channels only
	OnboardingAdvanced OnboardingMode = 1 // default channels and prompt answers
)

// OnboardingPromptType is how a prompt is shown.
type OnboardingPromptType int

// OnboardingPromptType values.
const (
	OnboardingMultipleChoice OnboardingPromptType = 0
	OnboardingDropdown       OnboardingPromptType = 1
)
