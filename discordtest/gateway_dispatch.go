package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gloamdev/gloam/model"
)

// DispatchError reports an event Dispatch cannot send.
type DispatchError struct {
	Event string
	Err   error
}

func (e *DispatchError) Error() string {
	return "discordtest: dispatch " + e.Event + ": " + e.Err.Error()
}

func (e *DispatchError) Unwrap() error { return e.Err }

// marshalEvent turns d into JSON: json.RawMessage and []byte are taken as
// they are (and must be valid JSON), anything else goes through
// encoding/json.
func marshalEvent(event string, d any) ([]byte, error) {
	var b []byte
	switch v := d.(type) {
	case json.RawMessage:
		b = v
	case []byte:
		b = v
	default:
		var err error
		if b, err = json.Marshal(d); err != nil {
			return nil, &DispatchError{Event: event, Err: err}
		}
	}
	if !json.Valid(b) {
		return nil, &DispatchError{Event: event, Err: fmt.Errorf("d is not valid JSON")}
	}
	return b, nil
}

// sessionsWhere returns the sessions pick chooses.
func (g *gatewayState) sessionsWhere(pick func(*session) bool) ([]*session, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil, ErrClosed
	}
	var out []*session
	for _, s := range g.sessions {
		if pick(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// Dispatch sends an event to every session of a shard (sessions with that
// shard_id, whatever their num_shards), connected or waiting to resume:
// each numbers it with its own seq and keeps it for Resume. d is
// json.RawMessage, []byte of JSON, or anything encoding/json marshals.
// The sessions' intents apply: a session that did not ask for the event
// does not get it. Dispatch returns once the event is written to every
// connected session.
func (s *Server) Dispatch(shard int, event string, d any) error {
	b, err := marshalEvent(event, d)
	if err != nil {
		return err
	}
	ss, err := s.gw.sessionsWhere(func(x *session) bool { return x.shardID == shard })
	if err != nil {
		return err
	}
	deliver(ss, event, b)
	return nil
}

// DispatchGuild sends an event to the sessions of the shard that owns a
// guild ((guild_id >> 22) % num_shards), as Dispatch does.
func (s *Server) DispatchGuild(guildID model.GuildID, event string, d any) error {
	b, err := marshalEvent(event, d)
	if err != nil {
		return err
	}
	ss, err := s.gw.sessionsWhere(func(x *session) bool { return x.owns(guildID) })
	if err != nil {
		return err
	}
	deliver(ss, event, b)
	return nil
}

func deliver(ss []*session, event string, b []byte) {
	now := time.Now()
	for _, x := range ss {
		x.mu.Lock()
		if x.resumable(now) {
			x.deliverLocked(event, b)
		} else {
			x.invalidateLocked()
		}
		x.mu.Unlock()
	}
}

// Message is the message object SendMessage sends in MESSAGE_CREATE.
type Message struct {
	ID              model.MessageID    `json:"id"`
	Type            model.MessageType  `json:"type"`
	ChannelID       model.ChannelID    `json:"channel_id"`
	GuildID         model.GuildID      `json:"guild_id,omitzero"`
	Author          User               `json:"author"`
	Member          *Member            `json:"member,omitempty"`
	Content         string             `json:"content"`
	Timestamp       time.Time          `json:"timestamp"`
	EditedTimestamp *time.Time         `json:"edited_timestamp"`
	TTS             bool               `json:"tts"`
	MentionEveryone bool               `json:"mention_everyone"`
	Mentions        []User             `json:"mentions"`
	MentionRoles    []model.RoleID     `json:"mention_roles"`
	Attachments     []model.Attachment `json:"attachments"`
	Embeds          []model.Embed      `json:"embeds"`
	Components      []model.Component  `json:"components"`
	Pinned          bool               `json:"pinned"`
	Flags           model.MessageFlags `json:"flags"`
	Nonce           string             `json:"nonce,omitempty"`
}

// ErrUnknown is wrapped by the errors of helpers given an ID the World does
// not know.
var ErrUnknown = errors.New("discordtest: unknown ID")

// SendMessage makes a world user post content in a world channel: it sends
// MESSAGE_CREATE, as Discord would, to the shard that owns the channel's
// guild (shard 0 for a DM channel), and returns the new message's ID. The
// author must be a member of the channel's guild (or, in a DM, the
// recipient). Mentions of the form <@id> of known users are filled in.
// The REST API knows the message too: the bot may fetch it, reply to it or
// react to it.
func (s *Server) SendMessage(channelID model.ChannelID, authorID model.UserID, content string) (model.MessageID, error) {
	w := s.world
	ch, ok := w.Channel(channelID)
	if !ok {
		return 0, fmt.Errorf("discordtest: send message: channel %d: %w", channelID, ErrUnknown)
	}
	author, ok := w.User(authorID)
	if !ok {
		return 0, fmt.Errorf("discordtest: send message: user %d: %w", authorID, ErrUnknown)
	}
	m := Message{
		ID: model.MessageID(w.NewID()), ChannelID: channelID, GuildID: ch.GuildID, Author: author,
		Content: content, Timestamp: time.Now().UTC().Truncate(time.Millisecond),
		Mentions: mentions(w, content), MentionRoles: []model.RoleID{},
		Attachments: []model.Attachment{}, Embeds: []model.Embed{}, Components: []model.Component{},
	}
	if ch.GuildID == 0 && authorID != w.Bot().ID &&
		!slices.ContainsFunc(ch.Recipients, func(u User) bool { return u.ID == authorID }) {
		return 0, fmt.Errorf("discordtest: send message: user %d in DM channel %d: %w", authorID, channelID, ErrUnknown)
	}
	if ch.GuildID != 0 {
		mem, ok := w.Member(ch.GuildID, authorID)
		if !ok {
			return 0, fmt.Errorf("discordtest: send message: user %d in guild %d: %w", authorID, ch.GuildID, ErrUnknown)
		}
		m.Member = &mem
	}
	w.SetLastMessageID(channelID, m.ID)
	s.storeUserMessage(m) // the REST API knows it before the bot hears of it
	b, err := json.Marshal(messageJSON(m))
	if err != nil {
		return 0, err
	}
	if ch.GuildID != 0 {
		err = s.DispatchGuild(ch.GuildID, "MESSAGE_CREATE", json.RawMessage(b))
	} else {
		err = s.Dispatch(0, "MESSAGE_CREATE", json.RawMessage(b))
	}
	return m.ID, err
}

// messageJSON gives a message its partial member (no user).
func messageJSON(m Message) any {
	if m.Member == nil {
		return m
	}
	return streamMessage{Message: m, Member: partial(*m.Member)}
}

// mentions finds the known users mentioned as <@id> or <@!id>.
func mentions(w *World, content string) []User {
	out := []User{}
	for i := 0; i < len(content); i++ {
		if content[i] != '<' || i+2 >= len(content) || content[i+1] != '@' {
			continue
		}
		j := i + 2
		if j < len(content) && content[j] == '!' {
			j++
		}
		k := j
		for k < len(content) && content[k] >= '0' && content[k] <= '9' {
			k++
		}
		if k == j || k >= len(content) || content[k] != '>' {
			continue
		}
		id, err := model.ParseSnowflake(content[j:k])
		if err != nil {
			continue
		}
		if u, ok := w.User(model.UserID(id)); ok {
			out = append(out, u)
		}
	}
	return out
}

// conns returns the live connections of a shard's sessions.
func (g *gatewayState) connsOf(shard int) ([]*gwConn, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil, ErrClosed
	}
	var out []*gwConn
	for c := range g.conns {
		if c.sess != nil && c.sess.shardID == shard && !c.closing.Load() && !c.dead.Load() {
			out = append(out, c)
		}
	}
	return out, nil
}

// Fault makes something go wrong on every connection of a shard (a
// connection belongs to the shard its session identified with). It
// returns ErrNoConnection when there is none, except for FaultSlowHello,
// which waits for the next connection.
func (s *Server) Fault(shard int, f Fault) error {
	g := s.gw
	if sh, ok := f.(FaultSlowHello); ok {
		d := sh.Delay
		if d <= 0 {
			d = s.opts.HeartbeatInterval
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.closed {
			return ErrClosed
		}
		g.slowHello = append(g.slowHello, d)
		return nil
	}
	if mc, ok := f.(FaultMemberChunks); ok {
		switch mc.Then.(type) {
		case FaultSlowHello, FaultMemberChunks:
			return &FaultError{Fault: f, Reason: fmt.Sprintf("%T cannot follow member chunks", mc.Then)}
		}
		if fc, ok := mc.Then.(FaultClose); ok && !validCloseCode(fc.Code) {
			return &FaultError{Fault: f, Reason: fmt.Sprintf("close code %d cannot be sent", fc.Code)}
		}
		if mc.After < 0 {
			return &FaultError{Fault: f, Reason: "negative After"}
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.closed {
			return ErrClosed
		}
		g.chunkCuts[shard] = append(g.chunkCuts[shard], mc)
		return nil
	}
	if fc, ok := f.(FaultClose); ok && !validCloseCode(fc.Code) {
		return &FaultError{Fault: f, Reason: fmt.Sprintf("close code %d cannot be sent", fc.Code)}
	}
	if f == nil {
		return &FaultError{Reason: "nil fault"}
	}
	conns, err := g.connsOf(shard)
	if err != nil {
		return err
	}
	if len(conns) == 0 {
		return fmt.Errorf("discordtest: fault on shard %d: %w", shard, ErrNoConnection)
	}
	g.logf("gateway: fault %T%+v on shard %d", f, f, shard)
	for _, c := range conns {
		c.fault(f)
	}
	return nil
}

func validCloseCode(code int) bool {
	switch {
	case code == 1000 || code == 1001 || code == 1002 || code == 1003:
		return true
	case code >= 1007 && code <= 1014:
		return true
	case code >= 3000 && code <= 4999:
		return true
	}
	return false
}

// fault applies one fault to the connection.
func (c *gwConn) fault(f Fault) {
	switch f := f.(type) {
	case FaultReconnect:
		c.writeOp(model.OpReconnect, "null")
		c.g.goTracked(func() {
			t := time.NewTimer(ReconnectGrace)
			defer t.Stop()
			select {
			case <-t.C:
				c.drop()
			case <-c.g.ctx.Done():
			case <-c.done:
			}
		})
	case FaultInvalidSession:
		s := c.session()
		if s != nil {
			s.mu.Lock()
			if !f.Resumable {
				s.invalidateLocked()
			}
			if s.conn == c {
				s.conn = nil
				s.detachedAt = time.Now()
			}
			s.mu.Unlock()
			c.g.mu.Lock()
			c.sess = nil
			c.g.mu.Unlock()
		}
		d := "false"
		if f.Resumable {
			d = "true"
		}
		c.writeOp(model.OpInvalidSession, d)
	case FaultDrop:
		c.drop()
	case FaultClose:
		if s := c.session(); s != nil && endsSession(f.Code) {
			s.invalidate()
		}
		reason := f.Reason
		if reason == "" {
			reason = closeReasons[f.Code]
		}
		c.closeWith(f.Code, reason)
	case FaultZombie:
		c.wmu.Lock()
		c.zombie.Store(true)
		c.wmu.Unlock()
	case FaultRequestHeartbeat:
		c.writeOp(model.OpHeartbeat, "null")
	}
}

// endsSession reports whether Discord wants a new session after a close
// code.
func endsSession(code int) bool {
	switch code {
	case 4003, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014:
		return true
	}
	return false
}

var closeReasons = map[int]string{
	4000: "Unknown error.", 4001: "Unknown opcode.", 4002: "Decode error.", 4003: "Not authenticated.",
	4004: "Authentication failed.", 4005: "Already authenticated.", 4007: "Invalid seq.", 4008: "Rate limited.",
	4009: "Session timed out.", 4010: "Invalid shard.", 4011: "Sharding required.", 4012: "Invalid API version.",
	4013: "Invalid intent(s).", 4014: "Disallowed intent(s).",
}
