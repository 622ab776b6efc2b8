package model

// RawEvent is what Decode gives for payloads gloam has no type for: a
// dispatch of an unknown name, or an opcode a client does not receive.
// Data refers to the payload's bytes, like the Event.
type RawEvent struct {
	Op   Opcode
	Seq  int64
	Name string // t as sent
	Data string // d as raw JSON
}

var dispatchTypes = [eventTypeCount]func() any{
	EventReady:                               func() any { return new(Ready) },
	EventResumed:                             func() any { return new(Resumed) },
	EventRateLimited:                         func() any { return new(RateLimited) },
	EventApplicationCommandPermissionsUpdate: func() any { return new(CommandPermissionsUpdate) },
	EventAutoModerationRuleCreate:            func() any { return new(AutoModerationRuleCreate) },
	EventAutoModerationRuleUpdate:            func() any { return new(AutoModerationRuleUpdate) },
	EventAutoModerationRuleDelete:            func() any { return new(AutoModerationRuleDelete) },
	EventAutoModerationActionExecution:       func() any { return new(AutoModerationActionExecution) },
	EventChannelCreate:                       func() any { return new(ChannelCreate) },
	EventChannelUpdate:                       func() any { return new(ChannelUpdate) },
	EventChannelDelete:                       func() any { return new(ChannelDelete) },
	EventChannelInfo:                         func() any { return new(ChannelInfo) },
	EventChannelPinsUpdate:                   func() any { return new(ChannelPinsUpdate) },
	EventThreadCreate:                        func() any { return new(ThreadCreate) },
	EventThreadUpdate:                        func() any { return new(ThreadUpdate) },
	EventThreadDelete:                        func() any { return new(ThreadDelete) },
	EventThreadListSync:                      func() any { return new(ThreadListSync) },
	EventThreadMemberUpdate:                  func() any { return new(ThreadMemberUpdate) },
	EventThreadMembersUpdate:                 func() any { return new(ThreadMembersUpdate) },
	EventEntitlementCreate:                   func() any { return new(EntitlementCreate) },
	EventEntitlementUpdate:                   func() any { return new(EntitlementUpdate) },
	EventEntitlementDelete:                   func() any { return new(EntitlementDelete) },
	EventGuildCreate:                         func() any { return new(GuildCreate) },
	EventGuildUpdate:                         func() any { return new(GuildUpdate) },
	EventGuildDelete:                         func() any { return new(GuildDelete) },
	EventGuildAuditLogEntryCreate:            func() any { return new(GuildAuditLogEntryCreate) },
	EventGuildBanAdd:                         func() any { return new(GuildBanAdd) },
	EventGuildBanRemove:                      func() any { return new(GuildBanRemove) },
	EventGuildEmojisUpdate:                   func() any { return new(GuildEmojisUpdate) },
	EventGuildStickersUpdate:                 func() any { return new(GuildStickersUpdate) },
	EventGuildIntegrationsUpdate:             func() any { return new(GuildIntegrationsUpdate) },
	EventGuildMemberAdd:                      func() any { return new(GuildMemberAdd) },
	EventGuildMemberRemove:                   func() any { return new(GuildMemberRemove) },
	EventGuildMemberUpdate:                   func() any { return new(GuildMemberUpdate) },
	EventGuildMembersChunk:                   func() any { return new(GuildMembersChunk) },
	EventGuildRoleCreate:                     func() any { return new(GuildRoleCreate) },
	EventGuildRoleUpdate:                     func() any { return new(GuildRoleUpdate) },
	EventGuildRoleDelete:                     func() any { return new(GuildRoleDelete) },
	EventGuildScheduledEventCreate:           func() any { return new(GuildScheduledEventCreate) },
	EventGuildScheduledEventUpdate:           func() any { return new(GuildScheduledEventUpdate) },
	EventGuildScheduledEventDelete:           func() any { return new(GuildScheduledEventDelete) },
	EventGuildScheduledEventUserAdd:          func() any { return new(GuildScheduledEventUserAdd) },
	EventGuildScheduledEventUserRemove:       func() any { return new(GuildScheduledEventUserRemove) },
	EventGuildSoundboardSoundCreate:          func() any { return new(GuildSoundboardSoundCreate) },
	EventGuildSoundboardSoundUpdate:          func() any { return new(GuildSoundboardSoundUpdate) },
	EventGuildSoundboardSoundDelete:          func() any { return new(GuildSoundboardSoundDelete) },
	EventGuildSoundboardSoundsUpdate:         func() any { return new(GuildSoundboardSoundsUpdate) },
	EventSoundboardSounds:                    func() any { return new(SoundboardSounds) },
	EventIntegrationCreate:                   func() any { return new(IntegrationCreate) },
	EventIntegrationUpdate:                   func() any { return new(IntegrationUpdate) },
	EventIntegrationDelete:                   func() any { return new(IntegrationDelete) },
	EventInteractionCreate:                   func() any { return new(InteractionCreate) },
	EventInviteCreate:                        func() any { return new(InviteCreate) },
	EventInviteDelete:                        func() any { return new(InviteDelete) },
	EventMessageCreate:                       func() any { return new(MessageCreate) },
	EventMessageUpdate:                       func() any { return new(MessageUpdate) },
	EventMessageDelete:                       func() any { return new(MessageDelete) },
	EventMessageDeleteBulk:                   func() any { return new(MessageDeleteBulk) },
	EventMessageReactionAdd:                  func() any { return new(MessageReactionAdd) },
	EventMessageReactionRemove:               func() any { return new(MessageReactionRemove) },
	EventMessageReactionRemoveAll:            func() any { return new(MessageReactionRemoveAll) },
	EventMessageReactionRemoveEmoji:          func() any { return new(MessageReactionRemoveEmoji) },
	EventPresenceUpdate:                      func() any { return new(PresenceUpdate) },
	EventStageInstanceCreate:                 func() any { return new(StageInstanceCreate) },
	EventStageInstanceUpdate:                 func() any { return new(StageInstanceUpdate) },
	EventStageInstanceDelete:                 func() any { return new(StageInstanceDelete) },
	EventSubscriptionCreate:                  func() any { return new(SubscriptionCreate) },
	EventSubscriptionUpdate:                  func() any { return new(SubscriptionUpdate) },
	EventSubscriptionDelete:                  func() any { return new(SubscriptionDelete) },
	EventTypingStart:                         func() any { return new(TypingStart) },
	EventUserUpdate:                          func() any { return new(UserUpdate) },
	EventVoiceChannelEffectSend:              func() any { return new(VoiceChannelEffectSend) },
	EventVoiceChannelStartTimeUpdate:         func() any { return new(VoiceChannelStartTimeUpdate) },
	EventVoiceChannelStatusUpdate:            func() any { return new(VoiceChannelStatusUpdate) },
	EventVoiceStateUpdate:                    func() any { return new(VoiceStateUpdate) },
	EventVoiceServerUpdate:                   func() any { return new(VoiceServerUpdate) },
	EventWebhooksUpdate:                      func() any { return new(WebhooksUpdate) },
	EventMessagePollVoteAdd:                  func() any { return new(MessagePollVoteAdd) },
	EventMessagePollVoteRemove:               func() any { return new(MessagePollVoteRemove) },
}

// New returns a new zero value of the struct d decodes into for t, e.g.
// *MessageCreate for EventMessageCreate; nil for EventUnknown.
func (t EventType) New() any {
	if t == EventUnknown || t >= eventTypeCount {
		return nil
	}
	return dispatchTypes[t]()
}

// Decode decodes d in full into the struct for the event and returns a
// pointer to it: *MessageCreate for MESSAGE_CREATE, *Hello for op 10,
// *InvalidSession for op 9, *Reconnect, *HeartbeatACK and *Heartbeat for
// ops 7, 11 and 1. Unknown dispatches and other opcodes give a RawEvent
// value and never an error. A d that does not decode gives a
// *DecodeError or *PayloadError.
func (e Event) Decode() (any, error) {
	var v any
	switch e.Op {
	case OpDispatch:
		v = e.Type.New()
		if v == nil {
			return e.RawEvent(), nil
		}
		if _, ok := v.(*Resumed); ok {
			return v, nil // d is ignored
		}
	case OpHello:
		v = new(Hello)
	case OpInvalidSession:
		v = new(InvalidSession)
	case OpReconnect:
		return new(Reconnect), nil
	case OpHeartbeatACK:
		return new(HeartbeatACK), nil
	case OpHeartbeat:
		return new(Heartbeat), nil
	default:
		return e.RawEvent(), nil
	}
	if err := e.DecodeData(v); err != nil {
		return nil, err
	}
	return v, nil
}

// RawEvent is e as a RawEvent.
func (e Event) RawEvent() RawEvent {
	return RawEvent{Op: e.Op, Seq: e.Seq, Name: e.name, Data: e.Data()}
}

// DecodeAs decodes d in full into a new T, which should be the struct of
// the event's type (DecodeAs[MessageCreate] for MESSAGE_CREATE).
func DecodeAs[T any](e Event) (*T, error) {
	v := new(T)
	if err := e.DecodeData(v); err != nil {
		return nil, err
	}
	return v, nil
}
