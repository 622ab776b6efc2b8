package model

// ConnectionVisibility is who can see a user's connection.
type ConnectionVisibility int

// Connection visibilities.
const (
	VisibilityNone     ConnectionVisibility = 0 // only the user
	VisibilityEveryone ConnectionVisibility = 1
)

var connectionVisibilityNames = map[ConnectionVisibility]string{0: "NONE", 1: "EVERYONE"}

func (v ConnectionVisibility) String() string {
	return nameOf("ConnectionVisibility", v, connectionVisibilityNames)
}

// Connection is an account the user connected to Discord (OAuth2).
// Type names the service, e.g. "github" or "twitch".
type Connection struct {
	ID           string               `json:"id"`
	Name         string               `json:"name"`
	Type         string               `json:"type"`
	Revoked      bool                 `json:"revoked,omitempty"`
	Verified     bool                 `json:"verified"`
	FriendSync   bool                 `json:"friend_sync"`
	ShowActivity bool                 `json:"show_activity"`
	TwoWayLink   bool                 `json:"two_way_link"`
	Visibility   ConnectionVisibility `json:"visibility"`
	// Integrations are the guild integrations the connection is linked to.
	Integrations []Integration `json:"integrations,omitempty"`
}
