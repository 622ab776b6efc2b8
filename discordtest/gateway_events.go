package discordtest

import (
	"fmt"
	"time"

	"github.com/gloamdev/gloam/model"
)

// AddMember makes a new user join a guild: the user and the member enter
// the World, and GUILD_MEMBER_ADD goes to the guild's shard. The user gets
// the username given (a made-up one when empty) and a fresh ID.
func (s *Server) AddMember(guildID model.GuildID, username string) (Member, error) {
	w := s.world
	if _, ok := w.Guild(guildID); !ok {
		return Member{}, fmt.Errorf("discordtest: add member: guild %d: %w", guildID, ErrUnknown)
	}
	id := model.UserID(w.NewID())
	if username == "" {
		username = "user_" + id.String()[len(id.String())-6:]
	}
	m := Member{
		User:     User{ID: id, Username: username, Discriminator: "0"},
		Roles:    []model.RoleID{},
		JoinedAt: time.Now().UTC().Truncate(time.Millisecond),
	}
	if !w.SetMember(guildID, m) {
		return Member{}, fmt.Errorf("discordtest: add member: guild %d: %w", guildID, ErrUnknown)
	}
	err := s.DispatchGuild(guildID, "GUILD_MEMBER_ADD", struct {
		GuildID model.GuildID `json:"guild_id"`
		Member
	}{guildID, m})
	return m, err
}

// RemoveMember makes a user leave a guild (the bot cannot): the member
// leaves the World, and GUILD_MEMBER_REMOVE goes to the guild's shard.
func (s *Server) RemoveMember(guildID model.GuildID, userID model.UserID) error {
	m, ok := s.world.RemoveMember(guildID, userID)
	if !ok {
		return fmt.Errorf("discordtest: remove member: user %d in guild %d: %w", userID, guildID, ErrUnknown)
	}
	return s.DispatchGuild(guildID, "GUILD_MEMBER_REMOVE", map[string]any{"guild_id": guildID, "user": m.User})
}

// StartTyping makes a user start typing in a channel: TYPING_START goes to
// the shard of the channel's guild (shard 0 for a DM).
func (s *Server) StartTyping(channelID model.ChannelID, userID model.UserID) error {
	w := s.world
	ch, ok := w.Channel(channelID)
	if !ok {
		return fmt.Errorf("discordtest: start typing: channel %d: %w", channelID, ErrUnknown)
	}
	d := map[string]any{"channel_id": channelID, "user_id": userID, "timestamp": time.Now().Unix()}
	if ch.GuildID == 0 {
		return s.Dispatch(0, "TYPING_START", d)
	}
	m, ok := w.Member(ch.GuildID, userID)
	if !ok {
		return fmt.Errorf("discordtest: start typing: user %d in guild %d: %w", userID, ch.GuildID, ErrUnknown)
	}
	d["guild_id"], d["member"] = ch.GuildID, m
	return s.DispatchGuild(ch.GuildID, "TYPING_START", d)
}

// SetPresence changes a member's status ("online", "idle", "dnd" or
// "offline") and activities in the World, and sends PRESENCE_UPDATE to
// the guild's shard.
func (s *Server) SetPresence(guildID model.GuildID, userID model.UserID, status string, activities ...Activity) error {
	if _, ok := s.world.Member(guildID, userID); !ok {
		return fmt.Errorf("discordtest: set presence: user %d in guild %d: %w", userID, guildID, ErrUnknown)
	}
	if activities == nil {
		activities = []Activity{}
	}
	p := Presence{User: PresenceUser{ID: userID}, GuildID: guildID, Status: status, Activities: activities,
		ClientStatus: map[string]string{}}
	if status != "offline" {
		p.ClientStatus["desktop"] = status
	}
	s.world.UpdateGuild(guildID, func(g *Guild) {
		for i := range g.Presences {
			if g.Presences[i].User.ID == userID {
				g.Presences = append(g.Presences[:i], g.Presences[i+1:]...)
				break
			}
		}
		if status != "offline" {
			g.Presences = append(g.Presences, p.clone())
		}
	})
	return s.DispatchGuild(guildID, "PRESENCE_UPDATE", p)
}
