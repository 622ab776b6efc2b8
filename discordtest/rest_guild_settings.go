package discordtest

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// Settings a guild or the application keeps as one object, read with GET
// and replaced or edited with PUT or PATCH: onboarding, the widget, the
// welcome screen, role-connection metadata. And the audit log, which the
// routes that change a guild write to.

// setting is a stored settings object of an owner; defaults fill what was
// never set.
type setting struct {
	kind     string
	defaults func(c *restCall, owner string) map[string]any
	merge    bool // PATCH merges fields; PUT replaces
}

var (
	onboardingSetting = &setting{kind: "onboarding", defaults: func(_ *restCall, g string) map[string]any {
		return map[string]any{"guild_id": g, "prompts": []any{}, "default_channel_ids": []any{}, "enabled": false, "mode": 0}
	}, merge: true}
	widgetSetting = &setting{kind: "widget", defaults: func(*restCall, string) map[string]any {
		return map[string]any{"enabled": false, "channel_id": nil}
	}, merge: true}
	welcomeSetting = &setting{kind: "welcome", defaults: func(*restCall, string) map[string]any {
		return map[string]any{"description": nil, "welcome_channels": []any{}, "enabled": false}
	}, merge: true}
)

// widgetJSON answers GET /guilds/{id}/widget.json: 50004 Widget Disabled
// until the widget is enabled, then the guild's voice channels that
// @everyone sees and its online members (up to 100), anonymised.
func (c *restCall) widgetJSON() {
	g, ok := c.guild()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	on := false
	if list := d.objects[widgetSetting.kind][g.ID.String()]; len(list) > 0 {
		on, _ = list[0]["enabled"].(bool)
	}
	d.mu.Unlock()
	if !on {
		c.fail(&apiError{status: http.StatusForbidden, Code: 50004, Message: "Widget Disabled"})
		return
	}
	out := model.GuildWidget{ID: g.ID, Name: g.Name, Channels: []model.WidgetChannel{}, Members: []model.WidgetMember{}}
	everyone := model.Snowflake(g.ID)
	for _, ch := range g.Channels {
		if ch.Type != model.ChannelGuildVoice && ch.Type != model.ChannelGuildStageVoice {
			continue
		}
		hidden := slices.ContainsFunc(ch.PermissionOverwrites, func(o Overwrite) bool {
			return o.ID == everyone && o.Deny&model.PermissionViewChannel != 0
		})
		if !hidden {
			out.Channels = append(out.Channels, model.WidgetChannel{ID: ch.ID, Name: ch.Name, Position: ch.Position})
		}
	}
	w := c.s.World()
	for _, p := range g.Presences {
		if p.Status == "offline" || p.Status == "invisible" {
			continue
		}
		out.PresenceCount++
		if len(out.Members) == 100 {
			continue
		}
		u, _ := w.User(p.User.ID)
		out.Members = append(out.Members, model.WidgetMember{ID: strconv.Itoa(len(out.Members)), Username: u.Username, Status: p.Status})
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) settingOwner() (string, model.GuildID, bool) {
	g, ok := c.guild()
	return g.ID.String(), g.ID, ok
}

func (c *restCall) getSetting(s *setting) {
	owner, _, ok := c.settingOwner()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	out := s.defaults(c, owner)
	if list := d.objects[s.kind][owner]; len(list) > 0 {
		for k, v := range list[0] {
			out[k] = v
		}
	}
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (c *restCall) putSetting(s *setting, need model.Permissions, validate func(f *formErrors, body map[string]any)) {
	owner, gid, ok := c.settingOwner()
	if !ok || !c.can(gid, 0, need) {
		return
	}
	body := map[string]any{}
	if !c.body(&body) {
		return
	}
	var f formErrors
	if validate != nil {
		validate(&f, body)
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	if d.objects[s.kind] == nil {
		d.objects[s.kind] = map[string][]map[string]any{}
	}
	cur := s.defaults(c, owner)
	if list := d.objects[s.kind][owner]; len(list) > 0 && s.merge {
		cur = list[0]
	}
	for k, v := range body {
		cur[k] = v
	}
	d.objects[s.kind][owner] = []map[string]any{cur}
	out := maps.Clone(cur)
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

// auditLog answers GET /guilds/{guild_id}/audit-logs: newest first,
// filtered by user_id, action_type and target_id, paged with before,
// after and limit (1 to 100, 50 by default).
func (c *restCall) auditLog() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionViewAuditLog) {
		return
	}
	q := c.r.URL.Query()
	if at := q.Get("action_type"); at != "" {
		if _, err := strconv.Atoi(at); err != nil {
			c.fail(formError("action_type", "NUMBER_TYPE_COERCE", "Value \""+at+"\" is not int."))
			return
		}
	}
	all := c.rs.data.storeList("audit", g.ID.String())
	var objs []map[string]any
	for _, e := range all {
		if u := q.Get("user_id"); u != "" && e["user_id"] != u ||
			q.Get("action_type") != "" && strconv.Itoa(e["action_type"].(int)) != q.Get("action_type") ||
			q.Get("target_id") != "" && e["target_id"] != q.Get("target_id") {
			continue
		}
		objs = append(objs, e)
	}
	out, ok := c.page(objs, "id", 50, 100, true)
	if !ok {
		return
	}
	users := []any{}
	if len(out) > 0 {
		users = append(users, modelUser(c.s.World().Bot()))
	}
	c.json(http.StatusOK, map[string]any{"audit_log_entries": out, "users": users, "integrations": []any{}, "webhooks": []any{},
		"guild_scheduled_events": []any{}, "threads": []any{}, "application_commands": []any{}, "auto_moderation_rules": []any{}})
}

// settingsRoutes registers the routes of this file.
func settingsRoutes(m map[string]func(*restCall)) {
	m["GET /guilds/{guild_id}/onboarding"] = func(c *restCall) { c.getSetting(onboardingSetting) }
	m["PUT /guilds/{guild_id}/onboarding"] = func(c *restCall) {
		c.putSetting(onboardingSetting, model.PermissionManageGuild|model.PermissionManageRoles, func(f *formErrors, b map[string]any) {
			if p, ok := b["prompts"].([]any); ok && len(p) > 15 {
				f.add("prompts", "BASE_TYPE_MAX_LENGTH", "Must be 15 or fewer in length.")
			}
		})
	}
	m["GET /guilds/{guild_id}/widget"] = func(c *restCall) { c.getSetting(widgetSetting) }
	m["PATCH /guilds/{guild_id}/widget"] = func(c *restCall) { c.putSetting(widgetSetting, model.PermissionManageGuild, nil) }
	m["GET /guilds/{guild_id}/welcome-screen"] = func(c *restCall) { c.getSetting(welcomeSetting) }
	m["PATCH /guilds/{guild_id}/welcome-screen"] = func(c *restCall) {
		c.putSetting(welcomeSetting, model.PermissionManageGuild, func(f *formErrors, b map[string]any) {
			if w, ok := b["welcome_channels"].([]any); ok && len(w) > 5 {
				f.add("welcome_channels", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
			}
		})
	}
	m["GET /guilds/{guild_id}/audit-logs"] = (*restCall).auditLog
	m["GET /applications/{application_id}/role-connections/metadata"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		out := c.rs.data.storeList("role_metadata", "")
		c.json(http.StatusOK, out)
	}
	m["PUT /applications/{application_id}/role-connections/metadata"] = func(c *restCall) {
		if !c.ownApplication() {
			return
		}
		var body []map[string]any
		if !c.body(&body) {
			return
		}
		if len(body) > 5 {
			c.fail(formError("", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."))
			return
		}
		if body == nil {
			body = []map[string]any{}
		}
		d := c.rs.data
		d.mu.Lock()
		if d.objects["role_metadata"] == nil {
			d.objects["role_metadata"] = map[string][]map[string]any{}
		}
		d.objects["role_metadata"][""] = body
		out := cloneObjs(body)
		d.mu.Unlock()
		c.json(http.StatusOK, out)
	}
	m["GET /guilds/{guild_id}/prune"] = func(c *restCall) { c.prune(false) }
	m["POST /guilds/{guild_id}/prune"] = func(c *restCall) { c.prune(true) }
}

// prune counts (and, when do, removes) the members Discord would prune:
// those without a role (or only with include_roles), who joined more than
// days ago. The fake has no activity, so joining stands for being seen.
func (c *restCall) prune(do bool) {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionKickMembers|model.PermissionManageGuild) {
		return
	}
	var p struct {
		Days              *int           `json:"days"`
		ComputePruneCount *bool          `json:"compute_prune_count"`
		IncludeRoles      []model.RoleID `json:"include_roles"`
	}
	days := 7
	if do {
		if !c.body(&p) {
			return
		}
		if p.Days != nil {
			days = *p.Days
		}
	} else {
		n, ok := c.queryInt("days", 7, 1, 30)
		if !ok {
			return
		}
		days = n
		for _, s := range c.r.URL.Query()["include_roles"] {
			for _, part := range strings.Split(s, ",") {
				if id, err := model.ParseSnowflake(part); err == nil {
					p.IncludeRoles = append(p.IncludeRoles, model.RoleID(id))
				}
			}
		}
	}
	if days < 1 || days > 30 {
		c.fail(formError("days", "NUMBER_TYPE_MAX", "int value should be between 1 and 30."))
		return
	}
	cutoff := c.now.AddDate(0, 0, -days)
	var pruned []model.UserID
	for _, m := range g.Members {
		if m.User.ID == g.OwnerID || m.User.Bot || m.JoinedAt.After(cutoff) {
			continue
		}
		extra := false
		for _, r := range m.Roles {
			if !slices.Contains(p.IncludeRoles, r) {
				extra = true
			}
		}
		if !extra {
			pruned = append(pruned, m.User.ID)
		}
	}
	if do {
		c.auditOptions = map[string]string{"delete_member_days": strconv.Itoa(days), "members_removed": strconv.Itoa(len(pruned))}
		for _, id := range pruned {
			if m, ok := c.s.World().RemoveMember(g.ID, id); ok {
				c.rs.dispatch(g.ID, "GUILD_MEMBER_REMOVE", map[string]any{"guild_id": g.ID, "user": modelUser(m.User)})
			}
		}
		if p.ComputePruneCount != nil && !*p.ComputePruneCount {
			c.json(http.StatusOK, map[string]any{"pruned": nil})
			return
		}
	}
	c.json(http.StatusOK, map[string]any{"pruned": len(pruned)})
}
