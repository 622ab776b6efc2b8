package discordtest

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/gloamdev/gloam/model"
)

// guildExtras is what a GUILD_CREATE carries beside the World's guild:
// the state the REST API keeps of the guild.
type guildExtras struct {
	VoiceStates          []map[string]any `json:"voice_states"`
	Threads              []guildThread    `json:"threads"`
	StageInstances       []map[string]any `json:"stage_instances"`
	GuildScheduledEvents []map[string]any `json:"guild_scheduled_events"`
	SoundboardSounds     []map[string]any `json:"soundboard_sounds"`
}

// guildThread is an active thread as GUILD_CREATE sends it: with the
// bot's thread member, whose id and user_id are left out there.
type guildThread struct {
	threadData
	Member *guildThreadMember `json:"member,omitempty"`
}

type guildThreadMember struct {
	JoinTimestamp model.Timestamp `json:"join_timestamp"`
	Flags         int             `json:"flags"`
}

// guildExtras gathers a guild's voice states, active threads, live stages,
// scheduled events and soundboard sounds for its GUILD_CREATE. It takes
// the REST data's lock, and then the World's.
func (s *Server) guildExtras(gid model.GuildID) guildExtras {
	bot := s.world.Bot().ID
	key := gid.String()
	x := guildExtras{VoiceStates: []map[string]any{}, Threads: []guildThread{}, StageInstances: []map[string]any{},
		GuildScheduledEvents: []map[string]any{}, SoundboardSounds: []map[string]any{}}
	d := s.rest.data
	d.mu.Lock()
	for _, t := range d.threads {
		if t.GuildID != gid || t.ThreadMetadata.Archived {
			continue
		}
		gt := guildThread{threadData: *t}
		gt.AppliedTags = slices.Clone(t.AppliedTags)
		if i := slices.IndexFunc(t.members, func(m threadMember) bool { return m.UserID == bot }); i >= 0 {
			gt.Member = &guildThreadMember{JoinTimestamp: t.members[i].JoinTimestamp, Flags: t.members[i].Flags}
		}
		x.Threads = append(x.Threads, gt)
	}
	for _, list := range d.objects[stages.name] {
		for _, st := range list {
			if st["guild_id"] == key {
				x.StageInstances = append(x.StageInstances, maps.Clone(st))
			}
		}
	}
	for _, ev := range d.objects[scheduledEvents.name][key] {
		x.GuildScheduledEvents = append(x.GuildScheduledEvents, maps.Clone(ev))
	}
	for _, snd := range d.objects[soundboard.name][key] {
		x.SoundboardSounds = append(x.SoundboardSounds, soundboard.view(snd))
	}
	voice := maps.Clone(d.voice[gid])
	d.mu.Unlock()
	slices.SortFunc(x.Threads, func(a, b guildThread) int { return cmpID(a.ID, b.ID) })
	for _, uid := range slices.Sorted(maps.Keys(voice)) {
		vs := voice[uid]
		if vs.ChannelID == 0 {
			continue
		}
		v := s.voiceStateJSON(gid, uid, vs, vs.ChannelID)
		delete(v, "guild_id") // partial: GUILD_CREATE leaves the guild out
		x.VoiceStates = append(x.VoiceStates, v)
	}
	return x
}

// requestSoundboardSounds answers Request Soundboard Sounds (op 31): a
// SOUNDBOARD_SOUNDS event with the sounds of each guild asked for that the
// session's shard holds.
func (c *gwConn) requestSoundboardSounds(d json.RawMessage, s *session) {
	var req struct {
		GuildIDs []model.GuildID `json:"guild_ids"`
	}
	if json.Unmarshal(d, &req) != nil {
		c.g.count(func(st *GatewayStats) { st.InvalidJSON++ })
		c.closeWith(4002, "Decode error")
		return
	}
	type soundboardSounds struct {
		GuildID model.GuildID    `json:"guild_id"`
		Sounds  []map[string]any `json:"soundboard_sounds"`
	}
	var out [][]byte
	data := c.g.s.rest.data
	for _, gid := range req.GuildIDs {
		if _, ok := c.g.s.world.Guild(gid); !ok || !s.owns(gid) {
			continue
		}
		ev := soundboardSounds{GuildID: gid, Sounds: []map[string]any{}}
		data.mu.Lock()
		for _, snd := range data.objects[soundboard.name][gid.String()] {
			ev.Sounds = append(ev.Sounds, soundboard.view(snd))
		}
		data.mu.Unlock()
		if b, err := json.Marshal(ev); err == nil {
			out = append(out, b)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range out {
		s.deliverLocked("SOUNDBOARD_SOUNDS", b)
	}
}

// visibleChannels are the channels of a guild the bot can view.
func (s *Server) visibleChannels(gid model.GuildID) map[model.ChannelID]bool {
	bot := s.world.Bot().ID
	out := map[model.ChannelID]bool{}
	for _, ch := range s.world.Channels(gid) {
		if s.world.Permissions(gid, ch.ID, bot)&model.PermissionViewChannel != 0 {
			out[ch.ID] = true
		}
	}
	return out
}

// syncGained sends THREAD_LIST_SYNC for the channels of a guild the bot
// sees now and did not see before (saw, from visibleChannels), however
// it gained access: an overwrite, a role given, a role's permissions.
func (s *Server) syncGained(gid model.GuildID, saw map[model.ChannelID]bool) {
	var gained []model.ChannelID
	for id := range s.visibleChannels(gid) {
		if !saw[id] {
			gained = append(gained, id)
		}
	}
	if len(gained) > 0 {
		slices.Sort(gained)
		s.threadListSync(gid, gained...)
	}
}

// threadListSync sends THREAD_LIST_SYNC for channels the bot has just
// gained access to: their active threads, with the bot's thread members.
func (s *Server) threadListSync(gid model.GuildID, channels ...model.ChannelID) {
	bot := s.world.Bot().ID
	ev := struct {
		GuildID    model.GuildID     `json:"guild_id"`
		ChannelIDs []model.ChannelID `json:"channel_ids"`
		Threads    []threadData      `json:"threads"`
		Members    []threadMember    `json:"members"`
	}{GuildID: gid, ChannelIDs: channels, Threads: []threadData{}, Members: []threadMember{}}
	d := s.rest.data
	d.mu.Lock()
	for _, t := range d.threads {
		if t.ParentID == nil || !slices.Contains(channels, *t.ParentID) || t.ThreadMetadata.Archived {
			continue
		}
		td := *t
		td.AppliedTags = slices.Clone(t.AppliedTags)
		ev.Threads = append(ev.Threads, td)
		for _, m := range t.members {
			if m.UserID == bot {
				ev.Members = append(ev.Members, m)
			}
		}
	}
	d.mu.Unlock()
	slices.SortFunc(ev.Threads, func(a, b threadData) int { return cmpID(a.ID, b.ID) })
	slices.SortFunc(ev.Members, func(a, b threadMember) int { return cmpID(a.ID, b.ID) })
	s.rest.dispatch(gid, "THREAD_LIST_SYNC", ev)
}

// accessRoutes are the routes that may change which channels the bot can
// view: overwrites, roles and its roles, a channel's overwrites.
var accessRoutes = map[string]bool{
	"PUT /channels/{channel_id}/permissions/{overwrite_id}":       true,
	"DELETE /channels/{channel_id}/permissions/{overwrite_id}":    true,
	"PATCH /channels/{channel_id}":                                true,
	"PATCH /guilds/{guild_id}/members/{user_id}":                  true,
	"PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}":    true,
	"DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}": true,
	"PATCH /guilds/{guild_id}/roles/{role_id}":                    true,
	"DELETE /guilds/{guild_id}/roles/{role_id}":                   true,
}

// accessPending is what the bot could view before a call that may change it.
type accessPending struct {
	gid model.GuildID
	saw map[model.ChannelID]bool
}

// accessStart notes the channels the bot sees before a call of
// accessRoutes; nil for other calls.
func (c *restCall) accessStart() *accessPending {
	if !accessRoutes[c.rt.key] {
		return nil
	}
	gid := model.GuildID(c.id("guild_id"))
	if gid == 0 {
		gid, _ = c.s.World().GuildOf(model.ChannelID(c.id("channel_id")))
	}
	if gid == 0 {
		return nil
	}
	return &accessPending{gid: gid, saw: c.s.visibleChannels(gid)}
}

// accessEnd sends THREAD_LIST_SYNC for the channels a successful call let
// the bot see.
func (c *restCall) accessEnd(p *accessPending) {
	if p != nil && c.w.status/100 == 2 {
		c.s.syncGained(p.gid, p.saw)
	}
}
