package memory_test

import (
	"fmt"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
)

func ExampleNew() {
	c := cache.New(memory.New(), &cache.Options{
		Resources: cache.ResourceGuilds | cache.ResourceMembers | cache.ResourceRoles,
	})
	ev, _ := model.ParseEvent([]byte(`{"op":0,"s":1,"t":"GUILD_CREATE","d":{"id":"7","name":"g",
		"members":[{"user":{"id":"8","username":"ann"},"roles":[]}],
		"channels":[{"id":"9","type":0,"name":"general"}]}}`))
	if err := c.Apply(0, ev); err != nil {
		panic(err)
	}
	s := c.Stats()
	fmt.Println(s.Guilds, s.Members, s.Users, s.Channels)
	// Output: 1 1 1 0
}
