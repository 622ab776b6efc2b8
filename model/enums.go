package model

import "strconv"

// Enums are named integer types. A value Discord adds later is kept as the
// number it is; its String is the type name and the number, e.g.
// "ChannelType(99)".

func nameOf[T ~int](typ string, v T, names map[T]string) string {
	if n, ok := names[v]; ok {
		return n
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// ChannelType is the type of a channel.
type ChannelType int

// Channel types, as documented.
const (
	ChannelGuildText          ChannelType = 0
	ChannelDM                 ChannelType = 1
	ChannelGuildVoice         ChannelType = 2
	ChannelGroupDM            ChannelType = 3
	ChannelGuildCategory      ChannelType = 4
	ChannelGuildAnnouncement  ChannelType = 5
	ChannelAnnouncementThread ChannelType = 10
	ChannelPublicThread       ChannelType = 11
	ChannelPrivateThread      ChannelType = 12
	ChannelGuildStageVoice    ChannelType = 13
	ChannelGuildDirectory     ChannelType = 14
	ChannelGuildForum         ChannelType = 15
	ChannelGuildMedia         ChannelType = 16
)

var channelTypeNames = map[ChannelType]string{
	ChannelGuildText: "GUILD_TEXT", ChannelDM: "DM", ChannelGuildVoice: "GUILD_VOICE",
	ChannelGroupDM: "GROUP_DM", ChannelGuildCategory: "GUILD_CATEGORY",
	ChannelGuildAnnouncement: "GUILD_ANNOUNCEMENT", ChannelAnnouncementThread: "ANNOUNCEMENT_THREAD",
	ChannelPublicThread: "PUBLIC_THREAD", ChannelPrivateThread: "PRIVATE_THREAD",
	ChannelGuildStageVoice: "GUILD_STAGE_VOICE", ChannelGuildDirectory: "GUILD_DIRECTORY",
	ChannelGuildForum: "GUILD_FORUM", ChannelGuildMedia: "GUILD_MEDIA",
}

func (t ChannelType) String() string { return nameOf("ChannelType", t, channelTypeNames) }

// Known reports whether gloam knows t.
func (t ChannelType) Known() bool { _, ok := channelTypeNames[t]; return ok }

// IsThread reports whether t is one of the thread types.
func (t ChannelType) IsThread() bool {
	return t == ChannelAnnouncementThread || t == ChannelPublicThread || t == ChannelPrivateThread
}

// IsGuild reports whether channels of type t belong to a guild.
func (t ChannelType) IsGuild() bool { return t != ChannelDM && t != ChannelGroupDM }

// MessageType is the type of a message.
type MessageType int

// Message types, as documented.
const (
	MessageDefault                                 MessageType = 0
	MessageRecipientAdd                            MessageType = 1
	MessageRecipientRemove                         MessageType = 2
	MessageCall                                    MessageType = 3
	MessageChannelNameChange                       MessageType = 4
	MessageChannelIconChange                       MessageType = 5
	MessageChannelPinnedMessage                    MessageType = 6
	MessageUserJoin                                MessageType = 7
	MessageGuildBoost                              MessageType = 8
	MessageGuildBoostTier1                         MessageType = 9
	MessageGuildBoostTier2                         MessageType = 10
	MessageGuildBoostTier3                         MessageType = 11
	MessageChannelFollowAdd                        MessageType = 12
	MessageGuildDiscoveryDisqualified              MessageType = 14
	MessageGuildDiscoveryRequalified               MessageType = 15
	MessageGuildDiscoveryGracePeriodInitialWarning MessageType = 16
	MessageGuildDiscoveryGracePeriodFinalWarning   MessageType = 17
	MessageThreadCreated                           MessageType = 18
	MessageReply                                   MessageType = 19
	MessageChatInputCommand                        MessageType = 20
	MessageThreadStarterMessage                    MessageType = 21
	MessageGuildInviteReminder                     MessageType = 22
	MessageContextMenuCommand                      MessageType = 23
	MessageAutoModerationAction                    MessageType = 24
	MessageRoleSubscriptionPurchase                MessageType = 25
	MessageInteractionPremiumUpsell                MessageType = 26
	MessageStageStart                              MessageType = 27
	MessageStageEnd                                MessageType = 28
	MessageStageSpeaker                            MessageType = 29
	MessageStageTopic                              MessageType = 31
	MessageGuildApplicationPremiumSubscription     MessageType = 32
	MessageGuildIncidentAlertModeEnabled           MessageType = 36
	MessageGuildIncidentAlertModeDisabled          MessageType = 37
	MessageGuildIncidentReportRaid                 MessageType = 38
	MessageGuildIncidentReportFalseAlarm           MessageType = 39
	MessagePurchaseNotification                    MessageType = 44
	MessagePollResult                              MessageType = 46
	MessageHDStreamingUpgraded                     MessageType = 55
)

var messageTypeNames = map[MessageType]string{
	0: "DEFAULT", 1: "RECIPIENT_ADD", 2: "RECIPIENT_REMOVE", 3: "CALL", 4: "CHANNEL_NAME_CHANGE",
	5: "CHANNEL_ICON_CHANGE", 6: "CHANNEL_PINNED_MESSAGE", 7: "USER_JOIN", 8: "GUILD_BOOST",
	9: "GUILD_BOOST_TIER_1", 10: "GUILD_BOOST_TIER_2", 11: "GUILD_BOOST_TIER_3", 12: "CHANNEL_FOLLOW_ADD",
	14: "GUILD_DISCOVERY_DISQUALIFIED", 15: "GUILD_DISCOVERY_REQUALIFIED",
	16: "GUILD_DISCOVERY_GRACE_PERIOD_INITIAL_WARNING", 17: "GUILD_DISCOVERY_GRACE_PERIOD_FINAL_WARNING",
	18: "THREAD_CREATED", 19: "REPLY", 20: "CHAT_INPUT_COMMAND", 21: "THREAD_STARTER_MESSAGE",
	22: "GUILD_INVITE_REMINDER", 23: "CONTEXT_MENU_COMMAND", 24: "AUTO_MODERATION_ACTION",
	25: "ROLE_SUBSCRIPTION_PURCHASE", 26: "INTERACTION_PREMIUM_UPSELL", 27: "STAGE_START",
	28: "STAGE_END", 29: "STAGE_SPEAKER", 31: "STAGE_TOPIC", 32: "GUILD_APPLICATION_PREMIUM_SUBSCRIPTION",
	36: "GUILD_INCIDENT_ALERT_MODE_ENABLED", 37: "GUILD_INCIDENT_ALERT_MODE_DISABLED",
	38: "GUILD_INCIDENT_REPORT_RAID", 39: "GUILD_INCIDENT_REPORT_FALSE_ALARM",
	44: "PURCHASE_NOTIFICATION", 46: "POLL_RESULT", 55: "HD_STREAMING_UPGRADED",
}

func (t MessageType) String() string { return nameOf("MessageType", t, messageTypeNames) }

// ComponentType is the type of a message or modal component.
type ComponentType int

// Component types, as documented.
const (
	ComponentActionRow         ComponentType = 1
	ComponentButton            ComponentType = 2
	ComponentStringSelect      ComponentType = 3
	ComponentTextInput         ComponentType = 4
	ComponentUserSelect        ComponentType = 5
	ComponentRoleSelect        ComponentType = 6
	ComponentMentionableSelect ComponentType = 7
	ComponentChannelSelect     ComponentType = 8
	ComponentSection           ComponentType = 9
	ComponentTextDisplay       ComponentType = 10
	ComponentThumbnail         ComponentType = 11
	ComponentMediaGallery      ComponentType = 12
	ComponentFile              ComponentType = 13
	ComponentSeparator         ComponentType = 14
	ComponentContainer         ComponentType = 17
	ComponentLabel             ComponentType = 18
	ComponentFileUpload        ComponentType = 19
	ComponentRadioGroup        ComponentType = 21
	ComponentCheckboxGroup     ComponentType = 22
	ComponentCheckbox          ComponentType = 23
)

var componentTypeNames = map[ComponentType]string{
	1: "ACTION_ROW", 2: "BUTTON", 3: "STRING_SELECT", 4: "TEXT_INPUT", 5: "USER_SELECT",
	6: "ROLE_SELECT", 7: "MENTIONABLE_SELECT", 8: "CHANNEL_SELECT", 9: "SECTION",
	10: "TEXT_DISPLAY", 11: "THUMBNAIL", 12: "MEDIA_GALLERY", 13: "FILE", 14: "SEPARATOR",
	17: "CONTAINER", 18: "LABEL", 19: "FILE_UPLOAD", 21: "RADIO_GROUP", 22: "CHECKBOX_GROUP",
	23: "CHECKBOX",
}

func (t ComponentType) String() string { return nameOf("ComponentType", t, componentTypeNames) }

// Known reports whether gloam knows t.
func (t ComponentType) Known() bool { _, ok := componentTypeNames[t]; return ok }

// ComponentStyle is a button's style (ButtonPrimary...) or a text input's
// (TextInputShort, TextInputParagraph).
type ComponentStyle int

// Button and text input styles, as documented.
const (
	ButtonPrimary      ComponentStyle = 1
	ButtonSecondary    ComponentStyle = 2
	ButtonSuccess      ComponentStyle = 3
	ButtonDanger       ComponentStyle = 4
	ButtonLink         ComponentStyle = 5
	ButtonPremium      ComponentStyle = 6
	TextInputShort     ComponentStyle = 1
	TextInputParagraph ComponentStyle = 2
)

// SeparatorSpacing is the padding of a separator component.
type SeparatorSpacing int

// Separator spacings.
const (
	SeparatorSmall SeparatorSpacing = 1
	SeparatorLarge SeparatorSpacing = 2
)

// InteractionType is the type of an interaction.
type InteractionType int

// Interaction types, as documented.
const (
	InteractionPing                           InteractionType = 1
	InteractionApplicationCommand             InteractionType = 2
	InteractionMessageComponent               InteractionType = 3
	InteractionApplicationCommandAutocomplete InteractionType = 4
	InteractionModalSubmit                    InteractionType = 5
)

var interactionTypeNames = map[InteractionType]string{
	1: "PING", 2: "APPLICATION_COMMAND", 3: "MESSAGE_COMPONENT",
	4: "APPLICATION_COMMAND_AUTOCOMPLETE", 5: "MODAL_SUBMIT",
}

func (t InteractionType) String() string { return nameOf("InteractionType", t, interactionTypeNames) }

// InteractionContextType says where an interaction can be or was used.
type InteractionContextType int

// Interaction contexts.
const (
	ContextGuild          InteractionContextType = 0
	ContextBotDM          InteractionContextType = 1
	ContextPrivateChannel InteractionContextType = 2
)

var contextNames = map[InteractionContextType]string{0: "GUILD", 1: "BOT_DM", 2: "PRIVATE_CHANNEL"}

func (t InteractionContextType) String() string {
	return nameOf("InteractionContextType", t, contextNames)
}

// IntegrationType is how an application was installed.
type IntegrationType int

// Installation contexts.
const (
	GuildInstall IntegrationType = 0
	UserInstall  IntegrationType = 1
)

var integrationTypeNames = map[IntegrationType]string{0: "GUILD_INSTALL", 1: "USER_INSTALL"}

func (t IntegrationType) String() string { return nameOf("IntegrationType", t, integrationTypeNames) }

// CommandType is the type of an application command.
type CommandType int

// Application command types.
const (
	CommandChatInput         CommandType = 1
	CommandUser              CommandType = 2
	CommandMessage           CommandType = 3
	CommandPrimaryEntryPoint CommandType = 4
)

var commandTypeNames = map[CommandType]string{1: "CHAT_INPUT", 2: "USER", 3: "MESSAGE", 4: "PRIMARY_ENTRY_POINT"}

func (t CommandType) String() string { return nameOf("CommandType", t, commandTypeNames) }

// OptionType is the type of an application command option.
type OptionType int

// Application command option types.
const (
	OptionSubCommand      OptionType = 1
	OptionSubCommandGroup OptionType = 2
	OptionString          OptionType = 3
	OptionInteger         OptionType = 4
	OptionBoolean         OptionType = 5
	OptionUser            OptionType = 6
	OptionChannel         OptionType = 7
	OptionRole            OptionType = 8
	OptionMentionable     OptionType = 9
	OptionNumber          OptionType = 10
	OptionAttachment      OptionType = 11
)

var optionTypeNames = map[OptionType]string{
	1: "SUB_COMMAND", 2: "SUB_COMMAND_GROUP", 3: "STRING", 4: "INTEGER", 5: "BOOLEAN", 6: "USER",
	7: "CHANNEL", 8: "ROLE", 9: "MENTIONABLE", 10: "NUMBER", 11: "ATTACHMENT",
}

func (t OptionType) String() string { return nameOf("OptionType", t, optionTypeNames) }

// ActivityType is the type of a presence activity.
type ActivityType int

// Activity types.
const (
	ActivityPlaying   ActivityType = 0
	ActivityStreaming ActivityType = 1
	ActivityListening ActivityType = 2
	ActivityWatching  ActivityType = 3
	ActivityCustom    ActivityType = 4
	ActivityCompeting ActivityType = 5
)

var activityTypeNames = map[ActivityType]string{
	0: "PLAYING", 1: "STREAMING", 2: "LISTENING", 3: "WATCHING", 4: "CUSTOM", 5: "COMPETING",
}

func (t ActivityType) String() string { return nameOf("ActivityType", t, activityTypeNames) }

// Status is a user's presence status. Unknown strings are kept.
type Status string

// Statuses.
const (
	StatusOnline    Status = "online"
	StatusIdle      Status = "idle"
	StatusDND       Status = "dnd"
	StatusOffline   Status = "offline"
	StatusInvisible Status = "invisible" // sent only, never received
)

// StickerType says where a sticker comes from.
type StickerType int

// Sticker types.
const (
	StickerStandard StickerType = 1
	StickerGuild    StickerType = 2
)

var stickerTypeNames = map[StickerType]string{1: "STANDARD", 2: "GUILD"}

func (t StickerType) String() string { return nameOf("StickerType", t, stickerTypeNames) }

// StickerFormat is the file format of a sticker.
type StickerFormat int

// Sticker formats.
const (
	StickerPNG    StickerFormat = 1
	StickerAPNG   StickerFormat = 2
	StickerLottie StickerFormat = 3
	StickerGIF    StickerFormat = 4
)

var stickerFormatNames = map[StickerFormat]string{1: "PNG", 2: "APNG", 3: "LOTTIE", 4: "GIF"}

func (t StickerFormat) String() string { return nameOf("StickerFormat", t, stickerFormatNames) }

// OverwriteType says whether a permission overwrite is for a role or a member.
type OverwriteType int

// Overwrite types.
const (
	OverwriteRole   OverwriteType = 0
	OverwriteMember OverwriteType = 1
)

var overwriteTypeNames = map[OverwriteType]string{0: "ROLE", 1: "MEMBER"}

func (t OverwriteType) String() string { return nameOf("OverwriteType", t, overwriteTypeNames) }

// VerificationLevel is a guild's verification level.
type VerificationLevel int

// Verification levels.
const (
	VerificationNone     VerificationLevel = 0
	VerificationLow      VerificationLevel = 1
	VerificationMedium   VerificationLevel = 2
	VerificationHigh     VerificationLevel = 3
	VerificationVeryHigh VerificationLevel = 4
)

var verificationNames = map[VerificationLevel]string{0: "NONE", 1: "LOW", 2: "MEDIUM", 3: "HIGH", 4: "VERY_HIGH"}

func (t VerificationLevel) String() string { return nameOf("VerificationLevel", t, verificationNames) }

// NotificationLevel is a guild's default message notification level.
type NotificationLevel int

// Notification levels.
const (
	NotifyAllMessages  NotificationLevel = 0
	NotifyOnlyMentions NotificationLevel = 1
)

var notificationNames = map[NotificationLevel]string{0: "ALL_MESSAGES", 1: "ONLY_MENTIONS"}

func (t NotificationLevel) String() string { return nameOf("NotificationLevel", t, notificationNames) }

// ExplicitContentFilter is a guild's explicit content filter level.
type ExplicitContentFilter int

// Explicit content filter levels.
const (
	FilterDisabled            ExplicitContentFilter = 0
	FilterMembersWithoutRoles ExplicitContentFilter = 1
	FilterAllMembers          ExplicitContentFilter = 2
)

var filterNames = map[ExplicitContentFilter]string{0: "DISABLED", 1: "MEMBERS_WITHOUT_ROLES", 2: "ALL_MEMBERS"}

func (t ExplicitContentFilter) String() string {
	return nameOf("ExplicitContentFilter", t, filterNames)
}

// MFALevel is a guild's moderation MFA requirement.
type MFALevel int

// MFA levels.
const (
	MFANone     MFALevel = 0
	MFAElevated MFALevel = 1
)

var mfaNames = map[MFALevel]string{0: "NONE", 1: "ELEVATED"}

func (t MFALevel) String() string { return nameOf("MFALevel", t, mfaNames) }

// NSFWLevel is a guild's NSFW level.
type NSFWLevel int

// NSFW levels.
const (
	NSFWDefault       NSFWLevel = 0
	NSFWExplicit      NSFWLevel = 1
	NSFWSafe          NSFWLevel = 2
	NSFWAgeRestricted NSFWLevel = 3
)

var nsfwNames = map[NSFWLevel]string{0: "DEFAULT", 1: "EXPLICIT", 2: "SAFE", 3: "AGE_RESTRICTED"}

func (t NSFWLevel) String() string { return nameOf("NSFWLevel", t, nsfwNames) }

// PremiumTier is a guild's boost level.
type PremiumTier int

// Premium tiers.
const (
	PremiumTierNone PremiumTier = 0
	PremiumTier1    PremiumTier = 1
	PremiumTier2    PremiumTier = 2
	PremiumTier3    PremiumTier = 3
)

var premiumTierNames = map[PremiumTier]string{0: "NONE", 1: "TIER_1", 2: "TIER_2", 3: "TIER_3"}

func (t PremiumTier) String() string { return nameOf("PremiumTier", t, premiumTierNames) }

// VideoQualityMode is a voice channel's camera video quality.
type VideoQualityMode int

// Video quality modes.
const (
	VideoQualityAuto VideoQualityMode = 1
	VideoQualityFull VideoQualityMode = 2
)

var videoQualityNames = map[VideoQualityMode]string{1: "AUTO", 2: "FULL"}

func (t VideoQualityMode) String() string { return nameOf("VideoQualityMode", t, videoQualityNames) }

// SortOrder is the default sort order of a forum or media channel.
type SortOrder int

// Sort orders.
const (
	SortLatestActivity SortOrder = 0
	SortCreationDate   SortOrder = 1
)

var sortOrderNames = map[SortOrder]string{0: "LATEST_ACTIVITY", 1: "CREATION_DATE"}

func (t SortOrder) String() string { return nameOf("SortOrder", t, sortOrderNames) }

// ForumLayout is the default layout of a forum channel.
type ForumLayout int

// Forum layouts.
const (
	ForumLayoutNotSet  ForumLayout = 0
	ForumLayoutList    ForumLayout = 1
	ForumLayoutGallery ForumLayout = 2
)

var forumLayoutNames = map[ForumLayout]string{0: "NOT_SET", 1: "LIST_VIEW", 2: "GALLERY_VIEW"}

func (t ForumLayout) String() string { return nameOf("ForumLayout", t, forumLayoutNames) }

// MessageReferenceType says whether a reference is a reply or a forward.
type MessageReferenceType int

// Message reference types.
const (
	ReferenceDefault MessageReferenceType = 0 // a reply
	ReferenceForward MessageReferenceType = 1
)

var referenceNames = map[MessageReferenceType]string{0: "DEFAULT", 1: "FORWARD"}

func (t MessageReferenceType) String() string {
	return nameOf("MessageReferenceType", t, referenceNames)
}

// ReactionType says whether a reaction is normal or a super reaction.
type ReactionType int

// Reaction types.
const (
	ReactionNormal ReactionType = 0
	ReactionBurst  ReactionType = 1
)

var reactionTypeNames = map[ReactionType]string{0: "NORMAL", 1: "BURST"}

func (t ReactionType) String() string { return nameOf("ReactionType", t, reactionTypeNames) }
