package rest_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// outsider is a World user who is not a member of g.
func outsider(t *testing.T, s *discordtest.Server, g model.GuildID) model.UserID {
	t.Helper()
	for _, u := range s.World().Users() {
		if _, ok := s.World().Member(g, u.ID); !ok && !u.Bot {
			return u.ID
		}
	}
	t.Fatal("every user is a member")
	return 0
}

func TestMemberRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	w := s.World()

	newcomer := outsider(t, s, g)
	r, err := c.CreateRole(ctx, g, &rest.RoleCreate{Name: "new"})
	is.NoErr(err)
	role := r.ID
	_, err = c.AddMember(ctx, g, newcomer, &rest.MemberAdd{AccessToken: "not-a-token"})
	is.Equal(apiCode(err), 50025) // Invalid OAuth2 access token
	tok, err := s.AccessToken(newcomer)
	is.NoErr(err)
	m, err := c.AddMember(ctx, g, newcomer, &rest.MemberAdd{AccessToken: tok, Nick: "new", Roles: []model.RoleID{role}})
	is.NoErr(err)
	is.Equal(m.User.ID, newcomer)
	wm, ok := w.Member(g, newcomer)
	is.True(ok) // a member now
	is.Equal(*wm.Nick, "new")
	is.NoErr(c.RemoveMemberRole(ctx, g, newcomer, role))
	wm, _ = w.Member(g, newcomer)
	is.True(!slices.Contains(wm.Roles, role)) // the role is taken away

	found, err := c.SearchMembers(ctx, g, &rest.MemberSearchQuery{Query: wm.User.Username[:3], Limit: 10})
	is.NoErr(err)
	is.True(slices.ContainsFunc(found, func(m model.Member) bool { return m.User.ID == newcomer })) // by username prefix
	page, err := c.Members(ctx, g, &rest.MembersQuery{Limit: 2})
	is.NoErr(err)
	is.Equal(len(page), 2)
	is.True(page[0].User.ID < page[1].User.ID)

	is.NoErr(c.Kick(ctx, g, newcomer))
	_, ok = w.Member(g, newcomer)
	is.True(!ok) // kicked

	victims := otherMembers(s, g, 3)[1:]
	res, err := c.BulkBan(ctx, g, &rest.BulkBanCreate{UserIDs: append(slices.Clone(victims), 1)})
	is.NoErr(err)
	is.Equal(res.BannedUsers, victims)
	is.Equal(res.FailedUsers, []model.UserID{1}) // no such user
	for _, v := range victims {
		_, ok := w.Member(g, v)
		is.True(!ok) // banned members leave
	}

	me, err := c.ModifyCurrentMember(ctx, g, &rest.CurrentMemberModify{Nick: rest.Some("gloam")})
	is.NoErr(err)
	is.Equal(*me.Nick, "gloam")
	oauth := rest.NewClient(discordtest.DefaultBearerToken, &rest.Options{BaseURL: s.URL(), Bearer: true})
	mine, err := oauth.MyGuildMember(ctx, g)
	is.NoErr(err)
	is.Equal(*mine.Nick, "gloam") // read back
}

func TestRoleRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	roles, err := c.Roles(ctx, g)
	is.NoErr(err)
	is.Equal(len(roles), len(s.World().Roles(g)))
	r, err := c.CreateRole(ctx, g, &rest.RoleCreate{Name: "mods"})
	is.NoErr(err)
	mod, err := c.ModifyRole(ctx, g, r.ID, &rest.RoleModify{Name: rest.Some("admins"), Hoist: rest.Some(true), Color: rest.Some(0xff0000)})
	is.NoErr(err)
	is.Equal(mod.Name, "admins")
	is.True(mod.Hoist)
	got, err := c.Role(ctx, g, r.ID)
	is.NoErr(err)
	is.Equal(got.Name, "admins") // kept
	is.Equal(got.Color, 0xff0000)

	member := otherMembers(s, g, 1)[0]
	is.NoErr(c.AddMemberRole(ctx, g, member, r.ID))
	counts, err := c.RoleMemberCounts(ctx, g)
	is.NoErr(err)
	is.Equal(counts[r.ID], 1) // the member who has it

	placed, err := c.SetRolePositions(ctx, g, []rest.RolePosition{{ID: r.ID, Position: rest.Some(1)}})
	is.NoErr(err)
	i := slices.IndexFunc(placed, func(x model.Role) bool { return x.ID == r.ID })
	is.True(i >= 0)
	is.Equal(placed[i].Position, 1) // the answer lists every role, moved
}

func TestGuildSettingsRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)

	mod, err := c.ModifyGuild(ctx, g, &rest.GuildModify{Name: ptr("renamed"), SystemChannelID: rest.Some(ch)})
	is.NoErr(err)
	is.Equal(mod.Name, "renamed")
	wg, _ := s.World().Guild(g)
	is.Equal(wg.Name, "renamed") // in the World
	pre, err := c.GuildPreview(ctx, g)
	is.NoErr(err)
	is.Equal(pre.Name, "renamed")

	ws, err := c.ModifyWelcomeScreen(ctx, g, &rest.WelcomeScreenModify{Enabled: rest.Some(true), Description: rest.Some("hi"),
		WelcomeChannels: rest.Some([]model.WelcomeScreenChannel{{ChannelID: ch, Description: "talk"}})})
	is.NoErr(err)
	is.Equal(*ws.Description, "hi")
	back, err := c.WelcomeScreen(ctx, g)
	is.NoErr(err)
	is.Equal(back.WelcomeChannels[0].ChannelID, ch) // kept

	set, err := c.ModifyWidget(ctx, g, &rest.WidgetModify{Enabled: ptr(true), ChannelID: rest.Some(ch)})
	is.NoErr(err)
	is.True(set.Enabled)
	got, err := c.WidgetSettings(ctx, g)
	is.NoErr(err)
	is.Equal(got.ChannelID, ch)
	wid, err := c.Widget(ctx, g)
	is.NoErr(err)
	is.Equal(wid.ID, g)
	is.True(len(wid.Channels) > 0) // the voice channels
	online := 0
	for _, p := range s.World().Presences(g) {
		if p.Status != "offline" {
			online++
		}
	}
	is.Equal(wid.PresenceCount, online) // and who is online
	_, err = c.ModifyWidget(ctx, g, &rest.WidgetModify{Enabled: ptr(false)})
	is.NoErr(err)
	_, err = c.Widget(ctx, g)
	is.Equal(apiCode(err), 50004) // Widget Disabled
	png, err := c.WidgetImage(ctx, g, &rest.WidgetImageQuery{Style: "banner1"})
	is.NoErr(err)
	is.Equal(string(png[1:4]), "PNG") // an image

	until := model.NewTimestamp(time.Now().Add(time.Hour).Truncate(time.Second))
	_, err = c.SetIncidentActions(ctx, g, &rest.IncidentActions{DMsDisabledUntil: &until})
	is.NoErr(err)
	gd, err := c.Guild(ctx, g, nil)
	is.NoErr(err)
	is.True(gd.IncidentsData != nil && gd.IncidentsData.DMsDisabledUntil.Equal(until.Time)) // kept in the guild
	is.True(gd.IncidentsData.InvitesDisabledUntil.IsZero())
	late := model.NewTimestamp(time.Now().Add(48 * time.Hour))
	_, err = c.SetIncidentActions(ctx, g, &rest.IncidentActions{InvitesDisabledUntil: &late})
	is.Equal(apiCode(err), 50035) // at most a day ahead

	home, err := c.NewMemberWelcome(ctx, g)
	is.NoErr(err)
	is.Equal(home.GuildID, g)

	regions, err := c.GuildVoiceRegions(ctx, g)
	is.NoErr(err)
	all, err := c.VoiceRegions(ctx)
	is.NoErr(err)
	is.True(len(regions) > 0 && len(all) >= len(regions))

	n, err := c.BeginPrune(ctx, g, &rest.Prune{Days: 7, ComputeCount: ptr(true)})
	is.NoErr(err)
	left := len(s.World().Members(g))
	is.True(n >= 0)
	is.Equal(len(wg.Members)-n, left) // the pruned members are gone

	user := otherMembers(s, g, 1)[0]
	id, err := s.AddJoinRequest(g, user)
	is.NoErr(err)
	reqs, err := c.JoinRequests(ctx, g, &rest.JoinRequestsQuery{Status: rest.JoinRequestSubmitted, Limit: 10})
	is.NoErr(err)
	is.Equal(reqs.Total, 1)
	is.Equal(reqs.Requests[0].ID, id)
	done, err := c.ActOnJoinRequest(ctx, g, id, &rest.JoinRequestAction{Action: rest.JoinRequestApproved})
	is.NoErr(err)
	is.Equal(done.ApplicationStatus, rest.JoinRequestApproved)
}

func TestVoiceAndStageRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	stage, err := c.CreateChannel(ctx, g, &rest.ChannelCreate{Name: "stage", Type: model.ChannelGuildStageVoice})
	is.NoErr(err)
	user := otherMembers(s, g, 1)[0]
	is.NoErr(s.JoinVoice(g, user, stage.ID))
	vs, err := c.VoiceState(ctx, g, user)
	is.NoErr(err)
	is.Equal(vs.ChannelID, stage.ID)
	is.NoErr(c.ModifyVoiceState(ctx, g, user, &rest.VoiceStateModify{ChannelID: stage.ID, Suppress: ptr(false)}))
	vs, err = c.VoiceState(ctx, g, user)
	is.NoErr(err)
	is.True(!vs.Suppress) // invited to speak

	si, err := c.CreateStageInstance(ctx, &rest.StageInstanceCreate{ChannelID: stage.ID, Topic: "talk"})
	is.NoErr(err)
	is.Equal(si.Topic, "talk")
	si, err = c.ModifyStageInstance(ctx, stage.ID, &rest.StageInstanceModify{Topic: ptr("new talk")})
	is.NoErr(err)
	is.Equal(si.Topic, "new talk")
	got, err := c.StageInstance(ctx, stage.ID)
	is.NoErr(err)
	is.Equal(got.Topic, "new talk") // kept
	is.NoErr(c.DeleteStageInstance(ctx, stage.ID))
	_, err = c.StageInstance(ctx, stage.ID)
	is.Equal(apiCode(err), 10067) // Unknown Stage Instance

	voice := s.World().Channels(g)
	i := slices.IndexFunc(voice, func(ch discordtest.Channel) bool { return ch.Type == model.ChannelGuildVoice })
	is.True(i >= 0)
	is.NoErr(c.SetVoiceStatus(ctx, voice[i].ID, "chilling"))
	wch, _ := s.World().Channel(voice[i].ID)
	is.Equal(*wch.Status, "chilling") // the channel's status
	is.NoErr(c.SetVoiceStatus(ctx, voice[i].ID, ""))
	wch, _ = s.World().Channel(voice[i].ID)
	is.True(wch.Status == nil) // cleared
	err = c.SetVoiceStatus(ctx, stage.ID, "x")
	is.Equal(apiCode(err), 50024) // voice channels only
	snd, err := c.CreateGuildSound(ctx, g, &rest.SoundCreate{Name: "boop", Sound: "data:audio/ogg;base64,T2dnUw=="})
	is.NoErr(err)
	is.NoErr(s.JoinVoice(g, s.World().Bot().ID, voice[i].ID))
	is.NoErr(c.SendSoundboardSound(ctx, voice[i].ID, snd.SoundID, 0))
}
