package model

// InviteType is the kind of place an invite leads to.
type InviteType int

// Invite types.
const (
	InviteGuild   InviteType = 0
	InviteGroupDM InviteType = 1
	InviteFriend  InviteType = 2
)

var inviteTypeNames = map[InviteType]string{0: "GUILD", 1: "GROUP_DM", 2: "FRIEND"}

func (t InviteType) String() string { return nameOf("InviteType", t, inviteTypeNames) }

// InviteTargetType is what a voice channel invite points at.
type InviteTargetType int

// Invite target types.
const (
	InviteTargetStream              InviteTargetType = 1
	InviteTargetEmbeddedApplication InviteTargetType = 2
)

var inviteTargetTypeNames = map[InviteTargetType]string{1: "STREAM", 2: "EMBEDDED_APPLICATION"}

func (t InviteTargetType) String() string {
	return nameOf("InviteTargetType", t, inviteTargetTypeNames)
}

// Invite is an invite code to a guild, group DM or activity. The
// metadata fields (Uses to CreatedAt) are set only on the routes that
// list a channel's or guild's invites.
type Invite struct {
	Type                     InviteType       `json:"type"`
	Code                     string           `json:"code"`
	Guild                    *Guild           `json:"guild,omitempty"`
	Channel                  *Channel         `json:"channel,omitempty"`
	Inviter                  *User            `json:"inviter,omitempty"`
	TargetType               InviteTargetType `json:"target_type,omitempty"`
	TargetUser               *User            `json:"target_user,omitempty"`
	ApproximatePresenceCount int              `json:"approximate_presence_count,omitempty"`
	ApproximateMemberCount   int              `json:"approximate_member_count,omitempty"`
	ExpiresAt                Timestamp        `json:"expires_at,omitzero"`
	GuildScheduledEvent      *ScheduledEvent  `json:"guild_scheduled_event,omitempty"`
	Uses                     int              `json:"uses,omitempty"`
	MaxUses                  int              `json:"max_uses,omitempty"`
	MaxAge                   int              `json:"max_age,omitempty"`
	Temporary                bool             `json:"temporary,omitempty"`
	CreatedAt                Timestamp        `json:"created_at,omitzero"`
}

// InviteTargetUsersJobStatus is how the processing of an invite's target
// users file goes.
// Values Discord adds later are kept as they come.
type InviteTargetUsersJobStatus int

// InviteTargetUsersJobStatus values.
const (
	InviteTargetUsersJobUnspecified InviteTargetUsersJobStatus = 0
	InviteTargetUsersJobProcessing  InviteTargetUsersJobStatus = 1
	InviteTargetUsersJobCompleted   InviteTargetUsersJobStatus = 2
	InviteTargetUsersJobFailed      InviteTargetUsersJobStatus = 3 // see the job's error message
)

var inviteTargetUsersJobStatusNames = map[InviteTargetUsersJobStatus]string{
	0: "UNSPECIFIED",
	1: "PROCESSING",
	2: "COMPLETED",
	3: "FAILED",
}

// String is Discord's name of v, or the type and number when unknown.
func (v InviteTargetUsersJobStatus) String() string {
	return nameOf("InviteTargetUsersJobStatus", v, inviteTargetUsersJobStatusNames)
}

// Known reports whether gloam knows v.
func (v InviteTargetUsersJobStatus) Known() bool {
	_, ok := inviteTargetUsersJobStatusNames[v]
	return ok
}
