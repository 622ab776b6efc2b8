package model_test

import (
	"testing"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func TestPermissions(t *testing.T) {
	const (
		guild  = 100
		owner  = 1
		alice  = 2
		mods   = 200
		muted  = 201
		admins = 202
	)
	g := &model.Guild{ID: guild, OwnerID: owner, Roles: []model.Role{
		{ID: guild, Permissions: model.PermissionViewChannel | model.PermissionSendMessages},
		{ID: mods, Permissions: model.PermissionManageMessages},
		{ID: muted},
		{ID: admins, Permissions: model.PermissionAdministrator},
	}}
	ch := &model.Channel{ID: 300, PermissionOverwrites: []model.PermissionOverwrite{
		{ID: guild, Type: model.OverwriteRole, Deny: model.PermissionSendMessages},
		{ID: mods, Type: model.OverwriteRole, Allow: model.PermissionSendMessages},
		{ID: muted, Type: model.OverwriteRole, Deny: model.PermissionSendMessages},
		{ID: alice, Type: model.OverwriteMember, Deny: model.PermissionViewChannel},
	}}
	t.Run("guild", func(t *testing.T) {
		is := is.New(t)
		is.Equal(g.MemberPermissions(owner, nil), model.PermissionsAll)                // the owner has everything
		is.Equal(g.MemberPermissions(3, []model.RoleID{admins}), model.PermissionsAll) // and so do administrators
		is.Equal(g.MemberPermissions(3, []model.RoleID{mods}),
			model.PermissionViewChannel|model.PermissionSendMessages|model.PermissionManageMessages)
	})
	t.Run("channel", func(t *testing.T) {
		is := is.New(t)
		is.Equal(g.ChannelPermissions(3, nil, ch), model.PermissionViewChannel) // @everyone may not send here
		// A role's allow wins over another role's deny.
		is.True(g.ChannelPermissions(3, []model.RoleID{mods, muted}, ch).Has(model.PermissionSendMessages))
		is.True(!g.ChannelPermissions(alice, []model.RoleID{mods}, ch).Has(model.PermissionViewChannel)) // the member's overwrite is last
		is.Equal(g.ChannelPermissions(3, []model.RoleID{admins}, ch), model.PermissionsAll)
	})
}

// TestImplicitPermissions checks the rules beyond the overwrites, which
// the cache applies through the same function.
func TestImplicitPermissions(t *testing.T) {
	is := is.New(t)
	const (
		view, send, embed = model.PermissionViewChannel, model.PermissionSendMessages, model.PermissionEmbedLinks
		threads, connect  = model.PermissionSendMessagesInThreads, model.PermissionConnect
	)
	is.Equal(model.ImplicitPermissions(send|embed, model.ChannelGuildText, false), model.Permissions(0))          // no VIEW_CHANNEL: nothing
	is.Equal(model.ImplicitPermissions(view|embed, model.ChannelGuildText, false), view)                          // no SEND_MESSAGES: no embeds
	is.Equal(model.ImplicitPermissions(view|send|embed, model.ChannelGuildText, false), view|send|embed)          // all there
	is.Equal(model.ImplicitPermissions(view|send|embed, model.ChannelPublicThread, false), view|send)             // a thread sends with SEND_MESSAGES_IN_THREADS
	is.Equal(model.ImplicitPermissions(view|threads|embed, model.ChannelPublicThread, false), view|threads|embed) // which it has here
	is.Equal(model.ImplicitPermissions(view|send|model.PermissionSpeak, model.ChannelGuildVoice, false), view)    // no CONNECT: only VIEW_CHANNEL
	is.Equal(model.ImplicitPermissions(view|connect|model.PermissionSpeak, model.ChannelGuildVoice, false), view|connect|model.PermissionSpeak)
	is.Equal(model.ImplicitPermissions(view|send|model.PermissionReadMessageHistory, model.ChannelGuildText, true),
		view|model.PermissionReadMessageHistory) // a timeout keeps only viewing and reading
	is.Equal(model.ImplicitPermissions(model.PermissionsAll, model.ChannelGuildText, true), model.PermissionsAll) // owners and administrators are exempt

	// Guild.ChannelPermissions applies them: a member who may send but not
	// view a channel can do nothing there.
	g := &model.Guild{ID: 1, OwnerID: 9, Roles: []model.Role{{ID: 1, Permissions: view | send}}}
	ch := &model.Channel{ID: 2, Type: model.ChannelGuildText, PermissionOverwrites: []model.PermissionOverwrite{
		{ID: 1, Type: model.OverwriteRole, Deny: view},
	}}
	is.Equal(g.ChannelPermissions(3, nil, ch), model.Permissions(0))
}
