package discordtest

import (
	"slices"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// World is the state the fake Discord serves: the bot user, its guilds with
// their channels, roles, members, presences and emojis, and the users it
// knows. It is generated from Options.Seed, so the same seed gives the same
// world, IDs included.
//
// World is safe for concurrent use. Read methods return copies the caller
// owns; the write methods change what later GUILD_CREATE events and REST
// responses show, but send no events themselves (the caller dispatches
// whatever event fits, e.g. with Server.DispatchGuild).
type World struct {
	mu       sync.RWMutex
	bot      User
	appID    model.ApplicationID
	guilds   map[model.GuildID]*Guild
	order    []model.GuildID // guilds in creation order
	users    map[model.UserID]User
	channels map[model.ChannelID]model.GuildID // channel -> guild (0 for DMs)
	dms      map[model.ChannelID]*Channel      // DM channels by id
	dmByUser map[model.UserID]model.ChannelID

	ids idGen
}

// User is a Discord user.
type User struct {
	ID            model.UserID    `json:"id"`
	Username      string          `json:"username"`
	Discriminator string          `json:"discriminator"`
	GlobalName    *string         `json:"global_name"`
	Avatar        *string         `json:"avatar"`
	Bot           bool            `json:"bot,omitempty"`
	System        bool            `json:"system,omitempty"`
	Banner        *string         `json:"banner,omitempty"`
	AccentColor   *int            `json:"accent_color,omitempty"`
	PublicFlags   model.UserFlags `json:"public_flags"`
	Flags         model.UserFlags `json:"flags,omitempty"`
}

// Member is a user's membership of a guild.
type Member struct {
	User                       User              `json:"user"`
	Nick                       *string           `json:"nick"`
	Avatar                     *string           `json:"avatar"`
	Banner                     *string           `json:"banner"`
	Roles                      []model.RoleID    `json:"roles"`
	JoinedAt                   time.Time         `json:"joined_at"`
	PremiumSince               *time.Time        `json:"premium_since"`
	Deaf                       bool              `json:"deaf"`
	Mute                       bool              `json:"mute"`
	Flags                      model.MemberFlags `json:"flags"`
	Pending                    bool              `json:"pending"`
	CommunicationDisabledUntil *time.Time        `json:"communication_disabled_until"`
}

// Role is a guild role. The @everyone role has the guild's ID.
type Role struct {
	ID           model.RoleID      `json:"id"`
	Name         string            `json:"name"`
	Color        int               `json:"color"`
	Hoist        bool              `json:"hoist"`
	Icon         *string           `json:"icon"`
	UnicodeEmoji *string           `json:"unicode_emoji"`
	Position     int               `json:"position"`
	Permissions  model.Permissions `json:"permissions"`
	Managed      bool              `json:"managed"`
	Mentionable  bool              `json:"mentionable"`
	Flags        model.RoleFlags   `json:"flags"`
}

// Overwrite is a channel permission overwrite of a role or a member.
type Overwrite struct {
	ID    model.Snowflake     `json:"id"`
	Type  model.OverwriteType `json:"type"`
	Allow model.Permissions   `json:"allow"`
	Deny  model.Permissions   `json:"deny"`
}

// Channel is a guild channel or a DM.
type Channel struct {
	ID                   model.ChannelID    `json:"id"`
	Type                 model.ChannelType  `json:"type"`
	GuildID              model.GuildID      `json:"guild_id,omitzero"`
	Position             int                `json:"position,omitempty"`
	PermissionOverwrites []Overwrite        `json:"permission_overwrites,omitempty"`
	Name                 string             `json:"name,omitempty"`
	Topic                *string            `json:"topic,omitempty"`
	NSFW                 bool               `json:"nsfw,omitempty"`
	LastMessageID        *model.MessageID   `json:"last_message_id,omitempty"`
	Bitrate              int                `json:"bitrate,omitempty"`
	UserLimit            int                `json:"user_limit,omitempty"`
	RateLimitPerUser     int                `json:"rate_limit_per_user,omitempty"`
	Recipients           []User             `json:"recipients,omitempty"`
	ParentID             *model.ChannelID   `json:"parent_id,omitempty"`
	Flags                model.ChannelFlags `json:"flags"`
	Status               *string            `json:"status,omitempty"` // a voice channel's status text
	// Group DMs only.
	OwnerID       model.UserID        `json:"owner_id,omitzero"`
	ApplicationID model.ApplicationID `json:"application_id,omitzero"` // of the application that made it
	Managed       bool                `json:"managed,omitempty"`       // made by an application
}

// Emoji is a custom guild emoji.
type Emoji struct {
	ID            model.EmojiID  `json:"id"`
	Name          string         `json:"name"`
	Roles         []model.RoleID `json:"roles"`
	RequireColons bool           `json:"require_colons"`
	Managed       bool           `json:"managed"`
	Animated      bool           `json:"animated"`
	Available     bool           `json:"available"`
}

// Activity is one activity of a presence.
type Activity struct {
	Name      string             `json:"name"`
	Type      model.ActivityType `json:"type"`
	State     *string            `json:"state,omitempty"`
	CreatedAt int64              `json:"created_at"`
}

// PresenceUser is the partial user of a presence.
type PresenceUser struct {
	ID model.UserID `json:"id"`
}

// Presence is a member's status in a guild.
type Presence struct {
	User         PresenceUser      `json:"user"`
	GuildID      model.GuildID     `json:"guild_id,omitzero"`
	Status       string            `json:"status"`
	Activities   []Activity        `json:"activities"`
	ClientStatus map[string]string `json:"client_status"`
}

// Guild is a guild with everything in it. Its JSON form is Discord's guild
// object (as GET /guilds/{id} returns it); Channels, Members and Presences
// are sent only in GUILD_CREATE.
type Guild struct {
	ID                          model.GuildID               `json:"id"`
	Name                        string                      `json:"name"`
	Icon                        *string                     `json:"icon"`
	Splash                      *string                     `json:"splash"`
	DiscoverySplash             *string                     `json:"discovery_splash"`
	OwnerID                     model.UserID                `json:"owner_id"`
	AFKChannelID                *model.ChannelID            `json:"afk_channel_id"`
	AFKTimeout                  int                         `json:"afk_timeout"`
	VerificationLevel           model.VerificationLevel     `json:"verification_level"`
	DefaultMessageNotifications model.NotificationLevel     `json:"default_message_notifications"`
	ExplicitContentFilter       model.ExplicitContentFilter `json:"explicit_content_filter"`
	Roles                       []Role                      `json:"roles"`
	Emojis                      []Emoji                     `json:"emojis"`
	Features                    []model.GuildFeature        `json:"features"`
	MFALevel                    model.MFALevel              `json:"mfa_level"`
	SystemChannelID             *model.ChannelID            `json:"system_channel_id"`
	SystemChannelFlags          model.SystemChannelFlags    `json:"system_channel_flags"`
	RulesChannelID              *model.ChannelID            `json:"rules_channel_id"`
	Description                 *string                     `json:"description"`
	Banner                      *string                     `json:"banner"`
	PremiumTier                 model.PremiumTier           `json:"premium_tier"`
	PremiumSubscriptionCount    int                         `json:"premium_subscription_count"`
	PreferredLocale             string                      `json:"preferred_locale"`
	NSFWLevel                   model.NSFWLevel             `json:"nsfw_level"`
	Stickers                    []model.Sticker             `json:"stickers"`
	PremiumProgressBarEnabled   bool                        `json:"premium_progress_bar_enabled"`
	IncidentsData               *model.IncidentsData        `json:"incidents_data"`
	VanityURLCode               *string                     `json:"vanity_url_code"` // with the VANITY_URL feature
	VanityURLUses               int                         `json:"-"`               // joins through it
	Channels                    []Channel                   `json:"-"`
	Members                     []Member                    `json:"-"`
	Presences                   []Presence                  `json:"-"`
	JoinedAt                    time.Time                   `json:"-"` // when the bot joined
}

// json0 is an element type for lists the world keeps empty.
type json0 = struct{}

// Bot is the bot user the server's token belongs to.
func (w *World) Bot() User {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.bot
}

// setBot replaces the bot user, in every guild it is a member of too.
func (w *World) setBot(u User) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.bot = u
	if _, ok := w.users[u.ID]; ok {
		w.users[u.ID] = u
	}
	for _, g := range w.guilds {
		for i := range g.Members {
			if g.Members[i].User.ID == u.ID {
				g.Members[i].User = u
			}
		}
	}
}

// ApplicationID is the ID of the bot's application (the bot user's ID, as
// for every bot created since 2019).
func (w *World) ApplicationID() model.ApplicationID {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.appID
}

// Guilds returns every guild, in creation order.
func (w *World) Guilds() []Guild {
	w.mu.RLock()
	defer w.mu.RUnlock()
	gs := make([]Guild, 0, len(w.order))
	for _, id := range w.order {
		gs = append(gs, w.guilds[id].clone())
	}
	return gs
}

// GuildIDs returns the ID of every guild, in creation order.
func (w *World) GuildIDs() []model.GuildID {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Clone(w.order)
}

// Guild returns one guild.
func (w *World) Guild(id model.GuildID) (Guild, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[id]
	if !ok {
		return Guild{}, false
	}
	return g.clone(), true
}

// Channel returns a guild channel or a DM channel.
func (w *World) Channel(id model.ChannelID) (Channel, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c := w.channelLocked(id)
	if c == nil {
		return Channel{}, false
	}
	return c.clone(), true
}

func (w *World) channelLocked(id model.ChannelID) *Channel {
	gid, ok := w.channels[id]
	if !ok {
		return nil
	}
	if gid == 0 {
		return w.dms[id]
	}
	g := w.guilds[gid]
	for i := range g.Channels {
		if g.Channels[i].ID == id {
			return &g.Channels[i]
		}
	}
	return nil
}

// Channels returns the channels of a guild, nil when there is no such guild.
func (w *World) Channels(guildID model.GuildID) []Channel {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return nil
	}
	cs := make([]Channel, len(g.Channels))
	for i := range g.Channels {
		cs[i] = g.Channels[i].clone()
	}
	return cs
}

// Roles returns the roles of a guild, nil when there is no such guild.
func (w *World) Roles(guildID model.GuildID) []Role {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return nil
	}
	return slices.Clone(g.Roles)
}

// Members returns the members of a guild, nil when there is no such guild.
func (w *World) Members(guildID model.GuildID) []Member {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return nil
	}
	ms := make([]Member, len(g.Members))
	for i := range g.Members {
		ms[i] = g.Members[i].clone()
	}
	return ms
}

// Member returns one member of a guild.
func (w *World) Member(guildID model.GuildID, userID model.UserID) (Member, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return Member{}, false
	}
	for i := range g.Members {
		if g.Members[i].User.ID == userID {
			return g.Members[i].clone(), true
		}
	}
	return Member{}, false
}

// Presences returns the presences of a guild's members that are not
// offline.
func (w *World) Presences(guildID model.GuildID) []Presence {
	w.mu.RLock()
	defer w.mu.RUnlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return nil
	}
	ps := make([]Presence, len(g.Presences))
	for i := range g.Presences {
		ps[i] = g.Presences[i].clone()
	}
	return ps
}

// User returns a user the world knows: the bot or any member of any guild.
func (w *World) User(id model.UserID) (User, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	u, ok := w.users[id]
	return u, ok
}

// Users returns every user the world knows, the bot first.
func (w *World) Users() []User {
	w.mu.RLock()
	defer w.mu.RUnlock()
	us := make([]User, 0, len(w.users))
	for _, u := range w.users {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b User) int {
		switch {
		case a.ID == w.bot.ID:
			return -1
		case b.ID == w.bot.ID:
			return 1
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return us
}

// GuildOf returns the guild a channel belongs to: zero for a DM channel,
// and false when there is no such channel.
func (w *World) GuildOf(channelID model.ChannelID) (model.GuildID, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	gid, ok := w.channels[channelID]
	return gid, ok
}

// NewID returns a fresh snowflake for the present moment. IDs from one
// World are unique and increase.
func (w *World) NewID() model.Snowflake {
	return w.ids.now()
}

// DMChannel returns the DM channel between the bot and a user, creating it
// on first use; false when the world does not know the user.
func (w *World) DMChannel(userID model.UserID) (Channel, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u, ok := w.users[userID]
	if !ok || userID == w.bot.ID {
		return Channel{}, false
	}
	if id, ok := w.dmByUser[userID]; ok {
		return w.dms[id].clone(), true
	}
	c := &Channel{ID: model.ChannelID(w.ids.now()), Type: model.ChannelDM, Recipients: []User{u}}
	w.dms[c.ID] = c
	w.dmByUser[userID] = c.ID
	w.channels[c.ID] = 0
	return c.clone(), true
}

// removeGuild takes a guild out of the World, as the bot sees it once it
// has left: with its channels, and no longer in Guilds.
func (w *World) removeGuild(id model.GuildID) (Guild, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[id]
	if !ok {
		return Guild{}, false
	}
	for _, ch := range g.Channels {
		delete(w.channels, ch.ID)
	}
	delete(w.guilds, id)
	w.order = slices.DeleteFunc(w.order, func(x model.GuildID) bool { return x == id })
	return g.clone(), true
}

// addGroupDM gives c, a group DM, an ID and keeps it.
func (w *World) addGroupDM(c Channel) Channel {
	w.mu.Lock()
	defer w.mu.Unlock()
	c.ID = model.ChannelID(w.ids.now())
	stored := c.clone()
	w.dms[c.ID] = &stored
	w.channels[c.ID] = 0
	return stored.clone()
}

// SetChannel adds a channel to its guild, or replaces the channel with the
// same ID. It reports false when the channel's guild does not exist.
func (w *World) SetChannel(c Channel) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if c.GuildID == 0 {
		old, ok := w.dms[c.ID]
		if !ok {
			return false
		}
		*old = c.clone()
		return true
	}
	g, ok := w.guilds[c.GuildID]
	if !ok {
		return false
	}
	if prev, ok := w.channels[c.ID]; ok && prev != c.GuildID {
		return false
	}
	c = c.clone()
	for i := range g.Channels {
		if g.Channels[i].ID == c.ID {
			g.Channels[i] = c
			return true
		}
	}
	g.Channels = append(g.Channels, c)
	w.channels[c.ID] = c.GuildID
	return true
}

// DeleteChannel removes a guild channel and returns it.
func (w *World) DeleteChannel(id model.ChannelID) (Channel, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	gid, ok := w.channels[id]
	if !ok || gid == 0 {
		return Channel{}, false
	}
	g := w.guilds[gid]
	for i := range g.Channels {
		if g.Channels[i].ID == id {
			c := g.Channels[i]
			g.Channels = slices.Delete(g.Channels, i, i+1)
			delete(w.channels, id)
			return c, true
		}
	}
	return Channel{}, false
}

// SetLastMessageID records the newest message of a channel.
func (w *World) SetLastMessageID(channelID model.ChannelID, id model.MessageID) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.channelLocked(channelID)
	if c == nil {
		return false
	}
	c.LastMessageID = &id
	return true
}

// SetRole adds a role to a guild or replaces the role with the same ID.
func (w *World) SetRole(guildID model.GuildID, r Role) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[guildID]
	if !ok {
		return false
	}
	for i := range g.Roles {
		if g.Roles[i].ID == r.ID {
			g.Roles[i] = r
			return true
		}
	}
	g.Roles = append(g.Roles, r)
	return true
}

// DeleteRole removes a role from a guild and from every member.
func (w *World) DeleteRole(guildID model.GuildID, roleID model.RoleID) (Role, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[guildID]
	if !ok || model.GuildID(roleID) == guildID {
		return Role{}, false
	}
	i := slices.IndexFunc(g.Roles, func(r Role) bool { return r.ID == roleID })
	if i < 0 {
		return Role{}, false
	}
	r := g.Roles[i]
	g.Roles = slices.Delete(g.Roles, i, i+1)
	for j := range g.Members {
		g.Members[j].Roles = slices.DeleteFunc(g.Members[j].Roles, func(id model.RoleID) bool { return id == roleID })
	}
	return r, true
}

// SetMember adds a member to a guild or replaces the member with the same
// user ID; the user becomes known to the world.
func (w *World) SetMember(guildID model.GuildID, m Member) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[guildID]
	if !ok || m.User.ID == 0 {
		return false
	}
	m = m.clone()
	w.users[m.User.ID] = m.User
	for i := range g.Members {
		if g.Members[i].User.ID == m.User.ID {
			g.Members[i] = m
			return true
		}
	}
	g.Members = append(g.Members, m)
	return true
}

// RemoveMember removes a member from a guild and returns it.
func (w *World) RemoveMember(guildID model.GuildID, userID model.UserID) (Member, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[guildID]
	if !ok || userID == w.bot.ID {
		return Member{}, false
	}
	i := slices.IndexFunc(g.Members, func(m Member) bool { return m.User.ID == userID })
	if i < 0 {
		return Member{}, false
	}
	m := g.Members[i]
	g.Members = slices.Delete(g.Members, i, i+1)
	g.Presences = slices.DeleteFunc(g.Presences, func(p Presence) bool { return p.User.ID == userID })
	return m, true
}

// UpdateGuild calls fn with the stored guild, under the world's lock, so
// that fn may change anything in it (name, roles, channels, members...).
// fn must not keep the pointer or call other World methods. It reports
// false when there is no such guild.
func (w *World) UpdateGuild(id model.GuildID, fn func(g *Guild)) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, ok := w.guilds[id]
	if !ok {
		return false
	}
	fn(g)
	g.ID = id
	for cid, gid := range w.channels {
		if gid == id {
			delete(w.channels, cid)
		}
	}
	for i := range g.Channels {
		g.Channels[i].GuildID = id
		w.channels[g.Channels[i].ID] = id
	}
	for i := range g.Members {
		w.users[g.Members[i].User.ID] = g.Members[i].User
	}
	return true
}

func (g *Guild) clone() Guild {
	c := *g
	c.Roles = slices.Clone(g.Roles)
	c.Emojis = slices.Clone(g.Emojis)
	for i := range c.Emojis {
		c.Emojis[i].Roles = slices.Clone(c.Emojis[i].Roles)
	}
	c.Features = slices.Clone(g.Features)
	c.Stickers = slices.Clone(g.Stickers)
	c.Channels = make([]Channel, len(g.Channels))
	for i := range g.Channels {
		c.Channels[i] = g.Channels[i].clone()
	}
	c.Members = make([]Member, len(g.Members))
	for i := range g.Members {
		c.Members[i] = g.Members[i].clone()
	}
	c.Presences = make([]Presence, len(g.Presences))
	for i := range g.Presences {
		c.Presences[i] = g.Presences[i].clone()
	}
	return c
}

func (c Channel) clone() Channel {
	c.PermissionOverwrites = slices.Clone(c.PermissionOverwrites)
	c.Recipients = slices.Clone(c.Recipients)
	return c
}

func (m Member) clone() Member {
	m.Roles = slices.Clone(m.Roles)
	return m
}

func (p Presence) clone() Presence {
	p.Activities = slices.Clone(p.Activities)
	cs := make(map[string]string, len(p.ClientStatus))
	for k, v := range p.ClientStatus {
		cs[k] = v
	}
	p.ClientStatus = cs
	return p
}

// idGen makes snowflakes that look like Discord's: a millisecond timestamp,
// worker and process IDs, and an increment.
type idGen struct {
	mu   sync.Mutex
	last uint64
	inc  uint64
}

const (
	snowflakeWorker  = 1
	snowflakeProcess = 0
)

func makeSnowflake(ms uint64, inc uint64) model.Snowflake {
	return model.Snowflake((ms-model.DiscordEpoch)<<22 | snowflakeWorker<<17 | snowflakeProcess<<12 | inc&0xfff)
}

// now returns a snowflake for the current time, strictly greater than the
// previous one.
func (g *idGen) now() model.Snowflake {
	g.mu.Lock()
	defer g.mu.Unlock()
	ms := uint64(time.Now().UnixMilli())
	if ms < g.last {
		ms = g.last
	}
	if ms == g.last {
		g.inc++
		if g.inc > 0xfff {
			ms++
			g.inc = 0
		}
	} else {
		g.inc = 0
	}
	g.last = ms
	return makeSnowflake(ms, g.inc)
}
