package cache_test

import (
	"fmt"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
)

// FuzzApply feeds arbitrary data to every event the cache reads: it must
// never panic, and the cache must stay readable.
func FuzzApply(f *testing.F) {
	types := model.EventTypes()
	f.Add(uint8(model.EventGuildCreate), `{"id":"1","members":[{"user":{"id":"2","username":"x"},"roles":["3"]}],"channels":[{"id":"4","type":0}]}`)
	f.Add(uint8(model.EventGuildMemberAdd), `{"guild_id":"1","user":{"id":"5"},"roles":[]}`)
	f.Add(uint8(model.EventMessageCreate), `{"id":"9","channel_id":"4","author":{"id":"2"},"content":"\ud83c"}`)
	f.Add(uint8(model.EventMessageReactionAdd), `{"message_id":"9","channel_id":"4","user_id":"2","emoji":{"name":"x"}}`)
	f.Add(uint8(model.EventPresenceUpdate), `{"guild_id":"1","user":{"id":"2"},"status":"online","activities":[{"name":"a","timestamps":{"start":1}}]}`)
	f.Add(uint8(model.EventThreadListSync), `{"guild_id":"1","channel_ids":["4"],"threads":[{"id":"6","type":11,"parent_id":"4"}]}`)
	f.Fuzz(func(t *testing.T, typ uint8, d string) {
		c := cache.New(memory.New(), &cache.Options{Messages: 2})
		base := `{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"1","owner_id":"2","members":[{"user":{"id":"2","username":"x"},"roles":[]}],"channels":[{"id":"4","type":0}]}}`
		ev, err := model.ParseEvent([]byte(base))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Apply(0, ev); err != nil {
			t.Fatal(err)
		}
		name := types[int(typ)%len(types)].String()
		payload := []byte(fmt.Sprintf(`{"op":0,"s":2,"t":%q,"d":%s}`, name, d))
		ev, err = model.ParseEvent(payload)
		if err != nil {
			return
		}
		_ = c.Apply(0, ev)
		_ = c.Stats()
		_ = c.GuildStats(1)
		for range c.Members(1) {
		}
		for range c.Messages(4) {
		}
		_, _ = c.ChannelPermissions(4, 2)
	})
}
