package discordtest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gloamdev/gloam/model"
)

// shardSpread is a multiple of every shard count from 1 to 16 (and of most
// counts that divide it). Guild i is created i milliseconds past a multiple
// of it, so guild i lands on shard i % n for all those shard counts.
const shardSpread = 720720

// worldEpoch is where the world's history starts: guilds are created after
// it, so their IDs look like those of real guilds.
var worldEpoch = time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)

var (
	adjectives = []string{"amber", "brisk", "cobalt", "dusky", "eager", "fern", "gilded", "hazel", "ivory", "jade",
		"keen", "lunar", "misty", "noble", "ochre", "pale", "quiet", "rusty", "silver", "tidal", "umber", "vivid",
		"windy", "young", "zesty", "bold", "calm", "dapper", "early", "frosty"}
	nouns = []string{"otter", "falcon", "maple", "harbor", "comet", "badger", "willow", "ember", "lantern", "meadow",
		"pebble", "raven", "summit", "thistle", "walrus", "beacon", "canyon", "delta", "grove", "heron", "island",
		"juniper", "kettle", "lynx", "marsh", "nebula", "orchid", "pine", "quartz", "reef"}
	guildWords = []string{"Guild", "Club", "Hangout", "Lounge", "Society", "Collective", "Den", "Workshop", "Crew", "Circle"}
	textNames  = []string{"general", "random", "memes", "announcements", "mod-only", "help", "showcase", "off-topic",
		"bot-commands", "links", "art", "music"}
	voiceNames = []string{"General", "Gaming", "Music", "Study Room", "AFK", "Meeting"}
	roleNames  = []string{"Admin", "Moderator", "Member", "Muted", "Artist", "Event Host", "Booster", "Helper",
		"Veteran", "Newcomer"}
	emojiNames = []string{"blobwave", "pepeok", "catjam", "kekw", "pog", "sadge", "thonk", "partyparrot"}
	games      = []string{"Minecraft", "Stardew Valley", "Factorio", "Celeste", "Hades", "Terraria", "Chess", "Tetris"}
	statuses   = []string{"online", "online", "idle", "dnd"}
)

const (
	everyonePerms = model.PermissionCreateInstantInvite | model.PermissionAddReactions | model.PermissionStream |
		model.PermissionViewChannel | model.PermissionSendMessages | model.PermissionEmbedLinks |
		model.PermissionAttachFiles | model.PermissionReadMessageHistory | model.PermissionUseExternalEmojis |
		model.PermissionConnect | model.PermissionSpeak | model.PermissionChangeNickname |
		model.PermissionUseApplicationCommands
	modPerms = model.PermissionKickMembers | model.PermissionBanMembers | model.PermissionManageMessages |
		model.PermissionManageNicknames | model.PermissionModerateMembers | model.PermissionViewAuditLog |
		model.PermissionMuteMembers
	botPerms = model.PermissionViewChannel | model.PermissionSendMessages | model.PermissionEmbedLinks |
		model.PermissionAddReactions | model.PermissionReadMessageHistory | model.PermissionManageMessages
)

// worldGen builds a World from a seed.
type worldGen struct {
	rng *rand.Rand
	inc uint64
}

func (g *worldGen) id(t time.Time) model.Snowflake {
	g.inc++
	return makeSnowflake(uint64(t.UnixMilli()), g.inc)
}

func (g *worldGen) hash() *string {
	const hexdigits = "0123456789abcdef"
	b := make([]byte, 32)
	for i := range b {
		b[i] = hexdigits[g.rng.IntN(16)]
	}
	s := string(b)
	if g.rng.IntN(8) == 0 {
		s = "a_" + s
	}
	return &s
}

func (g *worldGen) maybeHash(p int) *string {
	if g.rng.IntN(100) < p {
		return g.hash()
	}
	return nil
}

func (g *worldGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func ptr[T any](v T) *T { return &v }

// newWorld generates the world for o (defaults applied).
func newWorld(o *Options) *World {
	g := &worldGen{rng: rand.New(rand.NewPCG(uint64(o.Seed), 0x9e3779b97f4a7c15))}
	w := &World{
		guilds:   make(map[model.GuildID]*Guild),
		users:    make(map[model.UserID]User),
		channels: make(map[model.ChannelID]model.GuildID),
		dms:      make(map[model.ChannelID]*Channel),
		dmByUser: make(map[model.UserID]model.ChannelID),
	}

	botTime := worldEpoch.Add(-time.Duration(g.rng.IntN(365*24)) * time.Hour)
	w.bot = User{
		ID:            model.UserID(g.id(botTime)),
		Username:      "gloam-test-bot",
		Discriminator: "0",
		GlobalName:    nil,
		Avatar:        g.hash(),
		Bot:           true,
	}
	w.appID = model.ApplicationID(w.bot.ID)
	w.users[w.bot.ID] = w.bot

	nGuilds, nMembers := o.Guilds, o.MembersPerGuild
	poolSize := max(nMembers, nGuilds*nMembers*2/3)
	pool := make([]User, poolSize)
	used := make(map[string]int) // how many users have the name as a base
	for i := range pool {
		t := worldEpoch.Add(-time.Duration(g.rng.IntN(4*365*24*60)) * time.Minute)
		name := g.pick(adjectives) + []string{"_", ".", ""}[g.rng.IntN(3)] + g.pick(nouns)
		if n := used[name]; n > 0 {
			used[name] = n + 1
			name = fmt.Sprintf("%s%d", name, n)
		} else {
			used[name] = 1
		}
		u := User{
			ID:            model.UserID(g.id(t)),
			Username:      name,
			Discriminator: "0",
			Avatar:        g.maybeHash(80),
		}
		if g.rng.IntN(4) != 0 {
			u.GlobalName = ptr(capitalize(g.pick(adjectives)) + " " + capitalize(g.pick(nouns)))
		}
		if g.rng.IntN(10) == 0 {
			u.PublicFlags = 1 << 6 // HypeSquad Bravery
		}
		pool[i] = u
	}

	ms := uint64(worldEpoch.UnixMilli()) - model.DiscordEpoch
	ms = (ms/shardSpread + 1) * shardSpread
	for i := range nGuilds {
		ms += shardSpread * uint64(1+g.rng.IntN(200))
		created := time.UnixMilli(int64((ms/shardSpread)*shardSpread+uint64(i)) + model.DiscordEpoch).UTC()
		gid := model.GuildID(makeSnowflake(uint64(created.UnixMilli()), 0))
		guild := g.guild(gid, created, w.bot, pool, o)
		w.guilds[gid] = guild
		w.order = append(w.order, gid)
		for _, c := range guild.Channels {
			w.channels[c.ID] = gid
		}
		for _, m := range guild.Members {
			w.users[m.User.ID] = m.User
		}
	}
	return w
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func (g *worldGen) guild(gid model.GuildID, created time.Time, bot User, pool []User, o *Options) *Guild {
	t := created
	next := func() model.Snowflake {
		t = t.Add(time.Duration(1+g.rng.IntN(3600)) * time.Second)
		return g.id(t)
	}
	gd := &Guild{
		ID:                          gid,
		Name:                        capitalize(g.pick(adjectives)) + " " + capitalize(g.pick(nouns)) + " " + g.pick(guildWords),
		Icon:                        g.maybeHash(70),
		AFKTimeout:                  300,
		VerificationLevel:           model.VerificationLevel(g.rng.IntN(3)),
		DefaultMessageNotifications: 1,
		ExplicitContentFilter:       2,
		Features:                    []model.GuildFeature{},
		Stickers:                    []model.Sticker{},
		PreferredLocale:             "en-US",
		SystemChannelFlags:          0,
	}
	if g.rng.IntN(3) == 0 {
		gd.Features = append(gd.Features, "COMMUNITY", "NEWS")
		gd.Description = ptr("A place for " + g.pick(nouns) + " fans")
	}

	// Roles: @everyone, the bot's managed role, then named roles.
	gd.Roles = append(gd.Roles, Role{ID: model.RoleID(gid), Name: "@everyone", Permissions: everyonePerms})
	nRoles := o.RolesPerGuild
	var named []Role
	for i := range nRoles {
		name := roleNames[i%len(roleNames)]
		if i >= len(roleNames) {
			name = fmt.Sprintf("%s %d", name, i/len(roleNames)+1)
		}
		r := Role{ID: model.RoleID(next()), Name: name, Color: g.rng.IntN(0x1000000), Mentionable: g.rng.IntN(2) == 0}
		switch name {
		case "Admin":
			r.Permissions, r.Hoist = model.PermissionAdministrator, true
		case "Moderator":
			r.Permissions, r.Hoist = modPerms, true
		case "Muted":
			r.Color = 0x808080
		}
		named = append(named, r)
	}
	botRole := Role{ID: model.RoleID(next()), Name: bot.Username, Permissions: botPerms, Managed: true}
	pos := len(named) + 1
	for i := range named {
		named[i].Position = pos - i
	}
	botRole.Position = 1
	gd.Roles = append(gd.Roles, botRole)
	gd.Roles = append(gd.Roles, named...)

	// Members: the bot and a sample of the pool; the first sampled is the owner.
	joined := created.Add(time.Duration(1+g.rng.IntN(90*24)) * time.Hour)
	gd.JoinedAt = joined
	gd.Members = append(gd.Members, Member{User: bot, Roles: []model.RoleID{botRole.ID}, JoinedAt: joined})
	// A sample of the pool, drawn in O(members) so that big worlds are
	// quick to make.
	k := min(o.MembersPerGuild, len(pool))
	idx := make([]int, 0, k)
	seen := make(map[int]bool, k)
	for len(idx) < k {
		if i := g.rng.IntN(len(pool)); !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	for k, i := range idx {
		u := pool[i]
		m := Member{User: u, JoinedAt: created.Add(time.Duration(g.rng.IntN(600*24)) * time.Hour)}
		if k == 0 {
			gd.OwnerID = u.ID
			m.JoinedAt = created
		}
		if g.rng.IntN(5) == 0 {
			m.Nick = ptr(capitalize(g.pick(nouns)))
		}
		for _, r := range named {
			if r.Name == "Admin" && k != 0 || r.Name == "Muted" && g.rng.IntN(10) != 0 {
				continue
			}
			if g.rng.IntN(3) == 0 || r.Name == "Admin" {
				m.Roles = append(m.Roles, r.ID)
			}
		}
		if m.Roles == nil {
			m.Roles = []model.RoleID{}
		}
		gd.Members = append(gd.Members, m)
		if g.rng.IntN(2) == 0 {
			p := Presence{
				User:         PresenceUser{ID: u.ID},
				GuildID:      gid,
				Status:       g.pick(statuses),
				Activities:   []Activity{},
				ClientStatus: map[string]string{},
			}
			p.ClientStatus[[]string{"desktop", "mobile", "web"}[g.rng.IntN(3)]] = p.Status
			if g.rng.IntN(2) == 0 {
				p.Activities = append(p.Activities, Activity{Name: g.pick(games), Type: 0, CreatedAt: joined.UnixMilli()})
			}
			gd.Presences = append(gd.Presences, p)
		}
	}
	if gd.OwnerID == 0 {
		gd.OwnerID = bot.ID
	}

	// Channels: a text category and a voice category with their children.
	nChan := o.ChannelsPerGuild
	var modRole, mutedRole model.RoleID
	for _, r := range named {
		switch r.Name {
		case "Moderator":
			modRole = r.ID
		case "Muted":
			mutedRole = r.ID
		}
	}
	var textCat, voiceCat *model.ChannelID
	nText, nVoice := nChan, 0
	if nChan >= 4 {
		cat := model.ChannelID(next())
		textCat = &cat
		c := Channel{ID: cat, Type: model.ChannelGuildCategory, GuildID: gid, Name: "Text Channels", Position: 0}
		if mutedRole != 0 {
			c.PermissionOverwrites = []Overwrite{{ID: mutedRole.Snowflake(), Type: 0, Deny: model.PermissionSendMessages | model.PermissionAddReactions}}
		}
		gd.Channels = append(gd.Channels, c)
		nText = (nChan - 2) * 2 / 3
		if nText < 1 {
			nText = 1
		}
		nVoice = nChan - 2 - nText
	}
	for i := range nText {
		name := textNames[i%len(textNames)]
		if i >= len(textNames) {
			name = fmt.Sprintf("%s-%d", name, i/len(textNames)+1)
		}
		c := Channel{ID: model.ChannelID(next()), Type: model.ChannelGuildText, GuildID: gid, Name: name, Position: i, ParentID: textCat}
		c.Topic = ptr("Talk about " + g.pick(nouns) + "s here")
		switch name {
		case "announcements":
			if len(gd.Features) > 0 {
				c.Type = model.ChannelGuildAnnouncement
			}
			c.PermissionOverwrites = []Overwrite{{ID: gid.Snowflake(), Type: 0, Deny: model.PermissionSendMessages}}
		case "mod-only":
			c.PermissionOverwrites = []Overwrite{{ID: gid.Snowflake(), Type: 0, Deny: model.PermissionViewChannel}}
			if modRole != 0 {
				c.PermissionOverwrites = append(c.PermissionOverwrites, Overwrite{ID: modRole.Snowflake(), Type: 0, Allow: model.PermissionViewChannel})
			}
			c.PermissionOverwrites = append(c.PermissionOverwrites, Overwrite{ID: bot.ID.Snowflake(), Type: 1, Allow: model.PermissionViewChannel})
		case "memes":
			c.RateLimitPerUser = 5
		}
		if i == 0 {
			gd.SystemChannelID = &c.ID
		}
		gd.Channels = append(gd.Channels, c)
	}
	if nVoice > 0 {
		cat := model.ChannelID(next())
		voiceCat = &cat
		gd.Channels = append(gd.Channels, Channel{ID: cat, Type: model.ChannelGuildCategory, GuildID: gid, Name: "Voice Channels", Position: 1})
		for i := range nVoice {
			name := voiceNames[i%len(voiceNames)]
			if i >= len(voiceNames) {
				name = fmt.Sprintf("%s %d", name, i/len(voiceNames)+1)
			}
			c := Channel{ID: model.ChannelID(next()), Type: model.ChannelGuildVoice, GuildID: gid, Name: name, Position: i,
				ParentID: voiceCat, Bitrate: 64000}
			if name == "AFK" {
				gd.AFKChannelID = &c.ID
			}
			if g.rng.IntN(3) == 0 {
				c.UserLimit = 10
			}
			gd.Channels = append(gd.Channels, c)
		}
	}

	nEmoji := 1 + g.rng.IntN(4)
	for i := range nEmoji {
		gd.Emojis = append(gd.Emojis, Emoji{
			ID: model.EmojiID(next()), Name: emojiNames[(i+g.rng.IntN(len(emojiNames)))%len(emojiNames)],
			Roles: []model.RoleID{}, RequireColons: true, Available: true, Animated: g.rng.IntN(4) == 0,
		})
	}
	return gd
}
