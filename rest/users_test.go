package rest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestUserRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	other := otherMembers(s, g, 1)[0]
	w := s.World()

	u, err := c.User(ctx, other)
	is.NoErr(err)
	wu, _ := w.User(other)
	is.Equal(u.Username, wu.Username)
	me, err := c.ModifyCurrentUser(ctx, &rest.CurrentUserModify{Username: ptr("gloamy")})
	is.NoErr(err)
	is.Equal(me.Username, "gloamy")
	is.Equal(w.Bot().Username, "gloamy") // in the World

	dm, err := c.CreateDM(ctx, other)
	is.NoErr(err)
	is.Equal(dm.Type, model.ChannelDM)
	wdm, ok := w.DMChannel(other)
	is.True(ok)
	is.Equal(wdm.ID, dm.ID) // the World's DM with that user

	guilds, err := c.MyGuilds(ctx, &rest.GuildsQuery{WithCounts: true})
	is.NoErr(err)
	is.Equal(len(guilds), len(w.Guilds()))
	is.True(guilds[0].ApproximateMemberCount > 0)

	url, err := c.Gateway(ctx)
	is.NoErr(err)
	is.True(strings.HasPrefix(url, "ws://")) // the fake's gateway

	is.NoErr(s.AddConnection(w.Bot().ID, model.Connection{ID: "octocat", Name: "octocat", Type: "github", Verified: true}))
	conns, err := c.MyConnections(ctx)
	is.NoErr(err)
	is.Equal(len(conns), 1)
	is.Equal(conns[0].Type, "github")
	is.True(conns[0].Verified)

	code := "gloam"
	is.True(w.UpdateGuild(g, func(gd *discordtest.Guild) {
		gd.VanityURLCode, gd.VanityURLUses = &code, 3
		gd.Features = append(gd.Features, "VANITY_URL")
	}))
	v, err := c.VanityURL(ctx, g)
	is.NoErr(err)
	is.Equal(*v.Code, "gloam") // the guild's
	is.Equal(v.Uses, 3)
	other2 := w.GuildIDs()[1]
	v, err = c.VanityURL(ctx, other2)
	is.NoErr(err)
	is.True(v.Code == nil) // none

	n := len(w.Guilds())
	is.NoErr(c.LeaveGuild(ctx, other2))
	is.Equal(len(w.Guilds()), n-1) // gone for the bot
	_, err = c.Guild(ctx, other2, nil)
	is.Equal(apiCode(err), 10004) // Unknown Guild
}

func TestApplicationRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	app := s.World().ApplicationID()
	oauth := rest.NewClient(discordtest.DefaultBearerToken, &rest.Options{BaseURL: s.URL(), Bearer: true})

	a, err := c.MyApplication(ctx)
	is.NoErr(err)
	is.Equal(a.ID, app)
	a, err = c.ModifyMyApplication(ctx, &rest.ApplicationModify{Description: rest.Some("a bot"), Tags: rest.Some([]string{"fun"})})
	is.NoErr(err)
	is.Equal(a.Description, "a bot")
	a, err = c.ModifyApplication(ctx, app, &rest.ApplicationModify{Description: rest.Some("a good bot")})
	is.NoErr(err)
	got, err := c.Application(ctx, app)
	is.NoErr(err)
	is.Equal(got.Description, "a good bot") // kept
	is.Equal(got.Tags, []string{"fun"})
	o, err := c.OAuth2Application(ctx)
	is.NoErr(err)
	is.Equal(o.Description, "a good bot")

	auth, err := oauth.CurrentAuthorization(ctx)
	is.NoErr(err)
	is.Equal(auth.Application.ID, app)
	is.True(auth.User != nil)
	info, err := oauth.OAuth2UserInfo(ctx)
	is.NoErr(err)
	is.Equal(info.Sub, s.World().Bot().ID.String())
	keys, err := c.OAuth2Keys(ctx)
	is.NoErr(err)
	is.Equal(len(keys.Keys), 1)
	is.Equal(keys.Keys[0].Crv, "Ed25519") // the fake signs with Ed25519
	is.True(keys.Keys[0].X != "")

	meta, err := c.SetRoleConnectionMetadata(ctx, app, []model.RoleConnectionMetadata{
		{Type: model.MetadataIntegerGreaterThanOrEqual, Key: "level", Name: "Level", Description: "Level at least"}})
	is.NoErr(err)
	is.Equal(len(meta), 1)
	meta, err = c.RoleConnectionMetadata(ctx, app)
	is.NoErr(err)
	is.Equal(meta[0].Key, "level") // kept
	rc, err := oauth.SetUserRoleConnection(ctx, app, &model.RoleConnection{PlatformName: ptr("Game"), Metadata: map[string]string{"level": "7"}})
	is.NoErr(err)
	is.Equal(rc.Metadata["level"], "7")
	rc, err = oauth.UserRoleConnection(ctx, app)
	is.NoErr(err)
	is.Equal(*rc.PlatformName, "Game")
	is.NoErr(oauth.DeleteUserRoleConnection(ctx, app))
	rc, err = oauth.UserRoleConnection(ctx, app)
	is.NoErr(err)
	is.True(rc.PlatformName == nil) // cleared

	att, err := c.UploadAppAttachment(ctx, app, rest.File{Name: "a.png", Reader: strings.NewReader("\x89PNG\r\n\x1a\n")})
	is.NoErr(err)
	is.Equal(att.Attachment.Filename, "a.png")
	is.Equal(att.Attachment.Size, 8)

	_, err = c.ActivityInstance(ctx, app, "i-1")
	is.Equal(apiCode(err), 10099) // no such activity runs
	g, _ := textChannel(t, s)
	var voice model.ChannelID
	for _, ch := range s.World().Channels(g) {
		if ch.Type == model.ChannelGuildVoice {
			voice = ch.ID
		}
	}
	players := otherMembers(s, g, 2)
	id, err := s.StartActivity(voice, players...)
	is.NoErr(err)
	ai, err := c.ActivityInstance(ctx, app, id)
	is.NoErr(err)
	is.Equal(ai.InstanceID, id)
	is.Equal(ai.Users, players) // who plays
	is.Equal(ai.Location.ChannelID, voice)
	is.Equal(ai.Location.GuildID, g)
	is.Equal(ai.Location.Kind, "gc")
}

func TestExpressionCatalogues(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)

	packs, err := c.StickerPacks(ctx)
	is.NoErr(err)
	is.True(len(packs) >= 2)
	p := packs[1]
	is.Equal(p.CoverStickerID, p.Stickers[0].ID)
	one, err := c.StickerPack(ctx, p.ID)
	is.NoErr(err)
	is.Equal(one.Name, p.Name)
	st, err := c.Sticker(ctx, p.Stickers[1].ID)
	is.NoErr(err)
	is.Equal(st.PackID, p.ID) // a standard sticker, found by ID
	is.Equal(st.Type, model.StickerType(1))
	_, err = c.StickerPack(ctx, 1)
	is.Equal(apiCode(err), 10061) // Unknown Sticker Pack

	sounds, err := c.DefaultSounds(ctx)
	is.NoErr(err)
	is.True(len(sounds) >= 6)
	is.Equal(sounds[1].Name, "airhorn")

	var voice model.ChannelID
	for _, ch := range s.World().Channels(g) {
		if ch.Type == model.ChannelGuildVoice {
			voice = ch.ID
		}
	}
	err = c.SendSoundboardSound(ctx, voice, sounds[1].SoundID, 0)
	is.Equal(apiCode(err), 40032) // the bot must be in the channel
	is.NoErr(s.JoinVoice(g, s.World().Bot().ID, voice))
	is.NoErr(c.SendSoundboardSound(ctx, voice, sounds[1].SoundID, 0)) // a default sound
	err = c.SendSoundboardSound(ctx, voice, 999, 0)
	is.Equal(apiCode(err), 10097) // Unknown Soundboard Sound
}

func TestIntegrationRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	in, err := s.SetIntegration(g, model.Integration{ID: 77, Name: "twitch", Type: "twitch", Enabled: true})
	is.NoErr(err)
	list, err := c.Integrations(ctx, g)
	is.NoErr(err)
	is.Equal(len(list), 1)
	is.Equal(list[0].ID, in.ID)
	is.Equal(list[0].Type, "twitch")
	is.NoErr(c.DeleteIntegration(ctx, g, in.ID))
	list, err = c.Integrations(ctx, g)
	is.NoErr(err)
	is.Equal(len(list), 0) // deleted
	err = c.DeleteIntegration(ctx, g, in.ID)
	is.Equal(apiCode(err), 10005) // Unknown Integration
}

func TestGroupDMRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	users := otherMembers(s, g, 3)
	var tokens []string
	for _, u := range users {
		tok, err := s.AccessToken(u)
		is.NoErr(err)
		tokens = append(tokens, tok)
	}
	recipients := func(ch model.ChannelID) []model.UserID {
		w, ok := s.World().Channel(ch)
		is.True(ok)
		var out []model.UserID
		for _, u := range w.Recipients {
			out = append(out, u.ID)
		}
		return out
	}

	gdm, err := c.CreateGroupDM(ctx, &rest.GroupDMCreate{AccessTokens: tokens[:2], Nicks: map[model.UserID]string{users[0]: "zero"}})
	is.NoErr(err)
	is.Equal(gdm.Type, model.ChannelGroupDM)
	is.Equal(gdm.OwnerID, s.World().Bot().ID) // the bot made it
	is.Equal(recipients(gdm.ID), users[:2])

	_, err = c.AddRecipient(ctx, gdm.ID, users[2], &rest.RecipientAdd{AccessToken: tokens[0]})
	is.Equal(apiCode(err), 50025) // another user's token
	added, err := c.AddRecipient(ctx, gdm.ID, users[2], &rest.RecipientAdd{AccessToken: tokens[2], Nick: "two"})
	is.NoErr(err)
	is.Equal(len(added.Recipients), 3)
	is.Equal(recipients(gdm.ID), users) // in the World
	again, err := c.AddRecipient(ctx, gdm.ID, users[2], &rest.RecipientAdd{AccessToken: tokens[2]})
	is.NoErr(err)
	is.True(again == nil) // already there

	is.NoErr(c.RemoveRecipient(ctx, gdm.ID, users[0]))
	is.Equal(recipients(gdm.ID), users[1:])
	id, err := s.SendMessage(gdm.ID, users[1], "hi all")
	is.NoErr(err) // a recipient may post
	m, err := c.Message(ctx, gdm.ID, id)
	is.NoErr(err)
	is.Equal(m.Content, "hi all")
	_, err = s.SendMessage(gdm.ID, users[0], "let me in")
	is.True(err != nil) // a removed one may not

	dm, err := c.CreateDM(ctx, users[0])
	is.NoErr(err)
	err = c.RemoveRecipient(ctx, dm.ID, users[0])
	is.Equal(apiCode(err), 50003) // not a group DM
	_, err = c.CreateGroupDM(ctx, &rest.GroupDMCreate{})
	var ve *rest.ValidationError
	is.True(errors.As(err, &ve)) // checked before sending

	oauth := rest.NewClient(tokens[1], &rest.Options{BaseURL: s.URL(), Bearer: true})
	info, err := oauth.OAuth2UserInfo(ctx)
	is.NoErr(err)
	is.Equal(info.Sub, users[1].String()) // a user's token speaks for that user
}
