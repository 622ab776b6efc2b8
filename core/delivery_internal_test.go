package core

import (
	"context"
	"testing"
	"time"

	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// TestOrderKey picks the guild of an event, else its channel, wherever
// they stand in d and whatever else d holds.
func TestOrderKey(t *testing.T) {
	for _, c := range []struct {
		name, d string
		want    uint64
	}{
		{"guild after channel", `{"channel_id":"2","guild_id":"1","content":"x"}`, 1},
		{"guild first", `{"guild_id":"1","channel_id":"2"}`, 1},
		{"DM", `{"id":"9","channel_id":"2","author":{"id":"3","guild_id":"7"},"content":"guild_id"}`, 2},
		{"null guild", `{"guild_id":null,"channel_id":"2"}`, 2},
		{"nested only", `{"member":{"guild_id":"5","channel_id":"6"}}`, 0},
		{"neither", `{"user_id":"3"}`, 0},
		{"not an object", `[1,2]`, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			is := is.New(t)
			ev, err := model.ParseEventString(`{"op":0,"s":1,"t":"MESSAGE_CREATE","d":` + c.d + `}`)
			is.NoErr(err)
			is.Equal(orderKey(ev), c.want)
		})
	}
}

// TestReadShared reads each payload type of an event once, however many
// listeners ask and however many types they ask for (more than fit in
// place included).
func TestReadShared(t *testing.T) {
	is := is.New(t)
	mev, err := model.ParseEventString(`{"op":0,"s":1,"t":"MESSAGE_CREATE","d":{"id":"1","channel_id":"2","content":"hi"}}`)
	is.NoErr(err)
	ev := Event{Event: mev, read: new(payloads)}
	reads := 0
	view := func(e model.Event) (model.MessageCreateView, error) { reads++; return e.MessageCreate() }
	decoded := func(e model.Event) (*model.MessageCreate, error) {
		reads++
		return model.DecodeAs[model.MessageCreate](e)
	}
	raw := func(e model.Event) (model.RawEvent, error) { reads++; return e.RawEvent(), nil }
	for range 3 {
		v, err := readShared(ev, view)
		is.NoErr(err)
		is.Equal(v.Content(), "hi")
		m, err := readShared(ev, decoded)
		is.NoErr(err)
		is.Equal(m.Content, "hi")
		r, err := readShared(ev, raw)
		is.NoErr(err)
		is.Equal(r.Name, "MESSAGE_CREATE")
	}
	is.Equal(reads, 3) // each type read once
	first, _ := readShared(ev, decoded)
	again, _ := readShared(ev, decoded)
	is.True(first == again) // the same struct
}

// TestListenerTimeBacklog times every event's listeners when events wait
// in the queue, where the end of one is read with the start of the next.
func TestListenerTimeBacklog(t *testing.T) {
	is := is.New(t)
	bot := New("token", nil)
	bot.Listen(func(context.Context, Event) { time.Sleep(2 * time.Millisecond) }, model.EventTypingStart)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := newDelivery(bot, ctx, ctx, 1)
	sr := &shardRun{id: 0, sh: gateway.NewShard(0, 1, "token", nil)}
	d.start([]*shardRun{sr})
	const n = 20
	for i := range n {
		ev, err := model.ParseEvent(typingStart)
		is.NoErr(err)
		ev.Seq = int64(i + 1)
		d.onEvent(sr, ev) // far faster than the listener: a backlog
	}
	d.stop()
	ls := bot.ListenerTimes()
	is.Equal(len(ls), 1)
	l := ls[0]
	is.Equal(l.Type, model.EventTypingStart)
	is.Equal(l.Count, int64(n))              // every event once
	is.True(l.Total >= n*2*time.Millisecond) // each at least its sleep
	is.Equal(l.Buckets[3], int64(0))         // none within 1 ms
	is.Equal(l.Buckets[len(l.Buckets)-1], int64(n))
}
