package discordtest_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestWorldIsDeterministic(t *testing.T) {
	is := is.New(t)
	a := discordtest.NewServer(&discordtest.Options{Seed: 9, Guilds: 3})
	defer a.Close()
	b := discordtest.NewServer(&discordtest.Options{Seed: 9, Guilds: 3})
	defer b.Close()
	c := discordtest.NewServer(&discordtest.Options{Seed: 10, Guilds: 3})
	defer c.Close()
	ja, _ := json.Marshal(a.World().Guilds())
	jb, _ := json.Marshal(b.World().Guilds())
	jc, _ := json.Marshal(c.World().Guilds())
	is.Equal(string(ja), string(jb))           // same seed, same world
	is.True(string(ja) != string(jc))          // another seed, another world
	is.Equal(a.World().Bot(), b.World().Bot()) // the bot too
	is.True(reflect.DeepEqual(a.World().Guilds()[1].Members, b.World().Guilds()[1].Members))
}

func TestWorldShardsSpreadEvenly(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 48, MembersPerGuild: -1, ChannelsPerGuild: 1})
	defer srv.Close()
	ids := srv.World().GuildIDs()
	is.Equal(len(ids), 48)
	for n := 1; n <= 16; n++ {
		counts := make([]int, n)
		for _, id := range ids {
			counts[(uint64(id)>>22)%uint64(n)]++
		}
		lo, hi := slices.Min(counts), slices.Max(counts)
		is.True(hi-lo <= 1) // even over n shards
	}
	for i := 1; i < len(ids); i++ {
		is.True(ids[i] > ids[i-1]) // created in order
	}
}

func TestWorldLooksReal(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 5, MembersPerGuild: 20, ChannelsPerGuild: 8, RolesPerGuild: 6})
	defer srv.Close()
	w := srv.World()
	bot := w.Bot()
	is.True(bot.Bot)
	is.Equal(uint64(w.ApplicationID()), uint64(bot.ID))
	since := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, g := range w.Guilds() {
		is.True(g.ID.Time().After(since) && g.ID.Time().Before(time.Now())) // a time-based snowflake
		is.True(g.Name != "")
		is.Equal(len(g.Members), 21)
		is.Equal(len(g.Roles), 8) // @everyone, the bot's role, six more
		is.Equal(len(g.Channels), 8)
		is.Equal(uint64(g.Roles[0].ID), uint64(g.ID)) // @everyone
		is.Equal(g.Roles[0].Name, "@everyone")
		is.True(g.Roles[0].Permissions.Has(model.PermissionViewChannel | model.PermissionSendMessages))

		roles := map[model.RoleID]bool{}
		for _, r := range g.Roles {
			roles[r.ID] = true
		}
		users := map[model.UserID]bool{}
		for _, m := range g.Members {
			is.True(m.User.Username != "")
			is.True(!users[m.User.ID]) // no member twice
			users[m.User.ID] = true
			for _, r := range m.Roles {
				is.True(roles[r]) // member roles exist
			}
			u, ok := w.User(m.User.ID)
			is.True(ok)
			is.Equal(u.ID, m.User.ID)
		}
		is.True(users[bot.ID])    // the bot is a member
		is.True(users[g.OwnerID]) // so is the owner

		channels := map[model.ChannelID]discordtest.Channel{}
		for _, c := range g.Channels {
			channels[c.ID] = c
		}
		kinds := map[model.ChannelType]int{}
		for _, c := range g.Channels {
			kinds[c.Type]++
			is.Equal(c.GuildID, g.ID)
			if c.ParentID != nil {
				is.Equal(channels[*c.ParentID].Type, model.ChannelGuildCategory) // parents are categories
			}
			for _, o := range c.PermissionOverwrites {
				is.True(o.Type == 0 && roles[model.RoleID(o.ID)] || o.Type == 1 && users[model.UserID(o.ID)])
			}
			gid, ok := w.GuildOf(c.ID)
			is.True(ok)
			is.Equal(gid, g.ID)
		}
		is.Equal(kinds[model.ChannelGuildCategory], 2)
		is.True(kinds[model.ChannelGuildVoice] >= 1)
		is.True(len(g.Emojis) >= 1)
		for _, p := range w.Presences(g.ID) {
			is.True(users[p.User.ID])
			is.True(p.Status == "online" || p.Status == "idle" || p.Status == "dnd")
		}
	}
	is.True(len(w.Users()) > 21)
	is.Equal(w.Users()[0].ID, bot.ID)
}

func TestWorldWrites(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	w := srv.World()
	g := w.Guilds()[0]

	// Reads are copies.
	g.Name = "changed"
	g.Members[0].Roles = append(g.Members[0].Roles, 1)
	g2, ok := w.Guild(g.ID)
	is.True(ok)
	is.True(g2.Name != "changed")
	is.True(!slices.Contains(g2.Members[0].Roles, 1))

	// Channels.
	id := model.ChannelID(w.NewID())
	is.True(w.SetChannel(discordtest.Channel{ID: id, GuildID: g.ID, Type: model.ChannelGuildText, Name: "new"}))
	c, ok := w.Channel(id)
	is.True(ok)
	is.Equal(c.Name, "new")
	is.Equal(len(w.Channels(g.ID)), len(g.Channels)+1)
	is.True(w.SetLastMessageID(id, 99))
	c, _ = w.Channel(id)
	is.Equal(*c.LastMessageID, model.MessageID(99))
	_, ok = w.DeleteChannel(id)
	is.True(ok)
	_, ok = w.Channel(id)
	is.True(!ok)
	is.True(!w.SetChannel(discordtest.Channel{ID: id, GuildID: 1})) // no such guild

	// Roles: deleting one takes it from members.
	role := g.Roles[2]
	member := g.Members[0]
	member.Roles = append(member.Roles, role.ID)
	is.True(w.SetMember(g.ID, member))
	_, ok = w.DeleteRole(g.ID, role.ID)
	is.True(ok)
	m, _ := w.Member(g.ID, member.User.ID)
	is.True(!slices.Contains(m.Roles, role.ID))
	_, ok = w.DeleteRole(g.ID, model.RoleID(g.ID))
	is.True(!ok) // @everyone stays

	// Members.
	u := discordtest.User{ID: model.UserID(w.NewID()), Username: "newcomer", Discriminator: "0"}
	is.True(w.SetMember(g.ID, discordtest.Member{User: u, Roles: []model.RoleID{}}))
	_, ok = w.User(u.ID)
	is.True(ok)
	_, ok = w.RemoveMember(g.ID, u.ID)
	is.True(ok)
	_, ok = w.Member(g.ID, u.ID)
	is.True(!ok)
	_, ok = w.RemoveMember(g.ID, w.Bot().ID)
	is.True(!ok) // the bot stays

	// DMs.
	dm, ok := w.DMChannel(g.Members[1].User.ID)
	is.True(ok)
	is.Equal(dm.Type, model.ChannelDM)
	dm2, _ := w.DMChannel(g.Members[1].User.ID)
	is.Equal(dm.ID, dm2.ID) // one DM channel per user
	gid, ok := w.GuildOf(dm.ID)
	is.True(ok)
	is.Equal(gid, model.GuildID(0))

	// UpdateGuild.
	is.True(w.UpdateGuild(g.ID, func(g *discordtest.Guild) { g.Name = "Renamed" }))
	g2, _ = w.Guild(g.ID)
	is.Equal(g2.Name, "Renamed")

	// IDs increase.
	a, b := w.NewID(), w.NewID()
	is.True(b > a)
}

func TestGuildCreateMembersWithPresences(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, MembersPerGuild: 60})
	defer srv.Close()
	c, _ := connect(t, srv, "", int(model.IntentGuilds|model.IntentGuildPresences|model.IntentGuildMembers))
	p := c.until(0, "GUILD_CREATE")
	var gc struct {
		Large       bool              `json:"large"`
		MemberCount int               `json:"member_count"`
		Members     []json.RawMessage `json:"members"`
		Presences   []json.RawMessage `json:"presences"`
	}
	is.NoErr(json.Unmarshal(p.D, &gc))
	is.True(gc.Large) // 61 members is over the default large_threshold of 50
	is.Equal(gc.MemberCount, 61)
	is.True(len(gc.Members) >= len(gc.Presences)+1) // the online members and the bot, and more
	is.True(len(gc.Members) < 61)                   // but not every member
}
