package rest_test

import (
	"cmp"
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// routeHits is how many answers of a status the client had from route.
func routeHits(c *rest.Client, route string, status int) int {
	for _, rc := range c.Stats().Requests {
		if rc.Route == route && rc.Status == status {
			return int(rc.Count)
		}
	}
	return 0
}

// walkCase is one iterator walked against the fake: walk(most) walks it
// with pages of two, want is the order it must keep.
type walkCase[T any, K cmp.Ordered] struct {
	route string
	walk  func(ctx context.Context, most int) iter.Seq2[T, error]
	key   func(T) K
	want  []K
}

// check walks every page, then stops at a bound and on ctx.
func (w walkCase[T, K]) check(t *testing.T, c *rest.Client) {
	t.Helper()
	is := is.New(t)
	is.True(len(w.want) >= 5) // enough for three pages of two
	before := routeHits(c, w.route, 200)
	var got []K
	for v, err := range w.walk(context.Background(), 0) {
		is.NoErr(err)
		got = append(got, w.key(v))
	}
	is.Equal(got, w.want)                                    // every item once, in order
	is.True(routeHits(c, w.route, 200)-before >= len(got)/2) // one page of two at a time

	got = got[:0]
	for v, err := range w.walk(context.Background(), 3) {
		is.NoErr(err)
		got = append(got, w.key(v))
	}
	is.Equal(got, w.want[:3]) // stops at the bound, on the second page

	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	var last error
	for _, err := range w.walk(ctx, 0) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 2 {
			cancel() // between two pages
		}
	}
	cancel()
	is.Equal(n, 2)                             // nothing after the first page once ctx is done
	is.True(errors.Is(last, context.Canceled)) // the walk says why it stopped
}

// otherMembers are up to n members of g besides the bot, in user ID order.
func otherMembers(s *discordtest.Server, g model.GuildID, n int) []model.UserID {
	var ids []model.UserID
	for _, m := range s.World().Members(g) {
		if m.User.ID != s.World().Bot().ID {
			ids = append(ids, m.User.ID)
		}
	}
	slices.Sort(ids)
	return ids[:min(n, len(ids))]
}

func TestWalkReactionsAndPollVoters(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	users := otherMembers(s, g, 7)

	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "react", Poll: &rest.PollCreate{
		Question: model.PollMedia{Text: "Which?"},
		Answers:  []model.PollAnswer{{PollMedia: model.PollMedia{Text: "A"}}, {PollMedia: model.PollMedia{Text: "B"}}},
	}})
	is.NoErr(err)
	for _, u := range slices.Backward(users) { // reacted in the opposite order
		is.NoErr(s.React(ch, m.ID, u, "👍"))
		is.NoErr(s.Vote(ch, m.ID, u, 2))
	}
	is.True(s.Vote(ch, m.ID, users[0], 1) != nil) // one answer each unless the poll says otherwise

	walkCase[model.User, model.UserID]{
		route: "GET /channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}",
		walk: func(ctx context.Context, most int) iter.Seq2[model.User, error] {
			return c.AllReactions(ctx, ch, m.ID, "👍", &rest.ReactionsQuery{Limit: 2}, most)
		},
		key:  func(u model.User) model.UserID { return u.ID },
		want: users,
	}.check(t, c)

	walkCase[model.User, model.UserID]{
		route: "GET /channels/{channel_id}/polls/{message_id}/answers/{answer_id}",
		walk: func(ctx context.Context, most int) iter.Seq2[model.User, error] {
			return c.AllPollVoters(ctx, ch, m.ID, 2, &rest.PollVotersQuery{Limit: 2}, most)
		},
		key:  func(u model.User) model.UserID { return u.ID },
		want: users,
	}.check(t, c)

	var from []model.UserID
	for u, err := range c.AllReactions(ctx, ch, m.ID, "👍", &rest.ReactionsQuery{After: users[2], Limit: 2}, 0) {
		is.NoErr(err)
		from = append(from, u.ID)
	}
	is.Equal(from, users[3:]) // from the cursor on
	none, err := c.PollVoters(ctx, ch, m.ID, 1, nil)
	is.NoErr(err)
	is.Equal(len(none), 0) // nobody voted for A

	ended, err := c.ExpirePoll(ctx, ch, m.ID)
	is.NoErr(err)
	is.True(ended.Poll.Results.IsFinalized)
	is.Equal(ended.Poll.Results.AnswerCounts[1].Count, len(users)) // the votes are counted
	is.True(s.Vote(ch, m.ID, users[0], 2) != nil)                  // a finished poll takes no votes
}

func TestWalkThreadMembers(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	th, err := c.StartThread(ctx, ch, &rest.ThreadCreate{Name: "walk", Type: model.ChannelPublicThread})
	is.NoErr(err)
	want := []model.UserID{s.World().Bot().ID}
	for _, u := range otherMembers(s, g, 6) {
		is.NoErr(c.AddThreadMember(ctx, th.ID, u))
		want = append(want, u)
	}
	slices.Sort(want)

	walkCase[model.ThreadMember, model.UserID]{
		route: "GET /channels/{channel_id}/thread-members",
		walk: func(ctx context.Context, most int) iter.Seq2[model.ThreadMember, error] {
			return c.AllThreadMembers(ctx, th.ID, &rest.ThreadMembersQuery{WithMember: true, Limit: 2}, most)
		},
		key:  func(m model.ThreadMember) model.UserID { return m.UserID },
		want: want,
	}.check(t, c)

	page, err := c.ThreadMembers(ctx, th.ID, &rest.ThreadMembersQuery{WithMember: true, After: want[1], Limit: 3})
	is.NoErr(err)
	is.Equal(len(page), 3)
	is.Equal(page[0].UserID, want[2])         // after the cursor
	is.True(page[0].Member != nil)            // with the guild member
	is.Equal(page[0].Member.User.ID, want[2]) // of the same user
	all, err := c.ThreadMembers(ctx, th.ID, &rest.ThreadMembersQuery{Limit: 2})
	is.NoErr(err)
	is.Equal(len(all), len(want)) // without with_member, Discord (before v11) answers every member at once
	is.True(all[0].Member == nil)
	one, err := c.ThreadMember(ctx, th.ID, want[3], &rest.ThreadMemberQuery{WithMember: true})
	is.NoErr(err)
	is.Equal(one.UserID, want[3])
	is.True(one.Member != nil)
}

func TestWalkArchivedThreads(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	archive := func(typ model.ChannelType, n int, leave map[int]bool) []model.ChannelID {
		var ids []model.ChannelID
		for i := range n {
			th, err := c.StartThread(ctx, ch, &rest.ThreadCreate{Name: "t", Type: typ})
			is.NoErr(err)
			ids = append(ids, th.ID)
			if leave[i] {
				is.NoErr(c.LeaveThread(ctx, th.ID))
			}
		}
		// archived in the opposite order of creation: the newest thread
		// is the one archived longest ago
		var order []model.ChannelID
		for _, id := range slices.Backward(ids) {
			_, err := c.ModifyChannel(ctx, id, &rest.ChannelModify{Archived: ptr(true)})
			is.NoErr(err)
			order = append(order, id)
		}
		slices.Reverse(order) // most recently archived first
		return order
	}
	public := archive(model.ChannelPublicThread, 5, nil)
	private := archive(model.ChannelPrivateThread, 6, map[int]bool{1: true})
	joined := slices.DeleteFunc(slices.Clone(private), func(id model.ChannelID) bool { return id == private[1] }) // the thread the bot left
	slices.SortFunc(joined, func(a, b model.ChannelID) int { return cmp.Compare(b, a) })                          // by ID, highest first
	id := func(ch model.Channel) model.ChannelID { return ch.ID }

	for _, w := range []struct {
		route string
		want  []model.ChannelID
		walk  func(ctx context.Context, most int) iter.Seq2[model.Channel, error]
	}{
		{"GET /channels/{channel_id}/threads/archived/public", public, func(ctx context.Context, most int) iter.Seq2[model.Channel, error] {
			return c.AllPublicArchivedThreads(ctx, ch, &rest.ArchivedThreadsQuery{Limit: 2}, most)
		}},
		{"GET /channels/{channel_id}/threads/archived/private", private, func(ctx context.Context, most int) iter.Seq2[model.Channel, error] {
			return c.AllPrivateArchivedThreads(ctx, ch, &rest.ArchivedThreadsQuery{Limit: 2}, most)
		}},
		{"GET /channels/{channel_id}/users/@me/threads/archived/private", joined, func(ctx context.Context, most int) iter.Seq2[model.Channel, error] {
			return c.AllJoinedPrivateArchivedThreads(ctx, ch, &rest.JoinedArchivedThreadsQuery{Limit: 2}, most)
		}},
	} {
		walkCase[model.Channel, model.ChannelID]{route: w.route, walk: w.walk, key: id, want: w.want}.check(t, c)
	}
	is.True(!slices.Equal(joined, private[:len(joined)])) // ID order is not archive order here

	page, err := c.PublicArchivedThreads(ctx, ch, &rest.ArchivedThreadsQuery{Limit: 2})
	is.NoErr(err)
	is.True(page.HasMore)
	is.Equal(len(page.Members), 2) // the bot's memberships of the page's threads
	second, err := c.PublicArchivedThreads(ctx, ch, &rest.ArchivedThreadsQuery{Before: page.Threads[1].ThreadMetadata.ArchiveTimestamp.Time, Limit: 100})
	is.NoErr(err)
	is.Equal(len(second.Threads), 3) // archived before the cursor
	is.True(!second.HasMore)
	last, err := c.JoinedPrivateArchivedThreads(ctx, ch, &rest.JoinedArchivedThreadsQuery{Before: joined[3]})
	is.NoErr(err)
	is.Equal(len(last.Threads), 1) // below the cursor's ID
	is.Equal(last.Threads[0].ID, joined[4])
}

func TestPrivateArchivedThreadsNeedManageThreads(t *testing.T) {
	is := is.New(t)
	opts := *noLimits
	opts.REST.EnforcePermissions = true
	s, c := newServer(t, &opts, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	w := s.World()
	bot, _ := w.Member(g, w.Bot().ID)
	is.True(w.Permissions(g, ch, bot.User.ID)&model.PermissionManageThreads == 0) // the bot's role lacks it

	_, err := c.PrivateArchivedThreads(ctx, ch, nil)
	is.Equal(apiCode(err), 50013) // Missing Permissions
	_, err = c.JoinedPrivateArchivedThreads(ctx, ch, nil)
	is.NoErr(err) // its own private threads it may list
	_, err = c.PublicArchivedThreads(ctx, ch, nil)
	is.NoErr(err)
}
