package discordtest

import (
	"maps"
	"net/http"
	"time"

	"github.com/gloamdev/gloam/model"
)

// restHandlers serve the routes discordtest implements, by route key as
// the spec writes it. Every other route of the spec answers 501.
var restHandlers = buildHandlers()

func buildHandlers() map[string]func(*restCall) {
	m := map[string]func(*restCall){
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
	crud(m, autoModRules, "/guilds/{guild_id}/auto-moderation/rules", "/guilds/{guild_id}/auto-moderation/rules/{rule_id}")
	crud(m, scheduledEvents, "/guilds/{guild_id}/scheduled-events", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}")
	crud(m, stickers, "/guilds/{guild_id}/stickers", "/guilds/{guild_id}/stickers/{sticker_id}")
	crud(m, soundboard, "/guilds/{guild_id}/soundboard-sounds", "/guilds/{guild_id}/soundboard-sounds/{sound_id}")
	crud(m, templates, "/guilds/{guild_id}/templates", "/guilds/{guild_id}/templates/{code}")
	crud(m, appEmojis, "/applications/{application_id}/emojis", "/applications/{application_id}/emojis/{emoji_id}")
	delete(m, "GET /guilds/{guild_id}/templates/{code}") // not a route: templates are read at /guilds/templates/{code}
	m["PUT /guilds/{guild_id}/templates/{code}"] = func(c *restCall) { c.crudPatch(templates) }
	m["GET /guilds/templates/{code}"] = func(c *restCall) {
		d := c.rs.data
		d.mu.Lock()
		var out map[string]any
		for _, list := range d.objects["templates"] {
			for _, t := range list {
				if t["code"] == c.param("code") {
					out = maps.Clone(t)
				}
			}
		}
		d.mu.Unlock()
		if out == nil {
			c.fail(templates.unknown)
			return
		}
		c.json(http.StatusOK, out)
	}

	// invites and stage instances
	m["POST /channels/{channel_id}/invites"] = (*restCall).createInvite
	m["GET /channels/{channel_id}/invites"] = (*restCall).channelInvites
	m["GET /guilds/{guild_id}/invites"] = (*restCall).guildInvites
	m["GET /invites/{code}"] = func(c *restCall) { c.crudGet(invites) }
	m["DELETE /invites/{code}"] = func(c *restCall) { c.crudDelete(invites) }
	m["POST /stage-instances"] = (*restCall).createStage
	m["GET /stage-instances/{channel_id}"] = func(c *restCall) { c.crudGet(stages) }
	m["PATCH /stage-instances/{channel_id}"] = func(c *restCall) { c.crudPatch(stages) }
	m["DELETE /stage-instances/{channel_id}"] = func(c *restCall) { c.crudDelete(stages) }

	// guild emojis live in the World
	m["GET /guilds/{guild_id}/emojis"] = (*restCall).guildEmojis
	m["POST /guilds/{guild_id}/emojis"] = (*restCall).createGuildEmoji
	m["GET /guilds/{guild_id}/emojis/{emoji_id}"] = (*restCall).getGuildEmoji
	m["PATCH /guilds/{guild_id}/emojis/{emoji_id}"] = (*restCall).patchGuildEmoji
	m["DELETE /guilds/{guild_id}/emojis/{emoji_id}"] = (*restCall).deleteGuildEmoji

	// permission overwrites
	m["PUT /channels/{channel_id}/permissions/{overwrite_id}"] = func(c *restCall) { c.overwrite(true) }
	m["DELETE /channels/{channel_id}/permissions/{overwrite_id}"] = func(c *restCall) { c.overwrite(false) }

	// answers with no state of their own
	m["GET /applications/@me"] = func(c *restCall) { c.json(http.StatusOK, c.application()) }
	m["PATCH /applications/@me"] = (*restCall).patchApplication
	m["PATCH /applications/{application_id}"] = (*restCall).patchApplication
	m["GET /applications/{application_id}"] = func(c *restCall) {
		if c.param("application_id") != c.s.World().ApplicationID().String() {
			c.fail(&apiError{status: http.StatusForbidden, Code: 50001, Message: "Missing Access"})
			return
		}
		c.json(http.StatusOK, c.application())
	}
	m["GET /oauth2/applications/@me"] = func(c *restCall) { c.json(http.StatusOK, c.application()) }
	m["GET /oauth2/@me"] = func(c *restCall) {
		c.json(http.StatusOK, map[string]any{"application": c.application(), "scopes": []string{"identify", "guilds"},
			"expires": model.NewTimestamp(c.now.Add(7 * 24 * time.Hour)), "user": modelUser(c.s.World().Bot())})
	}
	m["GET /voice/regions"] = static(voiceRegions)
	m["GET /guilds/{guild_id}/regions"] = static(voiceRegions)
	m["GET /users/@me/connections"] = (*restCall).myConnections
	m["GET /guilds/{guild_id}/integrations"] = (*restCall).guildIntegrations
	m["GET /guilds/{guild_id}/vanity-url"] = (*restCall).vanityURL
	m["DELETE /users/@me/guilds/{guild_id}"] = (*restCall).leaveGuild
	m["PATCH /guilds/{guild_id}/voice-states/@me"] = (*restCall).patchVoiceState
	m["PATCH /guilds/{guild_id}/voice-states/{user_id}"] = (*restCall).patchVoiceState
	m["PUT /channels/{channel_id}/voice-status"] = (*restCall).setVoiceStatus
	m["POST /webhooks/{webhook_id}/{webhook_token}/slack"] = (*restCall).executeSlack
	m["POST /webhooks/{webhook_id}/{webhook_token}/github"] = (*restCall).executeGitHub
	m["GET /guilds/{guild_id}/voice-states/@me"] = (*restCall).getVoiceState
	m["GET /guilds/{guild_id}/voice-states/{user_id}"] = (*restCall).getVoiceState
	m["GET /guilds/{guild_id}/roles/member-counts"] = func(c *restCall) {
		g, ok := c.guild()
		if !ok {
			return
		}
		counts := map[string]int{}
		for _, r := range g.Roles {
			counts[r.ID.String()] = 0
		}
		for _, mem := range g.Members {
			for _, r := range mem.Roles {
				counts[r.String()]++
			}
		}
		c.json(http.StatusOK, counts)
	}
	m["POST /channels/{channel_id}/polls/{message_id}/expire"] = (*restCall).expirePoll
	m["GET /channels/{channel_id}/polls/{message_id}/answers/{answer_id}"] = (*restCall).pollVoters
	m["PUT /guilds/{guild_id}/incident-actions"] = (*restCall).incidentActions
	m["PATCH /guilds/{guild_id}/channels"] = (*restCall).channelPositions
	m["PATCH /guilds/{guild_id}/roles"] = (*restCall).rolePositions
	m["PUT /guilds/{guild_id}/members/{user_id}"] = (*restCall).addMember
	m["POST /channels/{channel_id}/followers"] = (*restCall).follow
	m["GET /users/@me/guilds/{guild_id}/member"] = func(c *restCall) {
		gid := model.GuildID(c.id("guild_id"))
		if mem, ok := c.s.World().Member(gid, c.botID()); ok {
			c.json(http.StatusOK, mem)
			return
		}
		c.fail(errUnknownGuild)
	}
	m["GET /guilds/{guild_id}/widget.json"] = (*restCall).widgetJSON
	breadthRoutes(m)
	defaultsRoutes(m)
	settingsRoutes(m)
	return m
}
