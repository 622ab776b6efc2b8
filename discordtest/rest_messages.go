package discordtest

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
)

// messageParams is the body of message create and edit (channel,
// webhook and interaction messages alike). Pointers tell absent from
// empty, as edits need.
type messageParams struct {
	Content          *string                 `json:"content"`
	Nonce            model.Nonce             `json:"nonce"`
	EnforceNonce     bool                    `json:"enforce_nonce"`
	TTS              bool                    `json:"tts"`
	Embeds           *[]model.Embed          `json:"embeds"`
	Components       *[]model.Component      `json:"components"`
	AllowedMentions  *allowedMentions        `json:"allowed_mentions"`
	MessageReference *model.MessageReference `json:"message_reference"`
	StickerIDs       []model.Snowflake       `json:"sticker_ids"`
	Attachments      *[]attachmentParam      `json:"attachments"`
	Flags            *model.MessageFlags     `json:"flags"`
	Poll             *pollParams             `json:"poll"`
	// webhook execution
	Username   *string `json:"username"`
	AvatarURL  *string `json:"avatar_url"`
	ThreadName string  `json:"thread_name"`
}

// pollParams is a poll as a message create sends it.
type pollParams struct {
	Question model.PollMedia `json:"question"`
	Answers  []struct {
		PollMedia model.PollMedia `json:"poll_media"`
	} `json:"answers"`
	Duration         *int `json:"duration"`
	AllowMultiselect bool `json:"allow_multiselect"`
	LayoutType       int  `json:"layout_type"`
}

func (p *pollParams) validate(f *formErrors) {
	f.lenBetween("poll.question.text", p.Question.Text, 1, 300)
	if len(p.Answers) < 1 || len(p.Answers) > 10 {
		f.add("poll.answers", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.")
	}
	for i, a := range p.Answers {
		f.lenBetween("poll.answers."+strconv.Itoa(i)+".poll_media.text", a.PollMedia.Text, 1, 55)
	}
	if p.Duration != nil {
		f.numRange("poll.duration", *p.Duration, 1, 768)
	}
}

// poll is the poll a message holds.
func (p *pollParams) poll(now time.Time) *model.Poll {
	hours := 24
	setIf(&hours, p.Duration)
	layout := p.LayoutType
	if layout == 0 {
		layout = 1
	}
	out := &model.Poll{Question: p.Question, Expiry: model.NewTimestamp(now.Add(time.Duration(hours) * time.Hour)),
		AllowMultiselect: p.AllowMultiselect, LayoutType: layout, Answers: []model.PollAnswer{}}
	for i, a := range p.Answers {
		out.Answers = append(out.Answers, model.PollAnswer{AnswerID: i + 1, PollMedia: a.PollMedia})
	}
	return out
}

type allowedMentions struct {
	Parse       []string       `json:"parse"`
	Users       []model.UserID `json:"users"`
	Roles       []model.RoleID `json:"roles"`
	RepliedUser bool           `json:"replied_user"`
}

type attachmentParam struct {
	ID          model.Snowflake `json:"id"`
	Filename    string          `json:"filename"`
	Description string          `json:"description"`
	Title       string          `json:"title"`
}

const flagComponentsV2 model.MessageFlags = 1 << 15

// validate checks a message body as Discord does, collecting field errors.
func (p *messageParams) validate(f *formErrors) {
	if p.Content != nil {
		f.maxLen("content", *p.Content, 2000)
	}
	if utf8.RuneCountInString(string(p.Nonce)) > 25 {
		f.maxLen("nonce", string(p.Nonce), 25)
	}
	if p.Embeds != nil {
		embeds := *p.Embeds
		if len(embeds) > 10 {
			f.add("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
		}
		total := 0
		for i, e := range embeds {
			pre := "embeds." + strconv.Itoa(i) + "."
			f.maxLen(pre+"title", e.Title, 256)
			f.maxLen(pre+"description", e.Description, 4096)
			total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
			if len(e.Fields) > 25 {
				f.add(pre+"fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
			}
			for j, fl := range e.Fields {
				fp := pre + "fields." + strconv.Itoa(j) + "."
				if fl.Name == "" {
					f.required(fp + "name")
				}
				if fl.Value == "" {
					f.required(fp + "value")
				}
				f.maxLen(fp+"name", fl.Name, 256)
				f.maxLen(fp+"value", fl.Value, 1024)
				total += utf8.RuneCountInString(fl.Name) + utf8.RuneCountInString(fl.Value)
			}
			if e.Footer != nil {
				f.maxLen(pre+"footer.text", e.Footer.Text, 2048)
				total += utf8.RuneCountInString(e.Footer.Text)
			}
			if e.Author != nil {
				f.maxLen(pre+"author.name", e.Author.Name, 256)
				total += utf8.RuneCountInString(e.Author.Name)
			}
			if e.URL != "" && !validURL(e.URL) {
				f.add(pre+"url", "URL_TYPE_INVALID_URL", "Not a well formed URL.")
			}
		}
		if total > 6000 {
			f.add("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
		}
	}
	if p.Components != nil {
		v2 := p.Flags != nil && *p.Flags&flagComponentsV2 != 0
		validateComponents(f, "components", *p.Components, v2)
	}
	if len(p.StickerIDs) > 3 {
		f.add("sticker_ids", "BASE_TYPE_MAX_LENGTH", "Must be 3 or fewer in length.")
	}
	if am := p.AllowedMentions; am != nil {
		for _, s := range am.Parse {
			if s != "users" && s != "roles" && s != "everyone" {
				f.add("allowed_mentions.parse."+strconv.Itoa(slices.Index(am.Parse, s)), "BASE_TYPE_CHOICES",
					fmt.Sprintf("Value must be one of ('roles', 'users', 'everyone')."))
			}
		}
		if len(am.Users) > 100 {
			f.add("allowed_mentions.users", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
		if len(am.Roles) > 100 {
			f.add("allowed_mentions.roles", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
		if slices.Contains(am.Parse, "users") && len(am.Users) > 0 || slices.Contains(am.Parse, "roles") && len(am.Roles) > 0 {
			f.add("allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"users\"] and users: [ids...] are mutually exclusive.")
		}
	}
	if p.Username != nil {
		f.lenBetween("username", *p.Username, 1, 80)
	}
	if p.Poll != nil {
		p.Poll.validate(f)
	}
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "attachment") && (u.Host != "" || u.Scheme == "attachment")
}

// validateComponents checks component limits: five action rows of up to
// five buttons or one select, or with components v2 up to 40 components.
func validateComponents(f *formErrors, path string, cs []model.Component, v2 bool) {
	if !v2 && len(cs) > 5 {
		f.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
	}
	total := 0
	var walk func(path string, cs []model.Component, depth int)
	walk = func(path string, cs []model.Component, depth int) {
		for i, c := range cs {
			total++
			p := path + "." + strconv.Itoa(i)
			if c.Type == 0 {
				f.required(p + ".type")
			}
			if depth == 0 && !v2 && c.Type != 1 {
				f.add(p+".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).")
			}
			if c.Type == 1 && len(c.Components) > 5 {
				f.add(p+".components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
			}
			if c.Type == 1 && len(c.Components) == 0 {
				f.add(p+".components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")
			}
			if len(c.CustomID) > 100 {
				f.maxLen(p+".custom_id", c.CustomID, 100)
			}
			f.maxLen(p+".label", c.Label, 80)
			if c.Type == 2 && c.Style != 5 && c.Style != 6 && c.CustomID == "" {
				f.add(p, "COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required")
			}
			if c.Type == 2 && c.Style == 5 && c.URL == "" {
				f.required(p + ".url")
			}
			if len(c.Options) > 25 {
				f.add(p+".options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
			}
			if depth < 8 {
				walk(p+".components", c.Components, depth+1)
				if c.Accessory != nil {
					walk(p+".accessory", []model.Component{*c.Accessory}, depth+1)
				}
			}
		}
	}
	walk(path, cs, 0)
	if v2 && total > 40 {
		f.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 40 or fewer in length.")
	}
}

var (
	userMentionRE = regexp.MustCompile(`<@!?([0-9]{1,20})>`)
	roleMentionRE = regexp.MustCompile(`<@&([0-9]{1,20})>`)
)

// mentions works out who a message mentions, honouring allowed_mentions.
func (c *restCall) mentions(m *model.Message, am *allowedMentions, replied *model.User) {
	w := c.s.World()
	parseUsers, parseRoles, parseEveryone := true, true, true
	var allowUsers []model.UserID
	var allowRoles []model.RoleID
	if am != nil {
		parseUsers = slices.Contains(am.Parse, "users")
		parseRoles = slices.Contains(am.Parse, "roles")
		parseEveryone = slices.Contains(am.Parse, "everyone")
		allowUsers, allowRoles = am.Users, am.Roles
	}
	m.Mentions = []model.MentionedUser{}
	m.MentionRoles = []model.RoleID{}
	seen := map[model.UserID]bool{}
	addUser := func(u model.User) {
		if seen[u.ID] {
			return
		}
		seen[u.ID] = true
		mu := model.MentionedUser{User: u}
		if m.GuildID != 0 {
			if mem, ok := w.Member(m.GuildID, u.ID); ok {
				mu.Member = modelMember(mem, false)
			}
		}
		m.Mentions = append(m.Mentions, mu)
	}
	for _, sm := range userMentionRE.FindAllStringSubmatch(m.Content, 100) {
		id, err := model.ParseSnowflake(sm[1])
		if err != nil {
			continue
		}
		uid := model.UserID(id)
		if !parseUsers && !slices.Contains(allowUsers, uid) {
			continue
		}
		if u, ok := w.User(uid); ok {
			addUser(modelUser(u))
		}
	}
	if replied != nil && (am == nil || am.RepliedUser) {
		addUser(*replied)
	}
	if m.GuildID != 0 {
		roles := w.Roles(m.GuildID)
		for _, sm := range roleMentionRE.FindAllStringSubmatch(m.Content, 100) {
			id, err := model.ParseSnowflake(sm[1])
			if err != nil {
				continue
			}
			rid := model.RoleID(id)
			if !parseRoles && !slices.Contains(allowRoles, rid) || slices.Contains(m.MentionRoles, rid) {
				continue
			}
			if slices.ContainsFunc(roles, func(r Role) bool { return r.ID == rid }) {
				m.MentionRoles = append(m.MentionRoles, rid)
			}
		}
	}
	m.MentionEveryone = parseEveryone && (strings.Contains(m.Content, "@everyone") || strings.Contains(m.Content, "@here"))
}

// messageAuthor is who sends: the bot, or a webhook.
type messageAuthor struct {
	user      model.User
	webhookID model.WebhookID
	appID     model.ApplicationID
	token     string
	flags     model.MessageFlags // extra flags, e.g. ephemeral
	msgType   model.MessageType
	interMeta *model.InteractionMetadata
	loading   bool // a deferred interaction response: empty is fine
}

// createMessage validates p and stores the new message in ci, dispatching
// MESSAGE_CREATE. It returns the message as the API answers it.
func (c *restCall) createMessage(ci chanInfo, p *messageParams, files []uploadedFile, by messageAuthor) (model.Message, *apiError) {
	var f formErrors
	p.validate(&f)
	if err := f.err(); err != nil {
		return model.Message{}, err
	}
	content := ""
	setIf(&content, p.Content)
	hasEmbeds := p.Embeds != nil && len(*p.Embeds) > 0
	hasComponents := p.Components != nil && len(*p.Components) > 0
	if !by.loading && content == "" && !hasEmbeds && !hasComponents && len(files) == 0 && len(p.StickerIDs) == 0 && p.Poll == nil &&
		(p.MessageReference == nil || p.MessageReference.Type != model.MessageReferenceType(1)) {
		return model.Message{}, errEmptyMessage
	}
	if ci.thread != nil && ci.thread.ThreadMetadata.Archived && ci.thread.ThreadMetadata.Locked {
		return model.Message{}, errArchived
	}
	w := c.s.World()
	id := model.MessageID(w.NewID())
	m := model.Message{
		ID: id, ChannelID: ci.id, Author: by.user, Content: content,
		Timestamp: model.NewTimestamp(id.Time()), TTS: p.TTS, Nonce: p.Nonce,
		Embeds: []model.Embed{}, Attachments: []model.Attachment{}, Components: []model.Component{},
		Type: by.msgType, WebhookID: by.webhookID, ApplicationID: model.ApplicationID(by.appID),
		InteractionMetadata: by.interMeta,
	}
	if by.webhookID != 0 && p.Username != nil {
		m.Author.Username = *p.Username
	}
	if p.Flags != nil {
		// only some flags may be set by the sender
		const settable = 1<<2 | 1<<6 | 1<<12 | 1<<13 | 1<<15 // suppress embeds, ephemeral, suppress notifications, voice message, components v2
		m.Flags = *p.Flags & settable
	}
	m.Flags |= by.flags
	if hasEmbeds {
		for _, e := range *p.Embeds {
			if e.Type == "" {
				e.Type = "rich"
			}
			m.Embeds = append(m.Embeds, e)
		}
	}
	if hasComponents {
		m.Components = slices.Clone(*p.Components)
	}
	if p.Poll != nil {
		m.Poll = p.Poll.poll(time.Now())
	}
	ciGuild := ci.guildID
	m.GuildID = ciGuild

	out, dup, err := c.storeMessage(ci, p, files, by, m)
	if err != nil || dup {
		return out, err
	}
	if out.Flags&(1<<6) == 0 { // ephemeral messages reach only the user
		c.rs.dispatch(ci.guildID, "MESSAGE_CREATE", c.gatewayMessage(out))
	}
	return out, nil
}

// storeMessage is the part of createMessage under the data lock; dup
// reports a message found by its nonce.
func (c *restCall) storeMessage(ci chanInfo, p *messageParams, files []uploadedFile, by messageAuthor, m model.Message) (model.Message, bool, *apiError) {
	w := c.s.World()
	d := c.rs.data
	id := m.ID
	d.mu.Lock()
	defer d.mu.Unlock()
	cd := d.chanLocked(ci.id)
	if p.EnforceNonce && p.Nonce != "" {
		for i := len(cd.msgs) - 1; i >= 0 && i >= len(cd.msgs)-50; i-- {
			old := cd.msgs[i]
			if old.m.Nonce == p.Nonce && old.m.Author.ID == by.user.ID && time.Since(old.m.Timestamp.Time) < time.Minute {
				return old.view(c.botID()), true, nil
			}
		}
	}
	var replied *model.User
	if ref := p.MessageReference; ref != nil && ref.MessageID != 0 {
		refCh := ref.ChannelID
		if refCh == 0 {
			refCh = ci.id
		}
		var target *msgData
		if rcd := d.channels[refCh]; rcd != nil {
			target = rcd.byID[ref.MessageID]
		}
		forward := ref.Type == 1
		if target == nil && (forward || ref.FailIfNotExists == nil || *ref.FailIfNotExists) {
			code, msg := "REPLIES_UNKNOWN_MESSAGE", "Unknown message"
			if forward {
				code = "MESSAGE_REFERENCE_UNKNOWN_MESSAGE"
			}
			return model.Message{}, false, formError("message_reference", code, msg)
		}
		if target != nil {
			r := *ref
			r.ChannelID = refCh
			r.GuildID = target.m.GuildID
			m.MessageReference = &r
			if forward {
				snap := target.m
				snap.Mentions, snap.Reactions, snap.MessageReference, snap.ReferencedMessage = nil, nil, nil, nil
				m.MessageSnapshots = []model.MessageSnapshot{{Message: snap}}
			} else {
				if m.Type == model.MessageDefault {
					m.Type = model.MessageType(19) // reply
				}
				ref := target.view(c.botID())
				ref.ReferencedMessage = nil
				m.ReferencedMessage = &ref
				a := target.m.Author
				replied = &a
			}
		}
	}
	for i, fl := range files {
		aid := model.AttachmentID(w.NewID())
		a := model.Attachment{
			ID: aid, Filename: fl.filename, Size: len(fl.data), ContentType: fl.contentType,
			URL:      fmt.Sprintf("https://cdn.discordapp.com/attachments/%s/%s/%s", ci.id, aid, url.PathEscape(fl.filename)),
			ProxyURL: fmt.Sprintf("https://media.discordapp.net/attachments/%s/%s/%s", ci.id, aid, url.PathEscape(fl.filename)),
		}
		idx := fl.index
		if idx < 0 {
			idx = i
		}
		if p.Attachments != nil {
			for _, ap := range *p.Attachments {
				if int(ap.ID) == idx {
					a.Description, a.Title = ap.Description, ap.Title
					if ap.Filename != "" {
						a.Filename = ap.Filename
					}
				}
			}
		}
		m.Attachments = append(m.Attachments, a)
		d.files[aid] = fl.data
	}
	c.mentions(&m, p.AllowedMentions, replied)
	md := &msgData{m: m, token: by.token}
	cd.add(md)
	if ci.thread != nil {
		if t := d.threads[ci.id]; t != nil {
			t.MessageCount++
			t.TotalMessageSent++
			t.LastMessageID = &id
		}
	} else {
		w.SetLastMessageID(ci.id, id)
	}
	return md.view(c.botID()), false, nil
}

// gatewayMessage is a message as MESSAGE_CREATE and MESSAGE_UPDATE carry
// it: with guild_id and the author's member in guilds.
func (c *restCall) gatewayMessage(m model.Message) model.Message {
	if m.GuildID != 0 && m.WebhookID == 0 {
		if mem, ok := c.s.World().Member(m.GuildID, m.Author.ID); ok {
			m.Member = modelMember(mem, false)
		}
	}
	return m
}

// restMessage strips what the REST API does not return.
func restMessage(m model.Message) model.Message {
	m.Member = nil
	return m
}

func (c *restCall) postMessage() {
	ci, err := c.textChannel("channel_id")
	if err != nil {
		c.fail(err)
		return
	}
	need := model.PermissionSendMessages
	var p messageParams
	files, err := c.decodeBody(&p)
	if err != nil {
		c.fail(err)
		return
	}
	if len(files) > 0 {
		need |= model.PermissionAttachFiles
	}
	if p.MessageReference != nil {
		need |= model.PermissionReadMessageHistory
	}
	if !c.canIn(ci, need) {
		return
	}
	bot := modelUser(c.s.World().Bot())
	m, err := c.createMessage(ci, &p, files, messageAuthor{user: bot})
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, restMessage(m))
}

func (c *restCall) getMessage() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if !c.canIn(ci, model.PermissionReadMessageHistory) {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	var out *model.Message
	if cd := d.channels[ci.id]; cd != nil {
		if md := cd.byID[model.MessageID(c.id("message_id"))]; md != nil {
			v := md.view(c.botID())
			out = &v
		}
	}
	d.mu.Unlock()
	if out == nil {
		c.fail(errUnknownMessage)
		return
	}
	c.json(http.StatusOK, restMessage(*out))
}

// queryInt reads an integer query parameter; ok is false (and the call
// answered) when it is malformed or out of range.
func (c *restCall) queryInt(name string, def, lo, hi int) (int, bool) {
	s := c.r.URL.Query().Get(name)
	if s == "" {
		return def, true
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		c.fail(formError(name, "NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not int.", s)))
		return 0, false
	}
	var f formErrors
	f.numRange(name, v, lo, hi)
	if e := f.err(); e != nil {
		c.fail(e)
		return 0, false
	}
	return v, true
}

// querySnowflake reads a snowflake query parameter; zero when absent.
func (c *restCall) querySnowflake(name string) (model.Snowflake, bool) {
	s := c.r.URL.Query().Get(name)
	if s == "" {
		return 0, true
	}
	v, err := model.ParseSnowflake(s)
	if err != nil {
		c.fail(formError(name, "NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not snowflake.", s)))
		return 0, false
	}
	return v, true
}

func (c *restCall) listMessages() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if !c.canIn(ci, model.PermissionReadMessageHistory) {
		return
	}
	limit, ok := c.queryInt("limit", 50, 1, 100)
	if !ok {
		return
	}
	around, ok1 := c.querySnowflake("around")
	before, ok2 := c.querySnowflake("before")
	after, ok3 := c.querySnowflake("after")
	if !ok1 || !ok2 || !ok3 {
		return
	}
	d := c.rs.data
	me := c.botID()
	d.mu.Lock()
	var msgs []*msgData
	if cd := d.channels[ci.id]; cd != nil {
		msgs = cd.msgs
	}
	// msgs is oldest first; the answer is newest first
	var sel []*msgData
	switch {
	case around != 0:
		i, _ := slices.BinarySearchFunc(msgs, model.MessageID(around), func(a *msgData, id model.MessageID) int {
			return cmpID(a.m.ID, id)
		})
		lo := max(0, i-limit/2)
		hi := min(len(msgs), lo+limit)
		lo = max(0, hi-limit)
		sel = msgs[lo:hi]
	case after != 0:
		i, _ := slices.BinarySearchFunc(msgs, model.MessageID(after)+1, func(a *msgData, id model.MessageID) int {
			return cmpID(a.m.ID, id)
		})
		sel = msgs[i:min(len(msgs), i+limit)]
	default:
		hi := len(msgs)
		if before != 0 {
			hi, _ = slices.BinarySearchFunc(msgs, model.MessageID(before), func(a *msgData, id model.MessageID) int {
				return cmpID(a.m.ID, id)
			})
		}
		sel = msgs[max(0, hi-limit):hi]
	}
	out := make([]model.Message, 0, len(sel))
	for i := len(sel) - 1; i >= 0; i-- {
		out = append(out, sel[i].view(me))
	}
	d.mu.Unlock()
	c.json(http.StatusOK, out)
}

func cmpID[T ~uint64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// editMessage applies an edit to a stored message; canEdit decides who may.
func (c *restCall) editMessage(ci chanInfo, msgID model.MessageID, canEdit func(*msgData) bool) {
	var p messageParams
	files, err := c.decodeBody(&p)
	if err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	p.validate(&f)
	if err := f.err(); err != nil {
		c.fail(err)
		return
	}
	w := c.s.World()
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.byID[msgID]
	}
	if md == nil {
		d.mu.Unlock()
		c.fail(errUnknownMessage)
		return
	}
	if !canEdit(md) {
		d.mu.Unlock()
		// the author may only suppress embeds of others' messages
		c.fail(errOtherAuthor)
		return
	}
	m := md.m
	setIf(&m.Content, p.Content)
	if p.Embeds != nil {
		m.Embeds = slices.Clone(*p.Embeds)
		for i := range m.Embeds {
			if m.Embeds[i].Type == "" {
				m.Embeds[i].Type = "rich"
			}
		}
	}
	if p.Components != nil {
		m.Components = slices.Clone(*p.Components)
	}
	if p.Flags != nil {
		m.Flags = m.Flags&^(1<<2) | *p.Flags&(1<<2)
	}
	if p.Attachments != nil {
		keep := map[model.Snowflake]bool{}
		for _, a := range *p.Attachments {
			keep[a.ID] = true
		}
		m.Attachments = slices.DeleteFunc(slices.Clone(m.Attachments), func(a model.Attachment) bool { return !keep[a.ID.Snowflake()] })
	}
	for _, fl := range files {
		aid := model.AttachmentID(w.NewID())
		m.Attachments = append(m.Attachments, model.Attachment{ID: aid, Filename: fl.filename, Size: len(fl.data), ContentType: fl.contentType,
			URL: fmt.Sprintf("https://cdn.discordapp.com/attachments/%s/%s/%s", ci.id, aid, url.PathEscape(fl.filename))})
		d.files[aid] = fl.data
	}
	if m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Attachments) == 0 && len(m.StickerItems) == 0 {
		d.mu.Unlock()
		c.fail(errEmptyMessage)
		return
	}
	if p.Content != nil || p.AllowedMentions != nil {
		c.mentions(&m, p.AllowedMentions, nil)
	}
	m.Flags &^= 1 << 7 // a deferred answer is loading no more
	m.EditedTimestamp = model.NewTimestamp(time.Now())
	md.m = m
	out := md.view(c.botID())
	d.mu.Unlock()
	if m.Flags&(1<<6) == 0 {
		c.rs.dispatch(ci.guildID, "MESSAGE_UPDATE", c.gatewayMessage(out))
	}
	c.json(http.StatusOK, restMessage(out))
}

func (c *restCall) patchMessage() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	me := c.botID()
	c.editMessage(ci, model.MessageID(c.id("message_id")), func(md *msgData) bool {
		return md.m.Author.ID == me && md.m.WebhookID == 0
	})
}

func (c *restCall) deleteMessage() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	id := model.MessageID(c.id("message_id"))
	if m, ok := c.s.Message(ci.id, id); ok && m.Author.ID != c.botID() && !c.canIn(ci, model.PermissionManageMessages) {
		return
	}
	if !c.removeMessage(ci, id) {
		c.fail(errUnknownMessage)
		return
	}
	c.noContent()
}

// removeMessage deletes a message and dispatches MESSAGE_DELETE.
func (c *restCall) removeMessage(ci chanInfo, id model.MessageID) bool {
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.remove(id)
	}
	d.mu.Unlock()
	if md == nil {
		return false
	}
	if md.m.Flags&(1<<6) == 0 {
		c.rs.dispatch(ci.guildID, "MESSAGE_DELETE", messageDeleteEvent{ID: id, ChannelID: ci.id, GuildID: ci.guildID})
	}
	return true
}

type messageDeleteEvent struct {
	ID        model.MessageID `json:"id"`
	ChannelID model.ChannelID `json:"channel_id"`
	GuildID   model.GuildID   `json:"guild_id,omitzero"`
}

type messageDeleteBulkEvent struct {
	IDs       []model.MessageID `json:"ids"`
	ChannelID model.ChannelID   `json:"channel_id"`
	GuildID   model.GuildID     `json:"guild_id,omitzero"`
}

func (c *restCall) bulkDelete() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.guildID == 0 {
		c.fail(errDMChannel)
		return
	}
	if !c.canIn(ci, model.PermissionManageMessages) {
		return
	}
	var body struct {
		Messages *[]model.MessageID `json:"messages"`
	}
	if _, err := c.decodeBody(&body); err != nil {
		c.fail(err)
		return
	}
	if body.Messages == nil {
		c.fail(formError("messages", "BASE_TYPE_REQUIRED", "This field is required"))
		return
	}
	ids := *body.Messages
	switch {
	case len(ids) < 2:
		c.fail(formError("messages", "BASE_TYPE_MIN_LENGTH", "Must be 2 or more in length."))
		return
	case len(ids) > 100:
		c.fail(formError("messages", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
		return
	}
	limit := time.Now().Add(-14 * 24 * time.Hour)
	for _, id := range ids {
		if id.Time().Before(limit) {
			c.fail(errBulkOld)
			return
		}
	}
	d := c.rs.data
	d.mu.Lock()
	var gone []model.MessageID
	if cd := d.channels[ci.id]; cd != nil {
		for _, id := range ids {
			if cd.remove(id) != nil {
				gone = append(gone, id)
			}
		}
	}
	d.mu.Unlock()
	c.auditOptions = map[string]string{"count": strconv.Itoa(len(ids))}
	if len(gone) > 0 {
		c.rs.dispatch(ci.guildID, "MESSAGE_DELETE_BULK", messageDeleteBulkEvent{IDs: gone, ChannelID: ci.id, GuildID: ci.guildID})
	}
	c.noContent()
}

func (c *restCall) crosspost() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.typ != model.ChannelGuildAnnouncement {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50068, Message: "Invalid message type"})
		return
	}
	d := c.rs.data
	d.mu.Lock()
	var out *model.Message
	if cd := d.channels[ci.id]; cd != nil {
		if md := cd.byID[model.MessageID(c.id("message_id"))]; md != nil {
			md.m.Flags |= 1 << 0 // crossposted
			v := md.view(c.botID())
			out = &v
		}
	}
	d.mu.Unlock()
	if out == nil {
		c.fail(errUnknownMessage)
		return
	}
	c.rs.dispatch(ci.guildID, "MESSAGE_UPDATE", c.gatewayMessage(*out))
	c.json(http.StatusOK, restMessage(*out))
}

func (c *restCall) typing() {
	ci, err := c.textChannel("channel_id")
	if err != nil {
		c.fail(err)
		return
	}
	if !c.canIn(ci, model.PermissionSendMessages) {
		return
	}
	ev := map[string]any{"channel_id": ci.id, "user_id": c.botID(), "timestamp": time.Now().Unix()}
	if ci.guildID != 0 {
		ev["guild_id"] = ci.guildID
		if mem, ok := c.s.World().Member(ci.guildID, c.botID()); ok {
			ev["member"] = modelMember(mem, true)
		}
	}
	c.rs.dispatch(ci.guildID, "TYPING_START", ev)
	c.noContent()
}

func (c *restCall) expirePoll() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	d := c.rs.data
	d.mu.Lock()
	var out *model.Message
	var e *apiError
	if cd := d.channels[ci.id]; cd != nil {
		if md := cd.byID[model.MessageID(c.id("message_id"))]; md != nil {
			switch {
			case md.m.Poll == nil:
				e = &apiError{status: http.StatusBadRequest, Code: 520001, Message: "Poll does not exist"}
			case md.m.Author.ID != c.botID():
				e = errOtherAuthor
			case md.m.Poll.Results != nil && md.m.Poll.Results.IsFinalized:
				e = &apiError{status: http.StatusBadRequest, Code: 520002, Message: "Poll expired"}
			default:
				p := *md.m.Poll
				p.Expiry = model.NewTimestamp(time.Now())
				p.Results = &model.PollResults{IsFinalized: true}
				for _, a := range p.Answers {
					p.Results.AnswerCounts = append(p.Results.AnswerCounts, struct {
						ID      int  `json:"id"`
						Count   int  `json:"count"`
						MeVoted bool `json:"me_voted"`
					}{ID: a.AnswerID, Count: len(md.votes[a.AnswerID]), MeVoted: slices.Contains(md.votes[a.AnswerID], c.botID())})
				}
				md.m.Poll = &p
				v := md.view(c.botID())
				out = &v
			}
		}
	}
	d.mu.Unlock()
	switch {
	case e != nil:
		c.fail(e)
	case out == nil:
		c.fail(errUnknownMessage)
	default:
		c.rs.dispatch(ci.guildID, "MESSAGE_UPDATE", c.gatewayMessage(*out))
		c.json(http.StatusOK, restMessage(*out))
	}
}
