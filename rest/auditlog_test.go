package rest_test

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
	"github.com/matryer/is"
)

// change finds the change of key in e.
func change(e model.AuditLogEntry, key string) (model.AuditLogChange, bool) {
	for _, ch := range e.Changes {
		if ch.Key == key {
			return ch, true
		}
	}
	return model.AuditLogChange{}, false
}

func TestAuditLogChanges(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	before, _ := s.World().Channel(ch)
	member := otherMembers(s, g, 1)[0]

	_, err := c.ModifyChannel(ctx, ch, &rest.ChannelModify{Name: ptr("renamed"), Topic: rest.Some("news")}, rest.WithReason("tidy up"))
	is.NoErr(err)
	role, err := c.CreateRole(ctx, g, &rest.RoleCreate{Name: "helpers"})
	is.NoErr(err)
	_, err = c.ModifyRole(ctx, g, role.ID, &rest.RoleModify{Name: rest.Some("mods"), Hoist: rest.Some(true)})
	is.NoErr(err)
	is.NoErr(c.AddMemberRole(ctx, g, member, role.ID))
	_, err = c.ModifyMember(ctx, g, member, &rest.MemberModify{Nick: rest.Some("nick")})
	is.NoErr(err)
	wg, _ := s.World().Guild(g)
	_, err = c.ModifyGuild(ctx, g, &rest.GuildModify{Name: ptr("new name")})
	is.NoErr(err)

	log, err := c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogChannelUpdate})
	is.NoErr(err)
	is.Equal(len(log.AuditLogEntries), 1)
	e := log.AuditLogEntries[0]
	is.Equal(*e.TargetID, ch.String())
	is.Equal(e.Reason, "tidy up")
	name, ok := change(e, "name")
	is.True(ok)                                   // the name changed
	is.Equal(name.OldValue.String(), before.Name) // from
	is.Equal(name.NewValue.String(), "renamed")   // to
	topic, ok := change(e, "topic")
	is.True(ok)
	is.Equal(topic.NewValue.String(), "news")
	_, ok = change(e, "position")
	is.True(!ok) // only what changed

	log, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogRoleUpdate, TargetID: model.Snowflake(role.ID)})
	is.NoErr(err)
	e = log.AuditLogEntries[0]
	name, _ = change(e, "name")
	is.Equal(name.OldValue.String(), "helpers")
	is.Equal(name.NewValue.String(), "mods")
	hoist, _ := change(e, "hoist")
	var hoisted bool
	is.NoErr(hoist.NewValue.Decode(&hoisted))
	is.True(hoisted)

	log, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogMemberRoleUpdate})
	is.NoErr(err)
	add, ok := change(log.AuditLogEntries[0], "$add")
	is.True(ok) // roles given are $add
	var added []model.Role
	is.NoErr(add.NewValue.Decode(&added))
	is.Equal(added[0].ID, role.ID)
	is.Equal(added[0].Name, "mods")

	log, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogMemberUpdate})
	is.NoErr(err)
	nick, ok := change(log.AuditLogEntries[0], "nick")
	is.True(ok)
	is.Equal(nick.NewValue.String(), "nick")
	is.Equal(len(nick.OldValue), 0) // there was none

	log, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogGuildUpdate})
	is.NoErr(err)
	name, _ = change(log.AuditLogEntries[0], "name")
	is.Equal(name.OldValue.String(), wg.Name)
	is.Equal(name.NewValue.String(), "new name")

	is.NoErr(c.DeleteRole(ctx, g, role.ID))
	log, err = c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: model.AuditLogRoleDelete})
	is.NoErr(err)
	name, _ = change(log.AuditLogEntries[0], "name")
	is.Equal(name.OldValue.String(), "mods") // what was deleted
	is.Equal(len(name.NewValue), 0)

	var want []model.AuditLogEntryID
	all, err := c.AuditLog(ctx, g, &rest.AuditLogQuery{Limit: 100})
	is.NoErr(err)
	for _, e := range all.AuditLogEntries {
		want = append(want, e.ID)
	}
	walkCase[model.AuditLogEntry, model.AuditLogEntryID]{
		route: "GET /guilds/{guild_id}/audit-logs",
		walk: func(ctx context.Context, most int) iter.Seq2[model.AuditLogEntry, error] {
			return c.AllAuditLogEntries(ctx, g, &rest.AuditLogQuery{Limit: 2}, most)
		},
		key:  func(e model.AuditLogEntry) model.AuditLogEntryID { return e.ID },
		want: want,
	}.check(t, c)
}

// Every action the fake logs carries its changes and options, as
// Discord's audit-log change table has them: a create its new values
// only, a delete its old values only.
func TestAuditLogActions(t *testing.T) {
	is := is.New(t)
	s, c := newServer(t, noLimits, nil)
	ctx := context.Background()
	g, ch := textChannel(t, s)
	other := otherMembers(s, g, 1)[0]
	bot := s.World().Bot().ID
	entries := func(action model.AuditLogEvent) []model.AuditLogEntry {
		log, err := c.AuditLog(ctx, g, &rest.AuditLogQuery{ActionType: action})
		is.NoErr(err)
		return log.AuditLogEntries
	}
	entry := func(action model.AuditLogEvent) model.AuditLogEntry {
		l := entries(action)
		if len(l) == 0 {
			t.Fatalf("no %v entry", action)
		}
		return l[0]
	}
	// created: the new value alone; deleted: the old value alone
	created := func(e model.AuditLogEntry, key, want string) {
		ch, ok := change(e, key)
		is.True(ok) // the key is logged
		is.Equal(ch.NewValue.String(), want)
		is.Equal(len(ch.OldValue), 0)
	}
	deleted := func(e model.AuditLogEntry, key, want string) {
		ch, ok := change(e, key)
		is.True(ok) // the key is logged
		is.Equal(ch.OldValue.String(), want)
		is.Equal(len(ch.NewValue), 0)
	}

	emoji, err := c.CreateGuildEmoji(ctx, g, &rest.EmojiCreate{Name: "wave", Image: "data:image/png;base64,AAAA"})
	is.NoErr(err)
	e := entry(model.AuditLogEmojiCreate)
	is.Equal(*e.TargetID, emoji.ID.String()) // the new emoji
	created(e, "name", "wave")
	is.NoErr(c.DeleteGuildEmoji(ctx, g, emoji.ID))
	deleted(entry(model.AuditLogEmojiDelete), "name", "wave")

	wh, err := c.CreateWebhook(ctx, ch, &rest.WebhookCreate{Name: "hook"})
	is.NoErr(err)
	e = entry(model.AuditLogWebhookCreate)
	created(e, "name", "hook")
	_, ok := change(e, "token")
	is.True(!ok) // no secrets
	is.NoErr(c.DeleteWebhook(ctx, wh.ID, ""))
	e = entry(model.AuditLogWebhookDelete) // its guild found from the webhook
	is.Equal(*e.TargetID, wh.ID.String())
	deleted(e, "name", "hook")

	ev, err := c.CreateScheduledEvent(ctx, g, &rest.ScheduledEventCreate{Name: "picnic", PrivacyLevel: 2, EntityType: 3,
		ScheduledStartTime: model.NewTimestamp(time.Now().Add(time.Hour)), EntityMetadata: &rest.ScheduledEventLocation{Location: "park"}})
	is.NoErr(err)
	created(entry(model.AuditLogGuildScheduledEventCreate), "name", "picnic")
	is.NoErr(c.DeleteScheduledEvent(ctx, g, ev.ID))
	e = entry(model.AuditLogGuildScheduledEventDelete)
	is.Equal(*e.TargetID, ev.ID.String())
	deleted(e, "name", "picnic")

	th, err := c.StartThread(ctx, ch, &rest.ThreadCreate{Name: "talk", Type: model.ChannelPublicThread})
	is.NoErr(err)
	e = entry(model.AuditLogThreadCreate)
	is.Equal(*e.TargetID, th.ID.String())
	created(e, "name", "talk")
	created(e, "archived", "false") // the thread's metadata, flattened
	_, err = c.ModifyChannel(ctx, th.ID, &rest.ChannelModify{Name: ptr("chat")})
	is.NoErr(err)
	name, _ := change(entry(model.AuditLogThreadUpdate), "name") // a thread's update is THREAD_UPDATE
	is.Equal(name.OldValue.String(), "talk")
	is.Equal(name.NewValue.String(), "chat")

	is.NoErr(c.EditPermissions(ctx, ch, &model.PermissionOverwrite{ID: model.Snowflake(other), Type: model.OverwriteMember, Allow: model.PermissionViewChannel}))
	e = entry(model.AuditLogChannelOverwriteCreate)
	is.Equal(*e.TargetID, ch.String())
	is.Equal(e.Options.ID, model.Snowflake(other)) // the overwrite's ID
	is.Equal(e.Options.Type, "1")                  // of a member
	created(e, "allow", "1024")
	is.NoErr(c.DeletePermission(ctx, ch, model.Snowflake(other)))
	deleted(entry(model.AuditLogChannelOverwriteDelete), "allow", "1024")

	theirs, err := s.SendMessage(ch, other, "hello")
	is.NoErr(err)
	is.NoErr(c.Pin(ctx, ch, theirs))
	e = entry(model.AuditLogMessagePin)
	is.Equal(*e.TargetID, other.String()) // the message's author
	is.Equal(e.Options.ChannelID, ch)
	is.Equal(e.Options.MessageID, theirs)
	is.NoErr(c.DeleteMessage(ctx, ch, theirs))
	e = entry(model.AuditLogMessageDelete)
	is.Equal(*e.TargetID, other.String())
	is.Equal(e.Options.ChannelID, ch)
	is.Equal(e.Options.Count, "1")
	mine, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "mine"})
	is.NoErr(err)
	is.NoErr(c.DeleteMessage(ctx, ch, mine.ID))
	is.Equal(len(entries(model.AuditLogMessageDelete)), 1) // deleting its own message is not logged

	var ids []model.MessageID
	for range 3 {
		m, err := c.CreateMessage(ctx, ch, &rest.MessageCreate{Content: "bulk"})
		is.NoErr(err)
		ids = append(ids, m.ID)
	}
	is.NoErr(c.BulkDeleteMessages(ctx, ch, ids))
	e = entry(model.AuditLogMessageBulkDelete)
	is.Equal(*e.TargetID, ch.String())
	is.Equal(e.Options.Count, "3")

	pruned, err := c.BeginPrune(ctx, g, &rest.Prune{Days: 30})
	is.NoErr(err)
	e = entry(model.AuditLogMemberPrune)
	is.Equal(e.Options.DeleteMemberDays, "30")
	is.Equal(e.Options.MembersRemoved, strconv.Itoa(pruned))

	_, err = c.CreateGuildSound(ctx, g, &rest.SoundCreate{Name: "boop", Sound: "data:audio/ogg;base64,T2dnUw=="})
	is.NoErr(err)
	e = entry(model.AuditLogSoundboardSoundCreate)
	created(e, "name", "boop")
	_, ok = change(e, "sound")
	is.True(!ok) // not the upload

	chans := s.World().Channels(g)
	v := slices.IndexFunc(chans, func(ch discordtest.Channel) bool { return ch.Type == model.ChannelGuildVoice })
	is.True(v >= 0)
	voice := chans[v].ID
	is.NoErr(s.JoinVoice(g, other, voice))
	_, err = c.ModifyMember(ctx, g, other, &rest.MemberModify{ChannelID: rest.Some(voice)})
	is.NoErr(err)
	e = entry(model.AuditLogMemberMove)
	is.Equal(e.Options.ChannelID, voice) // moved there
	is.Equal(e.Options.Count, "1")
	_, err = c.ModifyMember(ctx, g, other, &rest.MemberModify{ChannelID: rest.Null[model.ChannelID]()})
	is.NoErr(err)
	is.Equal(entry(model.AuditLogMemberDisconnect).Options.Count, "1")
	is.Equal(len(entries(model.AuditLogMemberUpdate)), 0) // a move changes no member field

	inv, err := c.CreateInvite(ctx, ch, &rest.InviteCreate{MaxAge: ptr(600)})
	is.NoErr(err)
	e = entry(model.AuditLogInviteCreate)
	is.True(e.TargetID == nil) // an invite has no ID
	created(e, "max_age", "600")
	created(e, "inviter_id", bot.String())
	created(e, "code", inv.Code)
	_, err = c.DeleteInvite(ctx, inv.Code)
	is.NoErr(err)
	deleted(entry(model.AuditLogInviteDelete), "code", inv.Code) // its guild found from the invite
}
