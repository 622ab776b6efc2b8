//go:build !js

package bolt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	bbolt "go.etcd.io/bbolt"
	bberrors "go.etcd.io/bbolt/errors"
)

func open(t *testing.T, path string, o *Options) *Backend {
	t.Helper()
	if o == nil {
		o = &Options{}
	}
	if !o.NoSync {
		o.NoSync = true
	}
	b, err := Open(path, o)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func tempPath(t *testing.T) string { return filepath.Join(t.TempDir(), "cache.db") }

func user(id uint64, name string) *cache.User {
	return &cache.User{ID: model.UserID(id), Username: name, Guilds: 1}
}

func put(t *testing.T, b *Backend, k cache.Key, r cache.Record) {
	t.Helper()
	if err := b.Update(func(tx cache.Tx) error { tx.Put(k, r); return nil }); err != nil {
		t.Fatal(err)
	}
}

// dump is every record, session and blob of a backend, encoded, sorted.
func dump(t *testing.T, r cache.Reader) []string {
	t.Helper()
	var out []string
	for _, k := range cache.Kinds() {
		n := 0
		for rec := range r.Scan(k, 0) {
			v, err := rec.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %x", k, v))
			n++
		}
		if n != r.Count(k, 0) {
			t.Fatalf("%s: scanned %d, counted %d", k, n, r.Count(k, 0))
		}
	}
	for shard := range 4 {
		if s, ok := r.Session(shard); ok {
			out = append(out, fmt.Sprintf("session %d %+v", shard, s))
		}
	}
	for _, name := range []string{"a", "b", "limits"} {
		if v := r.Blob(name); v != nil {
			out = append(out, fmt.Sprintf("blob %s %x", name, v))
		}
	}
	slices.Sort(out)
	return out
}

func TestBasics(t *testing.T) {
	is := is.New(t)
	b := open(t, tempPath(t), nil)
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 1}, user(1, "ann"))
	var u cache.User
	is.True(b.Get(cache.Key{Kind: cache.KindUser, ID: 1}, &u)) // the user put
	is.Equal(u.Username, "ann")
	is.True(!b.Get(cache.Key{Kind: cache.KindUser, ID: 2}, &u)) // no such user
	is.True(!b.Get(cache.Key{Kind: 99, ID: 1}, &u))             // no such kind
	is.Equal(b.Count(cache.KindUser, 0), 1)
	is.Equal(b.Count(99, 0), 0)

	// Channels are found by ID alone, and live under one guild only.
	ch := &cache.Channel{ID: 10, GuildID: 5, Name: "general"}
	put(t, b, cache.Key{Kind: cache.KindChannel, Parent: 5, ID: 10}, ch)
	var c cache.Channel
	is.True(b.Get(cache.Key{Kind: cache.KindChannel, ID: 10}, &c)) // by ID alone
	is.Equal(c.Name, "general")
	ch.GuildID = 6
	put(t, b, cache.Key{Kind: cache.KindChannel, Parent: 6, ID: 10}, ch)
	is.Equal(b.Count(cache.KindChannel, 5), 0) // moved away
	is.Equal(b.Count(cache.KindChannel, 6), 1)
	is.Equal(b.Count(cache.KindChannel, 0), 1)
	is.NoErr(b.Update(func(tx cache.Tx) error { tx.Delete(cache.Key{Kind: cache.KindChannel, ID: 10}); return nil }))
	is.True(!b.Get(cache.Key{Kind: cache.KindChannel, ID: 10}, &c)) // deleted by ID alone
	is.Equal(b.Count(cache.KindChannel, 0), 0)

	// Messages scan oldest first; DeleteAll empties a channel.
	is.NoErr(b.Update(func(tx cache.Tx) error {
		for _, id := range []uint64{30, 10, 20, 1 << 40} {
			tx.Put(cache.Key{Kind: cache.KindMessage, Parent: 7, ID: id}, &cache.Message{ID: model.MessageID(id), ChannelID: 7})
		}
		tx.Put(cache.Key{Kind: cache.KindMessage, Parent: 8, ID: 15}, &cache.Message{ID: 15, ChannelID: 8})
		return nil
	}))
	var ids []model.MessageID
	for r := range b.Scan(cache.KindMessage, 7) {
		ids = append(ids, r.(*cache.Message).ID)
	}
	is.Equal(ids, []model.MessageID{10, 20, 30, 1 << 40}) // in ID order
	is.Equal(b.Count(cache.KindMessage, 0), 5)
	is.NoErr(b.Update(func(tx cache.Tx) error { tx.DeleteAll(cache.KindMessage, 7); return nil }))
	is.Equal(b.Count(cache.KindMessage, 7), 0)
	is.Equal(b.Count(cache.KindMessage, 0), 1)

	// Sessions and blobs.
	is.NoErr(b.Update(func(tx cache.Tx) error {
		tx.SetSession(2, model.Session{ID: "abc", Seq: 42, ResumeURL: "wss://x"})
		tx.SetBlob("a", []byte("hello"))
		return nil
	}))
	s, ok := b.Session(2)
	is.True(ok)
	is.Equal(s, model.Session{ID: "abc", Seq: 42, ResumeURL: "wss://x"})
	_, ok = b.Session(3)
	is.True(!ok) // no session for shard 3
	blob := b.Blob("a")
	is.Equal(string(blob), "hello")
	blob[0] = 'j'
	is.Equal(string(b.Blob("a")), "hello") // the caller owns the bytes Blob returns
	is.NoErr(b.Update(func(tx cache.Tx) error { tx.SetBlob("a", nil); return nil }))
	is.Equal(b.Blob("a"), nil) // nil deletes
}

func TestReopen(t *testing.T) {
	is := is.New(t)
	path := tempPath(t)
	b := open(t, path, nil)
	c := cache.New(b, nil)
	for _, ev := range events(t, 300) {
		is.NoErr(c.Apply(0, ev))
	}
	is.NoErr(b.Update(func(tx cache.Tx) error { tx.SetBlob("limits", []byte{1, 2, 3}); return nil }))
	is.True(b.Count(cache.KindMember, 0) > 0)  // members applied
	is.True(b.Count(cache.KindMessage, 0) > 0) // messages applied
	want := dump(t, b)
	is.NoErr(b.Close())
	is.Equal(dump(t, b), want) // reads answer after Close

	b2 := open(t, path, nil)
	is.True(b2.Durable())       // what the file holds outlives the process
	is.Equal(dump(t, b2), want) // the same after reopening
	is.True(b2.Size() > 0)
	s, ok := b2.Session(0)
	is.True(ok)
	is.True(s.Seq > 0)
	is.Equal(s.ID, "sess")

	// Keep going on the reopened file: replace the guild, and reopen again.
	c2 := cache.New(b2, nil)
	for _, ev := range events(t, 120)[:2] {
		is.NoErr(c2.Apply(0, ev))
	}
	is.Equal(b2.Count(cache.KindMember, guildID), 120) // the guild replaced
	want = dump(t, b2)
	is.NoErr(b2.Close())
	b3 := open(t, path, nil)
	is.Equal(dump(t, b3), want)
}

func TestFlushAndClose(t *testing.T) {
	is := is.New(t)
	path := tempPath(t)
	b := open(t, path, &Options{FlushInterval: 1 << 40}) // only explicit writes
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 1}, user(1, "ann"))
	is.NoErr(b.Flush(context.Background()))
	size := b.Size()
	is.True(size > 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b.flushing <- struct{}{}
	err := b.Flush(ctx) // waits for a write in progress
	<-b.flushing
	is.True(errors.Is(err, context.Canceled))
	is.NoErr(b.Close())
	is.NoErr(b.Close())                                          // twice
	is.True(errors.Is(b.Flush(context.Background()), ErrClosed)) // Flush after Close
	err = b.Update(func(tx cache.Tx) error { return nil })
	is.True(errors.Is(err, ErrClosed)) // Update after Close
}

func TestBackgroundFlush(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"many records", Options{FlushInterval: time.Hour, FlushRecords: 10}},
		{"interval", Options{FlushInterval: 5 * time.Millisecond, FlushRecords: 1 << 30}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			b := open(t, tempPath(t), &tc.o)
			is.NoErr(b.Update(func(tx cache.Tx) error {
				for i := range uint64(20) {
					tx.Put(cache.Key{Kind: cache.KindUser, ID: i + 1}, user(i+1, "x"))
				}
				return nil
			}))
			// The flusher writes on its own, without Flush.
			for {
				b.flushing <- struct{}{} // no write in progress
				b.mu.RLock()
				n := b.d.n
				b.mu.RUnlock()
				<-b.flushing
				if n == 0 {
					break
				}
				time.Sleep(time.Millisecond)
			}
			var n int
			is.NoErr(b.db.View(func(tx *bbolt.Tx) error {
				n = tx.Bucket(bucketName(cache.KindUser)).Stats().KeyN
				return nil
			}))
			is.Equal(n, 20) // written without Flush
		})
	}
}

func TestRollback(t *testing.T) {
	is := is.New(t)
	path := tempPath(t)
	b := open(t, path, nil)
	c := cache.New(b, nil)
	for _, ev := range events(t, 50) {
		is.NoErr(c.Apply(1, ev))
	}
	is.NoErr(b.Update(func(tx cache.Tx) error { tx.SetBlob("b", []byte("kept")); return nil }))
	want := dump(t, b)
	boom := errors.New("boom")
	err := b.Update(func(tx cache.Tx) error {
		tx.DeleteAll(cache.KindMember, guildID)
		tx.DeleteAll(cache.KindChannel, guildID)
		tx.Put(cache.Key{Kind: cache.KindChannel, Parent: guildID + 1, ID: channelID}, &cache.Channel{ID: channelID, GuildID: guildID + 1})
		tx.Put(cache.Key{Kind: cache.KindMember, Parent: guildID, ID: 77}, &cache.Member{GuildID: guildID, UserID: 77})
		tx.Delete(cache.Key{Kind: cache.KindUser, ID: 1001})
		tx.Put(cache.Key{Kind: cache.KindUser, ID: 1002}, user(1002, "changed"))
		tx.SetSession(1, model.Session{ID: "other"})
		tx.SetSession(3, model.Session{ID: "new"})
		tx.SetBlob("b", nil)
		tx.SetBlob("a", []byte("new"))
		is.Equal(tx.Count(cache.KindMember, guildID), 1) // the tx sees its own writes
		return boom
	})
	is.Equal(err, boom)
	is.Equal(dump(t, b), want) // nothing changed
	var ch cache.Channel
	is.True(b.Get(cache.Key{Kind: cache.KindChannel, ID: channelID}, &ch))
	is.Equal(ch.GuildID, model.GuildID(guildID)) // back under its guild

	func() {
		defer func() { is.Equal(recover(), "panic") }()
		b.Update(func(tx cache.Tx) error {
			tx.DeleteAll(cache.KindMember, guildID)
			panic("panic")
		})
	}()
	is.Equal(dump(t, b), want) // nothing changed by a panic either

	err = b.Update(func(tx cache.Tx) error {
		tx.DeleteAll(cache.KindMember, guildID)
		tx.Put(cache.Key{Kind: 99, ID: 1}, user(1, "x"))
		return nil
	})
	is.True(err != nil) // an unknown kind fails the Update
	is.Equal(dump(t, b), want)

	// What the file holds is what memory holds.
	is.NoErr(b.Close())
	b2 := open(t, path, nil)
	is.Equal(dump(t, b2), want)
}

// TestConcurrent reads while events are applied: readers see whole
// Updates (the member count of the guild is always one of the counts an
// Update leaves), and nothing races.
func TestConcurrent(t *testing.T) {
	is := is.New(t)
	b := open(t, tempPath(t), &Options{FlushInterval: 1})
	c := cache.New(b, nil)
	evs := events(t, 200)
	is.NoErr(c.Apply(0, evs[0])) // READY
	is.NoErr(c.Apply(0, evs[1])) // GUILD_CREATE: the readers expect members from here on
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				n := 0
				for m := range c.Members(guildID) {
					if _, ok := c.User(m.UserID); !ok {
						_ = ok // a member's user may be replaced meanwhile
					}
					n++
				}
				if n == 0 {
					t.Error("no members seen")
					return
				}
				c.Stats()
				c.Guild(guildID)
				for range b.Scan(cache.KindMessage, channelID) {
				}
			}
		}()
	}
	for range 3 {
		for _, ev := range evs[1:] {
			is.NoErr(c.Apply(0, ev))
		}
	}
	close(stop)
	wg.Wait()
	is.NoErr(b.Flush(context.Background()))
}

const (
	guildID   = 500
	channelID = 600
)

// events is a small gateway session: READY, a GUILD_CREATE with n members
// (users 1001...), then messages, member updates, presences, and a member
// leaving.
func events(t testing.TB, n int) []model.Event {
	t.Helper()
	var out []string
	seq := 0
	add := func(typ, d string) {
		seq++
		out = append(out, fmt.Sprintf(`{"t":%q,"s":%d,"op":0,"d":%s}`, typ, seq, d))
	}
	add("READY", `{"v":10,"user":{"id":"1","username":"bot","bot":true},"session_id":"sess",`+
		`"resume_gateway_url":"wss://resume","guilds":[{"id":"500","unavailable":true}]}`)
	var members, presences []string
	for i := range n {
		u := 1001 + i
		members = append(members, fmt.Sprintf(`{"user":{"id":"%d","username":"user%d","avatar":"0123456789abcdef0123456789abcdef"},"roles":["700"],"joined_at":"2021-01-02T03:04:05.000000+00:00","deaf":false,"mute":false}`, u, u))
		if i%4 == 0 {
			presences = append(presences, fmt.Sprintf(`{"user":{"id":"%d"},"status":"online","activities":[{"name":"game","type":0}]}`, u))
		}
	}
	add("GUILD_CREATE", fmt.Sprintf(`{"id":"500","name":"guild","owner_id":"1001","member_count":%d,`+
		`"roles":[{"id":"500","name":"@everyone","permissions":"1024"},{"id":"700","name":"mod","permissions":"8"}],`+
		`"channels":[{"id":"600","type":0,"name":"general","permission_overwrites":[{"id":"700","type":0,"allow":"1024","deny":"0"}]},{"id":"601","type":2,"name":"voice"}],`+
		`"threads":[{"id":"650","type":11,"name":"thread","parent_id":"600","guild_id":"500"}],`+
		`"emojis":[{"id":"800","name":"smile","roles":[]}],"stickers":[{"id":"900","name":"st","tags":"x","type":2,"format_type":1}],`+
		`"voice_states":[{"user_id":"1001","channel_id":"601","session_id":"v"}],`+
		`"members":[%s],"presences":[%s]}`, n, strings.Join(members, ","), strings.Join(presences, ",")))
	for i := range 150 {
		add("MESSAGE_CREATE", fmt.Sprintf(`{"id":"%d","channel_id":"600","guild_id":"500","author":{"id":"1002","username":"user1002"},"content":"hello %d","timestamp":"2024-01-01T00:00:00.000000+00:00","mentions":[],"attachments":[],"embeds":[]}`, 10000+i, i))
	}
	add("MESSAGE_DELETE", `{"id":"10149","channel_id":"600","guild_id":"500"}`)
	add("GUILD_MEMBER_UPDATE", `{"guild_id":"500","user":{"id":"1003","username":"renamed"},"nick":"nick","roles":[]}`)
	add("PRESENCE_UPDATE", `{"guild_id":"500","user":{"id":"1004"},"status":"idle","activities":[]}`)
	add("GUILD_MEMBER_REMOVE", `{"guild_id":"500","user":{"id":"1005","username":"user1005"}}`)
	add("CHANNEL_CREATE", `{"id":"602","type":0,"guild_id":"500","name":"new"}`)
	evs := make([]model.Event, len(out))
	for i, s := range out {
		ev, err := model.ParseEvent([]byte(s))
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		evs[i] = ev
	}
	return evs
}

// TestWriteFailure makes a write fail (the file may not grow): Update
// then refuses, until a write succeeds, which holds everything.
func TestWriteFailure(t *testing.T) {
	is := is.New(t)
	path := tempPath(t)
	b := open(t, path, &Options{FlushInterval: 1 << 40, FlushRecords: 1 << 30})
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 1}, user(1, "ann"))
	is.NoErr(b.Flush(context.Background()))
	b.db.MaxSize = int(b.Size()) // no room to grow
	is.NoErr(b.Update(func(tx cache.Tx) error {
		for i := range uint64(5000) {
			tx.Put(cache.Key{Kind: cache.KindUser, ID: i + 2}, user(i+2, strings.Repeat("x", 100)))
		}
		tx.SetSession(0, model.Session{ID: "s", Seq: 9})
		return nil
	}))
	err := b.Flush(context.Background())
	is.True(errors.Is(err, bberrors.ErrMaxSizeReached)) // the write failed
	err = b.Update(func(tx cache.Tx) error { return nil })
	is.True(errors.Is(err, bberrors.ErrMaxSizeReached)) // Update refuses while writes fail
	is.Equal(b.Count(cache.KindUser, 0), 5001)          // reads still answer

	b.db.MaxSize = 0
	is.NoErr(b.Flush(context.Background())) // the retry writes the failed batch
	put(t, b, cache.Key{Kind: cache.KindUser, ID: 9999}, user(9999, "last"))
	want := dump(t, b)
	is.NoErr(b.Close())
	b2 := open(t, path, nil)
	is.Equal(dump(t, b2), want) // nothing lost
}

// TestAtomicReads checks that a reader sees each Update wholly or not at
// all: every Update renames all three users at once, and a Scan never
// finds them with different names.
func TestAtomicReads(t *testing.T) {
	is := is.New(t)
	b := open(t, tempPath(t), &Options{FlushInterval: time.Millisecond})
	rename := func(n int) error {
		return b.Update(func(tx cache.Tx) error {
			for id := range uint64(3) {
				tx.Put(cache.Key{Kind: cache.KindUser, ID: id + 1}, user(id+1, fmt.Sprint(n)))
			}
			return nil
		})
	}
	is.NoErr(rename(0))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var names []string
				for r := range b.Scan(cache.KindUser, 0) {
					names = append(names, r.(*cache.User).Username)
				}
				if len(names) != 3 || names[0] != names[1] || names[1] != names[2] {
					t.Errorf("torn read: %q", names)
					return
				}
			}
		}()
	}
	for n := 1; n <= 2000; n++ {
		is.NoErr(rename(n))
	}
	close(stop)
	wg.Wait()
}
