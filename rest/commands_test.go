package rest_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

func TestCommandRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	app := s.World().ApplicationID()

	global, err := c.CreateGlobalCommand(ctx, app, &model.ApplicationCommand{Name: "ping", Description: "Ping"})
	is.NoErr(err)
	global, err = c.EditGlobalCommand(ctx, app, global.ID, &model.ApplicationCommand{Name: "ping", Description: "Ping it"})
	is.NoErr(err)
	got, err := c.GlobalCommand(ctx, app, global.ID)
	is.NoErr(err)
	is.Equal(got.Description, "Ping it") // edited

	set, err := c.SetGuildCommands(ctx, app, g, []model.ApplicationCommand{
		{Name: "kick", Description: "Kick someone"}, {Name: "ban", Description: "Ban someone"}})
	is.NoErr(err)
	is.Equal(len(set), 2)
	one, err := c.CreateGuildCommand(ctx, app, g, &model.ApplicationCommand{Name: "warn", Description: "Warn someone"})
	is.NoErr(err)
	is.Equal(one.GuildID, g)
	one, err = c.EditGuildCommand(ctx, app, g, one.ID, &model.ApplicationCommand{Name: "warn", Description: "Warn"})
	is.NoErr(err)
	back, err := c.GuildCommand(ctx, app, g, one.ID)
	is.NoErr(err)
	is.Equal(back.Description, "Warn")
	list, err := c.GuildCommands(ctx, app, g, &rest.CommandsQuery{WithLocalizations: true})
	is.NoErr(err)
	is.Equal(len(list), 3)
	is.Equal(len(s.Commands(g)), 3) // the fake holds them

	role := s.World().Roles(g)[0].ID
	// only a user's Bearer token with applications.commands.permissions.update may
	oauth := rest.NewClient(discordtest.DefaultBearerToken, &rest.Options{BaseURL: s.URL(), Bearer: true})
	perms, err := oauth.SetCommandPermissions(ctx, app, g, one.ID, []model.CommandPermission{
		{ID: model.Snowflake(role), Type: model.CommandPermissionRole, Permission: false},
		{ID: model.Snowflake(ch), Type: model.CommandPermissionChannel, Permission: true}})
	is.NoErr(err)
	is.Equal(len(perms.Permissions), 2)
	p, err := c.CommandPermissions(ctx, app, g, one.ID)
	is.NoErr(err)
	is.Equal(uint64(p.ID), uint64(one.ID))
	is.Equal(p.Permissions[1].ID, model.Snowflake(ch)) // kept
	all, err := c.AllCommandPermissions(ctx, app, g)
	is.NoErr(err)
	is.Equal(len(all), 1)

	is.NoErr(c.DeleteGuildCommand(ctx, app, g, one.ID))
	_, err = c.GuildCommand(ctx, app, g, one.ID)
	is.Equal(apiCode(err), 10063) // Unknown application command
	is.Equal(len(s.Commands(g)), 2)
}

func TestFollowupRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	_, ch := textChannel(t, s)
	in, err := s.Interact(discordtest.UserInteraction{ChannelID: ch, Data: &model.InteractionData{Name: "ping"}})
	is.NoErr(err)
	is.NoErr(c.RespondInteraction(ctx, in.ID, in.Token, &rest.InteractionResponse{Type: model.CallbackDeferredMessage}))
	f, err := c.CreateFollowup(ctx, in.ApplicationID, in.Token, &rest.WebhookExecute{Content: "one"})
	is.NoErr(err)
	f, err = c.EditFollowup(ctx, in.ApplicationID, in.Token, f.ID, &rest.MessageEdit{Content: rest.Some("two")})
	is.NoErr(err)
	is.Equal(f.Content, "two")
	got, err := c.Followup(ctx, in.ApplicationID, in.Token, f.ID)
	is.NoErr(err)
	is.Equal(got.Content, "two") // edited
	stored, ok := s.Message(ch, f.ID)
	is.True(ok)
	is.Equal(stored.Content, "two") // in the channel
}

func TestWebhookRoutes(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)

	wh, err := c.CreateWebhook(ctx, ch, &rest.WebhookCreate{Name: "hook"})
	is.NoErr(err)
	wh, err = c.ModifyWebhook(ctx, wh.ID, "", &rest.WebhookModify{Name: ptr("renamed")})
	is.NoErr(err)
	is.Equal(*wh.Name, "renamed")
	byToken, err := c.ModifyWebhook(ctx, wh.ID, wh.Token, &rest.WebhookModify{Name: ptr("by token")})
	is.NoErr(err)
	is.Equal(*byToken.Name, "by token") // with its token, no bot auth
	hooks, err := c.GuildWebhooks(ctx, g)
	is.NoErr(err)
	is.Equal(len(hooks), 1)
	is.Equal(*hooks[0].Name, "by token")

	m, err := c.ExecuteWebhook(ctx, wh.ID, wh.Token, &rest.WebhookExecute{Content: "first", Wait: true})
	is.NoErr(err)
	m, err = c.EditWebhookMessage(ctx, wh.ID, wh.Token, m.ID, &rest.MessageEdit{Content: rest.Some("edited")}, nil)
	is.NoErr(err)
	is.Equal(m.Content, "edited")
	stored, _ := s.Message(ch, m.ID)
	is.Equal(stored.Content, "edited")

	sl, err := c.ExecuteSlackWebhook(ctx, wh.ID, wh.Token, &rest.SlackWebhookExecute{Text: "from slack", Username: "slackbot", Wait: true,
		Attachments: []rest.SlackAttachment{{Title: "Build", TitleLink: "https://ci.example/1", Text: "passed", Color: "#36a64f",
			Fields: []rest.SlackField{{Title: "branch", Value: "main", Short: true}}}}})
	is.NoErr(err)
	is.Equal(sl.Content, "from slack")
	is.Equal(sl.Author.Username, "slackbot")
	is.Equal(len(sl.Embeds), 1) // the attachment became an embed
	is.Equal(sl.Embeds[0].Color, 0x36a64f)
	is.Equal(sl.Embeds[0].URL, "https://ci.example/1")
	is.Equal(sl.Embeds[0].Fields[0], model.EmbedField{Name: "branch", Value: "main", Inline: true})

	push, _ := json.Marshal(map[string]any{"ref": "refs/heads/main", "compare": "https://github.com/o/r/compare/a...b",
		"repository": map[string]any{"name": "r", "full_name": "o/r", "html_url": "https://github.com/o/r"},
		"sender":     map[string]any{"login": "octocat"},
		"commits":    []any{map[string]any{"id": "0123456789abcdef", "message": "fix it\n\nbody", "url": "https://github.com/o/r/commit/0123456", "author": map[string]any{"name": "Octo"}}}})
	gh, err := c.ExecuteGitHubWebhook(ctx, wh.ID, wh.Token, &rest.GitHubWebhookExecute{Event: "push", Payload: push, Wait: true})
	is.NoErr(err)
	is.Equal(gh.Embeds[0].Title, "[r:main] 1 new commit") // rendered as Discord does
	is.Equal(gh.Embeds[0].Author.Name, "octocat")
	n := len(s.Messages(ch))
	_, err = c.ExecuteGitHubWebhook(ctx, wh.ID, wh.Token, &rest.GitHubWebhookExecute{Event: "ping", Payload: []byte(`{"zen":"hi"}`)})
	is.NoErr(err)
	is.Equal(len(s.Messages(ch)), n) // a ping posts nothing
}
