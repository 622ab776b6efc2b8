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
