package discordtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// collection is a kind of object the REST API keeps as JSON, with the
// usual create, list, get, modify and delete routes: auto-moderation
// rules, scheduled events, stickers, soundboard sounds, templates,
// application emojis, invites, stage instances.
type collection struct {
	name     string                                // the store's key
	parent   string                                // the path parameter of the owner: guild_id, application_id
	field    string                                // the object's field holding the owner, e.g. "guild_id"; "" for none
	idParam  string                                // the path parameter naming the object
	idField  string                                // the object's key field: "id" or "code"
	unknown  *apiError                             // the error for a missing object
	required []string                              // fields create needs
	names    [2]int                                // bounds of "name" when present; zero: unchecked
	defaults map[string]any                        // fields create fills in
	events   [3]string                             // gateway events for create, update, delete; "" for none
	max      int                                   // objects per owner; zero: unbounded
	maxErr   *apiError                             // the error past max
	list     func(objs []map[string]any) any       // the list answer; nil: the array
	hidden   []string                              // fields kept but never shown, e.g. an upload's data
	deleted  func(d *restData, obj map[string]any) // clears what hangs off a deleted object; d.mu is held
}

// view is obj as answers and events show it: a copy without the hidden
// fields.
func (col *collection) view(obj map[string]any) map[string]any {
	out := maps.Clone(obj)
	for _, k := range col.hidden {
		delete(out, k)
	}
	return out
}

// views is objs as answers show them.
func (col *collection) views(objs []map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(objs))
	for _, o := range objs {
		out = append(out, col.view(o))
	}
	return out
}

// objStore keeps the objects of every collection: collection, owner, then
// objects in creation order.
type objStore map[string]map[string][]map[string]any

func (c *restCall) owner(col *collection) (string, model.GuildID, bool) {
	switch col.parent {
	case "guild_id":
		g, ok := c.guild()
		if !ok {
			return "", 0, false
		}
		return g.ID.String(), g.ID, true
	case "application_id":
		if model.ApplicationID(c.id("application_id")) != c.s.World().ApplicationID() {
			c.fail(errMissingAccess)
			return "", 0, false
		}
		return c.param("application_id"), 0, true
	case "channel_id":
		ch, ok := c.s.World().Channel(model.ChannelID(c.id("channel_id")))
		if !ok {
			c.fail(errUnknownChannel)
			return "", 0, false
		}
		return ch.ID.String(), ch.GuildID, true
	}
	return "", 0, true
}

func (c *restCall) crudList(col *collection) {
	key, _, ok := c.owner(col)
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	objs := col.views(d.objects[col.name][key])
	d.mu.Unlock()
	if col.list != nil {
		c.json(http.StatusOK, col.list(objs))
		return
	}
	c.json(http.StatusOK, objs)
}

func cloneObjs(in []map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(in))
	for _, o := range in {
		out = append(out, maps.Clone(o))
	}
	return out
}

// find returns the index of the route's object; the caller holds d.mu.
func (c *restCall) find(col *collection, key string) int {
	want := c.param(col.idParam)
	return slices.IndexFunc(c.rs.data.objects[col.name][key], func(o map[string]any) bool { return o[col.idField] == want })
}

func (c *restCall) crudGet(col *collection) {
	key, _, ok := c.owner(col)
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	i := c.find(col, key)
	var out map[string]any
	if i >= 0 {
		out = col.view(d.objects[col.name][key][i])
	}
	d.mu.Unlock()
	if out == nil {
		c.fail(col.unknown)
		return
	}
	c.json(http.StatusOK, out)
}

func (col *collection) validate(f *formErrors, body map[string]any, create bool) {
	if create {
		for _, r := range col.required {
			if v, ok := body[r]; !ok || v == nil {
				f.required(r)
			}
		}
	}
	if col.names[1] > 0 {
		if v, ok := body["name"]; ok {
			s, isStr := v.(string)
			if !isStr {
				f.add("name", "BASE_TYPE_STRING", "Could not interpret value as string.")
			} else {
				f.lenBetween("name", s, col.names[0], col.names[1])
			}
		}
	}
}

func (c *restCall) crudCreate(col *collection) {
	key, gid, ok := c.owner(col)
	if !ok {
		return
	}
	body := map[string]any{}
	if _, err := c.decodeBody(&body); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	col.validate(&f, body, true)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	obj := map[string]any{}
	for k, v := range col.defaults {
		obj[k] = v
	}
	for k, v := range body {
		obj[k] = v
	}
	w := c.s.World()
	if col.idField == "code" {
		obj["code"] = inviteCode(w.NewID())
	} else {
		obj[col.idField] = w.NewID().String()
	}
	if col.field != "" && key != "" {
		obj[col.field] = key
	}
	d := c.rs.data
	d.mu.Lock()
	if d.objects[col.name] == nil {
		d.objects[col.name] = map[string][]map[string]any{}
	}
	if col.max > 0 && len(d.objects[col.name][key]) >= col.max {
		d.mu.Unlock()
		c.fail(col.maxErr)
		return
	}
	d.objects[col.name][key] = append(d.objects[col.name][key], obj)
	out := col.view(obj)
	d.mu.Unlock()
	if col.events[0] != "" {
		c.rs.dispatch(gid, col.events[0], out)
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) crudPatch(col *collection) {
	key, gid, ok := c.owner(col)
	if !ok {
		return
	}
	body := map[string]any{}
	if _, err := c.decodeBody(&body); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	col.validate(&f, body, false)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	i := c.find(col, key)
	if i < 0 {
		d.mu.Unlock()
		c.fail(col.unknown)
		return
	}
	obj := d.objects[col.name][key][i]
	for k, v := range body {
		if k == col.idField || k == col.field {
			continue
		}
		obj[k] = v
	}
	out := col.view(obj)
	d.mu.Unlock()
	if col.events[1] != "" {
		c.rs.dispatch(gid, col.events[1], out)
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) crudDelete(col *collection) {
	key, gid, ok := c.owner(col)
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	i := c.find(col, key)
	var out map[string]any
	if i >= 0 {
		out = col.view(d.objects[col.name][key][i])
		d.objects[col.name][key] = slices.Delete(d.objects[col.name][key], i, i+1)
		if col.deleted != nil {
			col.deleted(d, out)
		}
	}
	d.mu.Unlock()
	if out == nil {
		c.fail(col.unknown)
		return
	}
	if col.events[2] != "" {
		c.rs.dispatch(gid, col.events[2], out)
	}
	if col.idField == "code" {
		c.json(http.StatusOK, out)
		return
	}
	c.noContent()
}

// inviteCode makes an invite or template code from a snowflake.
func inviteCode(id model.Snowflake) string {
	const letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	v := uint64(id)
	var b [10]byte
	for i := range b {
		b[i] = letters[v%uint64(len(letters))]
		v /= uint64(len(letters))
		v ^= uint64(id) >> (i * 5)
	}
	return string(b[:])
}

var (
	autoModRules = &collection{
		name: "automod", parent: "guild_id", field: "guild_id", idParam: "rule_id", idField: "id",
		unknown:  errUnknown(10066, "auto moderation rule"),
		required: []string{"name", "event_type", "trigger_type"}, names: [2]int{1, 100},
		defaults: map[string]any{"enabled": false, "exempt_roles": []any{}, "exempt_channels": []any{}, "actions": []any{}, "trigger_metadata": map[string]any{}},
		events:   [3]string{"AUTO_MODERATION_RULE_CREATE", "AUTO_MODERATION_RULE_UPDATE", "AUTO_MODERATION_RULE_DELETE"},
	}
	scheduledEvents = &collection{
		name: "events", parent: "guild_id", field: "guild_id", idParam: "guild_scheduled_event_id", idField: "id",
		unknown:  errUnknown(10070, "Guild Scheduled Event"),
		required: []string{"name", "scheduled_start_time", "privacy_level", "entity_type"}, names: [2]int{1, 100},
		defaults: map[string]any{"status": 1, "description": nil, "entity_metadata": nil, "user_count": 0},
		events:   [3]string{"GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE", "GUILD_SCHEDULED_EVENT_DELETE"},
		max:      100, maxErr: &apiError{status: http.StatusBadRequest, Code: 30038, Message: "Maximum number of guild scheduled events reached (100)"},
		deleted: func(d *restData, ev map[string]any) { // its interested users and exceptions go with it
			id, _ := ev["id"].(string)
			delete(d.objects["event_users"], id)
			delete(d.objects["event_exceptions"], id)
		},
	}
	stickers = &collection{
		name: "stickers", parent: "guild_id", field: "guild_id", idParam: "sticker_id", idField: "id",
		unknown: errUnknown(10060, "Sticker"), required: []string{"name", "tags"}, names: [2]int{2, 30},
		defaults: map[string]any{"type": 2, "format_type": 1, "available": true, "description": nil},
	}
	soundboard = &collection{
		name: "sounds", parent: "guild_id", field: "guild_id", idParam: "sound_id", idField: "sound_id",
		unknown: errUnknown(10097, "Soundboard Sound"), required: []string{"name", "sound"}, names: [2]int{2, 32},
		defaults: map[string]any{"volume": 1.0, "emoji_id": nil, "emoji_name": nil, "available": true},
		hidden:   []string{"sound"}, // only the upload carries the sound's data
		events:   [3]string{"GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE", "GUILD_SOUNDBOARD_SOUND_DELETE"},
		list:     func(objs []map[string]any) any { return map[string]any{"items": objs} }, // as List Guild Soundboard Sounds answers
	}
	templates = &collection{
		name: "templates", parent: "guild_id", field: "source_guild_id", idParam: "code", idField: "code",
		unknown: errUnknown(10057, "Guild Template"), required: []string{"name"}, names: [2]int{1, 100},
		defaults: map[string]any{"usage_count": 0, "description": nil, "is_dirty": nil},
		max:      1, maxErr: &apiError{status: http.StatusBadRequest, Code: 30031, Message: "Guild already has a template"},
	}
	appEmojis = &collection{
		name: "appemojis", parent: "application_id", idParam: "emoji_id", idField: "id",
		unknown: errUnknown(10014, "Emoji"), required: []string{"name", "image"}, names: [2]int{2, 32},
		defaults: map[string]any{"roles": []any{}, "require_colons": true, "managed": false, "animated": false, "available": true},
		hidden:   []string{"image"},
		list:     func(objs []map[string]any) any { return map[string]any{"items": objs} },
	}
)

// crud registers the five routes of a collection under base (the list
// path) and item (the object path).
func crud(m map[string]func(*restCall), col *collection, base, item string) {
	m["GET "+base] = func(c *restCall) { c.crudList(col) }
	m["POST "+base] = func(c *restCall) { c.crudCreate(col) }
	m["GET "+item] = func(c *restCall) { c.crudGet(col) }
	m["PATCH "+item] = func(c *restCall) { c.crudPatch(col) }
	m["DELETE "+item] = func(c *restCall) { c.crudDelete(col) }
}

// ---- routes with no state of their own ----

// static answers a fixed JSON value.
func static(v any) func(*restCall) {
	b, _ := json.Marshal(v)
	return func(c *restCall) {
		if strings.Contains(c.rt.Path, "{guild_id}") {
			if _, ok := c.guild(); !ok {
				return
			}
		}
		c.w.Header().Set("Content-Type", "application/json")
		c.w.WriteHeader(http.StatusOK)
		c.w.Write(b)
	}
}

func (c *restCall) application() map[string]any {
	w := c.s.World()
	bot := modelUser(w.Bot())
	app := map[string]any{
		"id": w.ApplicationID(), "name": bot.Username, "icon": bot.Avatar, "description": "A bot tested with discordtest",
		"bot_public": true, "bot_require_code_grant": false, "verify_key": c.s.PublicKey(),
		"flags": 1 << 19, "bot": bot, "team": nil, "summary": "", "approximate_guild_count": len(w.GuildIDs()),
		"redirect_uris": []string{}, "interactions_endpoint_url": nil, "tags": []string{},
	}
	d := c.rs.data
	d.mu.Lock()
	for k, v := range d.app {
		app[k] = v
	}
	d.mu.Unlock()
	if u := c.s.InteractionsEndpoint(); u != "" {
		app["interactions_endpoint_url"] = u
	}
	return app
}

// patchApplication edits the application. Setting interactions_endpoint_url
// checks the endpoint as Discord does (Server.SetInteractionsEndpoint);
// null removes it.
func (c *restCall) patchApplication() {
	if id := c.param("application_id"); id != "" && id != c.s.World().ApplicationID().String() {
		c.fail(&apiError{status: http.StatusForbidden, Code: 50001, Message: "Missing Access"})
		return
	}
	var p map[string]json.RawMessage
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	editable := []string{"description", "icon", "cover_image", "flags", "tags", "custom_install_url", "install_params",
		"integration_types_config", "role_connections_verification_url", "event_webhooks_url", "event_webhooks_status", "event_webhooks_types"}
	var f formErrors
	set := map[string]any{}
	for k, raw := range p {
		switch {
		case k == "interactions_endpoint_url":
			var u *string
			if json.Unmarshal(raw, &u) != nil {
				f.add(k, "BASE_TYPE_STRING", "Could not interpret value as string.")
				continue
			}
			url := ""
			if u != nil {
				url = *u
			}
			if err := c.s.SetInteractionsEndpoint(url); err != nil {
				f.add(k, "APPLICATION_INTERACTIONS_ENDPOINT_URL_INVALID",
					"The specified interactions endpoint url could not be verified.")
			}
		case slices.Contains(editable, k):
			var v any
			json.Unmarshal(raw, &v)
			set[k] = v
		}
	}
	if desc, ok := set["description"].(string); ok {
		f.lenBetween("description", desc, 0, 400)
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	if d.app == nil {
		d.app = map[string]any{}
	}
	for k, v := range set {
		d.app[k] = v
	}
	d.mu.Unlock()
	c.json(http.StatusOK, c.application())
}

var voiceRegions = []map[string]any{
	{"id": "us-east", "name": "US East", "optimal": true, "deprecated": false, "custom": false},
	{"id": "us-west", "name": "US West", "optimal": false, "deprecated": false, "custom": false},
	{"id": "rotterdam", "name": "Rotterdam", "optimal": false, "deprecated": false, "custom": false},
}

// putOverwrite and deleteOverwrite change a channel's permission overwrites.
func (c *restCall) overwrite(put bool) {
	w := c.s.World()
	ch, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	if ch.GuildID == 0 {
		c.fail(errDMChannel)
		return
	}
	oid := c.id("overwrite_id")
	i := slices.IndexFunc(ch.PermissionOverwrites, func(o Overwrite) bool { return o.ID == oid })
	if put {
		var p struct {
			Allow *model.Permissions   `json:"allow"`
			Deny  *model.Permissions   `json:"deny"`
			Type  *model.OverwriteType `json:"type"`
		}
		if _, err := c.decodeBody(&p); err != nil {
			c.fail(err)
			return
		}
		if p.Type == nil || *p.Type != 0 && *p.Type != 1 {
			c.fail(formError("type", "BASE_TYPE_CHOICES", "Value must be one of (0, 1)."))
			return
		}
		o := Overwrite{ID: oid, Type: *p.Type}
		setIf(&o.Allow, p.Allow)
		setIf(&o.Deny, p.Deny)
		if i >= 0 {
			ch.PermissionOverwrites[i] = o
		} else {
			ch.PermissionOverwrites = append(ch.PermissionOverwrites, o)
		}
	} else {
		if i < 0 {
			c.fail(errUnknownOverwrite)
			return
		}
		ch.PermissionOverwrites = slices.Delete(ch.PermissionOverwrites, i, i+1)
	}
	w.SetChannel(ch)
	c.rs.dispatch(ch.GuildID, "CHANNEL_UPDATE", ch)
	c.noContent()
}

// ---- invites ----

func (c *restCall) createInvite() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.guildID == 0 {
		c.fail(errDMChannel)
		return
	}
	var p struct {
		MaxAge    *int `json:"max_age"`
		MaxUses   int  `json:"max_uses"`
		Temporary bool `json:"temporary"`
		Unique    bool `json:"unique"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	maxAge := 86400
	setIf(&maxAge, p.MaxAge)
	var f formErrors
	f.numRange("max_age", maxAge, 0, 604800)
	f.numRange("max_uses", p.MaxUses, 0, 100)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	g, _ := w.Guild(ci.guildID)
	ch, _ := w.Channel(ci.id)
	inv := map[string]any{
		"type": 0, "code": inviteCode(w.NewID()), "guild_id": g.ID.String(),
		"guild":   map[string]any{"id": g.ID, "name": g.Name, "icon": g.Icon, "features": g.Features},
		"channel": map[string]any{"id": ch.ID, "name": ch.Name, "type": ch.Type},
		"inviter": modelUser(w.Bot()), "uses": 0, "max_uses": p.MaxUses, "max_age": maxAge,
		"temporary": p.Temporary, "created_at": model.NewTimestamp(c.now),
		"channel_id": ch.ID.String(),
	}
	d := c.rs.data
	d.mu.Lock()
	if d.objects["invites"] == nil {
		d.objects["invites"] = map[string][]map[string]any{}
	}
	d.objects["invites"][""] = append(d.objects["invites"][""], inv)
	out := maps.Clone(inv)
	d.mu.Unlock()
	c.rs.dispatch(ci.guildID, "INVITE_CREATE", out)
	c.json(http.StatusOK, out)
}

func (c *restCall) invitesWhere(field, value string) {
	d := c.rs.data
	d.mu.Lock()
	var out []map[string]any
	for _, inv := range d.objects["invites"][""] {
		if inv[field] == value {
			out = append(out, inv)
		}
	}
	out = cloneObjs(out)
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (c *restCall) channelInvites() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	c.invitesWhere("channel_id", ci.id.String())
}

func (c *restCall) guildInvites() {
	g, ok := c.guild()
	if !ok {
		return
	}
	c.invitesWhere("guild_id", g.ID.String())
}

var invites = &collection{name: "invites", idParam: "code", idField: "code", unknown: errUnknown(10006, "Invite")}

// ---- stage instances ----

func (c *restCall) createStage() {
	var p struct {
		ChannelID    model.ChannelID `json:"channel_id"`
		Topic        string          `json:"topic"`
		PrivacyLevel int             `json:"privacy_level"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	f.lenBetween("topic", p.Topic, 1, 120)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	ch, ok := c.s.World().Channel(p.ChannelID)
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	if ch.Type != 13 {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	if p.PrivacyLevel == 0 {
		p.PrivacyLevel = 2
	}
	st := map[string]any{"id": c.s.World().NewID().String(), "guild_id": ch.GuildID.String(), "channel_id": ch.ID.String(),
		"topic": p.Topic, "privacy_level": p.PrivacyLevel, "discoverable_disabled": false, "guild_scheduled_event_id": nil}
	d := c.rs.data
	d.mu.Lock()
	if d.objects["stage"] == nil {
		d.objects["stage"] = map[string][]map[string]any{}
	}
	if len(d.objects["stage"][ch.ID.String()]) > 0 {
		d.mu.Unlock()
		c.fail(&apiError{status: http.StatusBadRequest, Code: 150006, Message: "The Stage is already open"})
		return
	}
	d.objects["stage"][ch.ID.String()] = []map[string]any{st}
	out := maps.Clone(st)
	d.mu.Unlock()
	c.rs.dispatch(ch.GuildID, "STAGE_INSTANCE_CREATE", out)
	c.json(http.StatusOK, out)
}

var stages = &collection{name: "stage", parent: "channel_id", idParam: "channel_id", idField: "channel_id", unknown: errUnknown(10067, "Stage Instance"),
	events: [3]string{"", "STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE"}}

// ---- guild emojis, kept in the World ----

func (c *restCall) guildEmojis() {
	if g, ok := c.guild(); ok {
		c.json(http.StatusOK, g.Emojis)
	}
}

func (c *restCall) guildEmoji() (Guild, int, bool) {
	g, ok := c.guild()
	if !ok {
		return g, -1, false
	}
	id := model.EmojiID(c.id("emoji_id"))
	i := slices.IndexFunc(g.Emojis, func(e Emoji) bool { return e.ID == id })
	if i < 0 {
		c.fail(errUnknown(10014, "Emoji"))
		return g, -1, false
	}
	return g, i, true
}

func (c *restCall) getGuildEmoji() {
	if g, i, ok := c.guildEmoji(); ok {
		c.json(http.StatusOK, g.Emojis[i])
	}
}

func (c *restCall) emojisChanged(gid model.GuildID) {
	g, _ := c.s.World().Guild(gid)
	c.rs.dispatch(gid, "GUILD_EMOJIS_UPDATE", map[string]any{"guild_id": gid, "emojis": g.Emojis})
}

func (c *restCall) createGuildEmoji() {
	g, ok := c.guild()
	if !ok {
		return
	}
	var p struct {
		Name  string         `json:"name"`
		Image string         `json:"image"`
		Roles []model.RoleID `json:"roles"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	f.lenBetween("name", p.Name, 2, 32)
	if !strings.HasPrefix(p.Image, "data:image/") {
		f.add("image", "BINARY_TYPE_INVALID_IMAGE", "Invalid image data")
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	if len(g.Emojis) >= 50 {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 30008, Message: "Maximum number of emojis reached (50)"})
		return
	}
	e := Emoji{ID: model.EmojiID(c.s.World().NewID()), Name: p.Name, Roles: p.Roles, RequireColons: true, Available: true,
		Animated: strings.HasPrefix(p.Image, "data:image/gif")}
	if e.Roles == nil {
		e.Roles = []model.RoleID{}
	}
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) { gd.Emojis = append(gd.Emojis, e) })
	c.emojisChanged(g.ID)
	c.json(http.StatusCreated, e)
}

func (c *restCall) patchGuildEmoji() {
	g, i, ok := c.guildEmoji()
	if !ok {
		return
	}
	var p struct {
		Name  *string         `json:"name"`
		Roles *[]model.RoleID `json:"roles"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	e := g.Emojis[i]
	if p.Name != nil {
		var f formErrors
		f.lenBetween("name", *p.Name, 2, 32)
		if err := f.err(); err != nil {
			c.fail(err)
			return
		}
		e.Name = *p.Name
	}
	if p.Roles != nil {
		e.Roles = slices.Clone(*p.Roles)
	}
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		for j := range gd.Emojis {
			if gd.Emojis[j].ID == e.ID {
				gd.Emojis[j] = e
			}
		}
	})
	c.emojisChanged(g.ID)
	c.json(http.StatusOK, e)
}

func (c *restCall) deleteGuildEmoji() {
	g, i, ok := c.guildEmoji()
	if !ok {
		return
	}
	id := g.Emojis[i].ID
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		gd.Emojis = slices.DeleteFunc(gd.Emojis, func(e Emoji) bool { return e.ID == id })
	})
	c.emojisChanged(g.ID)
	c.noContent()
}

// positions applies a list of {id, position} to a guild's channels or roles.
type positionParam struct {
	ID       model.Snowflake           `json:"id"`
	Position *int                      `json:"position"`
	ParentID nullable[model.ChannelID] `json:"parent_id"`
}

func (c *restCall) channelPositions() {
	g, ok := c.guild()
	if !ok {
		return
	}
	var ps []positionParam
	if _, err := c.decodeBody(&ps); err != nil {
		c.fail(err)
		return
	}
	var changed []Channel
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		for _, p := range ps {
			for i := range gd.Channels {
				ch := &gd.Channels[i]
				if ch.ID.Snowflake() != p.ID {
					continue
				}
				setIf(&ch.Position, p.Position)
				if p.ParentID.Set {
					ch.ParentID = nil
					if !p.ParentID.Null {
						id := p.ParentID.Value
						ch.ParentID = &id
					}
				}
				changed = append(changed, ch.clone())
			}
		}
	})
	for _, ch := range changed {
		c.rs.dispatch(g.ID, "CHANNEL_UPDATE", ch)
	}
	c.noContent()
}

func (c *restCall) rolePositions() {
	g, ok := c.guild()
	if !ok {
		return
	}
	var ps []positionParam
	if _, err := c.decodeBody(&ps); err != nil {
		c.fail(err)
		return
	}
	var roles []Role
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		for _, p := range ps {
			for i := range gd.Roles {
				if gd.Roles[i].ID.Snowflake() == p.ID && p.Position != nil && gd.Roles[i].ID != model.RoleID(g.ID) {
					gd.Roles[i].Position = *p.Position
				}
			}
		}
		roles = slices.Clone(gd.Roles)
	})
	c.json(http.StatusOK, roles)
}

// addMember adds a World user to a guild, as with an OAuth2 access token.
func (c *restCall) addMember() {
	g, ok := c.guild()
	if !ok {
		return
	}
	var p struct {
		AccessToken string         `json:"access_token"`
		Nick        *string        `json:"nick"`
		Roles       []model.RoleID `json:"roles"`
		Mute, Deaf  bool
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	if p.AccessToken == "" {
		c.fail(formError("access_token", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	w := c.s.World()
	uid := model.UserID(c.id("user_id"))
	if owner, ok := c.rs.tokenUser(p.AccessToken); !ok || owner != uid {
		c.fail(errInvalidAccessToken) // the token must be the user's own
		return
	}
	if _, ok := w.Member(g.ID, uid); ok {
		c.noContent()
		return
	}
	u, ok := w.User(uid)
	if !ok {
		c.fail(errUnknownUser)
		return
	}
	m := Member{User: u, Nick: p.Nick, Roles: p.Roles, JoinedAt: c.now.UTC(), Mute: p.Mute, Deaf: p.Deaf}
	if m.Roles == nil {
		m.Roles = []model.RoleID{}
	}
	w.SetMember(g.ID, m)
	ev := memberUpdateEvent(g.ID, m)
	c.rs.dispatch(g.ID, "GUILD_MEMBER_ADD", ev)
	c.json(http.StatusCreated, m)
}

func (c *restCall) follow() {
	w := c.s.World()
	src, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	var p struct {
		WebhookChannelID model.ChannelID `json:"webhook_channel_id"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	dst, ok := w.Channel(p.WebhookChannelID)
	if !ok {
		c.fail(formError("webhook_channel_id", "CHANNEL_INVALID", "Unknown channel"))
		return
	}
	if src.Type != model.ChannelGuildAnnouncement {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	name := src.Name
	wh := &webhookData{ID: model.WebhookID(w.NewID()), Type: 2, GuildID: dst.GuildID, ChannelID: dst.ID, Name: &name}
	d := c.rs.data
	d.mu.Lock()
	d.webhooks[wh.ID] = wh
	d.mu.Unlock()
	c.json(http.StatusOK, map[string]any{"channel_id": src.ID, "webhook_id": wh.ID})
}
