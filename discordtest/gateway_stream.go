package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// streamPool is the most distinct events a Stream makes; it then cycles
// through them. A cycle is several megabytes, beyond the window of either
// transport compression, so repeats do not compress better than fresh
// events would.
const streamPool = 8192

// Stream sends n dispatches to the sessions of a shard, a realistic mix of
// the events of the shard's guilds: MESSAGE_CREATE, TYPING_START,
// PRESENCE_UPDATE, reactions, GUILD_MEMBER_UPDATE, MESSAGE_UPDATE,
// MESSAGE_DELETE and VOICE_STATE_UPDATE, by world users in world channels.
// rate is in events per second; zero or less sends as fast as the
// connections take them. n zero or less streams until ctx ends. After each
// event, Options.Faults may make a fault happen on the shard.
//
// The events of a shard are made from the seed as they are first needed
// and kept: a Stream goes on where the last one on the shard stopped, and
// after 8192 events they repeat (IDs included), so that a long stream costs
// no more than sending. Streams on one shard take turns.
//
// Stream returns the number of events it offered to the shard (a session
// whose intents do not cover an event does not get it), with ctx's error
// when ctx ended first, and ErrNoConnection when the shard has no session.
func (s *Server) Stream(ctx context.Context, shard int, n int, rate float64) (int, error) {
	ss, err := s.gw.sessionsWhere(func(x *session) bool { return x.shardID == shard })
	if err != nil {
		return 0, err
	}
	if len(ss) == 0 {
		return 0, fmt.Errorf("discordtest: stream on shard %d: %w", shard, ErrNoConnection)
	}
	st, err := s.gw.stream(shard, ss[0].numShards)
	if err != nil {
		return 0, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()

	var tick *time.Ticker
	if rate > 0 {
		tick = time.NewTicker(time.Duration(float64(time.Second) / rate))
		defer tick.Stop()
	}
	faults := s.opts.Faults
	sent := 0
	for i := 0; n <= 0 || i < n; i++ {
		if tick != nil {
			select {
			case <-ctx.Done():
				return sent, ctx.Err()
			case <-tick.C:
			}
		} else if err := ctx.Err(); err != nil {
			return sent, err
		}
		ev := st.next()
		ss, err := s.gw.sessionsWhere(func(x *session) bool { return x.shardID == shard && x.owns(ev.guild) })
		if err != nil {
			return sent, err
		}
		deliver(ss, ev.name, ev.d)
		sent++
		if f := faults.roll(st.faults); f != nil {
			s.Fault(shard, f) // no connection just now is no error for a stream
		}
	}
	return sent, nil
}

// streamState is the events of a shard's streams.
type streamState struct {
	mu        sync.Mutex
	numShards int
	guilds    []Guild
	gen       *eventGen
	faults    *rand.Rand
	pool      []streamEvent
	pos       int
}

// stream returns the stream state of a shard, made anew when the shard
// count changed.
func (g *gatewayState) stream(shard, numShards int) (*streamState, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if st := g.streams[shard]; st != nil && st.numShards == numShards {
		return st, nil
	}
	var guilds []Guild
	for _, gd := range g.s.world.Guilds() {
		if model.ShardOf(gd.ID, numShards) == shard && len(gd.Members) > 1 {
			guilds = append(guilds, gd)
		}
	}
	if len(guilds) == 0 {
		return nil, fmt.Errorf("discordtest: stream on shard %d: no guild with members", shard)
	}
	seed := uint64(g.s.opts.Seed)
	st := &streamState{
		numShards: numShards,
		guilds:    guilds,
		gen:       &eventGen{rng: rand.New(rand.NewPCG(seed, uint64(shard)+1)), w: g.s.world, bot: g.s.world.Bot().ID},
		faults:    rand.New(rand.NewPCG(seed, uint64(shard)+1<<32)),
	}
	g.streams[shard] = st
	return st, nil
}

// next returns the next event, made on first use.
func (st *streamState) next() streamEvent {
	if st.pos == len(st.pool) {
		if len(st.pool) < streamPool {
			st.pool = append(st.pool, st.gen.event(st.guilds[st.gen.rng.IntN(len(st.guilds))]))
		} else {
			st.pos = 0
		}
	}
	ev := st.pool[st.pos]
	st.pos++
	return ev
}

// roll picks the fault that happens after one event, if any.
func (o FaultOptions) roll(rng *rand.Rand) Fault {
	if o == (FaultOptions{}) {
		return nil
	}
	x := rng.Float64()
	for _, c := range []struct {
		p float64
		f Fault
	}{
		{o.Reconnect, FaultReconnect{}},
		{o.InvalidSession, FaultInvalidSession{Resumable: true}},
		{o.InvalidSessionNoResume, FaultInvalidSession{Resumable: false}},
		{o.Drop, FaultDrop{}},
		{o.Close, FaultClose{Code: 4000}},
		{o.Zombie, FaultZombie{}},
	} {
		if x < c.p {
			return c.f
		}
		x -= c.p
	}
	return nil
}

type streamEvent struct {
	guild model.GuildID
	name  string
	d     []byte
}

// eventGen makes realistic events from the world.
type eventGen struct {
	rng *rand.Rand
	w   *World
	bot model.UserID
	ids idGen
	inc uint64 // for the IDs of old messages
}

var words = strings.Fields(`the a of to and in is it you that he was for on are with as I his they be at one have
this from or had by hot word but what some we can out other were all there when up use your how said an each she
which do their time if will way about many then them write would like so these her long make thing see him two has
look more day could go come did number sound no most people my over know water than call first who may down side
been now find any new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low line differ turn cause
much mean before move right boy old too same tell does set three want air well also play small end put home read
hand port large spell add even land here must big high such follow act why ask men change went light kind off
need house picture try us again animal point mother world near build self earth father gloam discord bot shard`)

func (e *eventGen) sentence() string {
	n := 2 + e.rng.IntN(14)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[e.rng.IntN(len(words))])
	}
	return b.String()
}

func (e *eventGen) event(g Guild) streamEvent {
	var text []Channel
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText || c.Type == model.ChannelGuildAnnouncement {
			text = append(text, c)
		}
	}
	if len(text) == 0 {
		text = g.Channels
	}
	ch := Channel{ID: model.ChannelID(g.ID)}
	if len(text) > 0 {
		ch = text[e.rng.IntN(len(text))]
	}
	m := g.Members[1+e.rng.IntN(len(g.Members)-1)]
	now := time.Now().UTC().Truncate(time.Millisecond)
	ev := streamEvent{guild: g.ID}
	var d any
	switch x := e.rng.IntN(100); {
	case x < 40:
		ev.name, d = "MESSAGE_CREATE", e.message(g, ch, m, time.Time{})
	case x < 55:
		ev.name = "TYPING_START"
		d = map[string]any{"channel_id": ch.ID, "guild_id": g.ID, "user_id": m.User.ID, "timestamp": now.Unix(),
			"member": partial(m)}
	case x < 70:
		ev.name = "PRESENCE_UPDATE"
		status := statuses[e.rng.IntN(len(statuses))]
		acts := []Activity{}
		if e.rng.IntN(2) == 0 {
			acts = append(acts, Activity{Name: games[e.rng.IntN(len(games))], Type: 0, CreatedAt: now.UnixMilli()})
		}
		d = Presence{User: PresenceUser{ID: m.User.ID}, GuildID: g.ID, Status: status, Activities: acts,
			ClientStatus: map[string]string{"desktop": status}}
	case x < 80:
		ev.name, d = "MESSAGE_REACTION_ADD", e.reaction(g, ch, m, true)
	case x < 83:
		ev.name, d = "MESSAGE_REACTION_REMOVE", e.reaction(g, ch, m, false)
	case x < 88:
		ev.name = "GUILD_MEMBER_UPDATE"
		mm := m.clone()
		if e.rng.IntN(2) == 0 {
			mm.Nick = ptr(capitalize(nouns[e.rng.IntN(len(nouns))]))
		}
		d = struct {
			GuildID model.GuildID `json:"guild_id"`
			Member
		}{g.ID, mm}
	case x < 93:
		ev.name = "MESSAGE_UPDATE"
		msg := e.message(g, ch, m, now.Add(-time.Duration(1+e.rng.IntN(3600))*time.Second))
		edited := now
		msg.Message.EditedTimestamp = &edited
		d = msg
	case x < 98:
		ev.name = "MESSAGE_DELETE"
		d = map[string]any{"id": model.MessageID(e.ids.now()), "channel_id": ch.ID, "guild_id": g.ID}
	default:
		ev.name = "VOICE_STATE_UPDATE"
		var voice *model.ChannelID
		for _, c := range g.Channels {
			if c.Type == model.ChannelGuildVoice {
				voice = &c.ID
				break
			}
		}
		d = map[string]any{"guild_id": g.ID, "channel_id": voice, "user_id": m.User.ID, "member": m,
			"session_id": newSessionID(), "deaf": false, "mute": false, "self_deaf": false,
			"self_mute": e.rng.IntN(2) == 0, "self_video": false, "suppress": false, "request_to_speak_timestamp": nil}
	}
	b, err := json.Marshal(d)
	if err != nil {
		b = []byte(`{}`)
	}
	ev.d = b
	return ev
}

// streamMessage is a MESSAGE_CREATE or MESSAGE_UPDATE with its member.
type streamMessage struct {
	Message
	Member memberPartial `json:"member"`
}

type memberPartial struct {
	Nick     *string           `json:"nick"`
	Avatar   *string           `json:"avatar"`
	Roles    []model.RoleID    `json:"roles"`
	JoinedAt time.Time         `json:"joined_at"`
	Deaf     bool              `json:"deaf"`
	Mute     bool              `json:"mute"`
	Flags    model.MemberFlags `json:"flags"`
}

func partial(m Member) memberPartial {
	return memberPartial{m.Nick, m.Avatar, m.Roles, m.JoinedAt, m.Deaf, m.Mute, m.Flags}
}

// message makes a message: a new one when at is zero, else one sent at at.
func (e *eventGen) message(g Guild, ch Channel, m Member, at time.Time) streamMessage {
	id := model.MessageID(e.ids.now())
	if !at.IsZero() {
		e.inc++
		id = model.MessageID(makeSnowflake(uint64(at.UnixMilli()), e.inc))
	}
	content := e.sentence()
	var ments []User
	switch e.rng.IntN(20) {
	case 0:
		content = "!ping"
	case 1:
		other := g.Members[e.rng.IntN(len(g.Members))].User
		content = "<@" + other.ID.String() + "> " + content
		ments = append(ments, other)
	}
	if ments == nil {
		ments = []User{}
	}
	return streamMessage{
		Message: Message{
			ID: id, ChannelID: ch.ID, GuildID: g.ID, Author: m.User, Content: content, Timestamp: id.Time(),
			Mentions: ments, MentionRoles: []model.RoleID{},
			Attachments: []model.Attachment{}, Embeds: []model.Embed{}, Components: []model.Component{},
		},
		Member: partial(m),
	}
}

func (e *eventGen) reaction(g Guild, ch Channel, m Member, add bool) map[string]any {
	emoji := map[string]any{"id": nil, "name": []string{"👍", "😂", "🎉", "❤️", "🔥"}[e.rng.IntN(5)]}
	if len(g.Emojis) > 0 && e.rng.IntN(3) == 0 {
		em := g.Emojis[e.rng.IntN(len(g.Emojis))]
		emoji = map[string]any{"id": em.ID, "name": em.Name, "animated": em.Animated}
	}
	d := map[string]any{
		"user_id": m.User.ID, "channel_id": ch.ID, "message_id": model.MessageID(e.ids.now()),
		"guild_id": g.ID, "emoji": emoji, "burst": false, "type": 0,
	}
	if add {
		d["member"] = m
		d["message_author_id"] = g.Members[e.rng.IntN(len(g.Members))].User.ID
		d["burst_colors"] = []string{}
	}
	return d
}
