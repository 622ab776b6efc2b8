package rest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// noLimits is a fake without rate limits, so that walks of many pages
// run at once.
var noLimits = &discordtest.Options{Guilds: 3, REST: discordtest.RESTOptions{
	GlobalLimit:   -1,
	RateLimitFunc: func(string, discordtest.RateLimit) discordtest.RateLimit { return discordtest.RateLimit{} },
}}

func TestAllMembersWalksEveryPage(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	want := s.World().Members(g)
	is.True(len(want) > 7) // enough members for several pages

	var got []model.UserID
	for m, err := range c.AllMembers(ctx, g, &rest.MembersQuery{Limit: 3}, 0) {
		is.NoErr(err)
		got = append(got, m.User.ID)
	}
	is.Equal(len(got), len(want)) // every member, once
	is.True(slices.IsSorted(got)) // in user ID order, page after page

	got = got[:0]
	for m, err := range c.AllMembers(ctx, g, &rest.MembersQuery{Limit: 3}, 5) {
		is.NoErr(err)
		got = append(got, m.User.ID)
	}
	is.Equal(len(got), 5) // stops at the bound, across two pages

	n := 0
	for _, err := range c.AllMembers(ctx, g, &rest.MembersQuery{Limit: 2}, 0) {
		is.NoErr(err)
		if n++; n == 3 {
			break // the caller stops the walk
		}
	}
	is.Equal(n, 3)
}

func TestAllMessagesBothDirections(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	before := len(s.Messages(ch))
	var sent []model.MessageID
	for i := range 7 {
		m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: fmt.Sprint("m", i)})
		is.NoErr(err)
		sent = append(sent, m.ID)
	}

	var back []model.MessageID
	for m, err := range c.AllMessages(ctx, ch, &rest.MessagesQuery{Limit: 2}, 0) {
		is.NoErr(err)
		back = append(back, m.ID)
	}
	is.Equal(len(back), before+7)            // every message
	is.True(slices.IsSortedFunc(back, desc)) // newest first
	is.Equal(back[:7], reversed(sent))       // the newest are those just sent

	var fwd []model.MessageID
	for m, err := range c.AllMessages(ctx, ch, &rest.MessagesQuery{After: sent[0], Limit: 2}, 0) {
		is.NoErr(err)
		fwd = append(fwd, m.ID)
	}
	is.Equal(fwd, sent[1:]) // oldest first after the cursor, over three pages

	_, err := firstErr(c.AllMessages(ctx, ch, &rest.MessagesQuery{Around: sent[3]}, 0))
	var ve *rest.ValidationError
	is.True(errors.As(err, &ve)) // around is not a walk
}

func TestAllBansAndGuilds(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	members := s.World().Members(g)
	var banned []model.UserID
	for _, m := range members[len(members)-5:] {
		is.NoErr(c.CreateBan(ctx, g, m.User.ID, nil))
		banned = append(banned, m.User.ID)
	}
	slices.Sort(banned)
	var got []model.UserID
	for b, err := range c.AllBans(ctx, g, &rest.BansQuery{Limit: 2}, 0) {
		is.NoErr(err)
		got = append(got, b.User.ID)
	}
	is.Equal(got, banned) // three pages of bans, in user ID order

	var guilds []model.GuildID
	for pg, err := range c.AllMyGuilds(ctx, &rest.GuildsQuery{Limit: 1}, 0) {
		is.NoErr(err)
		guilds = append(guilds, pg.ID)
	}
	is.Equal(len(guilds), len(s.World().Guilds())) // one guild a page
	is.True(slices.IsSorted(guilds))
}

func TestWalkStopsOnContext(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	g, _ := textChannel(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.AllMembers(ctx, g, &rest.MembersQuery{Limit: 2}, 0) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 2 {
			cancel() // the next page is not asked for
		}
	}
	is.Equal(n, 2)
	is.True(errors.Is(last, context.Canceled)) // the walk ends with ctx's error
}

func desc(a, b model.MessageID) int { return cmpID(b, a) }

func cmpID(a, b model.MessageID) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func reversed[T any](s []T) []T {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func firstErr[T any](seq func(func(T, error) bool)) (T, error) {
	var zero T
	for v, err := range seq {
		return v, err
	}
	return zero, nil
}

func TestAllThreadMembersAndArchivedThreads(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	members := s.World().Members(g)

	th, err := c.StartThread(ctx, ch, &rest.ThreadCreate{Name: "walk", Type: model.ChannelPublicThread})
	is.NoErr(err)
	added := 0
	for _, m := range members {
		if m.User.ID == s.World().Bot().ID || added == 5 {
			continue
		}
		is.NoErr(c.AddThreadMember(ctx, th.ID, m.User.ID))
		added++
	}
	var ids []model.UserID
	before := routeHits(c, "GET /channels/{channel_id}/thread-members", 200)
	for tm, err := range c.AllThreadMembers(ctx, th.ID, &rest.ThreadMembersQuery{Limit: 2}, 0) {
		is.NoErr(err)
		is.True(tm.Member != nil) // asked with_member=true, though q did not
		ids = append(ids, tm.UserID)
	}
	is.Equal(len(ids), added+1)   // every member, the bot too
	is.True(slices.IsSorted(ids)) // in user ID order
	pages := routeHits(c, "GET /channels/{channel_id}/thread-members", 200) - before
	is.Equal(pages, len(ids)/2+1) // pages of two, without with_member in q

	ids = ids[:0]
	for tm, err := range c.AllThreadMembers(ctx, th.ID, &rest.ThreadMembersQuery{Limit: 2}, 3) {
		is.NoErr(err)
		ids = append(ids, tm.UserID)
	}
	is.Equal(len(ids), 3) // keeps to most
}

// TestAllArchivedThreadsPages walks archived threads by archive time
// against a server that pages as Discord does (the fake answers them in
// one page).
func TestAllArchivedThreadsPages(t *testing.T) {
	is := is.New(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c, n := hostile(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		before := base.Add(time.Hour)
		if b := r.URL.Query().Get("before"); b != "" {
			before, _ = time.Parse(time.RFC3339Nano, b)
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var threads []string
		for i := 9; i >= 0 && len(threads) <= limit; i-- { // ten threads, archived a minute apart
			at := base.Add(time.Duration(i) * time.Minute)
			if at.Before(before) {
				threads = append(threads, fmt.Sprintf(`{"id":"%d","type":11,"thread_metadata":{"archived":true,"archive_timestamp":%q}}`, 100+i, at.Format(time.RFC3339)))
			}
		}
		more := len(threads) > limit
		if more {
			threads = threads[:limit]
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"threads":[%s],"members":[],"has_more":%t}`, strings.Join(threads, ","), more)
	})
	var walked []model.ChannelID
	for th, err := range c.AllPublicArchivedThreads(context.Background(), 1, &rest.ArchivedThreadsQuery{Limit: 3}, 0) {
		is.NoErr(err)
		walked = append(walked, th.ID)
	}
	is.Equal(walked, []model.ChannelID{109, 108, 107, 106, 105, 104, 103, 102, 101, 100}) // most recently archived first
	is.Equal(n.Load(), int64(4))                                                          // four pages of at most three

	walked = walked[:0]
	for th, err := range c.AllPublicArchivedThreads(context.Background(), 1, &rest.ArchivedThreadsQuery{Before: base.Add(5 * time.Minute)}, 4) {
		is.NoErr(err)
		walked = append(walked, th.ID)
	}
	is.Equal(walked, []model.ChannelID{104, 103, 102, 101}) // from the cursor, to the bound
}

func TestWalkEndsWhenTheServerIgnoresTheCursor(t *testing.T) {
	is := is.New(t)
	c, n := hostile(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `[{"user":{"id":"3","username":"c"}},{"user":{"id":"1","username":"a"}},{"user":{"id":"2","username":"b"}}]`)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var ids []model.UserID
	for m, err := range c.AllMembers(ctx, 1, &rest.MembersQuery{Limit: 3}, 0) {
		is.NoErr(err)
		ids = append(ids, m.User.ID)
	}
	is.Equal(ids, []model.UserID{1, 2, 3}) // each member once, in order
	is.Equal(n.Load(), int64(2))           // the second, repeated page ends the walk
}
