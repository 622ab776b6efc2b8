//go:build !js

package main

import (
	binenc "encoding/binary"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/bolt"
	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	"go.etcd.io/bbolt"
)

// TestPingOffShard answers a ping on one channel while the reply to a
// ping on another waits a minute on a rate limit: the shard (the fake
// has one) goes on with its events. It also warns that the token goes
// over plain http://.
func TestPingOffShard(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Shards: 1, Guilds: 2, MembersPerGuild: 3, HeartbeatInterval: time.Second})
	defer srv.Close()
	ts := targets(srv.World())
	is.True(len(ts) >= 2) // two guilds with a text channel
	out, errs, stop := runWith(t, srv, "-http", "127.0.0.1:0")
	waitFor(t, "the shard connected", func() bool { return strings.Contains(out.String(), "shards 1/1 connected · 2 guilds") })
	is.True(strings.Contains(errs.String(), "WARNING: DISCORD_API_URL is plain http://")) // warned loudly

	// GET /health is the bot's health in core's JSON form.
	_, after, ok := strings.Cut(out.String(), "serving health on ")
	is.True(ok) // the health URL is printed
	resp, err := http.Get(strings.Fields(after)[0])
	is.NoErr(err)
	var h struct {
		core.Health
		Cache cache.Stats `json:"cache"`
	}
	is.NoErr(json.NewDecoder(resp.Body).Decode(&h)) // decodes as core.Health
	resp.Body.Close()
	is.Equal(h.ShardCount, 1)
	is.Equal(len(h.Shards), 1)
	is.Equal(h.Shards[0].State, gateway.StateConnected) // the shard's state by name
	is.Equal(h.Cache.Guilds, 2)                         // and the cache

	srv.InjectRateLimit(discordtest.RateLimitFault{Route: "POST /channels/{channel_id}/messages", Count: 1, RetryAfter: time.Minute})
	slow, err := srv.SendMessage(ts[0].channel, ts[0].user, "!ping")
	is.NoErr(err)
	time.Sleep(200 * time.Millisecond) // its reply is waiting on the rate limit
	fast, err := srv.SendMessage(ts[1].channel, ts[1].user, "!ping")
	is.NoErr(err)
	sent := time.Now()
	waitFor(t, "the second ping answered", answered(srv, ts, []model.MessageID{fast}))
	is.True(time.Since(sent) < replyTimeout) // not after the first reply gave up
	is.Equal(replies(srv, ts)[slow], 0)      // the first is still waiting
	is.NoErr(stop())                         // stops cleanly, the waiting reply included
}

// TestRunReset refuses a cache file of another version with a way out,
// and -reset takes it.
func TestRunReset(t *testing.T) {
	is := is.New(t)
	db := filepath.Join(t.TempDir(), "old.db")
	b, err := bolt.Open(db, nil)
	is.NoErr(err) // a cache file
	is.NoErr(b.Close())
	raw, err := bbolt.Open(db, 0o600, nil)
	is.NoErr(err)
	is.NoErr(raw.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binenc.BigEndian.AppendUint32(nil, 99))
	}))
	is.NoErr(raw.Close()) // of another schema version

	t.Setenv("DISCORD_TOKEN", "")
	t.Setenv("DISCORD_API_URL", "")
	args := []string{"run", "-cache", "bolt:" + db, "-for", "2s", "-progress", "0", "-fake-guilds", "1", "-fake-members", "2", "-dashboard", "off"}
	code, _, errs := runIn(args...)
	is.Equal(code, 1)                                 // refused
	is.True(strings.Contains(errs, "schema version")) // says why
	is.True(strings.Contains(errs, "-reset"))         // and the way out
	b, err = bolt.Open(db, nil)
	var schema *bolt.SchemaError
	is.True(errors.As(err, &schema)) // the file is untouched
	code, out, errs := runIn(append(args, "-reset")...)
	is.Equal(code, 0) // -reset runs
	t.Log(errs)
	is.True(strings.Contains(out, "-reset: the cache"))
	b, err = bolt.Open(db, nil)
	is.NoErr(err) // a file of this version now
	b.Close()
}

// TestDashboardBeyondLoopback warns when the dashboard, plain HTTP, listens
// where other machines reach it.
func TestDashboardBeyondLoopback(t *testing.T) {
	is := is.New(t)
	t.Setenv("DISCORD_TOKEN", "")
	t.Setenv("DISCORD_API_URL", "")
	base := []string{"run", "-cache", "memory", "-for", "1s", "-progress", "0", "-fake-guilds", "1", "-fake-members", "2", "-fake-ping", "0"}
	code, _, errs := runIn(append(base, "-dashboard", "0.0.0.0:0")...)
	is.Equal(code, 0)
	is.True(strings.Contains(errs, "WARNING: the dashboard listens on")) // warned
	code, _, errs = runIn(append(base, "-dashboard", "127.0.0.1:0")...)
	is.Equal(code, 0)
	is.True(!strings.Contains(errs, "WARNING")) // not on loopback
}
