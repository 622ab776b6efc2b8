package model

// Gateway intents. The documented bits follow
// ../shared/discord-api/intents.tsv; TestFlagsMatchDocs keeps them in step.

// Intents selects the gateway events a session receives. Bits gloam does
// not name are kept as they are.
type Intents uint64

// Has reports whether every bit of o is set in i.
func (i Intents) Has(o Intents) bool { return i&o == o }

// Privileged is the part of i that needs approval in the developer portal.
func (i Intents) Privileged() Intents {
	return i & (IntentGuildMembers | IntentGuildPresences | IntentMessageContent)
}

// String lists the named bits, joined by "|", with unknown bits in hex.
func (i Intents) String() string { return flagString(uint64(i), intentNames[:]) }

// IntentsAll is every documented intent.
var IntentsAll = func() Intents {
	var all Intents
	for _, n := range intentNames {
		all |= Intents(n.bit)
	}
	return all
}()

// IntentsNonPrivileged is every documented intent that needs no approval.
var IntentsNonPrivileged = IntentsAll &^ IntentsAll.Privileged()

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
