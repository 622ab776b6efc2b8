package model_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// restExampleTypes maps the docs' examples of objects that REST answers
// carry to the type that decodes them.
var restExampleTypes = map[string]func(*testing.T, []byte){
	"ApplicationObject.json":      checkObject[model.Application],
	"ApplicationWebhook.json":     checkObject[model.Webhook],
	"ChannelFollowerWebhook.json": checkObject[model.Webhook],
	"IncomingWebhook.json":        checkObject[model.Webhook],
	"Ban.json":                    checkObject[model.Ban],
	"GuildPreview.json":           checkObject[model.GuildPreview],
	"GuildTemplateObject.json":    checkObject[model.GuildTemplate],
	"GuildWidget.json":            checkObject[model.GuildWidget],
	"GuildWidgetSettings.json":    checkObject[model.GuildWidgetSettings],
	"InviteObject.json":           checkObject[model.Invite],
	"InviteMetadata.json":         checkObject[model.Invite],
	"PartialInviteObject.json":    checkObject[model.Invite],
	"PartialGuild.json":           checkObject[model.PartialGuild],
	"SlashCommand.json":           checkObject[model.ApplicationCommand],
	"UserCommand.json":            checkObject[model.ApplicationCommand],
	"MessageCommand.json":         checkObject[model.ApplicationCommand],
	"EntryPointCommand.json":      checkObject[model.ApplicationCommand],
	"OfEditingPermissions.json":   checkObject[model.ApplicationCommand],
	"LobbyObject.json":            checkObject[model.Lobby],
	"StickerPack.json":            checkObject[model.StickerPack],
}

// TestDocsRESTExamples decodes and re-encodes the docs' examples of the
// objects REST answers carry.
func TestDocsRESTExamples(t *testing.T) {
	dir := filepath.Join(shared.Dir(t), "discord-api", "examples")
	for name, check := range restExampleTypes {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			check(t, b)
		})
	}
}

// roundTrip decodes in into a T, checks that it encodes back to the same
// JSON value, and returns it.
func roundTrip[T any](t *testing.T, in string) T {
	t.Helper()
	is := is.New(t)
	var v T
	is.NoErr(json.Unmarshal([]byte(in), &v)) // decodes
	out, err := json.Marshal(v)
	is.NoErr(err) // encodes
	if !jsonEqual(t, out, []byte(in)) {
		t.Fatalf("re-encoded as\n%s\nwant\n%s", out, in)
	}
	return v
}

func TestWebhookRoundTrip(t *testing.T) {
	is := is.New(t)
	w := roundTrip[model.Webhook](t, `{"id":"223704706495545344","type":1,"guild_id":"199737254929760256",
		"channel_id":"199737254929760256","user":{"id":"53908232506183680","username":"mason","discriminator":"0"},
		"name":"test webhook","avatar":null,"token":"secret","application_id":"658822586720976555"}`)
	is.Equal(w.ID, model.WebhookID(223704706495545344))
	is.Equal(w.Type, model.WebhookIncoming)
	is.Equal(w.ApplicationID, model.ApplicationID(658822586720976555))
	is.Equal(*w.Name, "test webhook")
	is.Equal(w.Avatar, nil) // a null avatar stays null
	is.Equal(w.Type.String(), "INCOMING")

	w = roundTrip[model.Webhook](t, `{"id":"1","type":9,"name":null,"avatar":null}`)
	is.Equal(w.Type, model.WebhookType(9))      // an unknown type is kept
	is.Equal(w.Type.String(), "WebhookType(9)") // and named by number
}

func TestInviteRoundTrip(t *testing.T) {
	is := is.New(t)
	inv := roundTrip[model.Invite](t, `{"type":0,"code":"0vCdhLbwjZZTWZLD","target_type":2,
		"approximate_presence_count":131,"approximate_member_count":1234,"uses":3,"max_uses":10,"max_age":3600,"temporary":true}`)
	is.Equal(inv.Type, model.InviteGuild)
	is.Equal(inv.TargetType, model.InviteTargetEmbeddedApplication)
	is.Equal(inv.TargetType.String(), "EMBEDDED_APPLICATION")
	is.Equal(inv.MaxAge, 3600)
	is.True(inv.ExpiresAt.IsZero()) // absent timestamps stay zero and are not encoded

	inv = roundTrip[model.Invite](t, `{"type":7,"code":"x","target_type":5}`)
	is.Equal(inv.Type.String(), "InviteType(7)")             // unknown types are kept
	is.Equal(inv.TargetType.String(), "InviteTargetType(5)") // both of them
}

func TestApplicationCommandRoundTrip(t *testing.T) {
	is := is.New(t)
	cmd := roundTrip[model.ApplicationCommand](t, `{"id":"1073375440395264100","type":1,"application_id":"172150183260323840",
		"guild_id":"290926798626357260","name":"blep","name_localizations":{"fr":"blep-fr"},"description":"Send a random adorable animal photo",
		"options":[{"type":3,"name":"animal","description":"The type of animal","required":true,
			"choices":[{"name":"Dog","value":"animal_dog"},{"name":"Answer","value":42}]},
			{"type":1,"name":"sub","description":"A subcommand","options":[{"type":4,"name":"n","description":"n","min_value":1,"max_value":10}]},
			{"type":7,"name":"where","description":"A channel","channel_types":[0,5]}],
		"default_member_permissions":"8","nsfw":true,"integration_types":[0,1],"contexts":[0,1,2],"version":"1073375440395264101"}`)
	is.Equal(cmd.ID, model.CommandID(1073375440395264100))
	is.Equal(cmd.Type, model.CommandChatInput)
	is.Equal(len(cmd.Options), 3)
	is.Equal(cmd.Options[0].Choices[1].Value, 42.0) // numbers decode as float64
	is.Equal(cmd.Options[1].Options[0].Type, model.OptionInteger)
	is.Equal(*cmd.Options[1].Options[0].MaxValue, 10.0)
	is.Equal(*cmd.DefaultMemberPermissions, model.Permissions(8))

	entry := roundTrip[model.ApplicationCommand](t, `{"type":4,"name":"launch","description":"Launch","handler":3}`)
	is.Equal(entry.Handler, model.EntryPointHandler(3))                              // an unknown handler is kept
	is.Equal(entry.Handler.String(), "EntryPointHandler(3)")                         // and named by number
	is.Equal(model.HandlerDiscordLaunchActivity.String(), "DISCORD_LAUNCH_ACTIVITY") // a known one by name
}

func TestCommandPermissionsRoundTrip(t *testing.T) {
	is := is.New(t)
	p := roundTrip[model.CommandPermissions](t, `{"id":"1","application_id":"2","guild_id":"3",
		"permissions":[{"id":"4","type":1,"permission":true},{"id":"5","type":3,"permission":false},{"id":"6","type":9,"permission":true}]}`)
	is.Equal(p.GuildID, model.GuildID(3))
	is.Equal(p.Permissions[0].Type, model.CommandPermissionRole)
	is.Equal(p.Permissions[1].Type.String(), "CHANNEL")
	is.Equal(p.Permissions[2].Type, model.CommandPermissionType(9)) // an unknown type is kept
}

func TestApplicationRoundTrip(t *testing.T) {
	is := is.New(t)
	in := `{"id":"172150183260323840","name":"Baba O-Riley","icon":null,"description":"Test","bot_public":true,
		"bot_require_code_grant":false,"verify_key":"1e0a356058d627ca38a5c8c9648818061d49e49bd9da9e3ab17d98ad4d6bg2u8",
		"guild_id":"290926798626357260","flags":8192,"tags":["a"],"future_field":{"x":1},
		"eligible_oauth2_scopes":["bot","applications.commands"],"explicit_content_filter":1}`
	var a model.Application
	is.NoErr(json.Unmarshal([]byte(in), &a))
	is.Equal(a.ID, model.ApplicationID(172150183260323840))
	is.Equal(a.Flags, model.ApplicationFlags(8192))
	is.Equal(a.EligibleOAuth2Scopes, []string{"bot", "applications.commands"})
	is.Equal(a.ExplicitContentFilter, model.ApplicationContentFilterAlways)
	out, err := json.Marshal(a)
	is.NoErr(err)
	var back model.Application
	is.NoErr(json.Unmarshal(out, &back))
	is.Equal(back.Name, a.Name)
	is.Equal(back.GuildID, a.GuildID) // named fields survive the round trip
	is.Equal(back.VerifyKey, a.VerifyKey)
	is.Equal(back.ExplicitContentFilter, a.ExplicitContentFilter)
}

func TestAuditLogRoundTrip(t *testing.T) {
	is := is.New(t)
	var log model.AuditLog
	in := `{"application_commands":[{"id":"9","type":1,"application_id":"8","name":"ping","description":"pong"}],
		"audit_log_entries":[{"id":"11","user_id":"12","target_id":"13","action_type":1}],
		"auto_moderation_rules":[],"guild_scheduled_events":[],"integrations":[],"threads":[],
		"users":[{"id":"12","username":"mod"}],
		"webhooks":[{"id":"14","type":1,"name":"hook","avatar":null,"channel_id":"15"}]}`
	is.NoErr(json.Unmarshal([]byte(in), &log))
	is.Equal(log.ApplicationCommands[0].Name, "ping")
	is.Equal(log.AuditLogEntries[0].ID, model.AuditLogEntryID(11))
	is.Equal(log.Webhooks[0].ChannelID, model.ChannelID(15))
	is.Equal(log.Users[0].ID, model.UserID(12))
	out, err := json.Marshal(log)
	is.NoErr(err)
	var back model.AuditLog
	is.NoErr(json.Unmarshal(out, &back))
	again, err := json.Marshal(back)
	is.NoErr(err)
	is.Equal(string(again), string(out)) // the encoding is stable
}

func TestVoiceRegionRoundTrip(t *testing.T) {
	is := is.New(t)
	r := roundTrip[model.VoiceRegion](t, `{"id":"rotterdam","name":"Rotterdam","optimal":true,"deprecated":false,"custom":false}`)
	is.Equal(r.ID, "rotterdam")
	is.True(r.Optimal)
}

func TestBanRoundTrip(t *testing.T) {
	is := is.New(t)
	var b model.Ban
	is.NoErr(json.Unmarshal([]byte(`{"reason":null,"user":{"id":"53908099506183680","username":"Mason"}}`), &b))
	is.Equal(b.Reason, nil) // no reason given
	is.Equal(b.User.ID, model.UserID(53908099506183680))
	out, err := json.Marshal(b)
	is.NoErr(err)
	var back model.Ban
	is.NoErr(json.Unmarshal(out, &back))
	is.Equal(back.User.Username, "Mason") // the user survives
	is.Equal(back.Reason, nil)
}

func TestGuildPreviewRoundTrip(t *testing.T) {
	is := is.New(t)
	p := roundTrip[model.GuildPreview](t, `{"id":"197038439483310086","name":"Discord Testers","icon":null,"splash":null,
		"discovery_splash":null,"emojis":[],"features":["DISCOVERABLE","SOME_FUTURE_FEATURE"],"approximate_member_count":60814,
		"approximate_presence_count":20034,"description":"The official place to report Discord Bugs!","stickers":[]}`)
	is.Equal(p.ID, model.GuildID(197038439483310086))
	is.Equal(string(p.Features[1]), "SOME_FUTURE_FEATURE") // unknown features are kept
}

func TestPartialGuildRoundTrip(t *testing.T) {
	is := is.New(t)
	g := roundTrip[model.PartialGuild](t, `{"id":"80351110224678912","name":"1337 Krew","icon":null,"banner":null,
		"owner":true,"permissions":"36953089","features":["COMMUNITY"],"approximate_member_count":3268}`)
	is.Equal(g.Permissions, model.Permissions(36953089))
	is.True(g.Owner)
}

func TestGuildTemplateRoundTrip(t *testing.T) {
	is := is.New(t)
	var tpl model.GuildTemplate
	in := `{"code":"hgM48av5Q69A","name":"Friends & Family","description":"","usage_count":49605,
		"creator_id":"132837293881950208","created_at":"2020-04-02T21:10:38+00:00","updated_at":"2020-05-01T17:57:38+00:00",
		"source_guild_id":"678070694164299796","serialized_source_guild":{"name":"Friends & Family","roles":[]},"is_dirty":null}`
	is.NoErr(json.Unmarshal([]byte(in), &tpl))
	is.Equal(tpl.CreatorID, model.UserID(132837293881950208))
	is.Equal(tpl.CreatedAt.Time.Year(), 2020)
	is.Equal(tpl.IsDirty, nil)
	out, err := json.Marshal(tpl)
	is.NoErr(err)
	var back model.GuildTemplate
	is.NoErr(json.Unmarshal(out, &back))
	is.True(back.CreatedAt.Time.Equal(tpl.CreatedAt.Time))        // the time survives
	is.Equal(back.SerializedSourceGuild.Name, "Friends & Family") // the source guild survives
}

func TestConnectionRoundTrip(t *testing.T) {
	is := is.New(t)
	c := roundTrip[model.Connection](t, `{"id":"abc","name":"me","type":"github","verified":true,"friend_sync":false,
		"show_activity":true,"two_way_link":false,"visibility":1}`)
	is.Equal(c.Visibility, model.VisibilityEveryone)
	is.Equal(c.Visibility.String(), "EVERYONE")
	is.Equal(model.ConnectionVisibility(4).String(), "ConnectionVisibility(4)") // unknown values are named by number
}

func TestStickerPackRoundTrip(t *testing.T) {
	is := is.New(t)
	p := roundTrip[model.StickerPack](t, `{"id":"847199849233514549","stickers":[],"name":"Wumpus Beyond","sku_id":"847199849233514547",
		"cover_sticker_id":"749053689419006003","description":"Say hello to Wumpus!","banner_asset_id":"761773777976819732"}`)
	is.Equal(p.SKUID, model.SKUID(847199849233514547))
	is.Equal(p.CoverStickerID, model.StickerID(749053689419006003))
}

func TestFollowedChannelRoundTrip(t *testing.T) {
	is := is.New(t)
	f := roundTrip[model.FollowedChannel](t, `{"channel_id":"1","webhook_id":"2"}`)
	is.Equal(f.WebhookID, model.WebhookID(2))
}

func TestScheduledEventUserRoundTrip(t *testing.T) {
	is := is.New(t)
	var u model.ScheduledEventUser
	is.NoErr(json.Unmarshal([]byte(`{"guild_scheduled_event_id":"5","user":{"id":"6","username":"x"},"member":{"roles":[],"nick":"y"}}`), &u))
	is.Equal(u.EventID, model.GuildScheduledEventID(5))
	is.Equal(u.User.ID, model.UserID(6))
	is.True(u.Member != nil) // the member is read when present
	out, err := json.Marshal(u)
	is.NoErr(err)
	var back model.ScheduledEventUser
	is.NoErr(json.Unmarshal(out, &back))
	is.Equal(back.EventID, u.EventID) // the event ID survives
}

func TestGuildWidgetRoundTrip(t *testing.T) {
	is := is.New(t)
	s := roundTrip[model.GuildWidgetSettings](t, `{"enabled":true,"channel_id":"41771983444115456"}`)
	is.True(s.Enabled)
	w := roundTrip[model.GuildWidget](t, `{"id":"290926798626999250","name":"Test Server","instant_invite":null,
		"channels":[{"id":"705216630279993882","name":"elephant","position":2}],
		"members":[{"id":"0","username":"1234","status":"online"}],"presence_count":1}`)
	is.Equal(w.InstantInvite, nil)
	is.Equal(len(w.Channels), 1) // channels are kept as received
}

func TestLobbyRoundTrip(t *testing.T) {
	is := is.New(t)
	l := roundTrip[model.Lobby](t, `{"id":"96008815106887111","application_id":"41771983429993937",
		"metadata":{"topic":"we need more redstone"},"members":[{"id":"41771983429993000","flags":1}]}`)
	is.Equal(l.ApplicationID, model.ApplicationID(41771983429993937))
	is.Equal(l.Members[0].ID, model.UserID(41771983429993000))
	is.Equal(l.Members[0].Flags, 1)
}

func TestRoleConnectionRoundTrip(t *testing.T) {
	is := is.New(t)
	m := roundTrip[model.RoleConnectionMetadata](t, `{"type":6,"key":"joined","name":"Joined","description":"Days since joining"}`)
	is.Equal(m.Type, model.MetadataDatetimeGreaterThanOrEqual)
	is.Equal(m.Type.String(), "DATETIME_GREATER_THAN_OR_EQUAL")
	m = roundTrip[model.RoleConnectionMetadata](t, `{"type":42,"key":"k","name":"n","description":"d"}`)
	is.Equal(m.Type.String(), "RoleConnectionMetadataType(42)") // unknown types are kept
	rc := roundTrip[model.RoleConnection](t, `{"platform_name":"Game","platform_username":null,"metadata":{"joined":"2024-01-01"}}`)
	is.Equal(*rc.PlatformName, "Game")
	is.Equal(rc.PlatformUsername, nil)
}

// FuzzRESTObjects decodes arbitrary bytes into the objects REST answers
// carry: no panic, and what decodes encodes stably.
func FuzzRESTObjects(f *testing.F) {
	f.Add(uint8(0), []byte(`{"id":"1","type":9,"name":null,"avatar":null,"source_guild":{"id":"2"}}`))
	f.Add(uint8(1), []byte(`{"type":0,"code":"c","target_type":3,"expires_at":"2026-01-01T00:00:00+00:00"}`))
	f.Add(uint8(2), []byte(`{"name":"a","type":1,"options":[{"type":3,"name":"b","choices":[{"name":"c","value":1.5}]}]}`))
	f.Add(uint8(3), []byte(`{"id":"1","name":"app","flags":8192,"x":[1]}`))
	f.Add(uint8(4), []byte(`{"audit_log_entries":[{"id":"1","action_type":1}],"webhooks":[{"id":"2","type":1}]}`))
	f.Add(uint8(5), []byte(`{"id":"1","permissions":[{"id":"2","type":7,"permission":true}]}`))
	f.Add(uint8(6), []byte(`{"id":"1","channels":[{"id":"2"}],"members":[{}]}`))
	f.Add(uint8(7), []byte(`{"id":"1","members":[{"id":"2","flags":1,"metadata":null}]}`))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		news := []func() any{
			func() any { return new(model.Webhook) },
			func() any { return new(model.Invite) },
			func() any { return new(model.ApplicationCommand) },
			func() any { return new(model.Application) },
			func() any { return new(model.AuditLog) },
			func() any { return new(model.CommandPermissions) },
			func() any { return new(model.GuildWidget) },
			func() any { return new(model.Lobby) },
			func() any { return new(model.GuildTemplate) },
			func() any { return new(model.RoleConnectionMetadata) },
		}
		mk := news[int(which)%len(news)]
		v := mk()
		if json.Unmarshal(b, v) != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encoding what decoded: %v", err)
		}
		w := mk()
		if err := json.Unmarshal(out, w); err != nil {
			t.Fatalf("decoding own encoding %s: %v", out, err)
		}
		again, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(out) {
			t.Fatalf("unstable encoding:\n%s\n%s", out, again)
		}
	})
}
