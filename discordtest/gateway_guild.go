package discordtest

import (
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
		x.SoundboardSounds = append(x.SoundboardSounds, maps.Clone(snd))
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
