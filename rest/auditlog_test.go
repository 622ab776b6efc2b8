package rest_test

import (
	"context"
	"iter"
	"testing"

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
