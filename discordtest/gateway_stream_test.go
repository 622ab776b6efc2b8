package discordtest_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestStreamEventsAreRealistic checks a stream's events against the world:
// guilds of the shard, channels of the guild, members as authors, unique
// message IDs.
func TestStreamEventsAreRealistic(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 4, Seed: 5})
	defer srv.Close()
	w := srv.World()
	c, _ := connect(t, srv, "", int(model.IntentsAll), 1, 2)
	c.until(0, "GUILD_CREATE")
	c.until(0, "GUILD_CREATE")
	const n = 1500
	sent, err := srv.Stream(context.Background(), 1, n, 0)
	is.NoErr(err)
	is.Equal(sent, n)
	ids := map[string]bool{}
	kinds := map[string]int{}
	for range n {
		p := c.mustRead()
		kinds[p.name()]++
		var ev struct {
			ID        string          `json:"id"`
			ChannelID model.ChannelID `json:"channel_id"`
			Author    struct {
				ID model.UserID `json:"id"`
			} `json:"author"`
		}
		var g struct {
			GuildID model.GuildID `json:"guild_id"`
		}
		is.NoErr(json.Unmarshal(p.D, &ev))
		is.NoErr(json.Unmarshal(p.D, &g))
		is.Equal((uint64(g.GuildID)>>22)%2, uint64(1)) // a guild of shard 1
		if p.name() == "MESSAGE_CREATE" || p.name() == "MESSAGE_UPDATE" {
			is.True(!ids[ev.ID]) // a message ID once
			ids[ev.ID] = true
			gid, ok := w.GuildOf(ev.ChannelID)
			is.True(ok)
			is.Equal(gid, g.GuildID) // a channel of the guild
			_, ok = w.Member(g.GuildID, ev.Author.ID)
			is.True(ok) // written by a member
		}
	}
	for _, k := range []string{"MESSAGE_CREATE", "TYPING_START", "PRESENCE_UPDATE", "MESSAGE_REACTION_ADD", "GUILD_MEMBER_UPDATE"} {
		is.True(kinds[k] > 0) // a mix of events
	}
	t.Log(kinds)
}
