package cache_test

import (
	"fmt"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestApplyAllocs checks what applying an event allocates once the cache
// is warm: nothing for an event that only moves the sequence number or
// repeats what is stored (the decoders stay off the heap), and for a message past the channel's limit only the copies the backend
// keeps (the oldest message is dropped without copying any out).
func TestApplyAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the applier pool drops appliers at random under -race")
	}
	is := is.New(t)
	c := cache.New(memory.New(), &cache.Options{Messages: 5})
	seq := int64(0)
	event := func(name, d string) model.Event {
		seq++
		ev, err := model.ParseEvent([]byte(fmt.Sprintf(`{"op":0,"s":%d,"t":%q,"d":%s}`, seq, name, d)))
		is.NoErr(err)
		return ev
	}
	is.NoErr(c.Apply(0, event("GUILD_CREATE", `{"id":"1","name":"g","owner_id":"3","channels":[{"id":"10","type":0,"name":"general"}]}`)))
	msgs := make([]model.Event, 200)
	for i := range msgs {
		msgs[i] = event("MESSAGE_CREATE", fmt.Sprintf(`{"id":"%d","channel_id":"10","guild_id":"1","webhook_id":"9","author":{"id":"9","username":"hook"},"content":"hello","timestamp":"2025-06-01T12:00:00+00:00"}`, 100+i))
	}
	typing := event("TYPING_START", `{"channel_id":"10","guild_id":"1","user_id":"3","timestamp":1748779200}`)
	for _, ev := range msgs[:10] {
		is.NoErr(c.Apply(0, ev)) // fill the ring past its limit, warm the pools
	}

	is.NoErr(c.Apply(0, event("GUILD_MEMBER_ADD", `{"guild_id":"1","user":{"id":"3","username":"u"},"roles":[],"joined_at":"2024-01-02T00:00:00+00:00"}`)))
	for _, tc := range []struct {
		name string
		ev   model.Event
	}{
		{"an event the cache does not keep", typing},
		{"a presence", event("PRESENCE_UPDATE", `{"guild_id":"1","user":{"id":"3"},"status":"idle","client_status":{"web":"idle"},"activities":[]}`)},
		{"a presence with activities", event("PRESENCE_UPDATE", `{"guild_id":"1","user":{"id":"3"},"status":"online","client_status":{"desktop":"online"},"activities":[{"type":2,"name":"Spotify","state":"Band","details":"Track","created_at":1748775993209},{"type":4,"name":"Custom Status","state":"hi","emoji":{"name":"x"},"created_at":1748756534039}]}`)},
		{"a member", event("GUILD_MEMBER_UPDATE", `{"guild_id":"1","user":{"id":"3","username":"u"},"nick":"n","roles":[],"joined_at":"2024-01-02T00:00:00+00:00"}`)},
		{"a voice state", event("VOICE_STATE_UPDATE", `{"guild_id":"1","channel_id":"10","user_id":"3","session_id":"s","deaf":false,"mute":false,"self_deaf":false,"self_mute":true,"self_video":false,"suppress":false}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			is.NoErr(c.Apply(0, tc.ev)) // stored once
			n := testing.AllocsPerRun(100, func() {
				if err := c.Apply(0, tc.ev); err != nil {
					t.Fatal(err)
				}
			})
			is.Equal(n, 0.0) // allocations to apply it again
		})
	}

	i := 10
	n := testing.AllocsPerRun(100, func() {
		if err := c.Apply(0, msgs[i]); err != nil {
			t.Fatal(err)
		}
		i++
	})
	is.True(n <= 2)                 // the message's content and author name, copied
	is.Equal(c.Stats().Messages, 5) // the ring kept its limit
}
