// The documented bits of ../shared/discord-api/intents.tsv and permissions.tsv;
// TestFlagsMatchDocs keeps them in step.

package model

// Gateway intents, as documented.
const (
	IntentGuilds                      Intents = 1 << 0
	IntentGuildMembers                Intents = 1 << 1 // privileged
	IntentGuildModeration             Intents = 1 << 2
	IntentGuildExpressions            Intents = 1 << 3
	IntentGuildIntegrations           Intents = 1 << 4
	IntentGuildWebhooks               Intents = 1 << 5
	IntentGuildInvites                Intents = 1 << 6
	IntentGuildVoiceStates            Intents = 1 << 7
	IntentGuildPresences              Intents = 1 << 8 // privileged
	IntentGuildMessages               Intents = 1 << 9
	IntentGuildMessageReactions       Intents = 1 << 10
	IntentGuildMessageTyping          Intents = 1 << 11
	IntentDirectMessages              Intents = 1 << 12
	IntentDirectMessageReactions      Intents = 1 << 13
	IntentDirectMessageTyping         Intents = 1 << 14
	IntentMessageContent              Intents = 1 << 15 // privileged
	IntentGuildScheduledEvents        Intents = 1 << 16
	IntentAutoModerationConfiguration Intents = 1 << 20
	IntentAutoModerationExecution     Intents = 1 << 21
	IntentGuildMessagePolls           Intents = 1 << 24
	IntentDirectMessagePolls          Intents = 1 << 25
)

var intentNames = [...]flagName{
	{uint64(IntentGuilds), "GUILDS"},
	{uint64(IntentGuildMembers), "GUILD_MEMBERS"},
	{uint64(IntentGuildModeration), "GUILD_MODERATION"},
	{uint64(IntentGuildExpressions), "GUILD_EXPRESSIONS"},
	{uint64(IntentGuildIntegrations), "GUILD_INTEGRATIONS"},
	{uint64(IntentGuildWebhooks), "GUILD_WEBHOOKS"},
	{uint64(IntentGuildInvites), "GUILD_INVITES"},
	{uint64(IntentGuildVoiceStates), "GUILD_VOICE_STATES"},
	{uint64(IntentGuildPresences), "GUILD_PRESENCES"},
	{uint64(IntentGuildMessages), "GUILD_MESSAGES"},
	{uint64(IntentGuildMessageReactions), "GUILD_MESSAGE_REACTIONS"},
	{uint64(IntentGuildMessageTyping), "GUILD_MESSAGE_TYPING"},
	{uint64(IntentDirectMessages), "DIRECT_MESSAGES"},
	{uint64(IntentDirectMessageReactions), "DIRECT_MESSAGE_REACTIONS"},
	{uint64(IntentDirectMessageTyping), "DIRECT_MESSAGE_TYPING"},
	{uint64(IntentMessageContent), "MESSAGE_CONTENT"},
	{uint64(IntentGuildScheduledEvents), "GUILD_SCHEDULED_EVENTS"},
	{uint64(IntentAutoModerationConfiguration), "AUTO_MODERATION_CONFIGURATION"},
	{uint64(IntentAutoModerationExecution), "AUTO_MODERATION_EXECUTION"},
	{uint64(IntentGuildMessagePolls), "GUILD_MESSAGE_POLLS"},
	{uint64(IntentDirectMessagePolls), "DIRECT_MESSAGE_POLLS"},
}

// Permissions, as documented.
const (
	PermissionCreateInstantInvite              Permissions = 1 << 0
	PermissionKickMembers                      Permissions = 1 << 1
	PermissionBanMembers                       Permissions = 1 << 2
	PermissionAdministrator                    Permissions = 1 << 3
	PermissionManageChannels                   Permissions = 1 << 4
	PermissionManageGuild                      Permissions = 1 << 5
	PermissionAddReactions                     Permissions = 1 << 6
	PermissionViewAuditLog                     Permissions = 1 << 7
	PermissionPrioritySpeaker                  Permissions = 1 << 8
	PermissionStream                           Permissions = 1 << 9
	PermissionViewChannel                      Permissions = 1 << 10
	PermissionSendMessages                     Permissions = 1 << 11
	PermissionSendTtsMessages                  Permissions = 1 << 12
	PermissionManageMessages                   Permissions = 1 << 13
	PermissionEmbedLinks                       Permissions = 1 << 14
	PermissionAttachFiles                      Permissions = 1 << 15
	PermissionReadMessageHistory               Permissions = 1 << 16
	PermissionMentionEveryone                  Permissions = 1 << 17
	PermissionUseExternalEmojis                Permissions = 1 << 18
	PermissionViewGuildInsights                Permissions = 1 << 19
	PermissionConnect                          Permissions = 1 << 20
	PermissionSpeak                            Permissions = 1 << 21
	PermissionMuteMembers                      Permissions = 1 << 22
	PermissionDeafenMembers                    Permissions = 1 << 23
	PermissionMoveMembers                      Permissions = 1 << 24
	PermissionUseVad                           Permissions = 1 << 25
	PermissionChangeNickname                   Permissions = 1 << 26
	PermissionManageNicknames                  Permissions = 1 << 27
	PermissionManageRoles                      Permissions = 1 << 28
	PermissionManageWebhooks                   Permissions = 1 << 29
	PermissionManageGuildExpressions           Permissions = 1 << 30
	PermissionUseApplicationCommands           Permissions = 1 << 31
	PermissionRequestToSpeak                   Permissions = 1 << 32
	PermissionManageEvents                     Permissions = 1 << 33
	PermissionManageThreads                    Permissions = 1 << 34
	PermissionCreatePublicThreads              Permissions = 1 << 35
	PermissionCreatePrivateThreads             Permissions = 1 << 36
	PermissionUseExternalStickers              Permissions = 1 << 37
	PermissionSendMessagesInThreads            Permissions = 1 << 38
	PermissionUseEmbeddedActivities            Permissions = 1 << 39
	PermissionModerateMembers                  Permissions = 1 << 40
	PermissionViewCreatorMonetizationAnalytics Permissions = 1 << 41
	PermissionUseSoundboard                    Permissions = 1 << 42
	PermissionCreateGuildExpressions           Permissions = 1 << 43
	PermissionCreateEvents                     Permissions = 1 << 44
	PermissionUseExternalSounds                Permissions = 1 << 45
	PermissionSendVoiceMessages                Permissions = 1 << 46
	PermissionSetVoiceChannelStatus            Permissions = 1 << 48
	PermissionSendPolls                        Permissions = 1 << 49
	PermissionUseExternalApps                  Permissions = 1 << 50
	PermissionPinMessages                      Permissions = 1 << 51
	PermissionBypassSlowmode                   Permissions = 1 << 52
)

var permissionNames = [...]flagName{
	{uint64(PermissionCreateInstantInvite), "CREATE_INSTANT_INVITE"},
	{uint64(PermissionKickMembers), "KICK_MEMBERS"},
	{uint64(PermissionBanMembers), "BAN_MEMBERS"},
	{uint64(PermissionAdministrator), "ADMINISTRATOR"},
	{uint64(PermissionManageChannels), "MANAGE_CHANNELS"},
	{uint64(PermissionManageGuild), "MANAGE_GUILD"},
	{uint64(PermissionAddReactions), "ADD_REACTIONS"},
	{uint64(PermissionViewAuditLog), "VIEW_AUDIT_LOG"},
	{uint64(PermissionPrioritySpeaker), "PRIORITY_SPEAKER"},
	{uint64(PermissionStream), "STREAM"},
	{uint64(PermissionViewChannel), "VIEW_CHANNEL"},
	{uint64(PermissionSendMessages), "SEND_MESSAGES"},
	{uint64(PermissionSendTtsMessages), "SEND_TTS_MESSAGES"},
	{uint64(PermissionManageMessages), "MANAGE_MESSAGES"},
	{uint64(PermissionEmbedLinks), "EMBED_LINKS"},
	{uint64(PermissionAttachFiles), "ATTACH_FILES"},
	{uint64(PermissionReadMessageHistory), "READ_MESSAGE_HISTORY"},
	{uint64(PermissionMentionEveryone), "MENTION_EVERYONE"},
	{uint64(PermissionUseExternalEmojis), "USE_EXTERNAL_EMOJIS"},
	{uint64(PermissionViewGuildInsights), "VIEW_GUILD_INSIGHTS"},
	{uint64(PermissionConnect), "CONNECT"},
	{uint64(PermissionSpeak), "SPEAK"},
	{uint64(PermissionMuteMembers), "MUTE_MEMBERS"},
	{uint64(PermissionDeafenMembers), "DEAFEN_MEMBERS"},
	{uint64(PermissionMoveMembers), "MOVE_MEMBERS"},
	{uint64(PermissionUseVad), "USE_VAD"},
	{uint64(PermissionChangeNickname), "CHANGE_NICKNAME"},
	{uint64(PermissionManageNicknames), "MANAGE_NICKNAMES"},
	{uint64(PermissionManageRoles), "MANAGE_ROLES"},
	{uint64(PermissionManageWebhooks), "MANAGE_WEBHOOKS"},
	{uint64(PermissionManageGuildExpressions), "MANAGE_GUILD_EXPRESSIONS"},
	{uint64(PermissionUseApplicationCommands), "USE_APPLICATION_COMMANDS"},
	{uint64(PermissionRequestToSpeak), "REQUEST_TO_SPEAK"},
	{uint64(PermissionManageEvents), "MANAGE_EVENTS"},
	{uint64(PermissionManageThreads), "MANAGE_THREADS"},
	{uint64(PermissionCreatePublicThreads), "CREATE_PUBLIC_THREADS"},
	{uint64(PermissionCreatePrivateThreads), "CREATE_PRIVATE_THREADS"},
	{uint64(PermissionUseExternalStickers), "USE_EXTERNAL_STICKERS"},
	{uint64(PermissionSendMessagesInThreads), "SEND_MESSAGES_IN_THREADS"},
	{uint64(PermissionUseEmbeddedActivities), "USE_EMBEDDED_ACTIVITIES"},
	{uint64(PermissionModerateMembers), "MODERATE_MEMBERS"},
	{uint64(PermissionViewCreatorMonetizationAnalytics), "VIEW_CREATOR_MONETIZATION_ANALYTICS"},
	{uint64(PermissionUseSoundboard), "USE_SOUNDBOARD"},
	{uint64(PermissionCreateGuildExpressions), "CREATE_GUILD_EXPRESSIONS"},
	{uint64(PermissionCreateEvents), "CREATE_EVENTS"},
	{uint64(PermissionUseExternalSounds), "USE_EXTERNAL_SOUNDS"},
	{uint64(PermissionSendVoiceMessages), "SEND_VOICE_MESSAGES"},
	{uint64(PermissionSetVoiceChannelStatus), "SET_VOICE_CHANNEL_STATUS"},
	{uint64(PermissionSendPolls), "SEND_POLLS"},
	{uint64(PermissionUseExternalApps), "USE_EXTERNAL_APPS"},
	{uint64(PermissionPinMessages), "PIN_MESSAGES"},
	{uint64(PermissionBypassSlowmode), "BYPASS_SLOWMODE"},
}
