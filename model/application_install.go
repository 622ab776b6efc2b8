package model

// InstallParams are the scopes and permissions of an application's
// in-app authorization link.
type InstallParams struct {
	Scopes      []string    `json:"scopes"`
	Permissions Permissions `json:"permissions"`
}

// IntegrationTypeConfig is how an application installs in one context
// (guild or user).
type IntegrationTypeConfig struct {
	OAuth2InstallParams *InstallParams `json:"oauth2_install_params,omitempty"`
}

// Team is the team that owns an application.
type Team struct {
	ID          Snowflake    `json:"id"`
	Icon        *string      `json:"icon"`
	Name        string       `json:"name"`
	OwnerUserID UserID       `json:"owner_user_id"`
	Members     []TeamMember `json:"members"`
}

// TeamMember is a member of a team; Role is "admin", "developer" or
// "read_only".
type TeamMember struct {
	MembershipState int       `json:"membership_state"` // 1 invited, 2 accepted
	TeamID          Snowflake `json:"team_id"`
	User            User      `json:"user"`
	Role            string    `json:"role"`
}
