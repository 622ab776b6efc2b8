package rest_test

import (
	"context"
	"slices"
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestLobbyRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	users := otherMembers(s, g, 3)
	bot := s.World().Bot().ID
	ids := func(ms []model.LobbyMember) []model.UserID {
		var out []model.UserID
		for _, m := range ms {
			out = append(out, m.ID)
		}
		slices.Sort(out)
		return out
	}

	l, err := c.CreateLobby(ctx, &rest.LobbyCreate{Metadata: map[string]string{"mode": "duel"}, Members: []model.LobbyMember{{ID: users[0]}}})
	is.NoErr(err)
	is.Equal(l.Metadata["mode"], "duel")
	m, err := c.AddLobbyMember(ctx, l.ID, users[1], &model.LobbyMember{Metadata: map[string]string{"team": "red"}})
	is.NoErr(err)
	is.Equal(m.Metadata["team"], "red")
	got, err := c.Lobby(ctx, l.ID)
	is.NoErr(err)
	is.Equal(ids(got.Members), users[:2]) // both members
	is.NoErr(c.RemoveLobbyMember(ctx, l.ID, users[0]))
	members, err := c.BulkUpdateLobbyMembers(ctx, l.ID, []rest.LobbyMemberUpdate{{ID: users[2]}, {ID: users[1], Remove: true}, {ID: bot}})
	is.NoErr(err)
	is.Equal(ids(members), ids([]model.LobbyMember{{ID: users[2]}, {ID: bot}})) // one added, one removed
	l, err = c.ModifyLobby(ctx, l.ID, &rest.LobbyModify{Metadata: rest.Some(map[string]string{"mode": "ffa"})})
	is.NoErr(err)
	is.Equal(l.Metadata["mode"], "ffa")

	_, err = c.CreateLobbyInvite(ctx, l.ID, users[2])
	is.Equal(apiCode(err), 50211) // not linked yet
	l, err = c.LinkLobbyChannel(ctx, l.ID, ch)
	is.NoErr(err)
	is.Equal(l.LinkedChannel.ID, ch)
	inv, err := c.CreateLobbyInvite(ctx, l.ID, users[2])
	is.NoErr(err)
	is.True(inv.Code != "")

	sent, err := c.SendLobbyMessage(ctx, l.ID, &rest.LobbyMessageCreate{Content: "gg", Metadata: map[string]string{"k": "v"}})
	is.NoErr(err)
	is.Equal(sent.LobbyID, l.ID)
	is.NoErr(c.SetLobbyMessageModeration(ctx, l.ID, sent.ID, map[string]string{"flagged": "no"}))
	msgs, err := c.LobbyMessages(ctx, l.ID, &rest.LobbyMessagesQuery{Limit: 10})
	is.NoErr(err)
	is.Equal(len(msgs), 1)
	is.Equal(msgs[0].Content, "gg")
	is.Equal(msgs[0].ModerationMetadata["flagged"], "no") // kept

	tok, err := c.BotPartnerToken(ctx, &rest.BotPartnerToken{ExternalUserID: "player-1"})
	is.NoErr(err)
	is.Equal(tok.TokenType, "Bearer")
	player := rest.NewClient(tok.AccessToken, &rest.Options{BaseURL: s.URL(), Bearer: true})
	joined, err := player.CreateOrJoinLobby(ctx, &rest.LobbyCreate{Secret: "s3cret"})
	is.NoErr(err) // the issued token works
	again, err := player.CreateOrJoinLobby(ctx, &rest.LobbyCreate{Secret: "s3cret"})
	is.NoErr(err)
	is.Equal(again.ID, joined.ID) // the same secret joins the same lobby
	is.NoErr(player.LeaveLobby(ctx, joined.ID))
	left, err := c.Lobby(ctx, joined.ID)
	is.NoErr(err)
	is.Equal(len(left.Members), 0) // the token's user left

	is.NoErr(c.DeleteLobby(ctx, l.ID))
	_, err = c.Lobby(ctx, l.ID)
	is.Equal(apiCode(err), 10031) // Unknown Lobby
}

func TestPartnerSDKRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, _ := textChannel(t, s)
	app := s.World().ApplicationID()
	auth := &rest.ExternalAuth{ClientID: app, ExternalAuthToken: "steam-ticket", ExternalAuthType: "STEAM_SESSION_TICKET"}

	tok, err := c.PartnerToken(ctx, auth)
	is.NoErr(err)
	is.True(tok.AccessToken != "")
	is.True(tok.ExpiresIn > 0)
	is.NoErr(c.UnmergeProvisionalAccount(ctx, auth))
	is.NoErr(c.BotUnmergeProvisionalAccount(ctx, "player-1"))

	other := otherMembers(s, g, 1)[0]
	dm, err := c.CreateDM(ctx, other)
	is.NoErr(err)
	id, err := s.SendMessage(dm.ID, other, "hello")
	is.NoErr(err)
	is.NoErr(c.SetDMModeration(ctx, s.World().Bot().ID, other, id, map[string]string{"reviewed": "yes"}))
	err = c.SetDMModeration(ctx, s.World().Bot().ID, other, id+1, map[string]string{"reviewed": "yes"})
	is.Equal(apiCode(err), 10008) // Unknown Message
}
