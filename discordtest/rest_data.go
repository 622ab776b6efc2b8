package discordtest

import (
	"slices"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
)

// restData is the state the REST routes keep beyond the World: messages
// with their reactions and pins, threads, bans, webhooks, application
// commands and interactions. Its lock is taken after none other but a
// gateway session's (a GUILD_CREATE reads it); World methods may be called
// while it is held (the World's lock comes after); no event is sent while
// it is held.
type restData struct {
	mu           sync.Mutex
	channels     map[model.ChannelID]*chanData
	threads      map[model.ChannelID]*threadData
	bans         map[model.GuildID]map[model.UserID]*banData
	commands     map[model.GuildID][]*commandData // guild 0: global commands
	interactions map[model.InteractionID]*interactionData
	byToken      map[string]*interactionData
	webhooks     map[model.WebhookID]*webhookData
	files        map[model.AttachmentID][]byte
	objects      objStore
	app          map[string]any // the application's edited fields
	voice        map[model.GuildID]map[model.UserID]voiceState
}

func newRESTData() *restData {
	return &restData{
		channels:     map[model.ChannelID]*chanData{},
		threads:      map[model.ChannelID]*threadData{},
		bans:         map[model.GuildID]map[model.UserID]*banData{},
		commands:     map[model.GuildID][]*commandData{},
		interactions: map[model.InteractionID]*interactionData{},
		byToken:      map[string]*interactionData{},
		webhooks:     map[model.WebhookID]*webhookData{},
		files:        map[model.AttachmentID][]byte{},
		objects:      objStore{},
		voice:        map[model.GuildID]map[model.UserID]voiceState{},
	}
}

// chanData holds a channel's messages, oldest first.
type chanData struct {
	msgs []*msgData
	byID map[model.MessageID]*msgData
}

func (d *restData) chanLocked(id model.ChannelID) *chanData {
	cd := d.channels[id]
	if cd == nil {
		cd = &chanData{byID: map[model.MessageID]*msgData{}}
		d.channels[id] = cd
	}
	return cd
}

func (cd *chanData) add(m *msgData) {
	i, _ := slices.BinarySearchFunc(cd.msgs, m.m.ID, func(a *msgData, id model.MessageID) int {
		switch {
		case a.m.ID < id:
			return -1
		case a.m.ID > id:
			return 1
		}
		return 0
	})
	cd.msgs = slices.Insert(cd.msgs, i, m)
	cd.byID[m.m.ID] = m
}

func (cd *chanData) remove(id model.MessageID) *msgData {
	m := cd.byID[id]
	if m == nil {
		return nil
	}
	delete(cd.byID, id)
	cd.msgs = slices.DeleteFunc(cd.msgs, func(x *msgData) bool { return x.m.ID == id })
	return m
}

// msgData is a stored message.
type msgData struct {
	m         model.Message // Reactions and Pinned are filled in by view
	reactions []*reactionData
	pinnedAt  time.Time
	votes     map[int][]model.UserID // a poll's voters by answer ID
	token     string                 // the webhook or interaction token that may edit it
}

// reactionData is one emoji's reactions on a message.
type reactionData struct {
	emoji model.Emoji
	key   string // name for Unicode, name:id for custom
	users []model.UserID
}

// view is the message as the API returns it, for the user me.
func (md *msgData) view(me model.UserID) model.Message {
	m := md.m
	m.Pinned = !md.pinnedAt.IsZero()
	m.Reactions = nil
	for _, r := range md.reactions {
		m.Reactions = append(m.Reactions, model.Reaction{
			Count:        len(r.users),
			CountDetails: model.ReactionCountDetails{Normal: len(r.users)},
			Me:           slices.Contains(r.users, me),
			Emoji:        r.emoji,
			BurstColors:  []string{},
		})
	}
	m.Mentions = slices.Clone(m.Mentions)
	m.Embeds = slices.Clone(m.Embeds)
	m.Attachments = slices.Clone(m.Attachments)
	m.Components = slices.Clone(m.Components)
	return m
}

// threadData is a thread channel.
type threadData struct {
	Channel
	OwnerID          model.UserID      `json:"owner_id"`
	MessageCount     int               `json:"message_count"`
	MemberCount      int               `json:"member_count"`
	TotalMessageSent int               `json:"total_message_sent"`
	ThreadMetadata   threadMetadata    `json:"thread_metadata"`
	AppliedTags      []model.Snowflake `json:"applied_tags"`
	members          []threadMember
}

type threadMetadata struct {
	Archived            bool            `json:"archived"`
	AutoArchiveDuration int             `json:"auto_archive_duration"`
	ArchiveTimestamp    model.Timestamp `json:"archive_timestamp"`
	Locked              bool            `json:"locked"`
	Invitable           *bool           `json:"invitable,omitempty"`
	CreateTimestamp     model.Timestamp `json:"create_timestamp"`
}

// threadMember is a member of a thread.
type threadMember struct {
	ID            model.ChannelID `json:"id"`
	UserID        model.UserID    `json:"user_id"`
	JoinTimestamp model.Timestamp `json:"join_timestamp"`
	Flags         int             `json:"flags"`
	Member        *model.Member   `json:"member,omitempty"`
}

// banData is a guild ban.
type banData struct {
	Reason *string    `json:"reason"`
	User   model.User `json:"user"`
}

// webhookData is a channel webhook.
type webhookData struct {
	ID            model.WebhookID      `json:"id"`
	Type          int                  `json:"type"`
	GuildID       model.GuildID        `json:"guild_id,omitzero"`
	ChannelID     model.ChannelID      `json:"channel_id"`
	User          *model.User          `json:"user,omitempty"`
	Name          *string              `json:"name"`
	Avatar        *string              `json:"avatar"`
	Token         string               `json:"token,omitempty"`
	ApplicationID *model.ApplicationID `json:"application_id"`
	URL           string               `json:"url,omitempty"`
}

// Messages returns the messages of a channel, oldest first, as the REST
// API would return them to the bot; nil when there are none.
func (s *Server) Messages(channelID model.ChannelID) []model.Message {
	d := s.rest.data
	me := s.World().Bot().ID
	d.mu.Lock()
	defer d.mu.Unlock()
	cd := d.channels[channelID]
	if cd == nil {
		return nil
	}
	out := make([]model.Message, 0, len(cd.msgs))
	for _, m := range cd.msgs {
		out = append(out, m.view(me))
	}
	return out
}

// Message returns one message of a channel.
func (s *Server) Message(channelID model.ChannelID, id model.MessageID) (model.Message, bool) {
	d := s.rest.data
	me := s.World().Bot().ID
	d.mu.Lock()
	defer d.mu.Unlock()
	cd := d.channels[channelID]
	if cd == nil || cd.byID[id] == nil {
		return model.Message{}, false
	}
	return cd.byID[id].view(me), true
}

// Attachment returns the bytes of a file uploaded with a message.
func (s *Server) Attachment(id model.AttachmentID) ([]byte, bool) {
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	b, ok := d.files[id]
	return slices.Clone(b), ok
}

// modelUser converts a World user to the model's.
func modelUser(u User) model.User {
	return model.User{
		ID: u.ID, Username: u.Username, Discriminator: u.Discriminator, GlobalName: u.GlobalName,
		Avatar: u.Avatar, Bot: u.Bot, System: u.System, Banner: u.Banner, AccentColor: u.AccentColor,
		PublicFlags: model.UserFlags(u.PublicFlags), Flags: model.UserFlags(u.Flags),
	}
}

// modelMember converts a World member to the model's; withUser keeps the
// user (message members leave it out).
func modelMember(m Member, withUser bool) *model.Member {
	mm := &model.Member{
		Nick: m.Nick, Avatar: m.Avatar, Banner: m.Banner, Roles: slices.Clone(m.Roles),
		JoinedAt: model.NewTimestamp(m.JoinedAt), Deaf: m.Deaf, Mute: m.Mute,
		Flags: model.MemberFlags(m.Flags), Pending: m.Pending,
	}
	if mm.Roles == nil {
		mm.Roles = []model.RoleID{}
	}
	if m.PremiumSince != nil {
		mm.PremiumSince = model.NewTimestamp(*m.PremiumSince)
	}
	if m.CommunicationDisabledUntil != nil {
		mm.CommunicationDisabledUntil = model.NewTimestamp(*m.CommunicationDisabledUntil)
	}
	if withUser {
		u := modelUser(m.User)
		mm.User = &u
	}
	return mm
}

// dispatch sends a gateway event to the sessions of a guild's shard (shard
// 0 for DMs). A failure to deliver is not the REST caller's problem.
func (rs *restState) dispatch(guildID model.GuildID, event string, d any) {
	if guildID == 0 {
		_ = rs.s.Dispatch(0, event, d)
		return
	}
	_ = rs.s.DispatchGuild(guildID, event, d)
}

// chanInfo is what the routes need to know of a channel.
type chanInfo struct {
	id      model.ChannelID
	guildID model.GuildID
	typ     model.ChannelType
	thread  *threadData // a copy, for threads
}

// channel finds a guild channel, DM or thread.
func (c *restCall) channel(id model.ChannelID) (chanInfo, *apiError) {
	if id == 0 {
		return chanInfo{}, errUnknownChannel
	}
	if ch, ok := c.s.World().Channel(id); ok {
		return chanInfo{id: id, guildID: ch.GuildID, typ: ch.Type}, nil
	}
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.threads[id]; t != nil {
		cp := *t
		cp.members = slices.Clone(t.members)
		return chanInfo{id: id, guildID: t.GuildID, typ: t.Type, thread: &cp}, nil
	}
	return chanInfo{}, errUnknownChannel
}

// textChannel is channel for routes that need a channel with messages.
func (c *restCall) textChannel(name string) (chanInfo, *apiError) {
	ci, err := c.channel(model.ChannelID(c.id(name)))
	if err != nil {
		return ci, err
	}
	switch ci.typ {
	case model.ChannelGuildCategory, 15, 16: // category, forum, media
		return ci, errNotText
	}
	return ci, nil
}

// botID is the bot user's ID.
func (c *restCall) botID() model.UserID { return c.s.World().Bot().ID }

// guildOfChannel is the guild of a guild channel or thread; zero for a
// DM or an unknown channel.
func (s *Server) guildOfChannel(id model.ChannelID) model.GuildID {
	if g, ok := s.world.GuildOf(id); ok {
		return g
	}
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.threads[id]; t != nil {
		return t.GuildID
	}
	return 0
}

// storeUserMessage records a message a World user posted (Server.SendMessage)
// so that the REST API knows it: the bot can fetch it, reply to it, react
// to it, pin it or delete it.
func (s *Server) storeUserMessage(m Message) {
	mm := model.Message{
		ID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, Author: modelUser(m.Author), Content: m.Content,
		Timestamp: model.NewTimestamp(m.Timestamp), TTS: m.TTS, MentionEveryone: m.MentionEveryone,
		Mentions: []model.MentionedUser{}, MentionRoles: slices.Clone(m.MentionRoles),
		Attachments: []model.Attachment{}, Embeds: []model.Embed{}, Components: []model.Component{},
		Type: model.MessageType(m.Type), Flags: model.MessageFlags(m.Flags), Nonce: model.Nonce(m.Nonce),
	}
	for _, u := range m.Mentions {
		mm.Mentions = append(mm.Mentions, model.MentionedUser{User: modelUser(u)})
	}
	if mm.MentionRoles == nil {
		mm.MentionRoles = []model.RoleID{}
	}
	d := s.rest.data
	d.mu.Lock()
	defer d.mu.Unlock()
	d.chanLocked(m.ChannelID).add(&msgData{m: mm})
}
