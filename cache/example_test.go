package cache_test

import (
	"fmt"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
)

func Example() {
	c := cache.New(memory.New(), &cache.Options{Messages: 50})

	// A gateway hands every payload to Apply, with its shard.
	for _, payload := range []string{
		`{"op":0,"s":1,"t":"READY","d":{"session_id":"abc","resume_gateway_url":"wss://g.example",
		  "user":{"id":"1","username":"bot","bot":true},"guilds":[{"id":"100","unavailable":true}]}}`,
		`{"op":0,"s":2,"t":"GUILD_CREATE","d":{"id":"100","name":"Gophers","owner_id":"10",
		  "roles":[{"id":"100","name":"@everyone","permissions":"1024"},
		           {"id":"101","name":"mod","permissions":"8192"}],
		  "channels":[{"id":"110","type":0,"name":"general","permission_overwrites":[
		           {"id":"100","type":0,"allow":"2048","deny":"0"}]}],
		  "members":[{"user":{"id":"10","username":"owner"},"roles":[],"joined_at":"2024-01-01T00:00:00+00:00"},
		             {"user":{"id":"11","username":"alice"},"nick":"Al","roles":["101"],"joined_at":"2024-02-01T00:00:00+00:00"}]}}`,
	} {
		ev, err := model.ParseEvent([]byte(payload))
		if err != nil {
			panic(err)
		}
		if err := c.Apply(0, ev); err != nil {
			panic(err)
		}
	}

	g, _ := c.Guild(100)
	fmt.Println(g.Name, g.Unavailable)
	m, _ := c.Member(100, 11)
	u, _ := c.User(m.UserID)
	fmt.Println(u.Username, m.Nick, m.Roles)
	p, _ := c.ChannelPermissions(110, 11)
	fmt.Println(p)
	for m, u := range c.MemberUsers(100) {
		_ = m
		_ = u // every member of the guild, with its user
	}
	s, _ := c.Session(0)
	fmt.Println(s.ID, s.Seq)
	// Output:
	// Gophers false
	// alice Al [101]
	// VIEW_CHANNEL|SEND_MESSAGES|MANAGE_MESSAGES
	// abc 2
}
