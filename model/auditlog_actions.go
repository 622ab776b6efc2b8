package model

// Values from Discord's OpenAPI description.

// AuditLogEvent is the kind of action an audit log entry records.
// Values Discord adds later are kept as they come.
type AuditLogEvent int

// AuditLogEvent values.
const (
	AuditLogGuildUpdate                             AuditLogEvent = 1
	AuditLogChannelCreate                           AuditLogEvent = 10
	AuditLogChannelUpdate                           AuditLogEvent = 11
	AuditLogChannelDelete                           AuditLogEvent = 12
	AuditLogChannelOverwriteCreate                  AuditLogEvent = 13
	AuditLogChannelOverwriteUpdate                  AuditLogEvent = 14
	AuditLogChannelOverwriteDelete                  AuditLogEvent = 15
	AuditLogMemberKick                              AuditLogEvent = 20
	AuditLogMemberPrune                             AuditLogEvent = 21
	AuditLogMemberBanAdd                            AuditLogEvent = 22
	AuditLogMemberBanRemove                         AuditLogEvent = 23
	AuditLogMemberUpdate                            AuditLogEvent = 24
	AuditLogMemberRoleUpdate                        AuditLogEvent = 25
	AuditLogMemberMove                              AuditLogEvent = 26
	AuditLogMemberDisconnect                        AuditLogEvent = 27
	AuditLogBotAdd                                  AuditLogEvent = 28
	AuditLogRoleCreate                              AuditLogEvent = 30
	AuditLogRoleUpdate                              AuditLogEvent = 31
	AuditLogRoleDelete                              AuditLogEvent = 32
	AuditLogInviteCreate                            AuditLogEvent = 40
	AuditLogInviteUpdate                            AuditLogEvent = 41
	AuditLogInviteDelete                            AuditLogEvent = 42
	AuditLogWebhookCreate                           AuditLogEvent = 50
	AuditLogWebhookUpdate                           AuditLogEvent = 51
	AuditLogWebhookDelete                           AuditLogEvent = 52
	AuditLogEmojiCreate                             AuditLogEvent = 60
	AuditLogEmojiUpdate                             AuditLogEvent = 61
	AuditLogEmojiDelete                             AuditLogEvent = 62
	AuditLogMessageDelete                           AuditLogEvent = 72
	AuditLogMessageBulkDelete                       AuditLogEvent = 73
	AuditLogMessagePin                              AuditLogEvent = 74
	AuditLogMessageUnpin                            AuditLogEvent = 75
	AuditLogIntegrationCreate                       AuditLogEvent = 80
	AuditLogIntegrationUpdate                       AuditLogEvent = 81
	AuditLogIntegrationDelete                       AuditLogEvent = 82
	AuditLogStageInstanceCreate                     AuditLogEvent = 83
	AuditLogStageInstanceUpdate                     AuditLogEvent = 84
	AuditLogStageInstanceDelete                     AuditLogEvent = 85
	AuditLogStickerCreate                           AuditLogEvent = 90
	AuditLogStickerUpdate                           AuditLogEvent = 91
	AuditLogStickerDelete                           AuditLogEvent = 92
	AuditLogGuildScheduledEventCreate               AuditLogEvent = 100
	AuditLogGuildScheduledEventUpdate               AuditLogEvent = 101
	AuditLogGuildScheduledEventDelete               AuditLogEvent = 102
	AuditLogThreadCreate                            AuditLogEvent = 110
	AuditLogThreadUpdate                            AuditLogEvent = 111
	AuditLogThreadDelete                            AuditLogEvent = 112
	AuditLogApplicationCommandPermissionUpdate      AuditLogEvent = 121
	AuditLogSoundboardSoundCreate                   AuditLogEvent = 130
	AuditLogSoundboardSoundUpdate                   AuditLogEvent = 131
	AuditLogSoundboardSoundDelete                   AuditLogEvent = 132
	AuditLogAutoModerationRuleCreate                AuditLogEvent = 140
	AuditLogAutoModerationRuleUpdate                AuditLogEvent = 141
	AuditLogAutoModerationRuleDelete                AuditLogEvent = 142
	AuditLogAutoModerationBlockMessage              AuditLogEvent = 143
	AuditLogAutoModerationFlagToChannel             AuditLogEvent = 144
	AuditLogAutoModerationUserCommunicationDisabled AuditLogEvent = 145
	AuditLogAutoModerationQuarantineUser            AuditLogEvent = 146
	AuditLogCreatorMonetizationRequestCreated       AuditLogEvent = 150
	AuditLogCreatorMonetizationTermsAccepted        AuditLogEvent = 151
	AuditLogOnboardingPromptCreate                  AuditLogEvent = 163
	AuditLogOnboardingPromptUpdate                  AuditLogEvent = 164
	AuditLogOnboardingPromptDelete                  AuditLogEvent = 165
	AuditLogOnboardingCreate                        AuditLogEvent = 166
	AuditLogOnboardingUpdate                        AuditLogEvent = 167
	AuditLogGuildHomeFeatureItem                    AuditLogEvent = 171
	AuditLogGuildHomeRemoveItem                     AuditLogEvent = 172
	AuditLogHarmfulLinksBlockedMessage              AuditLogEvent = 180
	AuditLogHomeSettingsCreate                      AuditLogEvent = 190
	AuditLogHomeSettingsUpdate                      AuditLogEvent = 191
	AuditLogVoiceChannelStatusCreate                AuditLogEvent = 192
	AuditLogVoiceChannelStatusDelete                AuditLogEvent = 193
	AuditLogGuildScheduledEventExceptionCreate      AuditLogEvent = 200
	AuditLogGuildScheduledEventExceptionUpdate      AuditLogEvent = 201
	AuditLogGuildScheduledEventExceptionDelete      AuditLogEvent = 202
	AuditLogGuildProfileUpdate                      AuditLogEvent = 211
)

var auditLogEventNames = map[AuditLogEvent]string{
	1:   "GUILD_UPDATE",
	10:  "CHANNEL_CREATE",
	11:  "CHANNEL_UPDATE",
	12:  "CHANNEL_DELETE",
	13:  "CHANNEL_OVERWRITE_CREATE",
	14:  "CHANNEL_OVERWRITE_UPDATE",
	15:  "CHANNEL_OVERWRITE_DELETE",
	20:  "MEMBER_KICK",
	21:  "MEMBER_PRUNE",
	22:  "MEMBER_BAN_ADD",
	23:  "MEMBER_BAN_REMOVE",
	24:  "MEMBER_UPDATE",
	25:  "MEMBER_ROLE_UPDATE",
	26:  "MEMBER_MOVE",
	27:  "MEMBER_DISCONNECT",
	28:  "BOT_ADD",
	30:  "ROLE_CREATE",
	31:  "ROLE_UPDATE",
	32:  "ROLE_DELETE",
	40:  "INVITE_CREATE",
	41:  "INVITE_UPDATE",
	42:  "INVITE_DELETE",
	50:  "WEBHOOK_CREATE",
	51:  "WEBHOOK_UPDATE",
	52:  "WEBHOOK_DELETE",
	60:  "EMOJI_CREATE",
	61:  "EMOJI_UPDATE",
	62:  "EMOJI_DELETE",
	72:  "MESSAGE_DELETE",
	73:  "MESSAGE_BULK_DELETE",
	74:  "MESSAGE_PIN",
	75:  "MESSAGE_UNPIN",
	80:  "INTEGRATION_CREATE",
	81:  "INTEGRATION_UPDATE",
	82:  "INTEGRATION_DELETE",
	83:  "STAGE_INSTANCE_CREATE",
	84:  "STAGE_INSTANCE_UPDATE",
	85:  "STAGE_INSTANCE_DELETE",
	90:  "STICKER_CREATE",
	91:  "STICKER_UPDATE",
	92:  "STICKER_DELETE",
	100: "GUILD_SCHEDULED_EVENT_CREATE",
	101: "GUILD_SCHEDULED_EVENT_UPDATE",
	102: "GUILD_SCHEDULED_EVENT_DELETE",
	110: "THREAD_CREATE",
	111: "THREAD_UPDATE",
	112: "THREAD_DELETE",
	121: "APPLICATION_COMMAND_PERMISSION_UPDATE",
	130: "SOUNDBOARD_SOUND_CREATE",
	131: "SOUNDBOARD_SOUND_UPDATE",
	132: "SOUNDBOARD_SOUND_DELETE",
	140: "AUTO_MODERATION_RULE_CREATE",
	141: "AUTO_MODERATION_RULE_UPDATE",
	142: "AUTO_MODERATION_RULE_DELETE",
	143: "AUTO_MODERATION_BLOCK_MESSAGE",
	144: "AUTO_MODERATION_FLAG_TO_CHANNEL",
	145: "AUTO_MODERATION_USER_COMM_DISABLED",
	146: "AUTO_MODERATION_QUARANTINE_USER",
	150: "CREATOR_MONETIZATION_REQUEST_CREATED",
	151: "CREATOR_MONETIZATION_TERMS_ACCEPTED",
	163: "ONBOARDING_PROMPT_CREATE",
	164: "ONBOARDING_PROMPT_UPDATE",
	165: "ONBOARDING_PROMPT_DELETE",
	166: "ONBOARDING_CREATE",
	167: "ONBOARDING_UPDATE",
	171: "GUILD_HOME_FEATURE_ITEM",
	172: "GUILD_HOME_REMOVE_ITEM",
	180: "HARMFUL_LINKS_BLOCKED_MESSAGE",
	190: "HOME_SETTINGS_CREATE",
	191: "HOME_SETTINGS_UPDATE",
	192: "VOICE_CHANNEL_STATUS_CREATE",
	193: "VOICE_CHANNEL_STATUS_DELETE",
	200: "GUILD_SCHEDULED_EVENT_EXCEPTION_CREATE",
	201: "GUILD_SCHEDULED_EVENT_EXCEPTION_UPDATE",
	202: "GUILD_SCHEDULED_EVENT_EXCEPTION_DELETE",
	211: "GUILD_PROFILE_UPDATE",
}

// String is Discord's name of v, or the type and number when unknown.
func (v AuditLogEvent) String() string { return nameOf("AuditLogEvent", v, auditLogEventNames) }

// Known reports whether gloam knows v.
func (v AuditLogEvent) Known() bool { _, ok := auditLogEventNames[v]; return ok }
