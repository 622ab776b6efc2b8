package rest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// TestTypedRoutes sends typed requests and reads typed answers of routes
// that took or answered raw JSON before, against the fake Discord.
func TestTypedRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)

	ob, err := c.ModifyOnboarding(ctx, g, &rest.OnboardingModify{
		Prompts: &[]rest.OnboardingPromptModify{{
			ID: 1, Title: "Games?", Type: model.OnboardingMultipleChoice,
			Options: []rest.OnboardingPromptOptionModify{{Title: "Chess", ChannelIDs: []model.ChannelID{ch}}},
		}},
		Enabled: ptr(true),
		Mode:    ptr(model.OnboardingAdvanced),
	})
	is.NoErr(err)
	is.Equal(ob.GuildID, g)
	is.Equal(len(ob.Prompts), 1)
	is.Equal(ob.Prompts[0].Options[0].ChannelIDs, []model.ChannelID{ch}) // the typed prompt made the trip
	is.Equal(ob.Mode, model.OnboardingAdvanced)
	got, err := c.Onboarding(ctx, g)
	is.NoErr(err)
	is.Equal(got.GuildID, g)

	_, err = c.ModifyOnboarding(ctx, g, &rest.OnboardingModify{Prompts: &[]rest.OnboardingPromptModify{{Title: "no options"}}})
	var ve *rest.ValidationError
	is.True(errors.As(err, &ve)) // checked before sending
	is.Equal(ve.Field, "prompts.0.options")

	until := model.NewTimestamp(time.Now().Add(time.Hour).Truncate(time.Second))
	ia, err := c.SetIncidentActions(ctx, g, &rest.IncidentActions{InvitesDisabledUntil: &until})
	is.NoErr(err)
	is.True(ia.InvitesDisabledUntil != nil && ia.InvitesDisabledUntil.Equal(until.Time)) // Discord's answer is read
	is.True(ia.DMsDisabledUntil == nil)

	_, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogMemberBanAdd, TargetID: 1, Limit: 10})
	is.NoErr(err) // typed filters
	_, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{Limit: 101})
	is.True(errors.As(err, &ve)) // a limit out of range is not sent
	is.Equal(ve.Field, "limit")

	n, err := c.PruneCount(ctx, g, &rest.PruneQuery{Days: 7, IncludeRoles: []model.RoleID{1, 2}})
	is.NoErr(err)
	want := 0 // the fake prunes members with no other role who joined over 7 days ago
	gd, _ := s.World().Guild(g)
	for _, m := range gd.Members {
		if len(m.Roles) == 0 && !m.User.Bot && m.User.ID != gd.OwnerID && m.JoinedAt.Before(time.Now().AddDate(0, 0, -7)) {
			want++
		}
	}
	is.Equal(n, want)
	_, err = c.PruneCount(ctx, g, &rest.PruneQuery{Days: 31})
	is.True(errors.As(err, &ve))

	end := model.NewTimestamp(time.Now().Add(2 * time.Hour))
	evt, err := c.CreateScheduledEvent(ctx, g, &rest.ScheduledEventCreate{Name: "Party", EntityType: model.ScheduledEventEntityExternal,
		EntityMetadata: &rest.ScheduledEventLocation{Location: "here"}, ScheduledStartTime: model.NewTimestamp(time.Now().Add(time.Hour)), ScheduledEndTime: &end})
	is.NoErr(err)
	users, err := c.ScheduledEventUsers(ctx, g, evt.ID, &rest.ScheduledEventUsersQuery{WithMember: true, Before: 5})
	is.NoErr(err)
	is.Equal(len(users), 0)

	inv, err := c.CreateInvite(ctx, ch, &rest.InviteCreate{MaxUses: 3})
	is.NoErr(err)
	back, err := c.Invite(ctx, inv.Code, &rest.InviteQuery{WithCounts: true})
	is.NoErr(err)
	is.Equal(back.Code, inv.Code)
	_, err = c.Invite(ctx, ".", nil)
	is.True(errors.As(err, &ve)) // a dot code cannot reach another route
}
