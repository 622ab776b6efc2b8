package core

import "github.com/gloamdev/gloam/model"

// Payload is what a typed listener (see On) receives with an event: the
// lazy view of its type where model has one (model.MessageCreateView for
// MESSAGE_CREATE), which reads fields on demand, or the struct it decodes
// into in full (*model.MessageCreate). model.RawEvent receives the
// dispatches gloam does not know.
type Payload interface {
	model.MessageCreateView |
		model.ReadyView |
		model.GuildCreateView |
		model.GuildDeleteView |
		model.GuildMemberUpdateView |
		model.GuildMemberRemoveView |
		model.InteractionCreateView |
		model.MessageDeleteView |
		model.MessageReactionAddView |
		model.PresenceUpdateView |
		model.TypingStartView |
		model.VoiceStateUpdateView |
		*model.Ready |
		*model.Resumed |
		*model.RateLimited |
		*model.CommandPermissionsUpdate |
		*model.AutoModerationRuleCreate |
		*model.AutoModerationRuleUpdate |
		*model.AutoModerationRuleDelete |
		*model.AutoModerationActionExecution |
		*model.ChannelCreate |
		*model.ChannelUpdate |
		*model.ChannelDelete |
		*model.ChannelInfo |
		*model.ChannelPinsUpdate |
		*model.ThreadCreate |
		*model.ThreadUpdate |
		*model.ThreadDelete |
		*model.ThreadListSync |
		*model.ThreadMemberUpdate |
		*model.ThreadMembersUpdate |
		*model.EntitlementCreate |
		*model.EntitlementUpdate |
		*model.EntitlementDelete |
		*model.GuildCreate |
		*model.GuildUpdate |
		*model.GuildDelete |
		*model.GuildAuditLogEntryCreate |
		*model.GuildBanAdd |
		*model.GuildBanRemove |
		*model.GuildEmojisUpdate |
		*model.GuildStickersUpdate |
		*model.GuildIntegrationsUpdate |
		*model.GuildMemberAdd |
		*model.GuildMemberRemove |
		*model.GuildMemberUpdate |
		*model.GuildMembersChunk |
		*model.GuildRoleCreate |
		*model.GuildRoleUpdate |
		*model.GuildRoleDelete |
		*model.GuildScheduledEventCreate |
		*model.GuildScheduledEventUpdate |
		*model.GuildScheduledEventDelete |
		*model.GuildScheduledEventUserAdd |
		*model.GuildScheduledEventUserRemove |
		*model.GuildSoundboardSoundCreate |
		*model.GuildSoundboardSoundUpdate |
		*model.GuildSoundboardSoundDelete |
		*model.GuildSoundboardSoundsUpdate |
		*model.SoundboardSounds |
		*model.IntegrationCreate |
		*model.IntegrationUpdate |
		*model.IntegrationDelete |
		*model.InteractionCreate |
		*model.InviteCreate |
		*model.InviteDelete |
		*model.MessageCreate |
		*model.MessageUpdate |
		*model.MessageDelete |
		*model.MessageDeleteBulk |
		*model.MessageReactionAdd |
		*model.MessageReactionRemove |
		*model.MessageReactionRemoveAll |
		*model.MessageReactionRemoveEmoji |
		*model.PresenceUpdate |
		*model.StageInstanceCreate |
		*model.StageInstanceUpdate |
		*model.StageInstanceDelete |
		*model.SubscriptionCreate |
		*model.SubscriptionUpdate |
		*model.SubscriptionDelete |
		*model.TypingStart |
		*model.UserUpdate |
		*model.VoiceChannelEffectSend |
		*model.VoiceChannelStartTimeUpdate |
		*model.VoiceChannelStatusUpdate |
		*model.VoiceStateUpdate |
		*model.VoiceServerUpdate |
		*model.WebhooksUpdate |
		*model.MessagePollVoteAdd |
		*model.MessagePollVoteRemove |
		model.RawEvent
}

// The list above and the cases below hold every event type of model;
// TestPayloadsCoverEveryEvent keeps them in step.

// reader reads a Payload out of an event.
type reader[T Payload] func(model.Event) (T, error)

// payloadOf is the event type whose listeners get T, and how T is read.
func payloadOf[T Payload]() (model.EventType, reader[T]) {
	var t model.EventType
	var r any
	switch any(*new(T)).(type) {
	case model.MessageCreateView:
		t, r = model.EventMessageCreate, reader[model.MessageCreateView](model.Event.MessageCreate)
	case model.ReadyView:
		t, r = model.EventReady, reader[model.ReadyView](model.Event.Ready)
	case model.GuildCreateView:
		t, r = model.EventGuildCreate, reader[model.GuildCreateView](model.Event.GuildCreate)
	case model.GuildDeleteView:
		t, r = model.EventGuildDelete, reader[model.GuildDeleteView](model.Event.GuildDelete)
	case model.GuildMemberUpdateView:
		t, r = model.EventGuildMemberUpdate, reader[model.GuildMemberUpdateView](model.Event.GuildMemberUpdate)
	case model.GuildMemberRemoveView:
		t, r = model.EventGuildMemberRemove, reader[model.GuildMemberRemoveView](model.Event.GuildMemberRemove)
	case model.InteractionCreateView:
		t, r = model.EventInteractionCreate, reader[model.InteractionCreateView](model.Event.InteractionCreate)
	case model.MessageDeleteView:
		t, r = model.EventMessageDelete, reader[model.MessageDeleteView](model.Event.MessageDelete)
	case model.MessageReactionAddView:
		t, r = model.EventMessageReactionAdd, reader[model.MessageReactionAddView](model.Event.MessageReactionAdd)
	case model.PresenceUpdateView:
		t, r = model.EventPresenceUpdate, reader[model.PresenceUpdateView](model.Event.PresenceUpdate)
	case model.TypingStartView:
		t, r = model.EventTypingStart, reader[model.TypingStartView](model.Event.TypingStart)
	case model.VoiceStateUpdateView:
		t, r = model.EventVoiceStateUpdate, reader[model.VoiceStateUpdateView](model.Event.VoiceStateUpdate)
	case *model.Ready:
		t, r = model.EventReady, reader[*model.Ready](model.DecodeAs[model.Ready])
	case *model.Resumed:
		t, r = model.EventResumed, reader[*model.Resumed](resumed)
	case *model.RateLimited:
		t, r = model.EventRateLimited, reader[*model.RateLimited](model.DecodeAs[model.RateLimited])
	case *model.CommandPermissionsUpdate:
		t, r = model.EventApplicationCommandPermissionsUpdate, reader[*model.CommandPermissionsUpdate](model.DecodeAs[model.CommandPermissionsUpdate])
	case *model.AutoModerationRuleCreate:
		t, r = model.EventAutoModerationRuleCreate, reader[*model.AutoModerationRuleCreate](model.DecodeAs[model.AutoModerationRuleCreate])
	case *model.AutoModerationRuleUpdate:
		t, r = model.EventAutoModerationRuleUpdate, reader[*model.AutoModerationRuleUpdate](model.DecodeAs[model.AutoModerationRuleUpdate])
	case *model.AutoModerationRuleDelete:
		t, r = model.EventAutoModerationRuleDelete, reader[*model.AutoModerationRuleDelete](model.DecodeAs[model.AutoModerationRuleDelete])
	case *model.AutoModerationActionExecution:
		t, r = model.EventAutoModerationActionExecution, reader[*model.AutoModerationActionExecution](model.DecodeAs[model.AutoModerationActionExecution])
	case *model.ChannelCreate:
		t, r = model.EventChannelCreate, reader[*model.ChannelCreate](model.DecodeAs[model.ChannelCreate])
	case *model.ChannelUpdate:
		t, r = model.EventChannelUpdate, reader[*model.ChannelUpdate](model.DecodeAs[model.ChannelUpdate])
	case *model.ChannelDelete:
		t, r = model.EventChannelDelete, reader[*model.ChannelDelete](model.DecodeAs[model.ChannelDelete])
	case *model.ChannelInfo:
		t, r = model.EventChannelInfo, reader[*model.ChannelInfo](model.DecodeAs[model.ChannelInfo])
	case *model.ChannelPinsUpdate:
		t, r = model.EventChannelPinsUpdate, reader[*model.ChannelPinsUpdate](model.DecodeAs[model.ChannelPinsUpdate])
	case *model.ThreadCreate:
		t, r = model.EventThreadCreate, reader[*model.ThreadCreate](model.DecodeAs[model.ThreadCreate])
	case *model.ThreadUpdate:
		t, r = model.EventThreadUpdate, reader[*model.ThreadUpdate](model.DecodeAs[model.ThreadUpdate])
	case *model.ThreadDelete:
		t, r = model.EventThreadDelete, reader[*model.ThreadDelete](model.DecodeAs[model.ThreadDelete])
	case *model.ThreadListSync:
		t, r = model.EventThreadListSync, reader[*model.ThreadListSync](model.DecodeAs[model.ThreadListSync])
	case *model.ThreadMemberUpdate:
		t, r = model.EventThreadMemberUpdate, reader[*model.ThreadMemberUpdate](model.DecodeAs[model.ThreadMemberUpdate])
	case *model.ThreadMembersUpdate:
		t, r = model.EventThreadMembersUpdate, reader[*model.ThreadMembersUpdate](model.DecodeAs[model.ThreadMembersUpdate])
	case *model.EntitlementCreate:
		t, r = model.EventEntitlementCreate, reader[*model.EntitlementCreate](model.DecodeAs[model.EntitlementCreate])
	case *model.EntitlementUpdate:
		t, r = model.EventEntitlementUpdate, reader[*model.EntitlementUpdate](model.DecodeAs[model.EntitlementUpdate])
	case *model.EntitlementDelete:
		t, r = model.EventEntitlementDelete, reader[*model.EntitlementDelete](model.DecodeAs[model.EntitlementDelete])
	case *model.GuildCreate:
		t, r = model.EventGuildCreate, reader[*model.GuildCreate](model.DecodeAs[model.GuildCreate])
	case *model.GuildUpdate:
		t, r = model.EventGuildUpdate, reader[*model.GuildUpdate](model.DecodeAs[model.GuildUpdate])
	case *model.GuildDelete:
		t, r = model.EventGuildDelete, reader[*model.GuildDelete](model.DecodeAs[model.GuildDelete])
	case *model.GuildAuditLogEntryCreate:
		t, r = model.EventGuildAuditLogEntryCreate, reader[*model.GuildAuditLogEntryCreate](model.DecodeAs[model.GuildAuditLogEntryCreate])
	case *model.GuildBanAdd:
		t, r = model.EventGuildBanAdd, reader[*model.GuildBanAdd](model.DecodeAs[model.GuildBanAdd])
	case *model.GuildBanRemove:
		t, r = model.EventGuildBanRemove, reader[*model.GuildBanRemove](model.DecodeAs[model.GuildBanRemove])
	case *model.GuildEmojisUpdate:
		t, r = model.EventGuildEmojisUpdate, reader[*model.GuildEmojisUpdate](model.DecodeAs[model.GuildEmojisUpdate])
	case *model.GuildStickersUpdate:
		t, r = model.EventGuildStickersUpdate, reader[*model.GuildStickersUpdate](model.DecodeAs[model.GuildStickersUpdate])
	case *model.GuildIntegrationsUpdate:
		t, r = model.EventGuildIntegrationsUpdate, reader[*model.GuildIntegrationsUpdate](model.DecodeAs[model.GuildIntegrationsUpdate])
	case *model.GuildMemberAdd:
		t, r = model.EventGuildMemberAdd, reader[*model.GuildMemberAdd](model.DecodeAs[model.GuildMemberAdd])
	case *model.GuildMemberRemove:
		t, r = model.EventGuildMemberRemove, reader[*model.GuildMemberRemove](model.DecodeAs[model.GuildMemberRemove])
	case *model.GuildMemberUpdate:
		t, r = model.EventGuildMemberUpdate, reader[*model.GuildMemberUpdate](model.DecodeAs[model.GuildMemberUpdate])
	case *model.GuildMembersChunk:
		t, r = model.EventGuildMembersChunk, reader[*model.GuildMembersChunk](model.DecodeAs[model.GuildMembersChunk])
	case *model.GuildRoleCreate:
		t, r = model.EventGuildRoleCreate, reader[*model.GuildRoleCreate](model.DecodeAs[model.GuildRoleCreate])
	case *model.GuildRoleUpdate:
		t, r = model.EventGuildRoleUpdate, reader[*model.GuildRoleUpdate](model.DecodeAs[model.GuildRoleUpdate])
	case *model.GuildRoleDelete:
		t, r = model.EventGuildRoleDelete, reader[*model.GuildRoleDelete](model.DecodeAs[model.GuildRoleDelete])
	case *model.GuildScheduledEventCreate:
		t, r = model.EventGuildScheduledEventCreate, reader[*model.GuildScheduledEventCreate](model.DecodeAs[model.GuildScheduledEventCreate])
	case *model.GuildScheduledEventUpdate:
		t, r = model.EventGuildScheduledEventUpdate, reader[*model.GuildScheduledEventUpdate](model.DecodeAs[model.GuildScheduledEventUpdate])
	case *model.GuildScheduledEventDelete:
		t, r = model.EventGuildScheduledEventDelete, reader[*model.GuildScheduledEventDelete](model.DecodeAs[model.GuildScheduledEventDelete])
	case *model.GuildScheduledEventUserAdd:
		t, r = model.EventGuildScheduledEventUserAdd, reader[*model.GuildScheduledEventUserAdd](model.DecodeAs[model.GuildScheduledEventUserAdd])
	case *model.GuildScheduledEventUserRemove:
		t, r = model.EventGuildScheduledEventUserRemove, reader[*model.GuildScheduledEventUserRemove](model.DecodeAs[model.GuildScheduledEventUserRemove])
	case *model.GuildSoundboardSoundCreate:
		t, r = model.EventGuildSoundboardSoundCreate, reader[*model.GuildSoundboardSoundCreate](model.DecodeAs[model.GuildSoundboardSoundCreate])
	case *model.GuildSoundboardSoundUpdate:
		t, r = model.EventGuildSoundboardSoundUpdate, reader[*model.GuildSoundboardSoundUpdate](model.DecodeAs[model.GuildSoundboardSoundUpdate])
	case *model.GuildSoundboardSoundDelete:
		t, r = model.EventGuildSoundboardSoundDelete, reader[*model.GuildSoundboardSoundDelete](model.DecodeAs[model.GuildSoundboardSoundDelete])
	case *model.GuildSoundboardSoundsUpdate:
		t, r = model.EventGuildSoundboardSoundsUpdate, reader[*model.GuildSoundboardSoundsUpdate](model.DecodeAs[model.GuildSoundboardSoundsUpdate])
	case *model.SoundboardSounds:
		t, r = model.EventSoundboardSounds, reader[*model.SoundboardSounds](model.DecodeAs[model.SoundboardSounds])
	case *model.IntegrationCreate:
		t, r = model.EventIntegrationCreate, reader[*model.IntegrationCreate](model.DecodeAs[model.IntegrationCreate])
	case *model.IntegrationUpdate:
		t, r = model.EventIntegrationUpdate, reader[*model.IntegrationUpdate](model.DecodeAs[model.IntegrationUpdate])
	case *model.IntegrationDelete:
		t, r = model.EventIntegrationDelete, reader[*model.IntegrationDelete](model.DecodeAs[model.IntegrationDelete])
	case *model.InteractionCreate:
		t, r = model.EventInteractionCreate, reader[*model.InteractionCreate](model.DecodeAs[model.InteractionCreate])
	case *model.InviteCreate:
		t, r = model.EventInviteCreate, reader[*model.InviteCreate](model.DecodeAs[model.InviteCreate])
	case *model.InviteDelete:
		t, r = model.EventInviteDelete, reader[*model.InviteDelete](model.DecodeAs[model.InviteDelete])
	case *model.MessageCreate:
		t, r = model.EventMessageCreate, reader[*model.MessageCreate](model.DecodeAs[model.MessageCreate])
	case *model.MessageUpdate:
		t, r = model.EventMessageUpdate, reader[*model.MessageUpdate](model.DecodeAs[model.MessageUpdate])
	case *model.MessageDelete:
		t, r = model.EventMessageDelete, reader[*model.MessageDelete](model.DecodeAs[model.MessageDelete])
	case *model.MessageDeleteBulk:
		t, r = model.EventMessageDeleteBulk, reader[*model.MessageDeleteBulk](model.DecodeAs[model.MessageDeleteBulk])
	case *model.MessageReactionAdd:
		t, r = model.EventMessageReactionAdd, reader[*model.MessageReactionAdd](model.DecodeAs[model.MessageReactionAdd])
	case *model.MessageReactionRemove:
		t, r = model.EventMessageReactionRemove, reader[*model.MessageReactionRemove](model.DecodeAs[model.MessageReactionRemove])
	case *model.MessageReactionRemoveAll:
		t, r = model.EventMessageReactionRemoveAll, reader[*model.MessageReactionRemoveAll](model.DecodeAs[model.MessageReactionRemoveAll])
	case *model.MessageReactionRemoveEmoji:
		t, r = model.EventMessageReactionRemoveEmoji, reader[*model.MessageReactionRemoveEmoji](model.DecodeAs[model.MessageReactionRemoveEmoji])
	case *model.PresenceUpdate:
		t, r = model.EventPresenceUpdate, reader[*model.PresenceUpdate](model.DecodeAs[model.PresenceUpdate])
	case *model.StageInstanceCreate:
		t, r = model.EventStageInstanceCreate, reader[*model.StageInstanceCreate](model.DecodeAs[model.StageInstanceCreate])
	case *model.StageInstanceUpdate:
		t, r = model.EventStageInstanceUpdate, reader[*model.StageInstanceUpdate](model.DecodeAs[model.StageInstanceUpdate])
	case *model.StageInstanceDelete:
		t, r = model.EventStageInstanceDelete, reader[*model.StageInstanceDelete](model.DecodeAs[model.StageInstanceDelete])
	case *model.SubscriptionCreate:
		t, r = model.EventSubscriptionCreate, reader[*model.SubscriptionCreate](model.DecodeAs[model.SubscriptionCreate])
	case *model.SubscriptionUpdate:
		t, r = model.EventSubscriptionUpdate, reader[*model.SubscriptionUpdate](model.DecodeAs[model.SubscriptionUpdate])
	case *model.SubscriptionDelete:
		t, r = model.EventSubscriptionDelete, reader[*model.SubscriptionDelete](model.DecodeAs[model.SubscriptionDelete])
	case *model.TypingStart:
		t, r = model.EventTypingStart, reader[*model.TypingStart](model.DecodeAs[model.TypingStart])
	case *model.UserUpdate:
		t, r = model.EventUserUpdate, reader[*model.UserUpdate](model.DecodeAs[model.UserUpdate])
	case *model.VoiceChannelEffectSend:
		t, r = model.EventVoiceChannelEffectSend, reader[*model.VoiceChannelEffectSend](model.DecodeAs[model.VoiceChannelEffectSend])
	case *model.VoiceChannelStartTimeUpdate:
		t, r = model.EventVoiceChannelStartTimeUpdate, reader[*model.VoiceChannelStartTimeUpdate](model.DecodeAs[model.VoiceChannelStartTimeUpdate])
	case *model.VoiceChannelStatusUpdate:
		t, r = model.EventVoiceChannelStatusUpdate, reader[*model.VoiceChannelStatusUpdate](model.DecodeAs[model.VoiceChannelStatusUpdate])
	case *model.VoiceStateUpdate:
		t, r = model.EventVoiceStateUpdate, reader[*model.VoiceStateUpdate](model.DecodeAs[model.VoiceStateUpdate])
	case *model.VoiceServerUpdate:
		t, r = model.EventVoiceServerUpdate, reader[*model.VoiceServerUpdate](model.DecodeAs[model.VoiceServerUpdate])
	case *model.WebhooksUpdate:
		t, r = model.EventWebhooksUpdate, reader[*model.WebhooksUpdate](model.DecodeAs[model.WebhooksUpdate])
	case *model.MessagePollVoteAdd:
		t, r = model.EventMessagePollVoteAdd, reader[*model.MessagePollVoteAdd](model.DecodeAs[model.MessagePollVoteAdd])
	case *model.MessagePollVoteRemove:
		t, r = model.EventMessagePollVoteRemove, reader[*model.MessagePollVoteRemove](model.DecodeAs[model.MessagePollVoteRemove])
	case model.RawEvent:
		t, r = model.EventUnknown, reader[model.RawEvent](rawEvent)
	}
	return t, r.(reader[T])
}

// resumed ignores d, as model.Event.Decode does.
func resumed(model.Event) (*model.Resumed, error) { return new(model.Resumed), nil }

func rawEvent(e model.Event) (model.RawEvent, error) { return e.RawEvent(), nil }
