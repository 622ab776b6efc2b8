package core_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestEventCounts counts every dispatch by shard and type, those no
// listener wants included, and they add up to the shards' Events.
func TestEventCounts(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(fast(discordtest.Options{Shards: 2, Guilds: 4}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))
	stop := run(bot)
	waitFor(t, "two shards connected", connected(bot, 2))
	// No listener wants GUILD_CREATE, yet each counts.
	waitFor(t, "the guilds counted", func() bool {
		n := int64(0)
		for _, c := range bot.EventCounts() {
			if c.Type == model.EventGuildCreate {
				n += c.Count
			}
		}
		return n == 4
	})
	is.True(errors.Is(stop(), context.Canceled))

	total := map[int]int64{}
	byType := map[model.EventType]int64{}
	for _, c := range bot.EventCounts() {
		is.True(c.Count > 0) // only types read
		total[c.Shard] += c.Count
		byType[c.Type] += c.Count
	}
	for _, h := range bot.Health().Shards {
		is.Equal(total[h.Shard], h.Events) // the types add up to Events
	}
	is.Equal(byType[model.EventReady], int64(2))       // one READY per shard
	is.Equal(byType[model.EventGuildCreate], int64(4)) // one per guild
}
