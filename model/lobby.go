package model

// Lobbies: groups of players an application makes for its game.

// Lobby is a group of players that can chat, optionally linked to a
// guild channel.
type Lobby struct {
	ID            Snowflake         `json:"id"`
	ApplicationID ApplicationID     `json:"application_id"`
	Metadata      map[string]string `json:"metadata"`
	Members       []LobbyMember     `json:"members"`
	LinkedChannel *Channel          `json:"linked_channel,omitempty"`
	Flags         int               `json:"flags,omitempty"`
	// OverrideEventWebhooksURL receives the lobby's events instead of the
	// application's webhook URL.
	OverrideEventWebhooksURL *string `json:"override_event_webhooks_url,omitempty"`
}

// LobbyMember is a player in a lobby. Flags bit 0 (1) lets the member
// link the lobby to a channel.
type LobbyMember struct {
	ID       UserID            `json:"id"`
	Metadata map[string]string `json:"metadata,omitempty"`
	Flags    int               `json:"flags,omitempty"`
	// AdditionalName is the member's name for the lobby's game.
	AdditionalName string `json:"additional_name,omitempty"`
}
