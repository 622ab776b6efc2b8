package discordtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	"github.com/tidwall/gjson"
)

func TestFaults(t *testing.T) {
	opts := func() *discordtest.Options {
		return &discordtest.Options{Guilds: 1, IdentifyWindow: -1}
	}
	t.Run("reconnect", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, _ := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultReconnect{}))
		p := c.mustRead()
		is.Equal(p.Op, 7)
		is.Equal(string(p.D), "null")
	})
	t.Run("invalid session, resumable", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, r := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultInvalidSession{Resumable: true}))
		p := c.mustRead()
		is.Equal(p.Op, 9)
		is.Equal(string(p.D), "true")
		// Resume on the same connection works.
		c.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
		is.Equal(c.mustRead().name(), "RESUMED")
	})
	t.Run("invalid session, not resumable", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, r := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultInvalidSession{}))
		p := c.mustRead()
		is.Equal(p.Op, 9)
		is.Equal(string(p.D), "false")
		c.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
		is.Equal(c.mustRead().Op, 9) // the session is gone
		c.send(identify(srv.Token(), allUnprivileged))
		is.Equal(c.until(0, "READY").seq(), int64(1)) // a new session
	})
	t.Run("drop", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, r := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultDrop{}))
		is.Equal(c.closeCode(), -1) // no close frame
		c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
		c2.mustRead()
		c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
		is.Equal(c2.mustRead().name(), "RESUMED") // still resumable
	})
	t.Run("close", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, r := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultClose{Code: 4009}))
		is.Equal(c.closeCode(), 4009)
		c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
		c2.mustRead()
		c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
		is.Equal(c2.mustRead().Op, 9) // 4009 ends the session
		is.Equal(srv.Stats().Gateway.CloseCodesSent[4009], 1)

		var fe *discordtest.FaultError
		is.True(errors.As(srv.Fault(0, discordtest.FaultClose{Code: 1006}), &fe)) // 1006 is never sent
	})
	t.Run("zombie", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, r := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultZombie{}))
		c.send(map[string]any{"op": 1, "d": 2})
		is.NoErr(srv.Dispatch(0, "TYPING_START", map[string]any{"channel_id": "1", "user_id": "2"}))
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		c.ctx = ctx
		_, err := c.read()
		is.True(err != nil) // nothing arrives: no ACK, no dispatch
		// The dispatch was kept: a resume gets it.
		c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
		c2.mustRead()
		c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 2}})
		is.Equal(c2.mustRead().name(), "TYPING_START")
		is.Equal(c2.mustRead().name(), "RESUMED")
	})
	t.Run("slow hello", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		is.NoErr(srv.Fault(0, discordtest.FaultSlowHello{Delay: 300 * time.Millisecond}))
		start := time.Now()
		c := dial(t, srv.GatewayURL()+"?v=10&encoding=json")
		is.Equal(c.mustRead().Op, 10)
		is.True(time.Since(start) >= 300*time.Millisecond) // Hello came no sooner than the delay
		start = time.Now()
		c = dial(t, srv.GatewayURL()+"?v=10&encoding=json")
		is.Equal(c.mustRead().Op, 10) // only the next connection was slow
	})
	t.Run("request heartbeat", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		c, _ := connect(t, srv, "", allUnprivileged)
		c.until(0, "GUILD_CREATE")
		is.NoErr(srv.Fault(0, discordtest.FaultRequestHeartbeat{}))
		is.Equal(c.mustRead().Op, 1)
	})
	t.Run("no connection", func(t *testing.T) {
		is := is.New(t)
		srv := discordtest.NewServer(opts())
		defer srv.Close()
		is.True(errors.Is(srv.Fault(3, discordtest.FaultDrop{}), discordtest.ErrNoConnection))
		srv.Close()
		is.True(errors.Is(srv.Fault(0, discordtest.FaultDrop{}), discordtest.ErrClosed))
	})
}

func TestStreamFaultsByChance(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 2, Faults: discordtest.FaultOptions{Drop: 1}})
	defer srv.Close()
	c, r := connect(t, srv, "", int(model.IntentsAll)) // every event of the stream
	c.until(0, "GUILD_CREATE")
	c.until(0, "GUILD_CREATE")
	n, err := srv.Stream(context.Background(), 0, 5, 0)
	is.NoErr(err)
	is.Equal(n, 5)
	// The first event arrives, then the connection drops; the rest wait
	// in the session.
	p := c.mustRead()
	is.Equal(p.seq(), int64(4))
	is.Equal(c.closeCode(), -1)
	c2 := dial(t, r.ResumeGatewayURL+"?v=10&encoding=json")
	c2.mustRead()
	c2.send(map[string]any{"op": 6, "d": map[string]any{"token": srv.Token(), "session_id": r.SessionID, "seq": 4}})
	for i := range 4 {
		p := c2.mustRead()
		is.Equal(p.seq(), int64(5+i))
	}
	is.Equal(c2.mustRead().name(), "RESUMED")
}

func TestStreamRate(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	c, _ := connect(t, srv, "", allUnprivileged)
	c.until(0, "GUILD_CREATE")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var n int
	var err error
	go func() {
		defer close(done)
		n, err = srv.Stream(ctx, 0, 0, 1000)
	}()
	c.mustRead()
	cancel()
	<-done
	is.True(errors.Is(err, context.Canceled)) // the stream ends with ctx
	is.True(n >= 1)

	_, err = srv.Stream(context.Background(), 1, 1, 0)
	is.True(errors.Is(err, discordtest.ErrNoConnection)) // nobody on shard 1
}

// TestFaultMemberChunks: a queued cut answers the next member request with
// its first chunks only, then applies its fault; the request after it is
// answered whole.
func TestFaultMemberChunks(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, MembersPerGuild: 2500, IdentifyWindow: -1, MemberRequestWindow: -1})
	defer srv.Close()
	is.True(srv.Fault(0, discordtest.FaultMemberChunks{Then: discordtest.FaultSlowHello{}}) != nil) // only a fault on the connection follows
	is.NoErr(srv.Fault(0, discordtest.FaultMemberChunks{After: 1, Then: discordtest.FaultDrop{}}))  // queued before any connection
	c, _ := connect(t, srv, "", allUnprivileged|int(model.IntentGuildMembers))
	c.until(0, "GUILD_CREATE")
	g := srv.World().GuildIDs()[0]
	request := func(c *client, nonce string) {
		c.send(map[string]any{"op": 8, "d": map[string]any{"guild_id": g.String(), "query": "", "limit": 0, "nonce": nonce}})
	}
	request(c, "cut")
	p := c.until(0, "GUILD_MEMBERS_CHUNK")
	is.Equal(gjson.GetBytes(p.D, "chunk_index").Int(), int64(0)) // the first chunk is sent
	is.Equal(c.closeCode(), -1)                                  // then the connection drops, the other chunks with it

	c2, _ := connect(t, srv, "", allUnprivileged|int(model.IntentGuildMembers))
	c2.until(0, "GUILD_CREATE")
	request(c2, "whole")
	for i := range 3 {
		p := c2.until(0, "GUILD_MEMBERS_CHUNK")
		is.Equal(gjson.GetBytes(p.D, "nonce").String(), "whole")
		is.Equal(gjson.GetBytes(p.D, "chunk_index").Int(), int64(i)) // the next answer is whole
	}
}
