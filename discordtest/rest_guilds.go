package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gloamdev/gloam/model"
)

// nullable is a JSON field that tells absent, null and a value apart.
type nullable[T any] struct {
	Set   bool
	Null  bool
	Value T
}

func (n *nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		n.Null = true
		return nil
	}
	if err := json.Unmarshal(b, &n.Value); err != nil {
		return err
	}
	if id, ok := any(n.Value).(interface{ Snowflake() model.Snowflake }); ok && id.Snowflake() == 0 {
		// Discord wants null here; "0" is no snowflake
		return &json.UnmarshalTypeError{Value: "snowflake " + string(b), Type: reflect.TypeFor[T]()}
	}
	return nil
}

// applyTo sets *dst as the field says: unchanged when absent, nil when
// null, a copy of the value otherwise.
func (n nullable[T]) applyTo(dst **T) {
	switch {
	case !n.Set:
	case n.Null:
		*dst = nil
	default:
		v := n.Value
		*dst = &v
	}
}

// setIf sets *dst to *v when the optional field v was given.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// ---- channels ----

func (c *restCall) getChannel() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.thread != nil {
		c.json(http.StatusOK, ci.thread)
		return
	}
	ch, _ := c.s.World().Channel(ci.id)
	c.json(http.StatusOK, ch)
}

type channelParams struct {
	Name                 *string                   `json:"name"`
	Type                 *model.ChannelType        `json:"type"`
	Topic                nullable[string]          `json:"topic"`
	NSFW                 *bool                     `json:"nsfw"`
	RateLimitPerUser     *int                      `json:"rate_limit_per_user"`
	Position             *int                      `json:"position"`
	ParentID             nullable[model.ChannelID] `json:"parent_id"`
	Bitrate              *int                      `json:"bitrate"`
	UserLimit            *int                      `json:"user_limit"`
	PermissionOverwrites *[]Overwrite              `json:"permission_overwrites"`
	Archived             *bool                     `json:"archived"`
	Locked               *bool                     `json:"locked"`
	AutoArchiveDuration  *int                      `json:"auto_archive_duration"`
	Invitable            *bool                     `json:"invitable"`
	Flags                *model.ChannelFlags       `json:"flags"`
}

func (p *channelParams) validate(f *formErrors, create bool) {
	if p.Name != nil {
		f.lenBetween("name", *p.Name, 1, 100)
	} else if create {
		f.required("name")
	}
	if p.Topic.Set && !p.Topic.Null {
		f.maxLen("topic", p.Topic.Value, 1024)
	}
	if p.RateLimitPerUser != nil {
		f.numRange("rate_limit_per_user", *p.RateLimitPerUser, 0, 21600)
	}
	if p.UserLimit != nil {
		f.numRange("user_limit", *p.UserLimit, 0, 99)
	}
	if p.Bitrate != nil {
		f.numRange("bitrate", *p.Bitrate, 8000, 384000)
	}
	if p.AutoArchiveDuration != nil {
		switch *p.AutoArchiveDuration {
		case 60, 1440, 4320, 10080:
		default:
			f.add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
		}
	}
	if p.PermissionOverwrites != nil && len(*p.PermissionOverwrites) > 100 {
		f.add("permission_overwrites", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
}

func (p *channelParams) apply(ch *Channel) {
	setIf(&ch.Name, p.Name)
	p.Topic.applyTo(&ch.Topic)
	setIf(&ch.NSFW, p.NSFW)
	setIf(&ch.RateLimitPerUser, p.RateLimitPerUser)
	setIf(&ch.Position, p.Position)
	p.ParentID.applyTo(&ch.ParentID)
	setIf(&ch.Bitrate, p.Bitrate)
	setIf(&ch.UserLimit, p.UserLimit)
	if p.PermissionOverwrites != nil {
		ch.PermissionOverwrites = slices.Clone(*p.PermissionOverwrites)
	}
	setIf(&ch.Flags, p.Flags)
}

func (c *restCall) patchChannel() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	need := model.PermissionManageChannels
	if ci.thread != nil {
		need = model.PermissionManageThreads
		if ci.thread.OwnerID == c.botID() {
			need = 0
		}
	}
	if !c.canIn(ci, need) {
		return
	}
	var p channelParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	p.validate(&f, false)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	if ci.thread != nil {
		d := c.rs.data
		d.mu.Lock()
		t := d.threads[ci.id]
		if t == nil {
			d.mu.Unlock()
			c.fail(errUnknownChannel)
			return
		}
		p.apply(&t.Channel)
		md := &t.ThreadMetadata
		unarchived := p.Archived != nil && !*p.Archived && md.Archived
		if p.Archived != nil && *p.Archived != md.Archived {
			md.Archived = *p.Archived
			md.ArchiveTimestamp = model.NewTimestamp(time.Now())
		}
		// Unarchived, the thread is followed by each member's thread
		// member: the bot's, if it is one.
		var me *threadMemberUpdate
		if i := slices.IndexFunc(t.members, func(m threadMember) bool { return m.UserID == c.botID() }); unarchived && i >= 0 {
			me = &threadMemberUpdate{threadMember: t.members[i], GuildID: t.GuildID}
		}
		setIf(&md.Locked, p.Locked)
		setIf(&md.AutoArchiveDuration, p.AutoArchiveDuration)
		if p.Invitable != nil && t.Type == 12 {
			v := *p.Invitable
			md.Invitable = &v
		}
		out := *t
		d.mu.Unlock()
		c.rs.dispatch(out.GuildID, "THREAD_UPDATE", out)
		if me != nil {
			c.rs.dispatch(out.GuildID, "THREAD_MEMBER_UPDATE", me)
		}
		c.json(http.StatusOK, out)
		return
	}
	w := c.s.World()
	ch, _ := w.Channel(ci.id)
	if ch.Type == model.ChannelDM {
		c.fail(errDMChannel)
		return
	}
	if p.Type != nil && *p.Type != ch.Type {
		// only text and announcement channels convert into each other
		if !(ch.Type == model.ChannelGuildText && *p.Type == model.ChannelGuildAnnouncement || ch.Type == model.ChannelGuildAnnouncement && *p.Type == model.ChannelGuildText) {
			c.fail(formError("type", "CHANNEL_TYPE_INVALID", "Channel type is invalid."))
			return
		}
		ch.Type = *p.Type
	}
	p.apply(&ch)
	if !w.SetChannel(ch) {
		c.fail(errUnknownChannel)
		return
	}
	c.rs.dispatch(ch.GuildID, "CHANNEL_UPDATE", ch)
	c.json(http.StatusOK, ch)
}

func (c *restCall) deleteChannel() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	need := model.PermissionManageChannels
	if ci.thread != nil {
		need = model.PermissionManageThreads
	}
	if !c.canIn(ci, need) {
		return
	}
	d := c.rs.data
	if ci.thread != nil {
		d.mu.Lock()
		t := d.threads[ci.id]
		delete(d.threads, ci.id)
		delete(d.channels, ci.id)
		d.mu.Unlock()
		if t == nil {
			c.fail(errUnknownChannel)
			return
		}
		c.rs.dispatch(t.GuildID, "THREAD_DELETE", map[string]any{"id": t.ID, "guild_id": t.GuildID, "parent_id": t.ParentID, "type": t.Type})
		c.json(http.StatusOK, t)
		return
	}
	w := c.s.World()
	if ci.guildID == 0 { // closing a DM keeps it
		ch, _ := w.Channel(ci.id)
		c.json(http.StatusOK, ch)
		return
	}
	ch, ok := w.DeleteChannel(ci.id)
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	// A live stage ends with its channel (STAGE_INSTANCE_DELETE), and the
	// channel's threads go with it.
	d.mu.Lock()
	delete(d.channels, ci.id)
	stage := d.objects[stages.name][ci.id.String()]
	delete(d.objects[stages.name], ci.id.String())
	for id, t := range d.threads {
		if t.ParentID != nil && *t.ParentID == ci.id {
			delete(d.threads, id)
			delete(d.channels, id)
		}
	}
	d.mu.Unlock()
	for _, st := range stage {
		c.rs.dispatch(ch.GuildID, "STAGE_INSTANCE_DELETE", st)
	}
	c.rs.dispatch(ch.GuildID, "CHANNEL_DELETE", ch)
	c.json(http.StatusOK, ch)
}

// ---- guilds ----

// guild finds the guild of the route; the bot must be in it.
func (c *restCall) guild() (Guild, bool) {
	g, ok := c.s.World().Guild(model.GuildID(c.id("guild_id")))
	if !ok {
		c.fail(errUnknownGuild)
		return Guild{}, false
	}
	return g, true
}

type guildWithCounts struct {
	Guild
	ApproximateMemberCount   int `json:"approximate_member_count,omitempty"`
	ApproximatePresenceCount int `json:"approximate_presence_count,omitempty"`
}

func (c *restCall) getGuild() {
	g, ok := c.guild()
	if !ok {
		return
	}
	out := guildWithCounts{Guild: g}
	if c.r.URL.Query().Get("with_counts") == "true" {
		out.ApproximateMemberCount, out.ApproximatePresenceCount = len(g.Members), len(g.Presences)
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) guildPreview() {
	g, ok := c.guild()
	if !ok {
		return
	}
	c.json(http.StatusOK, map[string]any{
		"id": g.ID, "name": g.Name, "icon": g.Icon, "splash": g.Splash, "discovery_splash": g.DiscoverySplash,
		"emojis": g.Emojis, "features": g.Features, "approximate_member_count": len(g.Members),
		"approximate_presence_count": len(g.Presences), "description": g.Description, "stickers": g.Stickers,
	})
}

func (c *restCall) patchGuild() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageGuild) {
		return
	}
	var p struct {
		Name                        *string                      `json:"name"`
		Description                 nullable[string]             `json:"description"`
		VerificationLevel           *model.VerificationLevel     `json:"verification_level"`
		DefaultMessageNotifications *model.NotificationLevel     `json:"default_message_notifications"`
		ExplicitContentFilter       *model.ExplicitContentFilter `json:"explicit_content_filter"`
		AFKTimeout                  *int                         `json:"afk_timeout"`
		PreferredLocale             *string                      `json:"preferred_locale"`
		SystemChannelID             nullable[model.ChannelID]    `json:"system_channel_id"`
		Features                    *[]model.GuildFeature        `json:"features"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if p.Name != nil {
		f.lenBetween("name", *p.Name, 2, 100)
	}
	if p.Description.Set && !p.Description.Null {
		f.maxLen("description", p.Description.Value, 120)
	}
	if p.AFKTimeout != nil && !slices.Contains([]int{60, 300, 900, 1800, 3600}, *p.AFKTimeout) {
		f.add("afk_timeout", "BASE_TYPE_CHOICES", "Value must be one of {60, 300, 900, 1800, 3600}.")
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	var out Guild
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		setIf(&gd.Name, p.Name)
		p.Description.applyTo(&gd.Description)
		setIf(&gd.VerificationLevel, p.VerificationLevel)
		setIf(&gd.DefaultMessageNotifications, p.DefaultMessageNotifications)
		setIf(&gd.ExplicitContentFilter, p.ExplicitContentFilter)
		setIf(&gd.AFKTimeout, p.AFKTimeout)
		setIf(&gd.PreferredLocale, p.PreferredLocale)
		p.SystemChannelID.applyTo(&gd.SystemChannelID)
		if p.Features != nil {
			gd.Features = slices.Clone(*p.Features)
		}
		out = gd.clone()
	})
	c.rs.dispatch(g.ID, "GUILD_UPDATE", out)
	c.json(http.StatusOK, out)
}

// incidentActions answers PUT /guilds/{guild_id}/incident-actions: until
// when invites and DMs are paused (null: not paused; at most 24 hours
// ahead), kept in the guild's incidents_data, which GUILD_UPDATE sends.
func (c *restCall) incidentActions() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageGuild) {
		return
	}
	var p struct {
		InvitesDisabledUntil *model.Timestamp `json:"invites_disabled_until"`
		DMsDisabledUntil     *model.Timestamp `json:"dms_disabled_until"`
	}
	if !c.body(&p) {
		return
	}
	var f formErrors
	for _, x := range []struct {
		name string
		at   *model.Timestamp
	}{{"invites_disabled_until", p.InvitesDisabledUntil}, {"dms_disabled_until", p.DMsDisabledUntil}} {
		if x.at != nil && x.at.After(c.now.Add(24*time.Hour)) {
			f.add(x.name, "BASE_TYPE_BAD_TIME", "Must be at most 24 hours in the future.")
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	var out Guild
	c.s.World().UpdateGuild(g.ID, func(gd *Guild) {
		data := model.IncidentsData{}
		if gd.IncidentsData != nil {
			data = *gd.IncidentsData
		}
		data.InvitesDisabledUntil, data.DMsDisabledUntil = model.Timestamp{}, model.Timestamp{}
		if p.InvitesDisabledUntil != nil {
			data.InvitesDisabledUntil = *p.InvitesDisabledUntil
		}
		if p.DMsDisabledUntil != nil {
			data.DMsDisabledUntil = *p.DMsDisabledUntil
		}
		gd.IncidentsData = &data
		out = gd.clone()
	})
	c.rs.dispatch(g.ID, "GUILD_UPDATE", out)
	c.json(http.StatusOK, map[string]any{"invites_disabled_until": out.IncidentsData.InvitesDisabledUntil,
		"dms_disabled_until": out.IncidentsData.DMsDisabledUntil})
}

func (c *restCall) guildChannels() {
	g, ok := c.guild()
	if !ok {
		return
	}
	out := g.Channels
	if out == nil {
		out = []Channel{}
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) createGuildChannel() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageChannels) {
		return
	}
	var p channelParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	p.validate(&f, true)
	typ := model.ChannelGuildText
	if p.Type != nil {
		typ = *p.Type
		switch typ {
		case model.ChannelGuildText, model.ChannelGuildVoice, model.ChannelGuildCategory, model.ChannelGuildAnnouncement, 13, 15, 16:
		default:
			f.add("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 2, 4, 5, 13, 15, 16}.")
		}
	}
	if p.ParentID.Set && !p.ParentID.Null {
		if pc, ok := c.s.World().Channel(p.ParentID.Value); !ok || pc.GuildID != g.ID || pc.Type != model.ChannelGuildCategory {
			f.add("parent_id", "CHANNEL_PARENT_INVALID", "Category does not exist")
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	ch := Channel{ID: model.ChannelID(w.NewID()), Type: typ, GuildID: g.ID, Position: len(g.Channels)}
	if typ == model.ChannelGuildVoice {
		ch.Bitrate = 64000
	}
	p.apply(&ch)
	if !w.SetChannel(ch) {
		c.fail(errUnknownGuild)
		return
	}
	c.rs.dispatch(g.ID, "CHANNEL_CREATE", ch)
	c.json(http.StatusCreated, ch)
}

// ---- members ----

func (c *restCall) member() (model.GuildID, Member, bool) {
	gid := model.GuildID(c.id("guild_id"))
	w := c.s.World()
	if _, ok := w.Guild(gid); !ok {
		c.fail(errUnknownGuild)
		return 0, Member{}, false
	}
	uid := model.UserID(c.id("user_id"))
	if c.param("user_id") == "" { // /members/@me
		uid = w.Bot().ID
	}
	m, ok := w.Member(gid, uid)
	if !ok {
		if _, known := w.User(uid); !known {
			c.fail(errUnknownUser)
		} else {
			c.fail(errUnknownMember)
		}
		return 0, Member{}, false
	}
	return gid, m, true
}

func (c *restCall) getMember() {
	if _, m, ok := c.member(); ok {
		c.json(http.StatusOK, m)
	}
}

func (c *restCall) listMembers() {
	g, ok := c.guild()
	if !ok {
		return
	}
	limit, ok := c.queryInt("limit", 1, 1, 1000)
	if !ok {
		return
	}
	after, ok := c.querySnowflake("after")
	if !ok {
		return
	}
	ms := g.Members
	slices.SortFunc(ms, func(a, b Member) int { return cmpID(a.User.ID, b.User.ID) })
	out := []Member{}
	for _, m := range ms {
		if m.User.ID > model.UserID(after) && len(out) < limit {
			out = append(out, m)
		}
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) searchMembers() {
	g, ok := c.guild()
	if !ok {
		return
	}
	q, has := c.r.URL.Query()["query"]
	if !has {
		c.fail(formError("query", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	limit, ok := c.queryInt("limit", 1, 1, 1000)
	if !ok {
		return
	}
	prefix := strings.ToLower(q[0])
	out := []Member{}
	for _, m := range g.Members {
		names := []string{m.User.Username}
		if m.Nick != nil {
			names = append(names, *m.Nick)
		}
		if m.User.GlobalName != nil {
			names = append(names, *m.User.GlobalName)
		}
		if slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(strings.ToLower(n), prefix) }) && len(out) < limit {
			out = append(out, m)
		}
	}
	c.json(http.StatusOK, out)
}

// memberUpdateEvent is GUILD_MEMBER_UPDATE.
func memberUpdateEvent(gid model.GuildID, m Member) map[string]any {
	return map[string]any{
		"guild_id": gid, "roles": m.Roles, "user": m.User, "nick": m.Nick, "avatar": m.Avatar, "banner": m.Banner,
		"joined_at": m.JoinedAt, "premium_since": m.PremiumSince, "deaf": m.Deaf, "mute": m.Mute, "pending": m.Pending,
		"communication_disabled_until": m.CommunicationDisabledUntil, "flags": m.Flags,
	}
}

func (c *restCall) patchMember() {
	gid, m, ok := c.member()
	if !ok {
		return
	}
	var p struct {
		Nick                       nullable[string]          `json:"nick"`
		Roles                      *[]model.RoleID           `json:"roles"`
		Mute                       *bool                     `json:"mute"`
		Deaf                       *bool                     `json:"deaf"`
		ChannelID                  nullable[model.ChannelID] `json:"channel_id"`
		CommunicationDisabledUntil nullable[string]          `json:"communication_disabled_until"`
		Flags                      *model.MemberFlags        `json:"flags"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if p.Nick.Set && !p.Nick.Null {
		f.maxLen("nick", p.Nick.Value, 32)
	}
	var until *time.Time
	if p.CommunicationDisabledUntil.Set && !p.CommunicationDisabledUntil.Null {
		ts, err := model.ParseTimestamp(p.CommunicationDisabledUntil.Value)
		switch {
		case err != nil:
			f.add("communication_disabled_until", "DATE_TIME_TYPE_PARSE", "Could not parse "+p.CommunicationDisabledUntil.Value+". Should be ISO8601.")
		case ts.Time.After(time.Now().Add(28 * 24 * time.Hour)):
			f.add("communication_disabled_until", "COMMUNICATION_DISABLED_TIMESTAMP_TOO_LARGE", "Timeout cannot be more than 28 days in the future.")
		default:
			t := ts.Time
			until = &t
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	var need model.Permissions
	if p.Roles != nil {
		need |= model.PermissionManageRoles
	}
	if p.Nick.Set && c.param("user_id") != "" {
		need |= model.PermissionManageNicknames
	}
	if p.CommunicationDisabledUntil.Set {
		need |= model.PermissionModerateMembers
	}
	if p.Mute != nil {
		need |= model.PermissionMuteMembers
	}
	if p.Deaf != nil {
		need |= model.PermissionDeafenMembers
	}
	if !c.can(gid, 0, need) {
		return
	}
	w := c.s.World()
	if p.Roles != nil {
		roles := w.Roles(gid)
		var ids []model.RoleID
		for _, id := range *p.Roles {
			i := slices.IndexFunc(roles, func(r Role) bool { return r.ID == id })
			if i < 0 || id == model.RoleID(gid) {
				c.fail(errUnknownRole)
				return
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if ids == nil {
			ids = []model.RoleID{}
		}
		m.Roles = ids
	}
	if p.Nick.Set {
		if p.Nick.Null || p.Nick.Value == "" {
			m.Nick = nil
		} else {
			v := p.Nick.Value
			m.Nick = &v
		}
	}
	setIf(&m.Mute, p.Mute)
	setIf(&m.Deaf, p.Deaf)
	if p.CommunicationDisabledUntil.Set {
		m.CommunicationDisabledUntil = until
	}
	setIf(&m.Flags, p.Flags)
	if p.ChannelID.Set {
		// move to another voice channel, or disconnect with null
		if !c.can(gid, 0, model.PermissionMoveMembers) {
			return
		}
		var to model.ChannelID
		if !p.ChannelID.Null {
			to = p.ChannelID.Value
			ch, ok := w.Channel(to)
			if !ok || ch.GuildID != gid || ch.Type != model.ChannelGuildVoice && ch.Type != model.ChannelGuildStageVoice {
				c.fail(formError("channel_id", "CHANNEL_TYPE_INVALID", "Channel is not a voice channel."))
				return
			}
		}
		if err := c.s.moveVoice(gid, m.User.ID, to, false); err != nil {
			c.fail(err)
			return
		}
		c.moved = &to
	}
	if !w.SetMember(gid, m) {
		c.fail(errUnknownGuild)
		return
	}
	c.rs.dispatch(gid, "GUILD_MEMBER_UPDATE", memberUpdateEvent(gid, m))
	c.json(http.StatusOK, m)
}

func (c *restCall) memberRole(add bool) {
	gid, m, ok := c.member()
	if !ok || !c.can(gid, 0, model.PermissionManageRoles) {
		return
	}
	rid := model.RoleID(c.id("role_id"))
	w := c.s.World()
	roles := w.Roles(gid)
	i := slices.IndexFunc(roles, func(r Role) bool { return r.ID == rid })
	if i < 0 || rid == model.RoleID(gid) {
		c.fail(errUnknownRole)
		return
	}
	if roles[i].Managed {
		c.fail(errMissingPermissions)
		return
	}
	has := slices.Contains(m.Roles, rid)
	if add == has {
		c.noContent()
		return
	}
	if add {
		m.Roles = append(m.Roles, rid)
	} else {
		m.Roles = slices.DeleteFunc(m.Roles, func(r model.RoleID) bool { return r == rid })
	}
	w.SetMember(gid, m)
	c.rs.dispatch(gid, "GUILD_MEMBER_UPDATE", memberUpdateEvent(gid, m))
	c.noContent()
}

func (c *restCall) kickMember() {
	gid, m, ok := c.member()
	if !ok || !c.can(gid, 0, model.PermissionKickMembers) {
		return
	}
	g, _ := c.s.World().Guild(gid)
	if m.User.ID == g.OwnerID || m.User.ID == c.botID() {
		c.fail(errMissingPermissions)
		return
	}
	c.s.World().RemoveMember(gid, m.User.ID)
	c.rs.dispatch(gid, "GUILD_MEMBER_REMOVE", map[string]any{"guild_id": gid, "user": m.User})
	c.noContent()
}

// ---- roles ----

type roleParams struct {
	Name         *string            `json:"name"`
	Permissions  *model.Permissions `json:"permissions"`
	Color        *int               `json:"color"`
	Hoist        *bool              `json:"hoist"`
	Icon         nullable[string]   `json:"icon"`
	UnicodeEmoji nullable[string]   `json:"unicode_emoji"`
	Mentionable  *bool              `json:"mentionable"`
}

func (p *roleParams) apply(r *Role) *apiError {
	var f formErrors
	if p.Name != nil {
		f.maxLen("name", *p.Name, 100)
		r.Name = *p.Name
	}
	if p.Color != nil {
		f.numRange("color", *p.Color, 0, 0xffffff)
		r.Color = *p.Color
	}
	setIf(&r.Permissions, p.Permissions)
	setIf(&r.Hoist, p.Hoist)
	setIf(&r.Mentionable, p.Mentionable)
	if p.Icon.Set {
		r.Icon = nil
		if !p.Icon.Null {
			v := p.Icon.Value
			r.Icon = &v
		}
	}
	if p.UnicodeEmoji.Set {
		r.UnicodeEmoji = nil
		if !p.UnicodeEmoji.Null {
			v := p.UnicodeEmoji.Value
			r.UnicodeEmoji = &v
		}
	}
	return f.err()
}

func (c *restCall) listRoles() {
	g, ok := c.guild()
	if !ok {
		return
	}
	c.json(http.StatusOK, g.Roles)
}

func (c *restCall) role() (model.GuildID, Role, bool) {
	g, ok := c.guild()
	if !ok {
		return 0, Role{}, false
	}
	rid := model.RoleID(c.id("role_id"))
	for _, r := range g.Roles {
		if r.ID == rid {
			return g.ID, r, true
		}
	}
	c.fail(errUnknownRole)
	return 0, Role{}, false
}

func (c *restCall) getRole() {
	if _, r, ok := c.role(); ok {
		c.json(http.StatusOK, r)
	}
}

func (c *restCall) createRole() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionManageRoles) {
		return
	}
	var p roleParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	if len(g.Roles) >= 250 {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 30005, Message: "Maximum number of guild roles reached (250)"})
		return
	}
	r := Role{ID: model.RoleID(c.s.World().NewID()), Name: "new role", Position: 1}
	if everyone := slices.IndexFunc(g.Roles, func(r Role) bool { return r.ID == model.RoleID(g.ID) }); everyone >= 0 {
		r.Permissions = g.Roles[everyone].Permissions
	}
	if err := p.apply(&r); err != nil {
		c.fail(err)
		return
	}
	c.s.World().SetRole(g.ID, r)
	c.rs.dispatch(g.ID, "GUILD_ROLE_CREATE", map[string]any{"guild_id": g.ID, "role": r})
	c.json(http.StatusOK, r)
}

func (c *restCall) patchRole() {
	gid, r, ok := c.role()
	if !ok || !c.can(gid, 0, model.PermissionManageRoles) {
		return
	}
	var p roleParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	if err := p.apply(&r); err != nil {
		c.fail(err)
		return
	}
	c.s.World().SetRole(gid, r)
	c.rs.dispatch(gid, "GUILD_ROLE_UPDATE", map[string]any{"guild_id": gid, "role": r})
	c.json(http.StatusOK, r)
}

func (c *restCall) deleteRole() {
	gid, r, ok := c.role()
	if !ok || !c.can(gid, 0, model.PermissionManageRoles) {
		return
	}
	if r.ID == model.RoleID(gid) || r.Managed {
		c.fail(errRoleManaged)
		return
	}
	c.s.World().DeleteRole(gid, r.ID)
	c.rs.dispatch(gid, "GUILD_ROLE_DELETE", map[string]any{"guild_id": gid, "role_id": r.ID})
	c.noContent()
}

// ---- bans ----

func (c *restCall) listBans() {
	g, ok := c.guild()
	if !ok {
		return
	}
	limit, ok := c.queryInt("limit", 1000, 1, 1000)
	if !ok {
		return
	}
	before, ok1 := c.querySnowflake("before")
	after, ok2 := c.querySnowflake("after")
	if !ok1 || !ok2 {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	var out []banData
	for _, b := range d.bans[g.ID] {
		out = append(out, *b)
	}
	d.mu.Unlock()
	slices.SortFunc(out, func(a, b banData) int { return cmpID(a.User.ID, b.User.ID) })
	res := []banData{}
	for _, b := range out {
		if before != 0 && b.User.ID >= model.UserID(before) || b.User.ID <= model.UserID(after) {
			continue
		}
		res = append(res, b)
	}
	if before != 0 && len(res) > limit {
		res = res[len(res)-limit:]
	}
	if len(res) > limit {
		res = res[:limit]
	}
	c.json(http.StatusOK, res)
}

func (c *restCall) getBan() {
	g, ok := c.guild()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	b := d.bans[g.ID][model.UserID(c.id("user_id"))]
	var out banData
	setIf(&out, b)
	d.mu.Unlock()
	if b == nil {
		c.fail(errUnknownBan)
		return
	}
	c.json(http.StatusOK, out)
}

// ban bans a user; it reports false with the error answered.
func (c *restCall) ban(gid model.GuildID, uid model.UserID, deleteSeconds int, reason *string) *apiError {
	w := c.s.World()
	u, ok := w.User(uid)
	if !ok {
		return errUnknownUser
	}
	g, _ := w.Guild(gid)
	if uid == g.OwnerID || uid == w.Bot().ID {
		return errMissingPermissions
	}
	d := c.rs.data
	d.mu.Lock()
	if d.bans[gid] == nil {
		d.bans[gid] = map[model.UserID]*banData{}
	}
	d.bans[gid][uid] = &banData{Reason: reason, User: modelUser(u)}
	var deleted []messageDeleteBulkEvent
	if deleteSeconds > 0 {
		since := time.Now().Add(-time.Duration(deleteSeconds) * time.Second)
		for _, ch := range g.Channels {
			cd := d.channels[ch.ID]
			if cd == nil {
				continue
			}
			ev := messageDeleteBulkEvent{ChannelID: ch.ID, GuildID: gid}
			for _, m := range slices.Clone(cd.msgs) {
				if m.m.Author.ID == uid && m.m.ID.Time().After(since) {
					cd.remove(m.m.ID)
					ev.IDs = append(ev.IDs, m.m.ID)
				}
			}
			if len(ev.IDs) > 0 {
				deleted = append(deleted, ev)
			}
		}
	}
	d.mu.Unlock()
	c.rs.dispatch(gid, "GUILD_BAN_ADD", map[string]any{"guild_id": gid, "user": u})
	if _, was := w.RemoveMember(gid, uid); was {
		c.rs.dispatch(gid, "GUILD_MEMBER_REMOVE", map[string]any{"guild_id": gid, "user": u})
	}
	for _, ev := range deleted {
		c.rs.dispatch(gid, "MESSAGE_DELETE_BULK", ev)
	}
	return nil
}

func (c *restCall) putBan() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionBanMembers) {
		return
	}
	var p struct {
		DeleteMessageSeconds *int `json:"delete_message_seconds"`
		DeleteMessageDays    *int `json:"delete_message_days"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	secs := 0
	var f formErrors
	if p.DeleteMessageSeconds != nil {
		secs = *p.DeleteMessageSeconds
		f.numRange("delete_message_seconds", secs, 0, 604800)
	} else if p.DeleteMessageDays != nil {
		f.numRange("delete_message_days", *p.DeleteMessageDays, 0, 7)
		secs = *p.DeleteMessageDays * 86400
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	var reason *string
	if r := c.auditReason(); r != "" {
		reason = &r
	}
	if err := c.ban(g.ID, model.UserID(c.id("user_id")), secs, reason); err != nil {
		c.fail(err)
		return
	}
	c.noContent()
}

func (c *restCall) bulkBan() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionBanMembers|model.PermissionManageGuild) {
		return
	}
	var p struct {
		UserIDs              []model.UserID `json:"user_ids"`
		DeleteMessageSeconds int            `json:"delete_message_seconds"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if len(p.UserIDs) == 0 {
		f.required("user_ids")
	}
	if len(p.UserIDs) > 200 {
		f.add("user_ids", "BASE_TYPE_MAX_LENGTH", "Must be 200 or fewer in length.")
	}
	f.numRange("delete_message_seconds", p.DeleteMessageSeconds, 0, 604800)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	res := struct {
		Banned []model.UserID `json:"banned_users"`
		Failed []model.UserID `json:"failed_users"`
	}{[]model.UserID{}, []model.UserID{}}
	for _, uid := range p.UserIDs {
		if c.ban(g.ID, uid, p.DeleteMessageSeconds, nil) != nil {
			res.Failed = append(res.Failed, uid)
		} else {
			res.Banned = append(res.Banned, uid)
		}
	}
	if len(res.Banned) == 0 {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 500000, Message: "Failed to ban users"})
		return
	}
	c.json(http.StatusOK, res)
}

func (c *restCall) deleteBan() {
	g, ok := c.guild()
	if !ok || !c.can(g.ID, 0, model.PermissionBanMembers) {
		return
	}
	uid := model.UserID(c.id("user_id"))
	d := c.rs.data
	d.mu.Lock()
	b := d.bans[g.ID][uid]
	delete(d.bans[g.ID], uid)
	d.mu.Unlock()
	if b == nil {
		c.fail(errUnknownBan)
		return
	}
	c.rs.dispatch(g.ID, "GUILD_BAN_REMOVE", map[string]any{"guild_id": g.ID, "user": b.User})
	c.noContent()
}

// ---- users ----

func (c *restCall) getMe() {
	u := modelUser(c.s.World().Bot())
	u.MFAEnabled = true
	u.Verified = true
	c.json(http.StatusOK, u)
}

func (c *restCall) getUser() {
	u, ok := c.s.World().User(model.UserID(c.id("user_id")))
	if !ok {
		c.fail(errUnknownUser)
		return
	}
	c.json(http.StatusOK, modelUser(u))
}

func (c *restCall) myGuilds() {
	limit, ok := c.queryInt("limit", 200, 1, 200)
	if !ok {
		return
	}
	before, ok1 := c.querySnowflake("before")
	after, ok2 := c.querySnowflake("after")
	if !ok1 || !ok2 {
		return
	}
	counts := c.r.URL.Query().Get("with_counts") == "true"
	w := c.s.World()
	me := w.Bot().ID
	out := []map[string]any{}
	gs := w.Guilds()
	slices.SortFunc(gs, func(a, b Guild) int { return cmpID(a.ID, b.ID) })
	for _, g := range gs {
		if before != 0 && g.ID >= model.GuildID(before) || g.ID <= model.GuildID(after) || len(out) >= limit {
			continue
		}
		var perms model.Permissions
		if m, ok := w.Member(g.ID, me); ok {
			for _, r := range g.Roles {
				if r.ID == model.RoleID(g.ID) || slices.Contains(m.Roles, r.ID) {
					perms |= r.Permissions
				}
			}
		}
		pg := map[string]any{
			"id": g.ID, "name": g.Name, "icon": g.Icon, "banner": g.Banner, "owner": g.OwnerID == me,
			"permissions": strconv.FormatUint(uint64(perms), 10), "features": g.Features,
		}
		if counts {
			pg["approximate_member_count"], pg["approximate_presence_count"] = len(g.Members), len(g.Presences)
		}
		out = append(out, pg)
	}
	c.json(http.StatusOK, out)
}

// createDM answers POST /users/@me/channels: the DM with recipient_id,
// or a new group DM of the users whose access_tokens (gdm.join) are
// given, owned by the bot, with nicks by user ID.
func (c *restCall) createDM() {
	var p struct {
		RecipientID  model.UserID            `json:"recipient_id"`
		AccessTokens []string                `json:"access_tokens"`
		Nicks        map[model.UserID]string `json:"nicks"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	if p.AccessTokens != nil && p.RecipientID == 0 {
		c.createGroupDM(p.AccessTokens)
		return
	}
	if p.RecipientID == 0 {
		c.fail(formError("recipient_id", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	ch, ok := c.s.World().DMChannel(p.RecipientID)
	if !ok {
		c.fail(errUnknownUser)
		return
	}
	c.json(http.StatusOK, ch)
}

// leaveGuild answers DELETE /users/@me/guilds/{guild_id}: the bot leaves
// (its owner may not: a guild is deleted, not left), GUILD_DELETE tells
// its shard, and the guild is gone from the World.
func (c *restCall) leaveGuild() {
	g, ok := c.guild()
	if !ok {
		return
	}
	if g.OwnerID == c.botID() {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50055, Message: "Invalid Guild"})
		return
	}
	c.rs.dispatch(g.ID, "GUILD_DELETE", map[string]any{"id": g.ID})
	c.s.World().removeGuild(g.ID)
	c.noContent()
}

// groupDMMax is how many users a group DM holds, the bot included.
const groupDMMax = 10

func (c *restCall) createGroupDM(tokens []string) {
	w := c.s.World()
	var f formErrors
	if len(tokens) > groupDMMax-1 {
		f.add("access_tokens", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", groupDMMax-1))
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	ch := Channel{Type: model.ChannelGroupDM, Recipients: []User{}, OwnerID: c.botID(), ApplicationID: w.ApplicationID(), Managed: true}
	for _, t := range tokens {
		id, ok := c.rs.tokenUser(t)
		u, known := w.User(id)
		if !ok || !known {
			c.fail(errInvalidAccessToken)
			return
		}
		if !slices.ContainsFunc(ch.Recipients, func(r User) bool { return r.ID == id }) && id != c.botID() {
			ch.Recipients = append(ch.Recipients, u)
		}
	}
	c.json(http.StatusOK, w.addGroupDM(ch))
}

// recipient adds a user to a group DM the bot owns, with the user's
// access token (201 with the channel; 204 when already in it), or
// removes one.
func (c *restCall) recipient(add bool) {
	w := c.s.World()
	ch, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	switch {
	case !ok:
		c.fail(errUnknownChannel)
		return
	case ch.Type != model.ChannelGroupDM:
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50003, Message: "Cannot execute action on a DM channel"})
		return
	case ch.OwnerID != c.botID():
		c.fail(errMissingAccess)
		return
	}
	uid := model.UserID(c.id("user_id"))
	i := slices.IndexFunc(ch.Recipients, func(u User) bool { return u.ID == uid })
	if !add {
		if i < 0 {
			c.fail(errUnknownUser)
			return
		}
		ch.Recipients = slices.Delete(ch.Recipients, i, i+1)
		w.SetChannel(ch)
		c.noContent()
		return
	}
	var p struct {
		AccessToken string `json:"access_token"`
		Nick        string `json:"nick"`
	}
	if !c.body(&p) {
		return
	}
	if owner, ok := c.rs.tokenUser(p.AccessToken); !ok || owner != uid {
		c.fail(errInvalidAccessToken)
		return
	}
	if i >= 0 {
		c.noContent()
		return
	}
	if len(ch.Recipients)+1 >= groupDMMax {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 30017, Message: "Maximum number of group DM recipients reached (10)"})
		return
	}
	u, _ := w.User(uid)
	ch.Recipients = append(ch.Recipients, u)
	w.SetChannel(ch)
	c.json(http.StatusCreated, ch)
}

func (c *restCall) patchMe() {
	var p struct {
		Username *string          `json:"username"`
		Avatar   nullable[string] `json:"avatar"`
		Banner   nullable[string] `json:"banner"`
	}
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if p.Username != nil {
		f.lenBetween("username", *p.Username, 2, 32)
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	// the World's bot user changes, and USER_UPDATE says so
	w := c.s.World()
	bot := w.Bot()
	setIf(&bot.Username, p.Username)
	for _, img := range []struct {
		n    nullable[string]
		dst  **string
		hash string
	}{{p.Avatar, &bot.Avatar, "a1b2c3d4e5f60718293a4b5c6d7e8f90"}, {p.Banner, &bot.Banner, "b1b2c3d4e5f60718293a4b5c6d7e8f90"}} {
		if img.n.Set {
			*img.dst = nil
			if !img.n.Null {
				h := img.hash
				*img.dst = &h
			}
		}
	}
	w.setBot(bot)
	u := modelUser(bot)
	c.rs.dispatch(0, "USER_UPDATE", u)
	c.json(http.StatusOK, u)
}

// auditReason is the X-Audit-Log-Reason header, which clients send
// URL-encoded (it may hold any text), decoded.
func (c *restCall) auditReason() string {
	r := c.r.Header.Get("X-Audit-Log-Reason")
	if d, err := url.PathUnescape(r); err == nil {
		return d
	}
	return r
}
