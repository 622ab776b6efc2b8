package rest_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestScheduledEventRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	start := model.NewTimestamp(time.Now().Add(time.Hour).UTC().Truncate(time.Second))
	end := model.NewTimestamp(start.Add(time.Hour))
	ev, err := c.CreateScheduledEvent(ctx, g, &rest.ScheduledEventCreate{Name: "Party", EntityType: model.ScheduledEventEntityExternal,
		PrivacyLevel: model.ScheduledEventPrivacyGuildOnly, EntityMetadata: &rest.ScheduledEventLocation{Location: "here"},
		ScheduledStartTime: start, ScheduledEndTime: &end})
	is.NoErr(err)
	ev, err = c.ModifyScheduledEvent(ctx, g, ev.ID, &rest.ScheduledEventModify{Name: ptr("Big party"), Description: rest.Some("bring snacks")})
	is.NoErr(err)
	is.Equal(ev.Name, "Big party")

	users := otherMembers(s, g, 5)
	for _, u := range users {
		is.NoErr(s.AddScheduledEventUser(g, model.Snowflake(ev.ID), u))
	}
	got, err := c.ScheduledEvent(ctx, g, ev.ID, &rest.ScheduledEventsQuery{WithUserCount: true})
	is.NoErr(err)
	is.Equal(*got.Description, "bring snacks") // kept
	is.Equal(got.UserCount, len(users))        // counted
	list, err := c.ScheduledEvents(ctx, g, &rest.ScheduledEventsQuery{WithUserCount: true})
	is.NoErr(err)
	is.Equal(len(list), 1)
	is.Equal(list[0].UserCount, len(users))

	walkCase[model.ScheduledEventUser, model.UserID]{
		route: "GET /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users",
		walk: func(ctx context.Context, most int) iter.Seq2[model.ScheduledEventUser, error] {
			return c.AllScheduledEventUsers(ctx, g, ev.ID, &rest.ScheduledEventUsersQuery{Limit: 2}, most)
		},
		key:  func(u model.ScheduledEventUser) model.UserID { return u.User.ID },
		want: users,
	}.check(t, c)

	x, err := c.CreateScheduledEventException(ctx, g, ev.ID, &rest.ScheduledEventExceptionCreate{OriginalScheduledStartTime: start, IsCanceled: true})
	is.NoErr(err)
	is.True(x.IsCanceled)
	x, err = c.ModifyScheduledEventException(ctx, g, ev.ID, x.EventExceptionID, &rest.ScheduledEventExceptionModify{IsCanceled: rest.Some(false)})
	is.NoErr(err)
	is.True(!x.IsCanceled) // un-canceled
	xu, err := c.ScheduledEventExceptionUsers(ctx, g, ev.ID, x.EventExceptionID, nil)
	is.NoErr(err)
	is.Equal(len(xu), len(users)) // who is interested in the event is interested in each occurrence
	counts, err := c.ScheduledEventUserCounts(ctx, g, ev.ID, &rest.ScheduledEventUserCountsQuery{ExceptionIDs: []model.Snowflake{x.EventExceptionID}})
	is.NoErr(err)
	is.Equal(counts.Event, len(users))
	is.NoErr(c.DeleteScheduledEventException(ctx, g, ev.ID, x.EventExceptionID))
	_, err = c.ModifyScheduledEventException(ctx, g, ev.ID, x.EventExceptionID, &rest.ScheduledEventExceptionModify{IsCanceled: rest.Some(true)})
	is.Equal(apiCode(err), 10071) // Unknown Guild Scheduled Event Exception

	is.NoErr(c.DeleteScheduledEvent(ctx, g, ev.ID))
	_, err = c.ScheduledEvent(ctx, g, ev.ID, nil)
	is.Equal(apiCode(err), 10070) // Unknown Guild Scheduled Event
}
