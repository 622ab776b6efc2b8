package model

// Bitflag fields are JSON numbers. Bits gloam does not name are kept.

// MessageFlags are a message's flags.
type MessageFlags uint64

// Message flags, as documented.
const (
	MessageCrossposted                      MessageFlags = 1 << 0
	MessageIsCrosspost                      MessageFlags = 1 << 1
	MessageSuppressEmbeds                   MessageFlags = 1 << 2
	MessageSourceMessageDeleted             MessageFlags = 1 << 3
	MessageUrgent                           MessageFlags = 1 << 4
	MessageHasThread                        MessageFlags = 1 << 5
	MessageEphemeral                        MessageFlags = 1 << 6
	MessageLoading                          MessageFlags = 1 << 7
	MessageFailedToMentionSomeRolesInThread MessageFlags = 1 << 8
	MessageSuppressNotifications            MessageFlags = 1 << 12
	MessageIsVoiceMessage                   MessageFlags = 1 << 13
	MessageHasSnapshot                      MessageFlags = 1 << 14
	MessageIsComponentsV2                   MessageFlags = 1 << 15
)

var messageFlagNames = []flagName{
	{1 << 0, "CROSSPOSTED"}, {1 << 1, "IS_CROSSPOST"}, {1 << 2, "SUPPRESS_EMBEDS"},
	{1 << 3, "SOURCE_MESSAGE_DELETED"}, {1 << 4, "URGENT"}, {1 << 5, "HAS_THREAD"},
	{1 << 6, "EPHEMERAL"}, {1 << 7, "LOADING"}, {1 << 8, "FAILED_TO_MENTION_SOME_ROLES_IN_THREAD"},
	{1 << 12, "SUPPRESS_NOTIFICATIONS"}, {1 << 13, "IS_VOICE_MESSAGE"}, {1 << 14, "HAS_SNAPSHOT"},
	{1 << 15, "IS_COMPONENTS_V2"},
}

// Has reports whether every bit of o is set in f.
func (f MessageFlags) Has(o MessageFlags) bool { return f&o == o }
func (f MessageFlags) String() string          { return flagString(uint64(f), messageFlagNames) }

// UserFlags are the public flags of a user.
type UserFlags uint64

// User flags, as documented.
const (
	UserStaff                 UserFlags = 1 << 0
	UserPartner               UserFlags = 1 << 1
	UserHypesquad             UserFlags = 1 << 2
	UserBugHunterLevel1       UserFlags = 1 << 3
	UserHypesquadOnlineHouse1 UserFlags = 1 << 6
	UserHypesquadOnlineHouse2 UserFlags = 1 << 7
	UserHypesquadOnlineHouse3 UserFlags = 1 << 8
	UserPremiumEarlySupporter UserFlags = 1 << 9
	UserTeamPseudoUser        UserFlags = 1 << 10
	UserBugHunterLevel2       UserFlags = 1 << 14
	UserVerifiedBot           UserFlags = 1 << 16
	UserVerifiedDeveloper     UserFlags = 1 << 17
	UserCertifiedModerator    UserFlags = 1 << 18
	UserBotHTTPInteractions   UserFlags = 1 << 19
	UserActiveDeveloper       UserFlags = 1 << 22
)

var userFlagNames = []flagName{
	{1 << 0, "STAFF"}, {1 << 1, "PARTNER"}, {1 << 2, "HYPESQUAD"}, {1 << 3, "BUG_HUNTER_LEVEL_1"},
	{1 << 6, "HYPESQUAD_ONLINE_HOUSE_1"}, {1 << 7, "HYPESQUAD_ONLINE_HOUSE_2"},
	{1 << 8, "HYPESQUAD_ONLINE_HOUSE_3"}, {1 << 9, "PREMIUM_EARLY_SUPPORTER"},
	{1 << 10, "TEAM_PSEUDO_USER"}, {1 << 14, "BUG_HUNTER_LEVEL_2"}, {1 << 16, "VERIFIED_BOT"},
	{1 << 17, "VERIFIED_DEVELOPER"}, {1 << 18, "CERTIFIED_MODERATOR"},
	{1 << 19, "BOT_HTTP_INTERACTIONS"}, {1 << 22, "ACTIVE_DEVELOPER"},
}

// Has reports whether every bit of o is set in f.
func (f UserFlags) Has(o UserFlags) bool { return f&o == o }
func (f UserFlags) String() string       { return flagString(uint64(f), userFlagNames) }

// ChannelFlags are a channel's flags.
type ChannelFlags uint64

// Channel flags, as documented.
const (
	ChannelPinned                   ChannelFlags = 1 << 1
	ChannelRequireTag               ChannelFlags = 1 << 4
	ChannelHideMediaDownloadOptions ChannelFlags = 1 << 15
)

var channelFlagNames = []flagName{{1 << 1, "PINNED"}, {1 << 4, "REQUIRE_TAG"}, {1 << 15, "HIDE_MEDIA_DOWNLOAD_OPTIONS"}}

// Has reports whether every bit of o is set in f.
func (f ChannelFlags) Has(o ChannelFlags) bool { return f&o == o }
func (f ChannelFlags) String() string          { return flagString(uint64(f), channelFlagNames) }

// MemberFlags are a guild member's flags.
type MemberFlags uint64

// Guild member flags, as documented.
const (
	MemberDidRejoin                    MemberFlags = 1 << 0
	MemberCompletedOnboarding          MemberFlags = 1 << 1
	MemberBypassesVerification         MemberFlags = 1 << 2
	MemberStartedOnboarding            MemberFlags = 1 << 3
	MemberIsGuest                      MemberFlags = 1 << 4
	MemberStartedHomeActions           MemberFlags = 1 << 5
	MemberCompletedHomeActions         MemberFlags = 1 << 6
	MemberAutomodQuarantinedUsername   MemberFlags = 1 << 7
	MemberDMSettingsUpsellAcknowledged MemberFlags = 1 << 9
	MemberAutomodQuarantinedGuildTag   MemberFlags = 1 << 10
)

var memberFlagNames = []flagName{
	{1 << 0, "DID_REJOIN"}, {1 << 1, "COMPLETED_ONBOARDING"}, {1 << 2, "BYPASSES_VERIFICATION"},
	{1 << 3, "STARTED_ONBOARDING"}, {1 << 4, "IS_GUEST"}, {1 << 5, "STARTED_HOME_ACTIONS"},
	{1 << 6, "COMPLETED_HOME_ACTIONS"}, {1 << 7, "AUTOMOD_QUARANTINED_USERNAME"},
	{1 << 9, "DM_SETTINGS_UPSELL_ACKNOWLEDGED"}, {1 << 10, "AUTOMOD_QUARANTINED_GUILD_TAG"},
}

// Has reports whether every bit of o is set in f.
func (f MemberFlags) Has(o MemberFlags) bool { return f&o == o }
func (f MemberFlags) String() string         { return flagString(uint64(f), memberFlagNames) }

// RoleFlags are a role's flags.
type RoleFlags uint64

// RoleInPrompt marks a role that can be picked in an onboarding prompt.
const RoleInPrompt RoleFlags = 1 << 0

// Has reports whether every bit of o is set in f.
func (f RoleFlags) Has(o RoleFlags) bool { return f&o == o }
func (f RoleFlags) String() string       { return flagString(uint64(f), []flagName{{1, "IN_PROMPT"}}) }

// SystemChannelFlags choose what a guild's system channel shows.
type SystemChannelFlags uint64

// System channel flags, as documented.
const (
	SuppressJoinNotifications                           SystemChannelFlags = 1 << 0
	SuppressPremiumSubscriptions                        SystemChannelFlags = 1 << 1
	SuppressGuildReminderNotifications                  SystemChannelFlags = 1 << 2
	SuppressJoinNotificationReplies                     SystemChannelFlags = 1 << 3
	SuppressRoleSubscriptionPurchaseNotifications       SystemChannelFlags = 1 << 4
	SuppressRoleSubscriptionPurchaseNotificationReplies SystemChannelFlags = 1 << 5
)

// Has reports whether every bit of o is set in f.
func (f SystemChannelFlags) Has(o SystemChannelFlags) bool { return f&o == o }

// ActivityFlags describe what an activity supports.
type ActivityFlags uint64

// Activity flags, as documented.
const (
	ActivityInstance                 ActivityFlags = 1 << 0
	ActivityJoin                     ActivityFlags = 1 << 1
	ActivitySpectate                 ActivityFlags = 1 << 2
	ActivityJoinRequest              ActivityFlags = 1 << 3
	ActivitySync                     ActivityFlags = 1 << 4
	ActivityPlay                     ActivityFlags = 1 << 5
	ActivityPartyPrivacyFriends      ActivityFlags = 1 << 6
	ActivityPartyPrivacyVoiceChannel ActivityFlags = 1 << 7
	ActivityEmbedded                 ActivityFlags = 1 << 8
)

// Has reports whether every bit of o is set in f.
func (f ActivityFlags) Has(o ActivityFlags) bool { return f&o == o }

// AttachmentFlags are an attachment's flags.
type AttachmentFlags uint64

// Attachment flags, as documented.
const (
	AttachmentIsClip                AttachmentFlags = 1 << 0
	AttachmentIsThumbnail           AttachmentFlags = 1 << 1
	AttachmentIsRemix               AttachmentFlags = 1 << 2
	AttachmentIsSpoiler             AttachmentFlags = 1 << 3
	AttachmentContainsExplicitMedia AttachmentFlags = 1 << 4
	AttachmentIsAnimated            AttachmentFlags = 1 << 5
)

// Has reports whether every bit of o is set in f.
func (f AttachmentFlags) Has(o AttachmentFlags) bool { return f&o == o }

// ApplicationFlags are an application's public flags.
type ApplicationFlags uint64

// Application flags, as documented.
const (
	AppAutoModerationRuleCreateBadge ApplicationFlags = 1 << 6
	AppGatewayPresence               ApplicationFlags = 1 << 12
	AppGatewayPresenceLimited        ApplicationFlags = 1 << 13
	AppGatewayGuildMembers           ApplicationFlags = 1 << 14
	AppGatewayGuildMembersLimited    ApplicationFlags = 1 << 15
	AppVerificationPendingGuildLimit ApplicationFlags = 1 << 16
	AppEmbedded                      ApplicationFlags = 1 << 17
	AppGatewayMessageContent         ApplicationFlags = 1 << 18
	AppGatewayMessageContentLimited  ApplicationFlags = 1 << 19
	AppApplicationCommandBadge       ApplicationFlags = 1 << 23
)

// Has reports whether every bit of o is set in f.
func (f ApplicationFlags) Has(o ApplicationFlags) bool { return f&o == o }
