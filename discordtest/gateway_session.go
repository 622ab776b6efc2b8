package discordtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

// session is a gateway session: it outlives its connections, numbers its
// dispatches and keeps them for Resume.
type session struct {
	g         *gatewayState
	id        string
	shardID   int
	numShards int
	intents   model.Intents
	large     int
	bot       model.UserID

	ended atomic.Bool // closed by the client with 1000 or 1001

	mu         sync.Mutex
	seq        int64    // the last seq sent
	buf        [][]byte // dispatches bufStart..seq
	bufStart   int64    // the seq of buf[0]
	conn       *gwConn  // nil while disconnected
	detachedAt time.Time
	invalid    bool
}

// owns reports whether the session's shard receives a guild's events.
func (s *session) owns(guildID model.GuildID) bool {
	return model.ShardOf(guildID, s.numShards) == s.shardID
}

// resumable reports whether the session may still receive dispatches.
func (s *session) resumable(now time.Time) bool {
	return !s.invalid && !s.ended.Load() && (s.conn != nil || now.Sub(s.detachedAt) <= s.g.s.opts.ResumeWindow)
}

func (s *session) invalidate() {
	s.mu.Lock()
	s.invalidateLocked()
	s.mu.Unlock()
}

// invalidateLocked ends the session: it can no longer be resumed.
func (s *session) invalidateLocked() {
	if s.invalid {
		return
	}
	s.invalid = true
	s.buf = nil
	s.g.mu.Lock()
	delete(s.g.sessions, s.id)
	s.g.mu.Unlock()
}

// sendLocked numbers a dispatch, keeps it for Resume and writes it to the
// connection, if any. d is the event's JSON.
func (s *session) sendLocked(name string, d []byte) {
	if s.invalid {
		return
	}
	s.seq++
	p := make([]byte, 0, len(d)+len(name)+48)
	p = append(p, `{"t":"`...)
	p = append(p, name...)
	p = append(p, `","s":`...)
	p = strconv.AppendInt(p, s.seq, 10)
	p = append(p, `,"op":0,"d":`...)
	p = append(p, d...)
	p = append(p, '}')
	if len(s.buf) == 0 {
		s.bufStart = s.seq
	}
	s.buf = append(s.buf, p)
	if max := s.g.s.opts.ResumeBuffer; len(s.buf) > max {
		drop := len(s.buf) - max
		clear(s.buf[:drop])
		s.buf = s.buf[drop:]
		s.bufStart += int64(drop)
	}
	if c := s.conn; c != nil {
		s.g.dispatched.Add(1) // counted before the client can see it
		if c.write(p) != nil {
			s.g.dispatched.Add(-1)
		}
	}
}

// deliverLocked sends an event if the session's intents let it through,
// adapting it to them (message content without MESSAGE_CONTENT).
func (s *session) deliverLocked(name string, d []byte) {
	ok, strip := s.wants(name, d)
	if !ok {
		return
	}
	if strip {
		d = stripContent(d)
	}
	s.sendLocked(name, d)
}

// wants reports whether the session's intents (and, for THREAD_CREATE, the
// bot's view of the parent channel) let an event through, and whether
// message content must be removed from it.
func (s *session) wants(name string, d []byte) (ok, strip bool) {
	guild := gjson.GetBytes(d, "guild_id").Exists()
	in := s.intents
	switch name {
	case "MESSAGE_CREATE", "MESSAGE_UPDATE":
		if guild && !in.Has(model.IntentGuildMessages) || !guild && !in.Has(model.IntentDirectMessages) {
			return false, false
		}
		if in.Has(model.IntentMessageContent) || !guild {
			return true, false
		}
		if gjson.GetBytes(d, "author.id").String() == s.bot.String() {
			return true, false
		}
		bot := s.bot.String()
		for _, m := range gjson.GetBytes(d, "mentions.#.id").Array() {
			if m.String() == bot {
				return true, false
			}
		}
		return true, gjson.GetBytes(d, "content").Exists()
	case "MESSAGE_DELETE":
		return guild && in.Has(model.IntentGuildMessages) || !guild && in.Has(model.IntentDirectMessages), false
	case "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI":
		return guild && in.Has(model.IntentGuildMessageReactions) || !guild && in.Has(model.IntentDirectMessageReactions), false
	case "TYPING_START":
		return guild && in.Has(model.IntentGuildMessageTyping) || !guild && in.Has(model.IntentDirectMessageTyping), false
	case "CHANNEL_PINS_UPDATE":
		return guild && in.Has(model.IntentGuilds) || !guild && in.Has(model.IntentDirectMessages), false
	case "MESSAGE_POLL_VOTE_ADD", "MESSAGE_POLL_VOTE_REMOVE":
		return guild && in.Has(model.IntentGuildMessagePolls) || !guild && in.Has(model.IntentDirectMessagePolls), false
	case "GUILD_MEMBER_UPDATE":
		return in.Has(model.IntentGuildMembers) || gjson.GetBytes(d, "user.id").String() == s.bot.String(), false
	case "THREAD_CREATE":
		// Threads are synced only in channels the bot can see; THREAD_LIST_SYNC
		// brings them when it gains access.
		gid := model.GuildID(gjson.GetBytes(d, "guild_id").Uint())
		parent := model.ChannelID(gjson.GetBytes(d, "parent_id").Uint())
		if parent != 0 && s.g.s.world.Permissions(gid, parent, s.bot)&model.PermissionViewChannel == 0 {
			return false, false
		}
	case "THREAD_MEMBERS_UPDATE":
		// Without GUILD_MEMBERS, only when the bot itself joins or leaves.
		if in.Has(model.IntentGuildMembers) {
			return true, false
		}
		bot := s.bot.String()
		self := gjson.GetBytes(d, `removed_member_ids.#(=="`+bot+`")`).Exists() ||
			gjson.GetBytes(d, `added_members.#(user_id=="`+bot+`")`).Exists()
		return in.Has(model.IntentGuilds) && self, false
	}
	need, known := eventIntents[name]
	if !known || need == 0 {
		return true, false
	}
	return in&need != 0, false
}

// stripContent empties what MESSAGE_CONTENT guards in a message.
func stripContent(d []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(d, &m) != nil {
		return d
	}
	empty := json.RawMessage(`[]`)
	m["content"] = json.RawMessage(`""`)
	for _, k := range []string{"embeds", "attachments", "components"} {
		if _, ok := m[k]; ok {
			m[k] = empty
		}
	}
	if _, ok := m["poll"]; ok {
		delete(m, "poll")
	}
	out, err := json.Marshal(m)
	if err != nil {
		return d
	}
	return out
}

// eventIntents maps dispatch names to the intents that bring them (any of
// them), from the intents table. Events not listed, and READY, RESUMED and
// the like, are always sent.
var eventIntents = func() map[string]model.Intents {
	table := map[model.Intents]string{
		model.IntentGuilds: "GUILD_CREATE GUILD_UPDATE GUILD_DELETE GUILD_ROLE_CREATE GUILD_ROLE_UPDATE GUILD_ROLE_DELETE " +
			"CHANNEL_CREATE CHANNEL_UPDATE CHANNEL_DELETE THREAD_CREATE THREAD_UPDATE THREAD_DELETE THREAD_LIST_SYNC " +
			"THREAD_MEMBER_UPDATE STAGE_INSTANCE_CREATE STAGE_INSTANCE_UPDATE STAGE_INSTANCE_DELETE " +
			"VOICE_CHANNEL_STATUS_UPDATE VOICE_CHANNEL_START_TIME_UPDATE",
		model.IntentGuildMembers:      "GUILD_MEMBER_ADD GUILD_MEMBER_REMOVE",
		model.IntentGuildModeration:   "GUILD_AUDIT_LOG_ENTRY_CREATE GUILD_BAN_ADD GUILD_BAN_REMOVE",
		model.IntentGuildExpressions:  "GUILD_EMOJIS_UPDATE GUILD_STICKERS_UPDATE GUILD_SOUNDBOARD_SOUND_CREATE GUILD_SOUNDBOARD_SOUND_UPDATE GUILD_SOUNDBOARD_SOUND_DELETE GUILD_SOUNDBOARD_SOUNDS_UPDATE",
		model.IntentGuildIntegrations: "GUILD_INTEGRATIONS_UPDATE INTEGRATION_CREATE INTEGRATION_UPDATE INTEGRATION_DELETE",
		model.IntentGuildWebhooks:     "WEBHOOKS_UPDATE",
		model.IntentGuildInvites:      "INVITE_CREATE INVITE_DELETE",
		model.IntentGuildVoiceStates:  "VOICE_CHANNEL_EFFECT_SEND VOICE_STATE_UPDATE",
		model.IntentGuildPresences:    "PRESENCE_UPDATE",
		model.IntentGuildMessages:     "MESSAGE_DELETE_BULK",
		model.IntentGuildScheduledEvents: "GUILD_SCHEDULED_EVENT_CREATE GUILD_SCHEDULED_EVENT_UPDATE GUILD_SCHEDULED_EVENT_DELETE " +
			"GUILD_SCHEDULED_EVENT_USER_ADD GUILD_SCHEDULED_EVENT_USER_REMOVE",
		model.IntentAutoModerationConfiguration: "AUTO_MODERATION_RULE_CREATE AUTO_MODERATION_RULE_UPDATE AUTO_MODERATION_RULE_DELETE",
		model.IntentAutoModerationExecution:     "AUTO_MODERATION_ACTION_EXECUTION",
	}
	m := map[string]model.Intents{}
	for in, names := range table {
		for _, n := range strings.Fields(names) {
			m[n] |= in
		}
	}
	return m
}()

// sendReadyLocked sends READY and then GUILD_CREATE for each guild of the
// session's shard.
func (s *session) sendReadyLocked() {
	w := s.g.s.world
	var ids []model.GuildID
	for _, id := range w.GuildIDs() {
		if s.owns(id) {
			ids = append(ids, id)
		}
	}
	type unavailable struct {
		ID          model.GuildID `json:"id"`
		Unavailable bool          `json:"unavailable"`
	}
	guilds := make([]unavailable, len(ids))
	for i, id := range ids {
		guilds[i] = unavailable{id, true}
	}
	ready := struct {
		V                int           `json:"v"`
		User             User          `json:"user"`
		Guilds           []unavailable `json:"guilds"`
		SessionID        string        `json:"session_id"`
		SessionType      string        `json:"session_type"`
		ResumeGatewayURL string        `json:"resume_gateway_url"`
		Shard            [2]int        `json:"shard"`
		Application      struct {
			ID    model.ApplicationID `json:"id"`
			Flags int                 `json:"flags"`
		} `json:"application"`
		PrivateChannels []json0  `json:"private_channels"`
		Presences       []json0  `json:"presences"`
		Relationships   []json0  `json:"relationships"`
		Trace           []string `json:"_trace"`
	}{
		V: 10, User: w.Bot(), Guilds: guilds, SessionID: s.id, SessionType: "normal",
		ResumeGatewayURL: s.g.s.ResumeGatewayURL(), Shard: [2]int{s.shardID, s.numShards},
		PrivateChannels: []json0{}, Presences: []json0{}, Relationships: []json0{},
		Trace: []string{`["discordtest",{"micros":0}]`},
	}
	ready.Application.ID = w.ApplicationID()
	ready.Application.Flags = applicationFlags(model.IntentsAll.Privileged() &^ s.g.s.opts.UnapprovedIntents)
	b, _ := json.Marshal(ready)
	s.sendLocked("READY", b)
	if !s.intents.Has(model.IntentGuilds) {
		return
	}
	for _, id := range ids {
		g, ok := w.Guild(id)
		if !ok {
			continue
		}
		b, err := json.Marshal(s.guildCreate(g))
		if err == nil {
			s.sendLocked("GUILD_CREATE", b)
		}
	}
}

// applicationFlags are the application's flags for the privileged
// intents it is approved for: the _LIMITED flags of an app in fewer than
// 100 guilds.
func applicationFlags(approved model.Intents) int {
	f := 0
	if approved.Has(model.IntentGuildPresences) {
		f |= 1 << 13 // GATEWAY_PRESENCE_LIMITED
	}
	if approved.Has(model.IntentGuildMembers) {
		f |= 1 << 15 // GATEWAY_GUILD_MEMBERS_LIMITED
	}
	if approved.Has(model.IntentMessageContent) {
		f |= 1 << 19 // GATEWAY_MESSAGE_CONTENT_LIMITED
	}
	return f
}

// guildCreate is the d of GUILD_CREATE.
type guildCreate struct {
	Guild
	guildExtras
	JoinedAt    time.Time  `json:"joined_at"`
	Large       bool       `json:"large"`
	Unavailable bool       `json:"unavailable"`
	MemberCount int        `json:"member_count"`
	Members     []Member   `json:"members"`
	Channels    []Channel  `json:"channels"`
	Presences   []Presence `json:"presences"`
}

// guildCreate shapes a guild for the session: without GUILD_PRESENCES only
// the bot's member and no presences; in a large guild (more members than
// large_threshold) only the members who are online, have a role or have a
// nickname.
func (s *session) guildCreate(g Guild) guildCreate {
	gc := guildCreate{
		Guild: g, guildExtras: s.g.s.guildExtras(g.ID),
		JoinedAt: g.JoinedAt, MemberCount: len(g.Members), Large: len(g.Members) > s.large,
		Channels: g.Channels, Members: []Member{}, Presences: []Presence{},
	}
	for i := range gc.Channels {
		gc.Channels[i].GuildID = 0 // not sent in GUILD_CREATE
	}
	if !s.intents.Has(model.IntentGuildPresences) {
		for _, m := range g.Members {
			if m.User.ID == s.bot {
				gc.Members = append(gc.Members, m)
			}
		}
		return gc
	}
	gc.Presences = g.Presences
	for i := range gc.Presences {
		gc.Presences[i].GuildID = 0
	}
	for _, m := range g.Members {
		// In a large guild: the online members, and those with a role or
		// a nickname.
		online := m.User.ID == s.bot || slices.ContainsFunc(g.Presences, func(p Presence) bool { return p.User.ID == m.User.ID })
		if !gc.Large || online || len(m.Roles) > 0 || m.Nick != nil {
			gc.Members = append(gc.Members, m)
		}
	}
	return gc
}

// requestGuildMembers answers Request Guild Members (op 8) with
// GUILD_MEMBERS_CHUNK events of up to 1000 members.
func (c *gwConn) requestGuildMembers(d json.RawMessage, s *session) {
	var req struct {
		GuildID   model.GuildID   `json:"guild_id"`
		Query     *string         `json:"query"`
		Limit     int             `json:"limit"`
		Presences bool            `json:"presences"`
		UserIDs   json.RawMessage `json:"user_ids"`
		Nonce     string          `json:"nonce"`
	}
	if json.Unmarshal(d, &req) != nil || req.Query == nil && len(req.UserIDs) == 0 {
		c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	var ids []model.UserID
	if len(req.UserIDs) > 0 {
		var one model.UserID
		if json.Unmarshal(req.UserIDs, &ids) != nil {
			if json.Unmarshal(req.UserIDs, &one) != nil {
				c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
				c.closeWith(4002, "Decode error")
				return
			}
			ids = []model.UserID{one}
		}
	}
	all := req.Query != nil && *req.Query == "" && req.Limit == 0
	if all && !s.intents.Has(model.IntentGuildMembers) {
		// The whole member list needs GUILD_MEMBERS.
		c.g.count(func(st *GatewayStats) { st.InvalidIntents++ })
		c.closeWith(4013, "Invalid intent(s).")
		return
	}
	if len(req.Nonce) > 32 {
		req.Nonce = "" // ignored, as Discord does
	}
	if !s.intents.Has(model.IntentGuildPresences) {
		req.Presences = false
	}
	w := c.g.s.world
	g, ok := w.Guild(req.GuildID)
	if !ok || !s.owns(req.GuildID) {
		return
	}
	if all {
		if wait := c.g.takeMemberRequest(req.GuildID); wait > 0 {
			c.g.count(func(st *GatewayStats) { st.MemberRequestsLimited++ })
			meta := map[string]any{"guild_id": req.GuildID}
			if req.Nonce != "" {
				meta["nonce"] = req.Nonce
			}
			b, _ := json.Marshal(map[string]any{"opcode": 8, "retry_after": wait.Seconds(), "meta": meta})
			s.mu.Lock()
			s.sendLocked("RATE_LIMITED", b)
			s.mu.Unlock()
			return
		}
	}
	var found []Member
	notFound := []model.UserID{}
	if req.Query != nil {
		q := strings.ToLower(*req.Query)
		limit := req.Limit
		if !all && (limit <= 0 || limit > 100) {
			limit = 100 // a prefix finds 100 members at most
		}
		for _, m := range g.Members {
			if q == "" || strings.HasPrefix(strings.ToLower(m.User.Username), q) ||
				m.Nick != nil && strings.HasPrefix(strings.ToLower(*m.Nick), q) {
				found = append(found, m)
			}
			if limit > 0 && len(found) >= limit {
				break
			}
		}
	} else {
		if len(ids) > 100 {
			ids = ids[:100] // 100 users at most
		}
		for _, id := range ids {
			i := slices.IndexFunc(g.Members, func(m Member) bool { return m.User.ID == id })
			if i < 0 {
				notFound = append(notFound, id)
				continue
			}
			found = append(found, g.Members[i])
		}
	}
	const chunk = 1000
	count := max(1, (len(found)+chunk-1)/chunk)
	cut, cutting := c.g.takeChunkCut(s.shardID)
	if cutting {
		c.g.logf("gateway: member chunks %q on shard %d cut after %d of %d", req.Nonce, s.shardID, cut.After, count)
		defer func() {
			if cut.Then != nil {
				c.fault(cut.Then)
			}
		}()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range count {
		if cutting && i >= cut.After {
			break
		}
		part := found[min(i*chunk, len(found)):min((i+1)*chunk, len(found))]
		ev := map[string]any{
			"guild_id": req.GuildID, "members": append([]Member{}, part...),
			"chunk_index": i, "chunk_count": count, "nonce": req.Nonce,
		}
		if i == 0 && len(notFound) > 0 {
			ev["not_found"] = notFound
		}
		if req.Presences {
			var ps []Presence
			for _, p := range g.Presences {
				if slices.ContainsFunc(part, func(m Member) bool { return m.User.ID == p.User.ID }) {
					ps = append(ps, p)
				}
			}
			ev["presences"] = append([]Presence{}, ps...)
		}
		b, err := json.Marshal(ev)
		if err == nil {
			s.sendLocked("GUILD_MEMBERS_CHUNK", b)
		}
	}
}
