package model

// User is a Discord user or bot. Objects that carry only part of a user
// (a presence's user holds only ID) leave the rest zero.
type User struct {
	ID                   UserID            `json:"id"`
	Username             string            `json:"username"`
	Discriminator        string            `json:"discriminator,omitempty"` // "0" for users with a unique username
	GlobalName           *string           `json:"global_name,omitempty"`   // the display name; nil when unset
	Avatar               *string           `json:"avatar,omitempty"`        // avatar hash
	Bot                  bool              `json:"bot,omitempty"`
	System               bool              `json:"system,omitempty"`
	MFAEnabled           bool              `json:"mfa_enabled,omitempty"`
	Banner               *string           `json:"banner,omitempty"`
	AccentColor          *int              `json:"accent_color,omitempty"`
	Locale               string            `json:"locale,omitempty"`
	Verified             bool              `json:"verified,omitempty"`
	Email                *string           `json:"email,omitempty"`
	Flags                UserFlags         `json:"flags,omitempty"`
	PremiumType          int               `json:"premium_type,omitempty"`
	PublicFlags          UserFlags         `json:"public_flags,omitempty"`
	AvatarDecorationData *AvatarDecoration `json:"avatar_decoration_data,omitempty"`
	Collectibles         *Collectibles     `json:"collectibles,omitempty"`
	PrimaryGuild         *PrimaryGuild     `json:"primary_guild,omitempty"`
}

// DisplayName is the global name when set, else the username.
func (u *User) DisplayName() string {
	if u.GlobalName != nil && *u.GlobalName != "" {
		return *u.GlobalName
	}
	return u.Username
}

// Mention is the user's mention, "<@id>".
func (u *User) Mention() string { return "<@" + u.ID.String() + ">" }

// AvatarDecoration is the decoration shown around an avatar.
type AvatarDecoration struct {
	Asset     string `json:"asset"`
	SKUID     SKUID  `json:"sku_id,omitzero"`
	ExpiresAt *int64 `json:"expires_at,omitempty"`
}

// Collectibles are the collectibles a user has equipped.
type Collectibles struct {
	Nameplate *Nameplate `json:"nameplate,omitempty"`
}

// Nameplate is a collectible shown behind a user's name.
type Nameplate struct {
	SKUID     SKUID  `json:"sku_id,omitzero"`
	Asset     string `json:"asset"`
	Label     string `json:"label"`
	Palette   string `json:"palette"`
	ExpiresAt *int64 `json:"expires_at,omitempty"`
}

// PrimaryGuild is the server tag a user shows.
type PrimaryGuild struct {
	IdentityGuildID GuildID `json:"identity_guild_id,omitzero"`
	IdentityEnabled *bool   `json:"identity_enabled,omitempty"`
	Tag             *string `json:"tag,omitempty"`
	Badge           *string `json:"badge,omitempty"`
}
