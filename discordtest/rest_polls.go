package discordtest

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gloamdev/gloam/model"
)

// Vote records userID's vote for an answer of a poll the REST API knows
// and dispatches MESSAGE_POLL_VOTE_ADD. The user must be a member of the
// channel's guild, the poll open, and, unless it allows several answers,
// the user's only vote; voting twice for an answer changes nothing.
func (s *Server) Vote(channelID model.ChannelID, messageID model.MessageID, userID model.UserID, answerID int) error {
	w := s.world
	gid := s.guildOfChannel(channelID)
	if _, ok := w.User(userID); !ok {
		return fmt.Errorf("discordtest: vote: user %d: %w", userID, ErrUnknown)
	}
	if _, ok := w.Member(gid, userID); gid != 0 && !ok {
		return fmt.Errorf("discordtest: vote: user %d in guild %d: %w", userID, gid, ErrUnknown)
	}
	d := s.rest.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[channelID]; cd != nil {
		md = cd.byID[messageID]
	}
	var err error
	added := false
	switch {
	case md == nil || md.m.Poll == nil:
		err = fmt.Errorf("discordtest: vote: poll %d: %w", messageID, ErrUnknown)
	case md.m.Poll.Results != nil && md.m.Poll.Results.IsFinalized:
		err = fmt.Errorf("discordtest: vote: poll %d is over", messageID)
	case answerID < 1 || answerID > len(md.m.Poll.Answers):
		err = fmt.Errorf("discordtest: vote: answer %d: %w", answerID, ErrUnknown)
	default:
		if md.votes == nil {
			md.votes = map[int][]model.UserID{}
		}
		for a, users := range md.votes {
			if a != answerID && !md.m.Poll.AllowMultiselect && slices.Contains(users, userID) {
				err = fmt.Errorf("discordtest: vote: user %d voted for answer %d already", userID, a)
			}
		}
		if err == nil && !slices.Contains(md.votes[answerID], userID) {
			md.votes[answerID] = append(md.votes[answerID], userID)
			added = true
		}
	}
	d.mu.Unlock()
	if err != nil {
		return err
	}
	if added {
		s.rest.dispatch(gid, "MESSAGE_POLL_VOTE_ADD", map[string]any{"user_id": userID, "channel_id": channelID,
			"message_id": messageID, "guild_id": gid, "answer_id": answerID})
	}
	return nil
}

// pollVoters answers GET /channels/{id}/polls/{message_id}/answers/{answer_id}:
// the voters of an answer in user ID order, after a user ID, limit 1 to
// 100 (default 25).
func (c *restCall) pollVoters() {
	cur, ok := c.userCursor(25)
	if !ok {
		return
	}
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	aid := int(c.id("answer_id"))
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.byID[model.MessageID(c.id("message_id"))]
	}
	var voters []model.UserID
	var aerr *apiError
	switch {
	case md == nil:
		aerr = errUnknownMessage
	case md.m.Poll == nil || aid < 1 || aid > len(md.m.Poll.Answers):
		aerr = &apiError{status: http.StatusNotFound, Code: 10018, Message: "Unknown answer"}
	default:
		voters = slices.Clone(md.votes[aid])
	}
	d.mu.Unlock()
	if aerr != nil {
		c.fail(aerr)
		return
	}
	c.json(http.StatusOK, map[string]any{"users": c.users(cur.take(voters))})
}
