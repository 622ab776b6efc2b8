package model

// Presence is a user's status and activities in a guild.
type Presence struct {
	User         User         `json:"user"` // often only ID
	GuildID      GuildID      `json:"guild_id,omitzero"`
	Status       Status       `json:"status"`
	Activities   []Activity   `json:"activities"`
	ClientStatus ClientStatus `json:"client_status"`
}

// ClientStatus is a user's status on each platform; "" where the user is
// not active.
type ClientStatus struct {
	Desktop Status `json:"desktop,omitempty"`
	Mobile  Status `json:"mobile,omitempty"`
	Web     Status `json:"web,omitempty"`
}

// Activity is what a user is doing: playing, streaming, listening, a
// custom status...
type Activity struct {
	Name              string              `json:"name"`
	Type              ActivityType        `json:"type"`
	URL               *string             `json:"url,omitempty"`
	CreatedAt         UnixMilli           `json:"created_at,omitempty"`
	Timestamps        *ActivityTimestamps `json:"timestamps,omitempty"`
	ApplicationID     ApplicationID       `json:"application_id,omitzero"`
	StatusDisplayType *int                `json:"status_display_type,omitempty"`
	Details           *string             `json:"details,omitempty"`
	DetailsURL        *string             `json:"details_url,omitempty"`
	State             *string             `json:"state,omitempty"`
	StateURL          *string             `json:"state_url,omitempty"`
	Emoji             *Emoji              `json:"emoji,omitempty"`
	Party             *ActivityParty      `json:"party,omitempty"`
	Assets            *ActivityAssets     `json:"assets,omitempty"`
	Secrets           *ActivitySecrets    `json:"secrets,omitempty"`
	Instance          bool                `json:"instance,omitempty"`
	Flags             ActivityFlags       `json:"flags,omitempty"`
	Buttons           []string            `json:"buttons,omitempty"` // labels only, as received
}

// ActivityTimestamps are the start and end of an activity.
type ActivityTimestamps struct {
	Start UnixMilli `json:"start,omitempty"`
	End   UnixMilli `json:"end,omitempty"`
}

// ActivityParty is the party of an activity; Size is current and maximum.
type ActivityParty struct {
	ID   string `json:"id,omitempty"`
	Size []int  `json:"size,omitempty"`
}

// ActivityAssets are the images and hover texts of an activity.
type ActivityAssets struct {
	LargeImage string `json:"large_image,omitempty"`
	LargeText  string `json:"large_text,omitempty"`
	LargeURL   string `json:"large_url,omitempty"`
	SmallImage string `json:"small_image,omitempty"`
	SmallText  string `json:"small_text,omitempty"`
	SmallURL   string `json:"small_url,omitempty"`
}

// ActivitySecrets are the join and spectate secrets of an activity.
type ActivitySecrets struct {
	Join     string `json:"join,omitempty"`
	Spectate string `json:"spectate,omitempty"`
	Match    string `json:"match,omitempty"`
}
