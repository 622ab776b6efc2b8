package cache_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// applyDM applies a MESSAGE_CREATE in DM channel ch with message ID id.
func applyDM(c *cache.Cache, ch, id int) error {
	ev, err := model.ParseEvent(fmt.Appendf(nil, `{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":{"id":"%d","channel_id":"%d",`+
		`"author":{"id":"%d","username":"u"},"content":"hi","timestamp":"2025-06-01T12:00:00+00:00","type":0}}`, id, id, ch, ch+1<<20))
	if err != nil {
		return err
	}
	return c.Apply(0, ev)
}

func TestPrivateChannelsDefault(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts *cache.Options
		want int
	}{
		{"nil", nil, cache.DefaultPrivateChannels},
		{"unbounded", &cache.Options{PrivateChannels: -1}, cache.DefaultPrivateChannels + 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			c := cache.New(memory.New(), tc.opts)
			for i := range cache.DefaultPrivateChannels + 10 {
				is.NoErr(applyDM(c, 100+i, 10000+i))
			}
			is.Equal(c.Stats().DMs, tc.want) // DM channels kept
			_, ok := c.Channel(model.ChannelID(100 + cache.DefaultPrivateChannels + 9))
			is.True(ok) // the newest is always kept
		})
	}
}

// dropping is a backend whose Updates fail, dropping their writes, while
// fail is set.
type dropping struct {
	*memory.Backend
	fail bool
}

type droppedTx struct{ cache.Tx }

func (droppedTx) Put(cache.Key, cache.Record)   {}
func (droppedTx) Delete(cache.Key)              {}
func (droppedTx) DeleteAll(cache.Kind, uint64)  {}
func (droppedTx) TrimMessages(uint64, int)      {}
func (droppedTx) SetSession(int, model.Session) {}
func (droppedTx) SetBlob(string, []byte)        {}
func (b *dropping) Update(fn func(cache.Tx) error) error {
	if !b.fail {
		return b.Backend.Update(fn)
	}
	return b.Backend.Update(func(tx cache.Tx) error {
		if err := fn(droppedTx{tx}); err != nil {
			return err
		}
		return errors.New("disk full")
	})
}

// TestPrivateChannelsAfterFailedUpdate checks that a DM channel whose
// Update failed does not count against the bound.
func TestPrivateChannelsAfterFailedUpdate(t *testing.T) {
	is := is.New(t)
	b := &dropping{Backend: memory.New()}
	c := cache.New(b, &cache.Options{PrivateChannels: 2})
	is.NoErr(applyDM(c, 300, 1000))
	b.fail = true
	is.True(applyDM(c, 301, 1001) != nil) // the backend failed
	b.fail = false
	is.NoErr(applyDM(c, 302, 1002))
	_, ok := c.Channel(300)
	is.True(ok) // still kept: 301 was never stored
	_, ok = c.Channel(302)
	is.True(ok)
	is.Equal(c.Stats().DMs, 2)
}
