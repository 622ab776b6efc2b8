package discordtest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

type threadParams struct {
	Name                string             `json:"name"`
	AutoArchiveDuration *int               `json:"auto_archive_duration"`
	Type                *model.ChannelType `json:"type"`
	Invitable           *bool              `json:"invitable"`
	RateLimitPerUser    *int               `json:"rate_limit_per_user"`
	AppliedTags         []model.Snowflake  `json:"applied_tags"`
	Message             *messageParams     `json:"message"` // forum and media channels
}

func (p *threadParams) validate(f *formErrors) {
	if p.Name == "" {
		f.required("name")
	} else {
		f.lenBetween("name", p.Name, 1, 100)
	}
	if p.AutoArchiveDuration != nil {
		switch *p.AutoArchiveDuration {
		case 60, 1440, 4320, 10080:
		default:
			f.add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
		}
	}
	if p.RateLimitPerUser != nil {
		f.numRange("rate_limit_per_user", *p.RateLimitPerUser, 0, 21600)
	}
}

// newThread makes a thread in parent and has the bot join it.
func (c *restCall) newThread(parent Channel, id model.ChannelID, typ model.ChannelType, p *threadParams) *threadData {
	now := time.Now()
	t := &threadData{
		Channel: Channel{ID: id, Type: typ, GuildID: parent.GuildID, Name: p.Name, ParentID: &parent.ID},
		OwnerID: c.botID(),
		ThreadMetadata: threadMetadata{
			AutoArchiveDuration: 4320, ArchiveTimestamp: model.NewTimestamp(now), CreateTimestamp: model.NewTimestamp(now),
		},
		AppliedTags: []model.Snowflake{},
	}
	setIf(&t.ThreadMetadata.AutoArchiveDuration, p.AutoArchiveDuration)
	setIf(&t.RateLimitPerUser, p.RateLimitPerUser)
	if typ == model.ChannelPrivateThread {
		inv := p.Invitable == nil || *p.Invitable
		t.ThreadMetadata.Invitable = &inv
	}
	if p.AppliedTags != nil {
		t.AppliedTags = p.AppliedTags
	}
	t.members = []threadMember{{ID: id, UserID: c.botID(), JoinTimestamp: model.NewTimestamp(now)}}
	t.MemberCount = 1
	return t
}

// threadCreated stores a thread and dispatches THREAD_CREATE.
func (c *restCall) threadCreated(t *threadData) threadData {
	d := c.rs.data
	d.mu.Lock()
	d.threads[t.ID] = t
	out := *t
	d.mu.Unlock()
	ev := threadCreate{threadData: out, NewlyCreated: true}
	if len(out.members) > 0 {
		m := out.members[0]
		ev.Member = &m
	}
	c.rs.dispatch(out.GuildID, "THREAD_CREATE", ev)
	return out
}

func (c *restCall) threadFromMessage() {
	w := c.s.World()
	parent, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	if parent.Type != model.ChannelGuildText && parent.Type != model.ChannelGuildAnnouncement {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	var p threadParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	p.validate(&f)
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	if !c.can(parent.GuildID, parent.ID, model.PermissionCreatePublicThreads) {
		return
	}
	mid := model.MessageID(c.id("message_id"))
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[parent.ID]; cd != nil {
		md = cd.byID[mid]
	}
	exists := d.threads[model.ChannelID(mid)] != nil
	d.mu.Unlock()
	switch {
	case md == nil:
		c.fail(errUnknownMessage)
		return
	case exists:
		c.fail(errThreadExists)
		return
	}
	typ := model.ChannelPublicThread
	if parent.Type == model.ChannelGuildAnnouncement {
		typ = model.ChannelAnnouncementThread
	}
	t := c.newThread(parent, model.ChannelID(mid), typ, &p)
	out := c.threadCreated(t)
	c.json(http.StatusCreated, out)
}

func (c *restCall) threadWithoutMessage() {
	w := c.s.World()
	parent, ok := w.Channel(model.ChannelID(c.id("channel_id")))
	if !ok {
		c.fail(errUnknownChannel)
		return
	}
	var p threadParams
	files, err := c.decodeBody(&p)
	if err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	p.validate(&f)
	forum := parent.Type == model.ChannelGuildForum || parent.Type == model.ChannelGuildMedia
	typ := model.ChannelPrivateThread
	setIf(&typ, p.Type)
	if forum {
		typ = model.ChannelPublicThread
		if p.Message == nil {
			f.required("message")
		}
	} else if parent.Type != model.ChannelGuildText && parent.Type != model.ChannelGuildAnnouncement {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	} else if typ != model.ChannelPublicThread && typ != model.ChannelPrivateThread && typ != model.ChannelAnnouncementThread {
		f.add("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	need := model.PermissionCreatePublicThreads
	if typ == model.ChannelPrivateThread {
		need = model.PermissionCreatePrivateThreads
	}
	if forum {
		need = model.PermissionSendMessages
	}
	if !c.can(parent.GuildID, parent.ID, need) {
		return
	}
	t := c.newThread(parent, model.ChannelID(w.NewID()), typ, &p)
	out := c.threadCreated(t)
	if forum {
		ci := chanInfo{id: out.ID, guildID: out.GuildID, typ: out.Type, thread: &out}
		m, err := c.createMessage(ci, p.Message, files, messageAuthor{user: modelUser(w.Bot())})
		if err != nil {
			d := c.rs.data
			d.mu.Lock()
			delete(d.threads, out.ID)
			d.mu.Unlock()
			c.fail(err)
			return
		}
		res := struct {
			threadData
			Message model.Message `json:"message"`
		}{out, restMessage(m)}
		c.json(http.StatusCreated, res)
		return
	}
	c.json(http.StatusCreated, out)
}

// threadMembers changes who is in a thread: add or remove user.
func (c *restCall) threadMembers(add bool) {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.thread == nil {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	uid := c.botID()
	if c.param("user_id") != "" {
		uid = model.UserID(c.id("user_id"))
	}
	if err := c.s.threadMember(ci.guildID, ci.id, uid, add); err != nil {
		c.fail(err)
		return
	}
	c.noContent()
}

// AddThreadMember adds a World member to a thread made on the REST API,
// as another user of the guild would: THREAD_MEMBERS_UPDATE is sent, and
// THREAD_CREATE with the bot's thread member first when the member added
// is the bot, as Discord does for the current user added to a thread.
func (s *Server) AddThreadMember(threadID model.ChannelID, userID model.UserID) error {
	s.rest.data.mu.Lock()
	t := s.rest.data.threads[threadID]
	var gid model.GuildID
	if t != nil {
		gid = t.GuildID
	}
	s.rest.data.mu.Unlock()
	if t == nil {
		return fmt.Errorf("discordtest: add thread member: thread %d: %w", threadID, ErrUnknown)
	}
	if err := s.threadMember(gid, threadID, userID, true); err != nil {
		return fmt.Errorf("discordtest: add thread member %d to thread %d: %s: %w", userID, threadID, err.Message, ErrUnknown)
	}
	return nil
}

// threadMember adds uid to a thread of guild gid or removes it, and sends
// the events: THREAD_CREATE, with the bot's thread member, when the bot
// is added; THREAD_MEMBERS_UPDATE on any change.
func (s *Server) threadMember(gid model.GuildID, thread model.ChannelID, uid model.UserID, add bool) *apiError {
	w := s.World()
	if _, ok := w.Member(gid, uid); !ok {
		return errUnknownMember
	}
	d := s.rest.data
	d.mu.Lock()
	t := d.threads[thread]
	if t == nil {
		d.mu.Unlock()
		return errUnknownChannel
	}
	if t.ThreadMetadata.Archived && add {
		d.mu.Unlock()
		return errArchived
	}
	i := slices.IndexFunc(t.members, func(m threadMember) bool { return m.UserID == uid })
	ev := map[string]any{"id": t.ID, "guild_id": t.GuildID}
	var created *threadCreate
	changed := false
	switch {
	case add && i < 0:
		tm := threadMember{ID: t.ID, UserID: uid, JoinTimestamp: model.NewTimestamp(time.Now())}
		t.members = append(t.members, tm)
		ev["added_members"] = []addedThreadMember{s.addedThreadMember(gid, tm)}
		changed = true
		if uid == w.Bot().ID {
			t.MemberCount = len(t.members)
			created = &threadCreate{threadData: *t, Member: &tm}
			created.AppliedTags = slices.Clone(t.AppliedTags)
		}
	case !add && i >= 0:
		t.members = slices.Delete(t.members, i, i+1)
		ev["removed_member_ids"] = []model.UserID{uid}
		changed = true
	}
	t.MemberCount = len(t.members)
	ev["member_count"] = t.MemberCount
	d.mu.Unlock()
	if created != nil {
		s.rest.dispatch(gid, "THREAD_CREATE", created)
	}
	if changed {
		s.rest.dispatch(gid, "THREAD_MEMBERS_UPDATE", ev)
	}
	return nil
}

// threadCreate is THREAD_CREATE: the thread, newly_created when it is,
// and the bot's thread member when it is one.
type threadCreate struct {
	threadData
	NewlyCreated bool          `json:"newly_created,omitempty"`
	Member       *threadMember `json:"member,omitempty"`
}

// addedThreadMember is a thread member as THREAD_MEMBERS_UPDATE adds it:
// with the guild member and the presence (null when offline).
type addedThreadMember struct {
	threadMember
	Presence *Presence `json:"presence"`
}

func (s *Server) addedThreadMember(gid model.GuildID, tm threadMember) addedThreadMember {
	w := s.World()
	if mem, ok := w.Member(gid, tm.UserID); ok {
		tm.Member = modelMember(mem, true)
	}
	out := addedThreadMember{threadMember: tm}
	for _, p := range w.Presences(gid) {
		if p.User.ID == tm.UserID {
			p.GuildID = gid
			out.Presence = &p
		}
	}
	return out
}

// threadMemberUpdate is THREAD_MEMBER_UPDATE: the bot's thread member
// with the guild's ID.
type threadMemberUpdate struct {
	threadMember
	GuildID model.GuildID `json:"guild_id"`
}

// listThreadMembers answers GET /channels/{id}/thread-members. As on
// Discord before API v11, with_member=true pages the members in user ID
// order (after a user ID, limit 1 to 100, default 100) and adds their
// guild members; without it every member comes in one answer.
func (c *restCall) listThreadMembers() {
	cur, ok := c.userCursor(100)
	if !ok {
		return
	}
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.thread == nil {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	byUser := map[model.UserID]threadMember{}
	for _, m := range ci.thread.members {
		byUser[m.UserID] = m
	}
	ids := slices.Sorted(maps.Keys(byUser))
	withMember := c.r.URL.Query().Get("with_member") == "true"
	if withMember {
		ids = cur.take(ids)
	}
	out := []threadMember{}
	for _, id := range ids {
		m := byUser[id]
		if withMember {
			if mem, ok := c.s.World().Member(ci.guildID, id); ok {
				m.Member = modelMember(mem, true)
			}
		}
		out = append(out, m)
	}
	c.json(http.StatusOK, out)
}

func (c *restCall) getThreadMember() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.thread != nil {
		uid := model.UserID(c.id("user_id"))
		for _, m := range ci.thread.members {
			if m.UserID == uid {
				if c.r.URL.Query().Get("with_member") == "true" {
					if mem, ok := c.s.World().Member(ci.guildID, uid); ok {
						m.Member = modelMember(mem, true)
					}
				}
				c.json(http.StatusOK, m)
				return
			}
		}
	}
	c.fail(errUnknownMember)
}

type threadList struct {
	Threads []threadData   `json:"threads"`
	Members []threadMember `json:"members"`
	HasMore *bool          `json:"has_more,omitempty"`
}

// threadsWhere lists the threads matching keep, with the bot's memberships.
func (c *restCall) threadsWhere(keep func(*threadData) bool) threadList {
	me := c.botID()
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	out := threadList{Threads: []threadData{}, Members: []threadMember{}}
	for _, t := range d.threads {
		if !keep(t) {
			continue
		}
		out.Threads = append(out.Threads, *t)
		for _, m := range t.members {
			if m.UserID == me {
				out.Members = append(out.Members, m)
			}
		}
	}
	slices.SortFunc(out.Threads, func(a, b threadData) int { return cmpID(b.ID, a.ID) })
	return out
}

func (c *restCall) activeThreads() {
	g, ok := c.guild()
	if !ok {
		return
	}
	c.json(http.StatusOK, c.threadsWhere(func(t *threadData) bool { return t.GuildID == g.ID && !t.ThreadMetadata.Archived }))
}

// archivedThreads answers the three lists of archived threads: public
// and private ones by archive time, newest first, before a time; the
// joined private ones by thread ID, highest first, before an ID. limit
// is 2 to 100 (default 50), has_more tells whether a next page exists.
func (c *restCall) archivedThreads(private, joinedOnly bool) {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	need := model.PermissionReadMessageHistory // and MANAGE_THREADS for every private thread
	if private && !joinedOnly {
		need |= model.PermissionManageThreads
	}
	if !c.canIn(ci, need) {
		return
	}
	limit, ok := c.queryInt("limit", 50, 2, 100)
	if !ok {
		return
	}
	var beforeID model.Snowflake
	var beforeTime time.Time
	if s := c.r.URL.Query().Get("before"); s != "" && joinedOnly {
		if beforeID, ok = c.querySnowflake("before"); !ok {
			return
		}
	} else if s != "" {
		ts, err := model.ParseTimestamp(s)
		if err != nil {
			c.fail(formError("before", "DATE_TIME_TYPE_PARSE", "Could not parse "+s+". Should be ISO8601."))
			return
		}
		beforeTime = ts.Time
	}
	me := c.botID()
	// archived is the archive time as the API writes it, to the microsecond.
	archived := func(t *threadData) time.Time { return t.ThreadMetadata.ArchiveTimestamp.Truncate(time.Microsecond) }
	out := c.threadsWhere(func(t *threadData) bool {
		if t.ParentID == nil || *t.ParentID != ci.id || !t.ThreadMetadata.Archived || (t.Type == model.ChannelPrivateThread) != private {
			return false
		}
		switch {
		case beforeID != 0 && model.Snowflake(t.ID) >= beforeID:
			return false
		case !beforeTime.IsZero() && !archived(t).Before(beforeTime):
			return false
		}
		return !joinedOnly || slices.ContainsFunc(t.members, func(m threadMember) bool { return m.UserID == me })
	})
	if !joinedOnly { // threadsWhere sorts by ID, highest first
		slices.SortStableFunc(out.Threads, func(a, b threadData) int { return archived(&b).Compare(archived(&a)) })
	}
	more := len(out.Threads) > limit
	if more {
		out.Threads = out.Threads[:limit]
	}
	kept := map[model.ChannelID]bool{}
	for _, t := range out.Threads {
		kept[t.ID] = true
	}
	out.Members = slices.DeleteFunc(out.Members, func(m threadMember) bool { return !kept[m.ID] })
	out.HasMore = &more
	c.json(http.StatusOK, out)
}
