package core_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gloamdev/gloam/core"
	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/gateway"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func cachedMembers(bot *core.Bot, g model.GuildID) int {
	n := 0
	for range bot.Cache().Members(g) {
		n++
	}
	return n
}

// steady are the options of a test that sends commands over one
// connection and waits for their answers: with Discord's heartbeat
// interval, no heartbeat falls within the test, so the connection cannot
// be taken for a zombie on a loaded machine; a command sent on a
// connection as it closes is lost, as it is with Discord.
func steady(o discordtest.Options) *discordtest.Options {
	o.HeartbeatInterval = discordtest.DefaultHeartbeatInterval
	return fast(o)
}

func TestRequestGuildMembersConcurrent(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(steady(discordtest.Options{Guilds: 1, MembersPerGuild: 2500, MemberRequestWindow: -1}))
	defer srv.Close()
	o := options(srv)
	o.Intents |= model.IntentGuildPresences
	bot := core.New(srv.Token(), o)
	var others atomic.Int64 // chunks seen by an ordinary listener
	core.On(bot, func(ctx context.Context, ev core.Event, c *model.GuildMembersChunk) { others.Add(1) })
	stop := run(bot)
	defer stop()
	waitFor(t, "the shard", connected(bot, 1))
	w := srv.World()
	g := w.GuildIDs()[0]
	members := w.Members(g)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	const unknown = model.UserID(12345)
	for i := range 4 {
		wg.Go(func() {
			is := is.New(t)
			switch i % 2 {
			case 0: // every member: three chunks, in order
				var idx []int
				nonces := map[string]bool{}
				n := 0
				for c, err := range bot.RequestGuildMembers(ctx, 0, gateway.RequestGuildMembers{GuildID: g, Query: new(""), Presences: true}) {
					is.NoErr(err)
					is.Equal(c.GuildID, g)
					is.Equal(c.ChunkCount, 3) // 2501 members in chunks of 1000
					idx = append(idx, c.ChunkIndex)
					nonces[c.Nonce] = true
					n += len(c.Members)
				}
				is.Equal(idx, []int{0, 1, 2}) // the sequence ends on the last chunk
				is.Equal(len(nonces), 1)      // one nonce per request
				is.Equal(n, len(members))     // every member, once
			case 1: // by ids, one of them unknown
				ids := []model.UserID{members[3].User.ID, unknown, members[7].User.ID}
				got, err := bot.GuildMembers(ctx, 0, gateway.RequestGuildMembers{GuildID: g, UserIDs: ids, Presences: true})
				is.NoErr(err)
				is.Equal(len(got.Members), 2)
				is.Equal(got.NotFound, []model.Snowflake{model.Snowflake(unknown)}) // the unknown id
				for _, p := range got.Presences {
					is.True(p.User.ID == ids[0] || p.User.ID == ids[2]) // presences of the members asked for only
				}
			}
		})
	}
	wg.Wait()
	is.Equal(others.Load(), int64(2*3+2)) // the chunks reach listeners too
	waitFor(t, "the chunked members in the cache", func() bool { return cachedMembers(bot, g) == len(members) })
}

func TestRequestGuildMembersEnds(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(steady(discordtest.Options{Guilds: 1}))
	defer srv.Close()
	bot := core.New(srv.Token(), options(srv))

	_, err := bot.GuildMembers(context.Background(), time.Second, gateway.RequestGuildMembers{GuildID: 1, Query: new("")})
	is.True(errors.Is(err, core.ErrNoShard)) // before Run, no shard

	stop := run(bot)
	defer stop()
	waitFor(t, "the shard", connected(bot, 1))
	g := srv.World().GuildIDs()[0]

	_, err = bot.GuildMembers(context.Background(), 200*time.Millisecond, gateway.RequestGuildMembers{GuildID: 999 << 22, Query: new("")})
	is.True(errors.Is(err, core.ErrMembersTimeout)) // Discord does not answer for a guild it does not know

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = bot.GuildMembers(ctx, 0, gateway.RequestGuildMembers{GuildID: g, Query: new("")})
	is.True(errors.Is(err, context.Canceled)) // ctx ends it

	_, err = bot.GuildMembers(context.Background(), 10*time.Second, gateway.RequestGuildMembers{GuildID: g})
	var pe *gateway.PayloadError
	is.True(errors.As(err, &pe)) // neither a query nor ids

	all, err := bot.GuildMembers(context.Background(), 10*time.Second, gateway.RequestGuildMembers{GuildID: g, Query: new("")})
	is.NoErr(err)
	is.Equal(len(all.Members), len(srv.World().Members(g)))
	_, err = bot.GuildMembers(context.Background(), 10*time.Second, gateway.RequestGuildMembers{GuildID: g, Query: new("")})
	var rl *core.MembersRateLimitedError
	is.True(errors.As(err, &rl)) // a second request for all members within 30 s
	is.Equal(rl.GuildID, g)
	is.True(rl.RetryAfter > 0 && rl.RetryAfter <= 30*time.Second)

	// Breaking off a range leaves nothing registered that would hold
	// delivery up: the next events still arrive.
	for c, err := range bot.RequestGuildMembers(context.Background(), 10*time.Second, gateway.RequestGuildMembers{GuildID: g, Query: new("m")}) {
		is.NoErr(err)
		_ = c
		break
	}
	_, err = bot.GuildMembers(context.Background(), 10*time.Second, gateway.RequestGuildMembers{GuildID: g, UserIDs: []model.UserID{srv.World().Members(g)[0].User.ID}})
	is.NoErr(err)
}

// TestChunkGuilds: with ChunkGuilds the members of large guilds reach the
// cache without a request of the bot's own, and they stay cached when the
// guild's next GUILD_CREATE (after a new session) holds fewer of them.
func TestChunkGuilds(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(steady(discordtest.Options{Guilds: 3, MembersPerGuild: 300}))
	defer srv.Close()
	o := options(srv)
	o.ChunkGuilds = true
	bot := core.New(srv.Token(), o)
	var creates atomic.Int64
	core.On(bot, func(ctx context.Context, ev core.Event, g model.GuildCreateView) { creates.Add(1) })
	stop := run(bot)
	defer stop()
	w := srv.World()
	all := func() bool {
		for _, g := range w.GuildIDs() {
			if cachedMembers(bot, g) != len(w.Members(g)) {
				return false
			}
		}
		return true
	}
	waitFor(t, "every member cached", all)
	for _, g := range w.GuildIDs() {
		is.True(cachedMembers(bot, g) > 1) // more than the bot's member
	}

	is.NoErr(srv.Fault(0, discordtest.FaultInvalidSession{Resumable: false}))
	waitFor(t, "the guilds again", func() bool { return creates.Load() == int64(2*len(w.GuildIDs())) })
	// The new GUILD_CREATEs hold only the bot's member (no presences
	// intent); the chunked members stay.
	is.True(all()) // every chunked member is still cached
}

// collectChunks ranges over a member request and returns the chunk
// indexes yielded and how many times each member came.
func collectChunks(t *testing.T, seq func(func(*model.GuildMembersChunk, error) bool)) (idx []int, seen map[model.UserID]int, notFound int) {
	seen = map[model.UserID]int{}
	for c, err := range seq {
		if err != nil {
			// t.Error, not is: this runs on the request's own goroutine.
			t.Error("every chunk arrives before the timeout:", err)
			return idx, seen, notFound
		}
		idx = append(idx, c.ChunkIndex)
		for _, m := range c.Members {
			seen[m.User.ID]++
		}
		notFound += len(c.NotFound)
	}
	return idx, seen, notFound
}

// TestRequestGuildMembersAcrossReconnect: Discord does not answer a
// member request again after its connection closes, so the bot asks again
// when the session comes back, and the caller gets every member once.
func TestRequestGuildMembersAcrossReconnect(t *testing.T) {
	all := func(t *testing.T, srv *discordtest.Server, bot *core.Bot) {
		is := is.New(t)
		g := srv.World().GuildIDs()[0]
		idx, seen, _ := collectChunks(t, bot.RequestGuildMembers(context.Background(), 20*time.Second,
			gateway.RequestGuildMembers{GuildID: g, Query: new("")}))
		is.Equal(len(idx), 3) // each of the three chunks once
		slices.Sort(idx)
		is.Equal(idx, []int{0, 1, 2})
		is.Equal(len(seen), len(srv.World().Members(g))) // every member
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("member %d came %d times", id, n)
			}
		}
		is.Equal(srv.Stats().Gateway.Commands[int(model.OpRequestGuildMembers)], 2) // sent again once
	}
	start := func(t *testing.T, o discordtest.Options, cuts ...discordtest.FaultMemberChunks) (*discordtest.Server, *core.Bot) {
		is := is.New(t)
		o.Guilds, o.MembersPerGuild = 1, 2500 // three chunks of all members
		srv := discordtest.NewServer(steady(o))
		t.Cleanup(srv.Close)
		bot := core.New(srv.Token(), options(srv))
		stop := run(bot)
		t.Cleanup(func() { stop() })
		waitFor(t, "the shard", connected(bot, 1))
		for _, c := range cuts {
			is.NoErr(srv.Fault(0, c))
		}
		return srv, bot
	}

	t.Run("resumed between chunks", func(t *testing.T) {
		is := is.New(t)
		srv, bot := start(t, discordtest.Options{MemberRequestWindow: -1},
			discordtest.FaultMemberChunks{After: 1, Then: discordtest.FaultDrop{}})
		all(t, srv, bot)
		is.True(srv.Stats().Gateway.Resumes >= 1) // the session resumed
	})
	t.Run("new session before the first chunk", func(t *testing.T) {
		is := is.New(t)
		srv, bot := start(t, discordtest.Options{MemberRequestWindow: -1},
			discordtest.FaultMemberChunks{After: 0, Then: discordtest.FaultInvalidSession{}})
		all(t, srv, bot)
		is.Equal(srv.Stats().Gateway.Resumes, 0) // READY, not RESUMED
	})
	t.Run("sent again one per second", func(t *testing.T) {
		is := is.New(t)
		const n = 4
		cuts := make([]discordtest.FaultMemberChunks, n)
		srv, bot := start(t, discordtest.Options{MemberRequestWindow: -1}, cuts...)
		g := srv.World().GuildIDs()[0]
		members := srv.World().Members(g)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				is := is.NewRelaxed(t) // on a goroutine of its own: no FailNow
				_, seen, _ := collectChunks(t, bot.RequestGuildMembers(context.Background(), 30*time.Second,
					gateway.RequestGuildMembers{GuildID: g, UserIDs: []model.UserID{members[i].User.ID}}))
				is.Equal(seen[members[i].User.ID], 1) // the member asked for, once
			})
		}
		waitFor(t, "the requests", func() bool {
			return srv.Stats().Gateway.Commands[int(model.OpRequestGuildMembers)] == n
		})
		dropped := time.Now()
		is.NoErr(srv.Fault(0, discordtest.FaultDrop{}))
		wg.Wait()
		// The last of the n requests went again n-1 seconds after the
		// first at least, not in a burst.
		is.True(time.Since(dropped) >= (n-1)*time.Second)
		is.Equal(srv.Stats().Gateway.Commands[int(model.OpRequestGuildMembers)], 2*n) // each sent again once
	})
	t.Run("several requests, all members rate limited", func(t *testing.T) {
		is := is.New(t)
		// Three answers are lost (the connection stays, then drops);
		// asked again at once, the request for all members would come
		// within Discord's window for it.
		cut := discordtest.FaultMemberChunks{After: 0}
		srv, bot := start(t, discordtest.Options{MemberRequestWindow: 6 * time.Second}, cut, cut, cut)
		g := srv.World().GuildIDs()[0]
		members := srv.World().Members(g)
		const unknown = model.UserID(12345)
		byID := [][]model.UserID{
			{members[3].User.ID, unknown, members[7].User.ID},
			{members[100].User.ID, members[2000].User.ID},
		}
		ctx := context.Background()
		var wg sync.WaitGroup
		var ended atomic.Int64
		wg.Go(func() {
			is := is.NewRelaxed(t) // on a goroutine of its own: no FailNow
			all := bot.RequestGuildMembers(ctx, 30*time.Second, gateway.RequestGuildMembers{GuildID: g, Query: new("")})
			idx, seen, _ := collectChunks(t, all)
			is.Equal(len(idx), 3)             // each chunk once
			is.Equal(len(seen), len(members)) // every member
			for _, n := range seen {
				is.Equal(n, 1) // once
			}
			ended.Add(1)
		})
		for _, ids := range byID {
			wg.Go(func() {
				is := is.NewRelaxed(t) // on a goroutine of its own: no FailNow
				_, seen, notFound := collectChunks(t, bot.RequestGuildMembers(ctx, 30*time.Second,
					gateway.RequestGuildMembers{GuildID: g, UserIDs: ids}))
				want := 0
				for _, id := range ids {
					if id != unknown {
						want++
						is.Equal(seen[id], 1) // the member asked for, once
					} else {
						is.Equal(notFound, 1) // the unknown id, once
					}
				}
				is.Equal(len(seen), want)
				ended.Add(1)
			})
		}
		waitFor(t, "the three requests", func() bool {
			return srv.Stats().Gateway.Commands[int(model.OpRequestGuildMembers)] == 3
		})
		dropped := time.Now()
		is.NoErr(srv.Fault(0, discordtest.FaultDrop{}))
		wg.Wait()
		is.Equal(ended.Load(), int64(3))              // every sequence ended
		is.True(time.Since(dropped) >= 2*time.Second) // all members waited out the window
		st := srv.Stats().Gateway
		is.Equal(st.MemberRequestsLimited, 1)                       // all members asked again too soon, once
		is.True(st.Commands[int(model.OpRequestGuildMembers)] >= 7) // each sent again, all members twice
	})
}
