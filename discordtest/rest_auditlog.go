package discordtest

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"

	"github.com/gloamdev/gloam/model"
)

// auditAction is the audit-log action a route that changes a guild
// writes: its type, the path parameter naming its target ("" for a
// create, whose target is the new object in the answer), and the
// target's fields as the changes compare them (nil: the action logs no
// changes).
type auditAction struct {
	action model.AuditLogEvent
	target string
	object func(c *restCall) map[string]any
}

var auditActions = map[string]auditAction{
	"PATCH /guilds/{guild_id}":                                              {model.AuditLogGuildUpdate, "guild_id", guildObject},
	"POST /guilds/{guild_id}/channels":                                      {model.AuditLogChannelCreate, "", nil},
	"PATCH /channels/{channel_id}":                                          {model.AuditLogChannelUpdate, "channel_id", channelObject},
	"DELETE /channels/{channel_id}":                                         {model.AuditLogChannelDelete, "channel_id", channelObject},
	"PUT /channels/{channel_id}/permissions/{overwrite_id}":                 {model.AuditLogChannelOverwriteCreate, "channel_id", overwriteObject},
	"DELETE /channels/{channel_id}/permissions/{overwrite_id}":              {model.AuditLogChannelOverwriteDelete, "channel_id", overwriteObject},
	"DELETE /guilds/{guild_id}/members/{user_id}":                           {model.AuditLogMemberKick, "user_id", nil},
	"POST /guilds/{guild_id}/prune":                                         {model.AuditLogMemberPrune, "", nil},
	"PUT /guilds/{guild_id}/bans/{user_id}":                                 {model.AuditLogMemberBanAdd, "user_id", nil},
	"DELETE /guilds/{guild_id}/bans/{user_id}":                              {model.AuditLogMemberBanRemove, "user_id", nil},
	"PATCH /guilds/{guild_id}/members/{user_id}":                            {model.AuditLogMemberUpdate, "user_id", memberObject},
	"PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}":              {model.AuditLogMemberRoleUpdate, "user_id", memberObject},
	"DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}":           {model.AuditLogMemberRoleUpdate, "user_id", memberObject},
	"POST /guilds/{guild_id}/roles":                                         {model.AuditLogRoleCreate, "", nil},
	"PATCH /guilds/{guild_id}/roles/{role_id}":                              {model.AuditLogRoleUpdate, "role_id", roleObject},
	"DELETE /guilds/{guild_id}/roles/{role_id}":                             {model.AuditLogRoleDelete, "role_id", roleObject},
	"POST /channels/{channel_id}/invites":                                   {model.AuditLogInviteCreate, "", nil},
	"DELETE /invites/{code}":                                                {model.AuditLogInviteDelete, "code", inviteObject},
	"POST /channels/{channel_id}/webhooks":                                  {model.AuditLogWebhookCreate, "", nil},
	"PATCH /webhooks/{webhook_id}":                                          {model.AuditLogWebhookUpdate, "webhook_id", webhookObject},
	"DELETE /webhooks/{webhook_id}":                                         {model.AuditLogWebhookDelete, "webhook_id", webhookObject},
	"POST /guilds/{guild_id}/emojis":                                        {model.AuditLogEmojiCreate, "", nil},
	"PATCH /guilds/{guild_id}/emojis/{emoji_id}":                            {model.AuditLogEmojiUpdate, "emoji_id", emojiObject},
	"DELETE /guilds/{guild_id}/emojis/{emoji_id}":                           {model.AuditLogEmojiDelete, "emoji_id", emojiObject},
	"DELETE /channels/{channel_id}/messages/{message_id}":                   {model.AuditLogMessageDelete, "message_id", nil},
	"POST /channels/{channel_id}/messages/bulk-delete":                      {model.AuditLogMessageBulkDelete, "channel_id", nil},
	"PUT /channels/{channel_id}/messages/pins/{message_id}":                 {model.AuditLogMessagePin, "message_id", nil},
	"DELETE /channels/{channel_id}/messages/pins/{message_id}":              {model.AuditLogMessageUnpin, "message_id", nil},
	"PUT /channels/{channel_id}/pins/{message_id}":                          {model.AuditLogMessagePin, "message_id", nil},
	"DELETE /channels/{channel_id}/pins/{message_id}":                       {model.AuditLogMessageUnpin, "message_id", nil},
	"DELETE /guilds/{guild_id}/integrations/{integration_id}":               {model.AuditLogIntegrationDelete, "integration_id", integrationObject},
	"POST /stage-instances":                                                 {model.AuditLogStageInstanceCreate, "", nil},
	"PATCH /stage-instances/{channel_id}":                                   {model.AuditLogStageInstanceUpdate, "channel_id", collected(stages)},
	"DELETE /stage-instances/{channel_id}":                                  {model.AuditLogStageInstanceDelete, "channel_id", collected(stages)},
	"POST /guilds/{guild_id}/stickers":                                      {model.AuditLogStickerCreate, "", nil},
	"PATCH /guilds/{guild_id}/stickers/{sticker_id}":                        {model.AuditLogStickerUpdate, "sticker_id", collected(stickers)},
	"DELETE /guilds/{guild_id}/stickers/{sticker_id}":                       {model.AuditLogStickerDelete, "sticker_id", collected(stickers)},
	"POST /guilds/{guild_id}/scheduled-events":                              {model.AuditLogGuildScheduledEventCreate, "", nil},
	"PATCH /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}":  {model.AuditLogGuildScheduledEventUpdate, "guild_scheduled_event_id", collected(scheduledEvents)},
	"DELETE /guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}": {model.AuditLogGuildScheduledEventDelete, "guild_scheduled_event_id", collected(scheduledEvents)},
	"POST /channels/{channel_id}/threads":                                   {model.AuditLogThreadCreate, "", nil},
	"POST /channels/{channel_id}/messages/{message_id}/threads":             {model.AuditLogThreadCreate, "", nil},
	"POST /guilds/{guild_id}/soundboard-sounds":                             {model.AuditLogSoundboardSoundCreate, "", nil},
	"PATCH /guilds/{guild_id}/soundboard-sounds/{sound_id}":                 {model.AuditLogSoundboardSoundUpdate, "sound_id", collected(soundboard)},
	"DELETE /guilds/{guild_id}/soundboard-sounds/{sound_id}":                {model.AuditLogSoundboardSoundDelete, "sound_id", collected(soundboard)},
	"POST /guilds/{guild_id}/auto-moderation/rules":                         {model.AuditLogAutoModerationRuleCreate, "", nil},
	"PATCH /guilds/{guild_id}/auto-moderation/rules/{rule_id}":              {model.AuditLogAutoModerationRuleUpdate, "rule_id", collected(autoModRules)},
	"DELETE /guilds/{guild_id}/auto-moderation/rules/{rule_id}":             {model.AuditLogAutoModerationRuleDelete, "rule_id", collected(autoModRules)},
}

// auditPending is an audited call's entry as it stands before the call.
type auditPending struct {
	a      auditAction
	action model.AuditLogEvent
	before map[string]any // the target's fields; nil for none
	author model.UserID   // a message action's target: the message's author
}

// auditStart notes what an audited call's entry needs from before the
// call: the target's fields, and which action a channel or overwrite
// call is. It is nil for a call that writes no entry.
func (c *restCall) auditStart() *auditPending {
	a, ok := auditActions[c.rt.key]
	if !ok || c.identity != "bot" {
		return nil
	}
	p := &auditPending{a: a, action: a.action}
	if a.object != nil {
		p.before = a.object(c)
	}
	switch a.action {
	case model.AuditLogChannelUpdate, model.AuditLogChannelDelete:
		d := c.rs.data
		d.mu.Lock()
		if d.threads[model.ChannelID(c.id("channel_id"))] != nil {
			p.action += model.AuditLogThreadUpdate - model.AuditLogChannelUpdate
		}
		d.mu.Unlock()
	case model.AuditLogChannelOverwriteCreate:
		if p.before != nil {
			p.action = model.AuditLogChannelOverwriteUpdate
		}
	case model.AuditLogMessageDelete, model.AuditLogMessagePin, model.AuditLogMessageUnpin:
		d := c.rs.data
		d.mu.Lock()
		if cd := d.channels[model.ChannelID(c.id("channel_id"))]; cd != nil {
			if md := cd.byID[model.MessageID(c.id("message_id"))]; md != nil {
				p.author = md.m.Author.ID
			}
		}
		d.mu.Unlock()
	}
	c.w.keep = true // a create's changes come from its answer
	return p
}

// audit writes the audit-log entry of a call that changed a guild, once
// it has answered with success: the bot as the user; the target from
// the path, or the created object's; the changes to the target (a
// create's new values only, a delete's old values only); the options
// the action carries, as strings; and the X-Audit-Log-Reason header,
// URL-decoded, as the reason.
func (c *restCall) audit(p *auditPending) {
	if p == nil || c.w.status/100 != 2 {
		return
	}
	var answer map[string]any
	json.Unmarshal(c.w.body.Bytes(), &answer)
	e := map[string]any{"id": c.s.World().NewID().String(), "user_id": c.botID().String(), "action_type": int(p.action),
		"target_id": nil, "changes": []any{}, "options": nil, "reason": nil}
	after := answer
	switch {
	case p.a.target != "":
		e["target_id"] = c.param(p.a.target)
		after = nil
		if p.a.object != nil {
			after = p.a.object(c)
		}
	case answer["sound_id"] != nil:
		e["target_id"] = answer["sound_id"]
	case answer["id"] != nil:
		e["target_id"] = answer["id"]
	}
	gid := c.auditGuild(p.before, after)
	if gid == 0 {
		return
	}
	if p.action == model.AuditLogInviteDelete || p.action == model.AuditLogInviteCreate {
		e["target_id"] = nil // an invite has no snowflake
	}
	if p.a.object != nil || p.a.target == "" && answer != nil {
		e["changes"] = c.auditChanges(p.action, gid, auditFields(p.before), auditFields(after))
	}
	opts := c.auditOptions
	switch p.action {
	case model.AuditLogChannelOverwriteCreate, model.AuditLogChannelOverwriteUpdate, model.AuditLogChannelOverwriteDelete:
		o := p.before
		if o == nil {
			o = after
		}
		typ, _ := o["type"].(float64)
		opts = map[string]string{"id": c.param("overwrite_id"), "type": strconv.Itoa(int(typ))}
		if typ == float64(model.OverwriteRole) {
			for _, r := range c.s.World().Roles(gid) {
				if r.ID.String() == c.param("overwrite_id") {
					opts["role_name"] = r.Name
				}
			}
		}
	case model.AuditLogMessageDelete:
		if p.author == c.botID() {
			return // Discord logs deleting others' messages only
		}
		e["target_id"] = p.author.String()
		opts = map[string]string{"channel_id": c.param("channel_id"), "count": "1"}
	case model.AuditLogMessagePin, model.AuditLogMessageUnpin:
		e["target_id"] = p.author.String()
		opts = map[string]string{"channel_id": c.param("channel_id"), "message_id": c.param("message_id")}
	case model.AuditLogStageInstanceCreate, model.AuditLogStageInstanceUpdate, model.AuditLogStageInstanceDelete:
		o := p.before
		if o == nil {
			o = after
		}
		ch, _ := o["channel_id"].(string)
		opts = map[string]string{"channel_id": ch}
		e["target_id"] = o["id"]
	}
	if opts != nil {
		e["options"] = opts
	}
	if r := c.r.Header.Get("X-Audit-Log-Reason"); r != "" {
		e["reason"] = c.auditReason()
	}
	if c.moved != nil { // a move or disconnect in voice is an entry of its own
		mv := maps.Clone(e)
		mv["id"], mv["changes"], mv["target_id"] = c.s.World().NewID().String(), []any{}, nil
		mv["action_type"], mv["options"] = int(model.AuditLogMemberDisconnect), map[string]string{"count": "1"}
		if *c.moved != 0 {
			mv["action_type"], mv["options"] = int(model.AuditLogMemberMove), map[string]string{"channel_id": c.moved.String(), "count": "1"}
		}
		c.logAudit(gid, mv)
		if len(e["changes"].([]any)) == 0 {
			return
		}
	}
	c.logAudit(gid, e)
}

// logAudit keeps an entry in a guild's audit log and dispatches
// GUILD_AUDIT_LOG_ENTRY_CREATE.
func (c *restCall) logAudit(gid model.GuildID, e map[string]any) {
	d := c.rs.data
	d.mu.Lock()
	d.storeAdd("audit", gid.String(), e)
	d.mu.Unlock()
	ev := maps.Clone(e)
	ev["guild_id"] = gid.String() // the event names the guild; the log does not
	c.rs.dispatch(gid, "GUILD_AUDIT_LOG_ENTRY_CREATE", ev)
}

// auditGuild is the guild an audited call changed: from the path, the
// channel in the path, or the target's fields.
func (c *restCall) auditGuild(before, after map[string]any) model.GuildID {
	if gid := model.GuildID(c.id("guild_id")); gid != 0 {
		return gid
	}
	if c.param("channel_id") != "" {
		if ci, err := c.channel(model.ChannelID(c.id("channel_id"))); err == nil && ci.guildID != 0 {
			return ci.guildID
		}
	}
	for _, o := range []map[string]any{before, after} {
		if s, ok := o["guild_id"].(string); ok {
			if id, err := model.ParseSnowflake(s); err == nil {
				return model.GuildID(id)
			}
		}
	}
	return 0
}

// auditSkipped are the fields no change is logged for: the target's own
// IDs, secrets, uploads, expanded objects and counters.
var auditSkipped = map[string]bool{"id": true, "guild_id": true, "token": true, "url": true, "sound": true, "image": true,
	"guild": true, "channel": true, "inviter": true, "user": true, "member": true, "message": true, "newly_created": true,
	"user_count": true, "member_count": true, "message_count": true, "total_message_sent": true, "owner_id": true,
	"last_message_id": true, "creator": true, "thread_metadata": true, "uses": true, "created_at": true}

// auditFields is an object's fields as audit-log changes name them: a
// thread's metadata flattened (archived, locked, auto_archive_duration,
// invitable), an invite's inviter as inviter_id, the skipped ones left
// out.
func auditFields(o map[string]any) map[string]any {
	if o == nil {
		return nil
	}
	out := map[string]any{}
	for k, v := range o {
		if !auditSkipped[k] {
			out[k] = v
		}
	}
	if md, ok := o["thread_metadata"].(map[string]any); ok {
		for _, k := range []string{"archived", "locked", "auto_archive_duration", "invitable"} {
			if v, ok := md[k]; ok {
				out[k] = v
			}
		}
	}
	if u, ok := o["inviter"].(map[string]any); ok {
		out["inviter_id"] = u["id"]
	}
	return out
}

// The objects audited calls change, as JSON fields, found by the call's
// path; nil when there is none.

func guildObject(c *restCall) map[string]any {
	if g, ok := c.s.World().Guild(model.GuildID(c.id("guild_id"))); ok {
		return jsonFields(g)
	}
	return nil
}

// channelObject is a guild channel or a thread.
func channelObject(c *restCall) map[string]any {
	id := model.ChannelID(c.id("channel_id"))
	if ch, ok := c.s.World().Channel(id); ok {
		if ch.GuildID == 0 {
			return nil
		}
		return jsonFields(ch)
	}
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.threads[id]; t != nil {
		return jsonFields(t)
	}
	return nil
}

func overwriteObject(c *restCall) map[string]any {
	ch, ok := c.s.World().Channel(model.ChannelID(c.id("channel_id")))
	if !ok {
		return nil
	}
	for _, o := range ch.PermissionOverwrites {
		if o.ID == c.id("overwrite_id") {
			return jsonFields(o)
		}
	}
	return nil
}

func memberObject(c *restCall) map[string]any {
	if m, ok := c.s.World().Member(model.GuildID(c.id("guild_id")), model.UserID(c.id("user_id"))); ok {
		return jsonFields(m)
	}
	return nil
}

func roleObject(c *restCall) map[string]any {
	for _, r := range c.s.World().Roles(model.GuildID(c.id("guild_id"))) {
		if r.ID == model.RoleID(c.id("role_id")) {
			return jsonFields(r)
		}
	}
	return nil
}

func emojiObject(c *restCall) map[string]any {
	g, ok := c.s.World().Guild(model.GuildID(c.id("guild_id")))
	if !ok {
		return nil
	}
	for _, e := range g.Emojis {
		if e.ID == model.EmojiID(c.id("emoji_id")) {
			return jsonFields(e)
		}
	}
	return nil
}

func webhookObject(c *restCall) map[string]any {
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if wh := d.webhooks[model.WebhookID(c.id("webhook_id"))]; wh != nil {
		return jsonFields(wh)
	}
	return nil
}

func inviteObject(c *restCall) map[string]any {
	return jsonFields(c.rs.data.storeGet(invites.name, "", "code", c.param("code")))
}

func integrationObject(c *restCall) map[string]any {
	return jsonFields(c.rs.data.storeGet(integrationsKind, c.param("guild_id"), "id", c.param("integration_id")))
}

// collected finds the object of a collection the path names.
func collected(col *collection) func(c *restCall) map[string]any {
	return func(c *restCall) map[string]any {
		key := c.param(col.parent)
		d := c.rs.data
		d.mu.Lock()
		defer d.mu.Unlock()
		if i := c.find(col, key); i >= 0 {
			return jsonFields(col.view(d.objects[col.name][key][i]))
		}
		return nil
	}
}

// jsonFields is v's JSON object as a map, nil for a nil v; v marshals to
// an object.
func jsonFields(v any) map[string]any {
	if m, ok := v.(map[string]any); ok && m == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the World's types always marshal
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
}

// auditChanges are the changes of an audit-log entry, as AuditLogChange
// objects, from the target's fields before and after the call (nil
// before a create, nil after a delete): every field that differs, by
// key, with old_value and new_value as they were; a member's roles as
// $add and $remove of partial roles, as Discord writes them.
func (c *restCall) auditChanges(action model.AuditLogEvent, gid model.GuildID, before, after map[string]any) []any {
	keys := slices.Collect(maps.Keys(before))
	for k := range after {
		if _, ok := before[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := []any{}
	for _, k := range keys {
		was, now := before[k], after[k]
		if reflect.DeepEqual(was, now) {
			continue
		}
		if k == "roles" && (action == model.AuditLogMemberUpdate || action == model.AuditLogMemberRoleUpdate) {
			out = append(out, c.roleChanges(gid, was, now)...)
			continue
		}
		ch := map[string]any{"key": k}
		if was != nil {
			ch["old_value"] = was
		}
		if now != nil {
			ch["new_value"] = now
		}
		out = append(out, ch)
	}
	return out
}

// roleChanges are a member's role changes as $add and $remove of
// partial roles.
func (c *restCall) roleChanges(gid model.GuildID, was, now any) []any {
	ids := func(v any) []string {
		var out []string
		l, _ := v.([]any)
		for _, x := range l {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	names := map[string]string{}
	for _, r := range c.s.World().Roles(gid) {
		names[r.ID.String()] = r.Name
	}
	before, after := ids(was), ids(now)
	var out []any
	for _, d := range []struct {
		key      string
		from, in []string
	}{{"$add", after, before}, {"$remove", before, after}} {
		var roles []any
		for _, id := range d.from {
			if !slices.Contains(d.in, id) {
				roles = append(roles, map[string]any{"id": id, "name": names[id]})
			}
		}
		if len(roles) > 0 {
			out = append(out, map[string]any{"key": d.key, "new_value": roles})
		}
	}
	return out
}
