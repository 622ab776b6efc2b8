package discordtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
)

// parseEmoji reads the emoji of a reaction route: a Unicode emoji, or
// name:id of a custom emoji of the guild (any custom emoji in DMs).
func (c *restCall) parseEmoji(ci chanInfo) (model.Emoji, string, *apiError) {
	return parseEmoji(c.s.World(), ci.guildID, c.param("emoji_name"))
}

// parseEmoji reads an emoji as a reaction route writes it, for a message
// of guildID (zero: a DM), and returns it with its key.
func parseEmoji(w *World, guildID model.GuildID, s string) (model.Emoji, string, *apiError) {
	if name, idStr, ok := strings.Cut(s, ":"); ok {
		id, err := model.ParseSnowflake(idStr)
		if err != nil || name == "" {
			return model.Emoji{}, "", errUnknownEmoji
		}
		e := model.Emoji{ID: model.EmojiID(id), Name: &name}
		if guildID != 0 {
			g, ok := w.Guild(guildID)
			found := false
			if ok {
				for _, ge := range g.Emojis {
					if ge.ID == e.ID {
						found = true
						n := ge.Name
						e.Name, e.Animated = &n, ge.Animated
					}
				}
			}
			if !found {
				return model.Emoji{}, "", errUnknownEmoji
			}
		}
		return e, *e.Name + ":" + e.ID.String(), nil
	}
	// a Unicode emoji: short, and not plain ASCII text
	if s == "" || utf8.RuneCountInString(s) > 16 || !utf8.ValidString(s) || !hasNonASCII(s) {
		return model.Emoji{}, "", errUnknownEmoji
	}
	name := s
	return model.Emoji{Name: &name}, s, nil
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// reactionTarget resolves the channel, message and emoji of a reaction
// route and calls fn with the message under the data lock.
func (c *restCall) reactionTarget(withEmoji bool, fn func(ci chanInfo, md *msgData, e model.Emoji, key string) *apiError) {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if !c.canIn(ci, c.reactionPerms()) {
		return
	}
	var e model.Emoji
	var key string
	if withEmoji {
		if e, key, err = c.parseEmoji(ci); err != nil {
			c.fail(err)
			return
		}
	}
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.byID[model.MessageID(c.id("message_id"))]
	}
	if md == nil {
		d.mu.Unlock()
		c.fail(errUnknownMessage)
		return
	}
	err = fn(ci, md, e, key)
	d.mu.Unlock()
	if err != nil {
		c.fail(err)
		return
	}
}

type reactionEvent struct {
	UserID          model.UserID    `json:"user_id"`
	ChannelID       model.ChannelID `json:"channel_id"`
	MessageID       model.MessageID `json:"message_id"`
	GuildID         model.GuildID   `json:"guild_id,omitzero"`
	Member          *model.Member   `json:"member,omitempty"`
	Emoji           model.Emoji     `json:"emoji"`
	MessageAuthorID model.UserID    `json:"message_author_id,omitzero"`
	Burst           bool            `json:"burst"`
	BurstColors     []string        `json:"burst_colors,omitempty"`
	Type            int             `json:"type"`
}

func (c *restCall) putReaction() {
	me := c.botID()
	var ev *reactionEvent
	c.reactionTarget(true, func(ci chanInfo, md *msgData, e model.Emoji, key string) *apiError {
		i := slices.IndexFunc(md.reactions, func(r *reactionData) bool { return r.key == key })
		if i < 0 {
			if len(md.reactions) >= 20 {
				return errMaxReactions
			}
			md.reactions = append(md.reactions, &reactionData{emoji: e, key: key})
			i = len(md.reactions) - 1
		}
		r := md.reactions[i]
		if !slices.Contains(r.users, me) {
			r.users = append(r.users, me)
			ev = &reactionEvent{UserID: me, ChannelID: ci.id, MessageID: md.m.ID, GuildID: ci.guildID, Emoji: e,
				MessageAuthorID: md.m.Author.ID}
		}
		return nil
	})
	if c.w.status != 0 {
		return
	}
	if ev != nil {
		if ev.GuildID != 0 {
			if mem, ok := c.s.World().Member(ev.GuildID, me); ok {
				ev.Member = modelMember(mem, true)
			}
		}
		c.rs.dispatch(ev.GuildID, "MESSAGE_REACTION_ADD", ev)
	}
	c.noContent()
}

// deleteReactions removes reactions: of one user (user non-zero) and one
// emoji, of every user for one emoji (emoji set, user zero), or all.
func (c *restCall) deleteReactions(withEmoji bool, user model.UserID) {
	var event string
	var ev any
	c.reactionTarget(withEmoji, func(ci chanInfo, md *msgData, e model.Emoji, key string) *apiError {
		base := reactionEvent{ChannelID: ci.id, MessageID: md.m.ID, GuildID: ci.guildID}
		if !withEmoji {
			if len(md.reactions) > 0 {
				md.reactions = nil
				event, ev = "MESSAGE_REACTION_REMOVE_ALL", map[string]any{"channel_id": ci.id, "message_id": md.m.ID, "guild_id": ci.guildID}
			}
			return nil
		}
		i := slices.IndexFunc(md.reactions, func(r *reactionData) bool { return r.key == key })
		if i < 0 {
			return nil
		}
		r := md.reactions[i]
		if user == 0 {
			md.reactions = slices.Delete(md.reactions, i, i+1)
			event, ev = "MESSAGE_REACTION_REMOVE_EMOJI", map[string]any{"channel_id": ci.id, "message_id": md.m.ID, "guild_id": ci.guildID, "emoji": r.emoji}
			return nil
		}
		j := slices.Index(r.users, user)
		if j < 0 {
			return nil
		}
		r.users = slices.Delete(r.users, j, j+1)
		if len(r.users) == 0 {
			md.reactions = slices.Delete(md.reactions, i, i+1)
		}
		base.UserID, base.Emoji = user, r.emoji
		event, ev = "MESSAGE_REACTION_REMOVE", base
		return nil
	})
	if c.w.status != 0 {
		return
	}
	if ev != nil {
		ci, _ := c.channel(model.ChannelID(c.id("channel_id")))
		c.rs.dispatch(ci.guildID, event, ev)
	}
	c.noContent()
}

func (c *restCall) listReactions() {
	cur, ok := c.userCursor(25)
	if !ok {
		return
	}
	typ, ok := c.queryInt("type", 0, 0, 1)
	if !ok {
		return
	}
	var ids []model.UserID
	c.reactionTarget(true, func(ci chanInfo, md *msgData, e model.Emoji, key string) *apiError {
		if typ == 1 { // burst reactions: the fake has none
			return nil
		}
		for _, r := range md.reactions {
			if r.key == key {
				ids = slices.Clone(r.users)
			}
		}
		return nil
	})
	if c.w.status != 0 {
		return
	}
	c.json(http.StatusOK, c.users(cur.take(ids)))
}

// userCursor is where a page of users in user ID order starts (after a
// user ID) and how many it holds.
type userCursor struct {
	after model.UserID
	limit int
}

// userCursor reads the after and limit (1 to 100, def by default) of a
// route that pages users; false when one is bad, and the call has failed.
func (c *restCall) userCursor(def int) (userCursor, bool) {
	limit, ok := c.queryInt("limit", def, 1, 100)
	if !ok {
		return userCursor{}, false
	}
	after, ok := c.querySnowflake("after")
	if !ok {
		return userCursor{}, false
	}
	return userCursor{after: model.UserID(after), limit: limit}, true
}

// take is the page of ids the cursor names: in order, after its user ID,
// at most its limit.
func (p userCursor) take(ids []model.UserID) []model.UserID {
	ids = slices.Sorted(slices.Values(ids))
	i := slices.IndexFunc(ids, func(id model.UserID) bool { return id > p.after })
	if i < 0 {
		return nil
	}
	return ids[i:min(len(ids), i+p.limit)]
}

// users are the World's users of ids, as the API shows them.
func (c *restCall) users(ids []model.UserID) []model.User {
	out := []model.User{}
	w := c.s.World()
	for _, id := range ids {
		if u, ok := w.User(id); ok {
			out = append(out, modelUser(u))
		}
	}
	return out
}

// React adds userID's reaction with emoji (a Unicode emoji, or name:id
// of a custom emoji of the guild) to a message the REST API knows, and
// dispatches MESSAGE_REACTION_ADD. The user must be a member of the
// channel's guild; reacting twice changes nothing.
func (s *Server) React(channelID model.ChannelID, messageID model.MessageID, userID model.UserID, emoji string) error {
	w := s.world
	gid := s.guildOfChannel(channelID)
	if _, ok := w.User(userID); !ok {
		return fmt.Errorf("discordtest: react: user %d: %w", userID, ErrUnknown)
	}
	var mem *model.Member
	if gid != 0 {
		m, ok := w.Member(gid, userID)
		if !ok {
			return fmt.Errorf("discordtest: react: user %d in guild %d: %w", userID, gid, ErrUnknown)
		}
		mem = modelMember(m, true)
	}
	e, key, aerr := parseEmoji(w, gid, emoji)
	if aerr != nil {
		return fmt.Errorf("discordtest: react: emoji %q: %w", emoji, ErrUnknown)
	}
	d := s.rest.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[channelID]; cd != nil {
		md = cd.byID[messageID]
	}
	if md == nil {
		d.mu.Unlock()
		return fmt.Errorf("discordtest: react: message %d: %w", messageID, ErrUnknown)
	}
	i := slices.IndexFunc(md.reactions, func(r *reactionData) bool { return r.key == key })
	if i < 0 {
		if len(md.reactions) >= 20 {
			d.mu.Unlock()
			return fmt.Errorf("discordtest: react: %s", errMaxReactions.Message)
		}
		md.reactions = append(md.reactions, &reactionData{emoji: e, key: key})
		i = len(md.reactions) - 1
	}
	r := md.reactions[i]
	added := !slices.Contains(r.users, userID)
	if added {
		r.users = append(r.users, userID)
	}
	author := md.m.Author.ID
	d.mu.Unlock()
	if added {
		s.rest.dispatch(gid, "MESSAGE_REACTION_ADD", &reactionEvent{UserID: userID, ChannelID: channelID, MessageID: messageID,
			GuildID: gid, Member: mem, Emoji: e, MessageAuthorID: author})
	}
	return nil
}

// pin pins or unpins a message.
func (c *restCall) pin(on bool) {
	var lastPin time.Time
	changed := false
	c.reactionTarget(false, func(ci chanInfo, md *msgData, _ model.Emoji, _ string) *apiError {
		if on == !md.pinnedAt.IsZero() {
			return nil
		}
		cd := c.rs.data.channels[ci.id]
		if on {
			n := 0
			for _, m := range cd.msgs {
				if !m.pinnedAt.IsZero() {
					n++
				}
			}
			if n >= 50 {
				return errMaxPins
			}
			md.pinnedAt = time.Now()
		} else {
			md.pinnedAt = time.Time{}
		}
		changed = true
		for _, m := range cd.msgs {
			if m.pinnedAt.After(lastPin) {
				lastPin = m.pinnedAt
			}
		}
		return nil
	})
	if c.w.status != 0 {
		return
	}
	if changed {
		ci, _ := c.channel(model.ChannelID(c.id("channel_id")))
		ev := map[string]any{"channel_id": ci.id, "last_pin_timestamp": model.NewTimestamp(lastPin)}
		if ci.guildID != 0 {
			ev["guild_id"] = ci.guildID
		}
		c.rs.dispatch(ci.guildID, "CHANNEL_PINS_UPDATE", ev)
	}
	c.noContent()
}

// pinned returns the pinned messages of the channel, newest pin first.
func (c *restCall) pinned() (chanInfo, []*msgData, bool) {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return ci, nil, false
	}
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []*msgData
	if cd := d.channels[ci.id]; cd != nil {
		for _, m := range cd.msgs {
			if !m.pinnedAt.IsZero() {
				cp := *m
				out = append(out, &cp)
			}
		}
	}
	slices.SortFunc(out, func(a, b *msgData) int { return b.pinnedAt.Compare(a.pinnedAt) })
	return ci, out, true
}

// listPinsOld answers GET /channels/{id}/pins: an array of messages.
func (c *restCall) listPinsOld() {
	_, pins, ok := c.pinned()
	if !ok {
		return
	}
	out := []model.Message{}
	me := c.botID()
	for _, p := range pins {
		out = append(out, restMessage(p.view(me)))
	}
	c.json(http.StatusOK, out)
}

type pinItem struct {
	PinnedAt model.Timestamp `json:"pinned_at"`
	Message  model.Message   `json:"message"`
}

// listPins answers GET /channels/{id}/messages/pins: pages of pins with
// before (an ISO 8601 time) and limit (1 to 50).
func (c *restCall) listPins() {
	limit, ok := c.queryInt("limit", 50, 1, 50)
	if !ok {
		return
	}
	var before time.Time
	if s := c.r.URL.Query().Get("before"); s != "" {
		ts, err := model.ParseTimestamp(s)
		if err != nil {
			c.fail(formError("before", "DATE_TIME_TYPE_PARSE", "Could not parse "+s+". Should be ISO8601."))
			return
		}
		before = ts.Time
	}
	_, pins, ok := c.pinned()
	if !ok {
		return
	}
	out := struct {
		Items   []pinItem `json:"items"`
		HasMore bool      `json:"has_more"`
	}{Items: []pinItem{}}
	me := c.botID()
	for _, p := range pins {
		if !before.IsZero() && !p.pinnedAt.Before(before) {
			continue
		}
		if len(out.Items) == limit {
			out.HasMore = true
			break
		}
		out.Items = append(out.Items, pinItem{PinnedAt: model.NewTimestamp(p.pinnedAt), Message: restMessage(p.view(me))})
	}
	c.json(http.StatusOK, out)
}

// reactionPerms is what a reaction or pin route needs of the bot.
func (c *restCall) reactionPerms() model.Permissions {
	switch {
	case c.rt.Method == "PUT" && strings.Contains(c.rt.Path, "/reactions/"):
		return model.PermissionAddReactions | model.PermissionReadMessageHistory
	case strings.Contains(c.rt.Path, "pins"):
		return model.PermissionPinMessages
	case c.rt.Method == "DELETE" && !strings.HasSuffix(c.rt.Path, "/@me"):
		return model.PermissionManageMessages
	}
	return model.PermissionReadMessageHistory
}
