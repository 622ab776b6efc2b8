package rest

import "github.com/gloamdev/gloam/model"

// Discord objects that REST answers carry are defined in model; the
// aliases keep their short names here.

// Invite is an invite code to a guild, group DM or activity.
type Invite = model.Invite

// Webhook is a channel's webhook.
type Webhook = model.Webhook

// Ban is a guild's ban of a user.
type Ban = model.Ban

// VoiceRegion is a voice server region.
type VoiceRegion = model.VoiceRegion

// GatewayBot is what GET /gateway/bot answers: where to connect, how
// many shards, and how many sessions may still be started.
type GatewayBot struct {
	URL               string `json:"url"`
	Shards            int    `json:"shards"`
	SessionStartLimit struct {
		Total          int `json:"total"`
		Remaining      int `json:"remaining"`
		ResetAfter     int `json:"reset_after"` // milliseconds
		MaxConcurrency int `json:"max_concurrency"`
	} `json:"session_start_limit"`
}

// GuildPreview is the public view of a discoverable guild.
type GuildPreview = model.GuildPreview

// Connection is an account the user connected to Discord.
type Connection = model.Connection

// PartialGuild is a guild as GET /users/@me/guilds lists it.
type PartialGuild = model.PartialGuild

// AuditLog is a page of a guild's audit log.
type AuditLog = model.AuditLog

// Template is a guild template.
type Template = model.GuildTemplate

// Application is a Discord application.
type Application = model.Application
