package discordtest

import "github.com/gloamdev/gloam/model"

// restHandlers serve the routes discordtest implements, by route key as
// the spec writes it. Every other route of the spec answers 501.
var restHandlers = map[string]func(*restCall){
	// channels
	"GET /channels/{channel_id}":         (*restCall).getChannel,
	"PATCH /channels/{channel_id}":       (*restCall).patchChannel,
	"DELETE /channels/{channel_id}":      (*restCall).deleteChannel,
	"POST /channels/{channel_id}/typing": (*restCall).typing,

	// messages
	"GET /channels/{channel_id}/messages":                         (*restCall).listMessages,
	"POST /channels/{channel_id}/messages":                        (*restCall).postMessage,
	"GET /channels/{channel_id}/messages/{message_id}":            (*restCall).getMessage,
	"PATCH /channels/{channel_id}/messages/{message_id}":          (*restCall).patchMessage,
	"DELETE /channels/{channel_id}/messages/{message_id}":         (*restCall).deleteMessage,
	"POST /channels/{channel_id}/messages/bulk-delete":            (*restCall).bulkDelete,
	"POST /channels/{channel_id}/messages/{message_id}/crosspost": (*restCall).crosspost,

	// reactions
	"PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me": (*restCall).putReaction,
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me": func(c *restCall) {
		c.deleteReactions(true, c.botID())
	},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/{user_id}": func(c *restCall) {
		c.deleteReactions(true, model.UserID(c.id("user_id")))
	},
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}": func(c *restCall) { c.deleteReactions(true, 0) },
	"DELETE /channels/{channel_id}/messages/{message_id}/reactions":              func(c *restCall) { c.deleteReactions(false, 0) },
	"GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}":    (*restCall).listReactions,

	// pins, new and old routes
	"GET /channels/{channel_id}/messages/pins":                 (*restCall).listPins,
	"PUT /channels/{channel_id}/messages/pins/{message_id}":    func(c *restCall) { c.pin(true) },
	"DELETE /channels/{channel_id}/messages/pins/{message_id}": func(c *restCall) { c.pin(false) },
	"GET /channels/{channel_id}/pins":                          (*restCall).listPinsOld,
	"PUT /channels/{channel_id}/pins/{message_id}":             func(c *restCall) { c.pin(true) },
	"DELETE /channels/{channel_id}/pins/{message_id}":          func(c *restCall) { c.pin(false) },

	// threads
	"POST /channels/{channel_id}/messages/{message_id}/threads":     (*restCall).threadFromMessage,
	"POST /channels/{channel_id}/threads":                           (*restCall).threadWithoutMessage,
	"PUT /channels/{channel_id}/thread-members/@me":                 func(c *restCall) { c.threadMembers(true) },
	"DELETE /channels/{channel_id}/thread-members/@me":              func(c *restCall) { c.threadMembers(false) },
	"PUT /channels/{channel_id}/thread-members/{user_id}":           func(c *restCall) { c.threadMembers(true) },
	"DELETE /channels/{channel_id}/thread-members/{user_id}":        func(c *restCall) { c.threadMembers(false) },
	"GET /channels/{channel_id}/thread-members":                     (*restCall).listThreadMembers,
	"GET /channels/{channel_id}/thread-members/{user_id}":           (*restCall).getThreadMember,
	"GET /guilds/{guild_id}/threads/active":                         (*restCall).activeThreads,
	"GET /channels/{channel_id}/threads/archived/public":            func(c *restCall) { c.archivedThreads(false, false) },
	"GET /channels/{channel_id}/threads/archived/private":           func(c *restCall) { c.archivedThreads(true, false) },
	"GET /channels/{channel_id}/users/@me/threads/archived/private": func(c *restCall) { c.archivedThreads(true, true) },

	// guilds
	"GET /guilds/{guild_id}":           (*restCall).getGuild,
	"PATCH /guilds/{guild_id}":         (*restCall).patchGuild,
	"GET /guilds/{guild_id}/preview":   (*restCall).guildPreview,
	"GET /guilds/{guild_id}/channels":  (*restCall).guildChannels,
	"POST /guilds/{guild_id}/channels": (*restCall).createGuildChannel,

	// members
	"GET /guilds/{guild_id}/members":                              (*restCall).listMembers,
	"GET /guilds/{guild_id}/members/search":                       (*restCall).searchMembers,
	"GET /guilds/{guild_id}/members/{user_id}":                    (*restCall).getMember,
	"PATCH /guilds/{guild_id}/members/{user_id}":                  (*restCall).patchMember,
	"PATCH /guilds/{guild_id}/members/@me":                        (*restCall).patchMember,
	"DELETE /guilds/{guild_id}/members/{user_id}":                 (*restCall).kickMember,
	"PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}":    func(c *restCall) { c.memberRole(true) },
	"DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}": func(c *restCall) { c.memberRole(false) },

	// roles
	"GET /guilds/{guild_id}/roles":              (*restCall).listRoles,
	"POST /guilds/{guild_id}/roles":             (*restCall).createRole,
	"GET /guilds/{guild_id}/roles/{role_id}":    (*restCall).getRole,
	"PATCH /guilds/{guild_id}/roles/{role_id}":  (*restCall).patchRole,
	"DELETE /guilds/{guild_id}/roles/{role_id}": (*restCall).deleteRole,

	// bans
	"GET /guilds/{guild_id}/bans":              (*restCall).listBans,
	"GET /guilds/{guild_id}/bans/{user_id}":    (*restCall).getBan,
	"PUT /guilds/{guild_id}/bans/{user_id}":    (*restCall).putBan,
	"DELETE /guilds/{guild_id}/bans/{user_id}": (*restCall).deleteBan,
	"POST /guilds/{guild_id}/bulk-ban":         (*restCall).bulkBan,

	// users
	"GET /users/@me":           (*restCall).getMe,
	"PATCH /users/@me":         (*restCall).patchMe,
	"GET /users/{user_id}":     (*restCall).getUser,
	"GET /users/@me/guilds":    (*restCall).myGuilds,
	"POST /users/@me/channels": (*restCall).createDM,

	// webhooks
	"POST /channels/{channel_id}/webhooks":                                (*restCall).createWebhook,
	"GET /channels/{channel_id}/webhooks":                                 (*restCall).channelWebhooks,
	"GET /guilds/{guild_id}/webhooks":                                     (*restCall).guildWebhooks,
	"GET /webhooks/{webhook_id}":                                          (*restCall).getWebhook,
	"PATCH /webhooks/{webhook_id}":                                        (*restCall).patchWebhook,
	"DELETE /webhooks/{webhook_id}":                                       (*restCall).deleteWebhook,
	"GET /webhooks/{webhook_id}/{webhook_token}":                          (*restCall).getWebhook,
	"PATCH /webhooks/{webhook_id}/{webhook_token}":                        (*restCall).patchWebhook,
	"DELETE /webhooks/{webhook_id}/{webhook_token}":                       (*restCall).deleteWebhook,
	"POST /webhooks/{webhook_id}/{webhook_token}":                         (*restCall).executeWebhook,
	"GET /webhooks/{webhook_id}/{webhook_token}/messages/@original":       (*restCall).getTokenMessage,
	"PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":     (*restCall).patchTokenMessage,
	"DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original":    (*restCall).deleteTokenMessage,
	"GET /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}":    (*restCall).getTokenMessage,
	"PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}":  (*restCall).patchTokenMessage,
	"DELETE /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}": (*restCall).deleteTokenMessage,

	// interactions
	"POST /interactions/{interaction_id}/{interaction_token}/callback": (*restCall).interactionCallback,

	// application commands
	"GET /applications/{application_id}/commands":                                   (*restCall).listCommands,
	"POST /applications/{application_id}/commands":                                  (*restCall).createCommand,
	"PUT /applications/{application_id}/commands":                                   (*restCall).overwriteCommands,
	"GET /applications/{application_id}/commands/{command_id}":                      (*restCall).getCommand,
	"PATCH /applications/{application_id}/commands/{command_id}":                    (*restCall).patchCommand,
	"DELETE /applications/{application_id}/commands/{command_id}":                   (*restCall).deleteCommand,
	"GET /applications/{application_id}/guilds/{guild_id}/commands":                 (*restCall).listCommands,
	"POST /applications/{application_id}/guilds/{guild_id}/commands":                (*restCall).createCommand,
	"PUT /applications/{application_id}/guilds/{guild_id}/commands":                 (*restCall).overwriteCommands,
	"GET /applications/{application_id}/guilds/{guild_id}/commands/{command_id}":    (*restCall).getCommand,
	"PATCH /applications/{application_id}/guilds/{guild_id}/commands/{command_id}":  (*restCall).patchCommand,
	"DELETE /applications/{application_id}/guilds/{guild_id}/commands/{command_id}": (*restCall).deleteCommand,
}
