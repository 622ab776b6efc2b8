package model

// AuditLog is a page of a guild's audit log with the objects its entries
// refer to.
type AuditLog struct {
	ApplicationCommands  []ApplicationCommand `json:"application_commands"`
	AuditLogEntries      []AuditLogEntry      `json:"audit_log_entries"`
	AutoModerationRules  []AutoModerationRule `json:"auto_moderation_rules"`
	GuildScheduledEvents []ScheduledEvent     `json:"guild_scheduled_events"`
	Integrations         []Integration        `json:"integrations"`
	Threads              []Channel            `json:"threads"`
	Users                []User               `json:"users"`
	Webhooks             []Webhook            `json:"webhooks"`
}
