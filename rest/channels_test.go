package rest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// apiCode is the JSON error code of Discord's answer in err; zero for
// any other error.
func apiCode(err error) int {
	var e *rest.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestChannelLifecycle(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, text := textChannel(t, s)

	made, err := c.CreateChannel(ctx, g, &rest.ChannelCreate{Name: "news", Type: model.ChannelGuildAnnouncement, Topic: "t"})
	is.NoErr(err)
	is.Equal(made.Type, model.ChannelGuildAnnouncement)
	got, err := c.Channel(ctx, made.ID)
	is.NoErr(err)
	is.Equal(got.Name, "news") // the fake keeps what was made
	w, ok := s.World().Channel(made.ID)
	is.True(ok) // in the World
	is.Equal(w.GuildID, g)

	role := s.World().Roles(g)[1].ID
	is.NoErr(c.EditPermissions(ctx, made.ID, &model.PermissionOverwrite{ID: model.Snowflake(role), Type: model.OverwriteRole,
		Allow: model.PermissionSendMessages, Deny: model.PermissionAddReactions}))
	got, err = c.Channel(ctx, made.ID)
	is.NoErr(err)
	is.Equal(len(got.PermissionOverwrites), 1)
	is.Equal(got.PermissionOverwrites[0].Deny, model.PermissionAddReactions)
	is.NoErr(c.DeletePermission(ctx, made.ID, model.Snowflake(role)))
	got, err = c.Channel(ctx, made.ID)
	is.NoErr(err)
	is.Equal(len(got.PermissionOverwrites), 0) // the overwrite is gone

	fc, err := c.FollowChannel(ctx, made.ID, text)
	is.NoErr(err)
	is.Equal(fc.ChannelID, made.ID)
	hooks, err := c.ChannelWebhooks(ctx, text)
	is.NoErr(err)
	is.Equal(len(hooks), 1) // following made a webhook in the target
	is.Equal(hooks[0].ID, fc.WebhookID)

	m, err := c.CreateMessage(ctx, made.ID, &rest.MessageCreate{Content: "extra"})
	is.NoErr(err)
	cross, err := c.CrosspostMessage(ctx, made.ID, m.ID)
	is.NoErr(err)
	is.True(cross.Flags&model.MessageCrossposted != 0) // published

	inv, err := c.CreateInvite(ctx, made.ID, &rest.InviteCreate{MaxUses: 2})
	is.NoErr(err)
	invs, err := c.ChannelInvites(ctx, made.ID)
	is.NoErr(err)
	is.Equal(len(invs), 1)
	is.Equal(invs[0].Code, inv.Code)
	ginvs, err := c.GuildInvites(ctx, g)
	is.NoErr(err)
	is.True(len(ginvs) >= 1)
	del, err := c.DeleteInvite(ctx, inv.Code)
	is.NoErr(err)
	is.Equal(del.Code, inv.Code)
	_, err = c.Invite(ctx, inv.Code, nil)
	is.Equal(apiCode(err), 10006) // deleted: Unknown Invite

	is.NoErr(c.TriggerTyping(ctx, made.ID))
	gone, err := c.DeleteChannel(ctx, made.ID)
	is.NoErr(err)
	is.Equal(gone.ID, made.ID)
	_, ok = s.World().Channel(made.ID)
	is.True(!ok) // out of the World
	_, err = c.Channel(ctx, made.ID)
	is.Equal(apiCode(err), 10003) // Unknown Channel

	var pos []rest.ChannelPosition
	chans := s.World().Channels(g)
	for i, ch := range chans {
		if ch.Type == model.ChannelGuildText {
			pos = append(pos, rest.ChannelPosition{ID: ch.ID, Position: rest.Some(len(chans) - i)})
		}
	}
	is.NoErr(c.SetChannelPositions(ctx, g, pos))
	w, _ = s.World().Channel(pos[0].ID)
	want, _ := pos[0].Position.Get()
	is.Equal(w.Position, want) // moved
}

func TestReactionsAndPins(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	users := otherMembers(s, g, 2)
	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "x"})
	is.NoErr(err)
	for _, e := range []string{"👍", "🎉"} {
		is.NoErr(c.AddReaction(ctx, ch, m.ID, e))
		is.NoErr(s.React(ch, m.ID, users[0], e))
		is.NoErr(s.React(ch, m.ID, users[1], e))
	}
	count := func(emoji string) int {
		got, ok := s.Message(ch, m.ID)
		is.True(ok)
		for _, r := range got.Reactions {
			if *r.Emoji.Name == emoji {
				return r.Count
			}
		}
		return 0
	}
	is.Equal(count("👍"), 3)
	is.NoErr(c.DeleteUserReaction(ctx, ch, m.ID, "👍", users[0]))
	is.Equal(count("👍"), 2) // one user's reaction
	is.NoErr(c.DeleteEmojiReactions(ctx, ch, m.ID, "👍"))
	is.Equal(count("👍"), 0) // every user's, for one emoji
	is.Equal(count("🎉"), 3)
	is.NoErr(c.DeleteAllReactions(ctx, ch, m.ID))
	is.Equal(count("🎉"), 0) // all

	var ids []model.MessageID
	for range 3 {
		p, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "pin me"})
		is.NoErr(err)
		is.NoErr(c.PinMessage(ctx, ch, p.ID))
		ids = append(ids, p.ID)
	}
	var pinned []model.MessageID
	for p, err := range c.AllPins(ctx, ch, &rest.PinsQuery{Limit: 1}, 0) {
		is.NoErr(err)
		pinned = append(pinned, p.Message.ID)
	}
	is.Equal(pinned, reversed(ids)) // most recently pinned first, one page each
	is.NoErr(c.UnpinMessage(ctx, ch, ids[1]))
	got, _ := s.Message(ch, ids[1])
	is.True(!got.Pinned) // unpinned
	l, err := c.ListPins(ctx, ch, nil)
	is.NoErr(err)
	is.Equal(len(l.Items), 2)
}

func TestThreadRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	user := otherMembers(s, g, 1)[0]
	m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "start here"})
	is.NoErr(err)
	th, err := c.StartThreadFromMessage(ctx, ch, m.ID, &rest.ThreadCreate{Name: "from message"})
	is.NoErr(err)
	is.Equal(th.ID, model.ChannelID(m.ID)) // a message's thread has its ID
	is.Equal(th.Type, model.ChannelPublicThread)

	is.NoErr(c.LeaveThread(ctx, th.ID))
	_, err = c.ThreadMember(ctx, th.ID, s.World().Bot().ID, nil)
	is.Equal(apiCode(err), 10007) // left: Unknown Member
	is.NoErr(c.JoinThread(ctx, th.ID))
	is.NoErr(c.AddThreadMember(ctx, th.ID, user))
	is.NoErr(c.RemoveThreadMember(ctx, th.ID, user))
	members, err := c.ThreadMembers(ctx, th.ID, nil)
	is.NoErr(err)
	is.Equal(len(members), 1) // the bot again, and not the removed user
	is.Equal(members[0].UserID, s.World().Bot().ID)

	active, err := c.ActiveThreads(ctx, g)
	is.NoErr(err)
	is.Equal(len(active.Threads), 1)
	is.Equal(active.Threads[0].ID, th.ID)
	is.Equal(len(active.Members), 1) // the bot's membership

	priv, err := c.StartThread(ctx, ch, &rest.ThreadCreate{Name: "private", Type: model.ChannelPrivateThread})
	is.NoErr(err)
	_, err = c.ModifyChannel(ctx, priv.ID, &rest.ChannelModify{Archived: ptr(true)})
	is.NoErr(err)
	l, err := c.PrivateArchivedThreads(ctx, ch, nil)
	is.NoErr(err)
	is.Equal(len(l.Threads), 1)
	is.Equal(l.Threads[0].ID, priv.ID)
	is.True(!l.HasMore)

	found, err := c.SearchThreads(ctx, ch, &rest.ThreadSearchQuery{Name: "from"})
	is.NoErr(err)
	is.Equal(found.TotalResults, 1)
	is.Equal(found.Threads[0].ID, th.ID)
	hits, err := c.SearchMessages(ctx, g, &rest.MessageSearchQuery{Content: "start"})
	is.NoErr(err)
	is.True(hits.TotalResults >= 1)
	is.Equal(hits.Messages[0][0].ID, m.ID)
}

func TestInviteTargetUsers(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	users := otherMembers(s, g, 2)
	inv, err := c.CreateInvite(ctx, ch, nil)
	is.NoErr(err)

	job, err := c.InviteTargetUsersStatus(ctx, inv.Code)
	is.NoErr(err)
	is.Equal(job.Status, model.InviteTargetUsersJobUnspecified) // no file yet
	csv := "user_id\n" + users[0].String() + "\n" + users[1].String() + "\n"
	is.NoErr(c.SetInviteTargetUsers(ctx, inv.Code, rest.File{Name: "users.csv", Reader: strings.NewReader(csv)}))
	job, err = c.InviteTargetUsersStatus(ctx, inv.Code)
	is.NoErr(err)
	is.Equal(job.Status, model.InviteTargetUsersJobCompleted)
	is.Equal(job.TotalUsers, int64(2)) // the file's users
	is.Equal(job.ProcessedUsers, int64(2))
	back, err := c.InviteTargetUsers(ctx, inv.Code)
	is.NoErr(err)
	is.Equal(string(back), csv) // the same users, as CSV
	got, err := c.Invite(ctx, inv.Code, nil)
	is.NoErr(err)
	is.Equal(got.Code, inv.Code)
}
