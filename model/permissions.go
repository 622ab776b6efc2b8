package model

// Permission computation, as Discord documents it in "Permission
// Hierarchy": the @everyone role, then the member's roles; the owner and
// administrators have every permission; in a channel the overwrites apply
// in order: @everyone's, the roles' (all denies, then all allows), the
// member's.

// MemberPermissions is the guild-wide permissions of the member with the
// given user ID and roles. Roles g does not hold are ignored.
func (g *Guild) MemberPermissions(userID UserID, roles []RoleID) Permissions {
	if g.OwnerID != 0 && userID == g.OwnerID {
		return PermissionsAll
	}
	var p Permissions
	for i := range g.Roles {
		r := &g.Roles[i]
		if uint64(r.ID) == uint64(g.ID) || hasRole(roles, r.ID) {
			p |= r.Permissions
		}
	}
	if p.Has(PermissionAdministrator) {
		return PermissionsAll
	}
	return p
}

// ChannelPermissions is the permissions of the member with the given user
// ID and roles in ch, after ch's permission overwrites. For a thread, pass
// its parent channel: threads have no overwrites of their own. A member in
// timeout keeps only what MemberPermissions and the overwrites allow of
// PermissionViewChannel and PermissionReadMessageHistory; that is for the
// caller to apply, as it depends on the time.
func (g *Guild) ChannelPermissions(userID UserID, roles []RoleID, ch *Channel) Permissions {
	p := g.MemberPermissions(userID, roles)
	if p.Has(PermissionAdministrator) {
		return PermissionsAll
	}
	var everyone, member *PermissionOverwrite
	var allow, deny Permissions
	for i := range ch.PermissionOverwrites {
		o := &ch.PermissionOverwrites[i]
		switch {
		case o.Type == OverwriteRole && uint64(o.ID) == uint64(g.ID):
			everyone = o
		case o.Type == OverwriteRole && hasRole(roles, RoleID(o.ID)):
			allow |= o.Allow
			deny |= o.Deny
		case o.Type == OverwriteMember && uint64(o.ID) == uint64(userID):
			member = o
		}
	}
	if everyone != nil {
		p = p&^everyone.Deny | everyone.Allow
	}
	p = p&^deny | allow
	if member != nil {
		p = p&^member.Deny | member.Allow
	}
	return p
}

func hasRole(roles []RoleID, id RoleID) bool {
	for _, r := range roles {
		if r == id {
			return true
		}
	}
	return false
}
