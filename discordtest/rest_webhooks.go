package discordtest

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gloamdev/gloam/model"
)

// ---- channel webhooks ----

type webhookParams struct {
	Name      *string          `json:"name"`
	Avatar    nullable[string] `json:"avatar"`
	ChannelID *model.ChannelID `json:"channel_id"`
}

func (c *restCall) createWebhook() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	if ci.guildID == 0 || ci.thread != nil {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 50024, Message: "Cannot execute action on this channel type"})
		return
	}
	if !c.canIn(ci, model.PermissionManageWebhooks) {
		return
	}
	var p webhookParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	switch {
	case p.Name == nil:
		f.required("name")
	default:
		f.lenBetween("name", *p.Name, 1, 80)
		if l := strings.ToLower(*p.Name); strings.Contains(l, "clyde") || strings.Contains(l, "discord") {
			f.add("name", "WEBHOOK_INVALID_USERNAME", "Username cannot contain \"clyde\" or \"discord\"")
		}
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	w := c.s.World()
	var tok [51]byte
	rand.Read(tok[:])
	bot := modelUser(w.Bot())
	appID := w.ApplicationID()
	wh := &webhookData{
		ID: model.WebhookID(w.NewID()), Type: 1, GuildID: ci.guildID, ChannelID: ci.id, User: &bot,
		Name: p.Name, Token: base64.RawURLEncoding.EncodeToString(tok[:]), ApplicationID: &appID,
	}
	if p.Avatar.Set && !p.Avatar.Null {
		h := "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
		wh.Avatar = &h
	}
	wh.URL = "https://discord.com/api/webhooks/" + wh.ID.String() + "/" + wh.Token
	d := c.rs.data
	d.mu.Lock()
	d.webhooks[wh.ID] = wh
	out := *wh
	d.mu.Unlock()
	c.rs.dispatch(ci.guildID, "WEBHOOKS_UPDATE", map[string]any{"guild_id": ci.guildID, "channel_id": ci.id})
	c.json(http.StatusOK, out)
}

// webhooksWhere lists webhooks matching keep.
func (c *restCall) webhooksWhere(keep func(*webhookData) bool) []webhookData {
	d := c.rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	out := []webhookData{}
	for _, wh := range d.webhooks {
		if keep(wh) {
			out = append(out, *wh)
		}
	}
	slices.SortFunc(out, func(a, b webhookData) int { return cmpID(a.ID, b.ID) })
	return out
}

func (c *restCall) channelWebhooks() {
	ci, err := c.channel(model.ChannelID(c.id("channel_id")))
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, c.webhooksWhere(func(w *webhookData) bool { return w.ChannelID == ci.id }))
}

func (c *restCall) guildWebhooks() {
	g, ok := c.guild()
	if !ok {
		return
	}
	c.json(http.StatusOK, c.webhooksWhere(func(w *webhookData) bool { return w.GuildID == g.ID }))
}

// webhook finds the route's webhook; with a token in the path it must
// match, and the answer leaves out the token and user.
func (c *restCall) webhook() (*webhookData, bool) {
	d := c.rs.data
	d.mu.Lock()
	wh := d.webhooks[model.WebhookID(c.id("webhook_id"))]
	var out webhookData
	setIf(&out, wh)
	d.mu.Unlock()
	tok := c.param("webhook_token")
	if wh == nil || tok != "" && tok != out.Token {
		c.fail(errUnknownWebhook)
		return nil, false
	}
	if tok != "" {
		out.User = nil
	}
	return &out, true
}

func (c *restCall) getWebhook() {
	if wh, ok := c.webhook(); ok {
		c.json(http.StatusOK, wh)
	}
}

func (c *restCall) patchWebhook() {
	wh, ok := c.webhook()
	if !ok {
		return
	}
	var p webhookParams
	if _, err := c.decodeBody(&p); err != nil {
		c.fail(err)
		return
	}
	var f formErrors
	if p.Name != nil {
		f.lenBetween("name", *p.Name, 1, 80)
	}
	if p.ChannelID != nil && c.param("webhook_token") != "" {
		f.add("channel_id", "BASE_TYPE_INVALID", "Cannot change the channel with a webhook token")
	}
	if e := f.err(); e != nil {
		c.fail(e)
		return
	}
	if p.ChannelID != nil {
		ch, ok := c.s.World().Channel(*p.ChannelID)
		if !ok || ch.GuildID != wh.GuildID {
			c.fail(errUnknownChannel)
			return
		}
	}
	d := c.rs.data
	d.mu.Lock()
	stored := d.webhooks[wh.ID]
	if stored != nil {
		if p.Name != nil {
			n := *p.Name
			stored.Name = &n
		}
		if p.Avatar.Set {
			stored.Avatar = nil
			if !p.Avatar.Null {
				h := "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
				stored.Avatar = &h
			}
		}
		setIf(&stored.ChannelID, p.ChannelID)
		*wh = *stored
	}
	d.mu.Unlock()
	if stored == nil {
		c.fail(errUnknownWebhook)
		return
	}
	c.rs.dispatch(wh.GuildID, "WEBHOOKS_UPDATE", map[string]any{"guild_id": wh.GuildID, "channel_id": wh.ChannelID})
	if c.param("webhook_token") != "" {
		wh.User = nil
	}
	c.json(http.StatusOK, wh)
}

func (c *restCall) deleteWebhook() {
	wh, ok := c.webhook()
	if !ok {
		return
	}
	d := c.rs.data
	d.mu.Lock()
	delete(d.webhooks, wh.ID)
	d.mu.Unlock()
	c.rs.dispatch(wh.GuildID, "WEBHOOKS_UPDATE", map[string]any{"guild_id": wh.GuildID, "channel_id": wh.ChannelID})
	c.noContent()
}

// ---- webhook-token messages: channel webhooks and interaction follow-ups ----

// tokenTarget is what a webhook_id/webhook_token pair stands for.
type tokenTarget struct {
	webhook *webhookData     // a channel webhook
	inter   *interactionData // an interaction (webhook_id is the application)
	channel model.ChannelID
	guild   model.GuildID
}

func (c *restCall) tokenTarget() (tokenTarget, bool) {
	tok := c.param("webhook_token")
	id := c.id("webhook_id")
	d := c.rs.data
	d.mu.Lock()
	in := c.rs.interactionLocked(0, tok, model.ApplicationID(id))
	wh := d.webhooks[model.WebhookID(id)]
	d.mu.Unlock()
	switch {
	case in != nil:
		return tokenTarget{inter: in, channel: in.in.ChannelID, guild: in.in.GuildID}, true
	case wh != nil && wh.Token == tok:
		cp := *wh
		return tokenTarget{webhook: &cp, channel: wh.ChannelID, guild: wh.GuildID}, true
	}
	c.fail(errUnknownWebhook)
	return tokenTarget{}, false
}

func (c *restCall) executeWebhook() {
	tt, ok := c.tokenTarget()
	if !ok {
		return
	}
	var p messageParams
	files, err := c.decodeBody(&p)
	if err != nil {
		c.fail(err)
		return
	}
	c.postAsWebhook(tt, &p, files)
}

// postAsWebhook posts p through the webhook or interaction of tt, in its
// channel or the thread_id of the query.
func (c *restCall) postAsWebhook(tt tokenTarget, p *messageParams, files []uploadedFile) {
	ch := tt.channel
	if tid, ok := c.querySnowflake("thread_id"); !ok {
		return
	} else if tid != 0 {
		ch = model.ChannelID(tid)
	}
	ci, err := c.channel(ch)
	if err != nil {
		c.fail(err)
		return
	}
	if ci.thread != nil && (ci.thread.ParentID == nil || *ci.thread.ParentID != tt.channel) {
		c.fail(errUnknownChannel)
		return
	}
	if ci.typ == model.ChannelGuildForum || ci.typ == model.ChannelGuildMedia {
		// a webhook posts in a forum by starting a thread
		if p.ThreadName == "" {
			c.fail(&apiError{status: http.StatusBadRequest, Code: 220001, Message: "Webhooks posted to forum channels must have a thread_name or thread_id"})
			return
		}
		var f formErrors
		f.lenBetween("thread_name", p.ThreadName, 1, 100)
		if e := f.err(); e != nil {
			c.fail(e)
			return
		}
		parent, _ := c.s.World().Channel(ci.id)
		t := c.newThread(parent, model.ChannelID(c.s.World().NewID()), model.ChannelPublicThread, &threadParams{Name: p.ThreadName})
		out := c.threadCreated(t)
		ci = chanInfo{id: out.ID, guildID: out.GuildID, typ: out.Type, thread: &out}
	} else if p.ThreadName != "" {
		c.fail(&apiError{status: http.StatusBadRequest, Code: 220003, Message: "Webhooks can only create threads in forum channels"})
		return
	}
	var by messageAuthor
	w := c.s.World()
	if tt.inter != nil {
		d := c.rs.data
		d.mu.Lock()
		acked := len(tt.inter.responses) > 0
		d.mu.Unlock()
		if !acked {
			c.fail(errUnknownWebhook)
			return
		}
		in := tt.inter.in
		by = messageAuthor{user: modelUser(w.Bot()), appID: in.ApplicationID, webhookID: model.WebhookID(in.ApplicationID),
			token: in.Token, msgType: 20, interMeta: interactionMeta(&in)}
		if p.Flags != nil {
			by.flags = *p.Flags & (1 << 6)
		}
	} else {
		wh := tt.webhook
		name := ""
		setIf(&name, wh.Name)
		by = messageAuthor{
			user:      model.User{ID: model.UserID(wh.ID), Username: name, Discriminator: "0000", Avatar: wh.Avatar, Bot: true},
			webhookID: wh.ID, appID: 0, token: wh.Token,
		}
	}
	m, err := c.createMessage(ci, p, files, by)
	if err != nil {
		c.fail(err)
		return
	}
	if tt.inter != nil {
		d := c.rs.data
		d.mu.Lock()
		tt.inter.followups = append(tt.inter.followups, msgRef{channel: m.ChannelID, id: m.ID})
		tt.inter.changedLocked()
		d.mu.Unlock()
	}
	if tt.inter != nil || c.r.URL.Query().Get("wait") == "true" {
		c.json(http.StatusOK, restMessage(m))
		return
	}
	c.noContent()
}

// tokenMessage finds the message of a webhook-token message route: one the
// webhook (or the interaction) sent, or @original.
func (c *restCall) tokenMessage() (tokenTarget, chanInfo, model.MessageID, bool) {
	tt, ok := c.tokenTarget()
	if !ok {
		return tt, chanInfo{}, 0, false
	}
	var id model.MessageID
	if c.param("message_id") == "" { // @original
		if tt.inter == nil {
			c.fail(errUnknownMessage)
			return tt, chanInfo{}, 0, false
		}
		d := c.rs.data
		d.mu.Lock()
		id = tt.inter.original
		d.mu.Unlock()
	} else {
		id = model.MessageID(c.id("message_id"))
	}
	ch := tt.channel
	if tid, ok := c.querySnowflake("thread_id"); !ok {
		return tt, chanInfo{}, 0, false
	} else if tid != 0 {
		ch = model.ChannelID(tid)
	}
	ci, err := c.channel(ch)
	if err != nil {
		c.fail(errUnknownMessage)
		return tt, chanInfo{}, 0, false
	}
	d := c.rs.data
	d.mu.Lock()
	var md *msgData
	if cd := d.channels[ci.id]; cd != nil {
		md = cd.byID[id]
	}
	mine := md != nil && (tt.inter != nil && (md.token == tt.inter.in.Token || id == tt.inter.original) ||
		tt.webhook != nil && md.m.WebhookID == tt.webhook.ID)
	d.mu.Unlock()
	if id == 0 || !mine {
		c.fail(errUnknownMessage)
		return tt, chanInfo{}, 0, false
	}
	return tt, ci, id, true
}

func (c *restCall) getTokenMessage() {
	_, ci, id, ok := c.tokenMessage()
	if !ok {
		return
	}
	m, ok := c.s.Message(ci.id, id)
	if !ok {
		c.fail(errUnknownMessage)
		return
	}
	c.json(http.StatusOK, restMessage(m))
}

func (c *restCall) patchTokenMessage() {
	tt, ci, id, ok := c.tokenMessage()
	if !ok {
		return
	}
	c.editMessage(ci, id, func(*msgData) bool { return true })
	if tt.inter != nil && c.w.status == http.StatusOK {
		c.rs.interactionChanged(tt.inter, ci.id, id)
	}
}

// interactionChanged records an edit of an interaction's message: of the
// original, in its edits.
func (rs *restState) interactionChanged(in *interactionData, ch model.ChannelID, id model.MessageID) {
	d := rs.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if id == in.original {
		if cd := d.channels[ch]; cd != nil && cd.byID[id] != nil {
			in.edits = append(in.edits, cd.byID[id].view(rs.s.World().Bot().ID))
		}
	}
	in.changedLocked()
}

func (c *restCall) deleteTokenMessage() {
	tt, ci, id, ok := c.tokenMessage()
	if !ok {
		return
	}
	if !c.removeMessage(ci, id) {
		c.fail(errUnknownMessage)
		return
	}
	if tt.inter != nil {
		c.rs.interactionChanged(tt.inter, ci.id, 0)
	}
	c.noContent()
}

// executeSlack posts a Slack-formatted message: text is the content, and
// each attachment an embed.
func (c *restCall) executeSlack() {
	tt, ok := c.tokenTarget()
	if !ok {
		return
	}
	var sp struct {
		Text        string `json:"text"`
		Username    string `json:"username"`
		IconURL     string `json:"icon_url"`
		Attachments []struct {
			Title      string `json:"title"`
			TitleLink  string `json:"title_link"`
			Text       string `json:"text"`
			Color      string `json:"color"`
			Pretext    string `json:"pretext"`
			AuthorName string `json:"author_name"`
			AuthorLink string `json:"author_link"`
			AuthorIcon string `json:"author_icon"`
			ImageURL   string `json:"image_url"`
			ThumbURL   string `json:"thumb_url"`
			Footer     string `json:"footer"`
			FooterIcon string `json:"footer_icon"`
			TS         int64  `json:"ts"`
			Fields     []struct {
				Title string `json:"title"`
				Value string `json:"value"`
				Short bool   `json:"short"`
			} `json:"fields"`
		} `json:"attachments"`
	}
	if _, err := c.decodeBody(&sp); err != nil {
		c.fail(err)
		return
	}
	p := messageParams{}
	if sp.Text != "" {
		p.Content = &sp.Text
	}
	if sp.Username != "" {
		p.Username = &sp.Username
	}
	if sp.IconURL != "" {
		p.AvatarURL = &sp.IconURL
	}
	embeds := []model.Embed{}
	for _, a := range sp.Attachments {
		e := model.Embed{Type: "rich", Title: a.Title, URL: a.TitleLink, Description: a.Text}
		if a.Pretext != "" && e.Description == "" {
			e.Description = a.Pretext
		}
		if col, err := strconv.ParseInt(strings.TrimPrefix(a.Color, "#"), 16, 32); err == nil {
			e.Color = int(col)
		}
		if a.AuthorName != "" {
			e.Author = &model.EmbedAuthor{Name: a.AuthorName, URL: a.AuthorLink, IconURL: a.AuthorIcon}
		}
		if a.Footer != "" {
			e.Footer = &model.EmbedFooter{Text: a.Footer, IconURL: a.FooterIcon}
		}
		if a.ImageURL != "" {
			e.Image = &model.EmbedMedia{URL: a.ImageURL}
		}
		if a.ThumbURL != "" {
			e.Thumbnail = &model.EmbedMedia{URL: a.ThumbURL}
		}
		if a.TS != 0 {
			e.Timestamp = model.NewTimestamp(time.Unix(a.TS, 0))
		}
		for _, f := range a.Fields {
			e.Fields = append(e.Fields, model.EmbedField{Name: f.Title, Value: f.Value, Inline: f.Short})
		}
		embeds = append(embeds, e)
	}
	if len(embeds) > 0 {
		p.Embeds = &embeds
	}
	c.postAsWebhook(tt, &p, nil)
}

// githubItem is an issue or pull request of a GitHub event.
type githubItem struct {
	Number  int    `json:"number"`
	Title   string `json:"title"`
	HTMLURL string `json:"html_url"`
}

// executeGitHub posts a GitHub event, named by the X-GitHub-Event
// header, as Discord renders the common ones: push, issues,
// pull_request and their comments, release, star and fork. Other events
// (ping among them) post nothing.
func (c *restCall) executeGitHub() {
	tt, ok := c.tokenTarget()
	if !ok {
		return
	}
	var gp struct {
		Ref     string `json:"ref"`
		Compare string `json:"compare"`
		Action  string `json:"action"`
		Commits []struct {
			ID      string `json:"id"`
			Message string `json:"message"`
			URL     string `json:"url"`
			Author  struct {
				Name string `json:"name"`
			} `json:"author"`
		} `json:"commits"`
		Repository struct {
			Name     string `json:"name"`
			FullName string `json:"full_name"`
			HTMLURL  string `json:"html_url"`
		} `json:"repository"`
		Sender struct {
			Login     string `json:"login"`
			AvatarURL string `json:"avatar_url"`
			HTMLURL   string `json:"html_url"`
		} `json:"sender"`
		Issue       *githubItem `json:"issue"`
		PullRequest *githubItem `json:"pull_request"`
		Release     *struct {
			TagName string `json:"tag_name"`
			HTMLURL string `json:"html_url"`
		} `json:"release"`
	}
	if _, err := c.decodeBody(&gp); err != nil {
		c.fail(err)
		return
	}
	repo := gp.Repository.FullName
	e := model.Embed{Type: "rich", URL: gp.Repository.HTMLURL,
		Author: &model.EmbedAuthor{Name: gp.Sender.Login, URL: gp.Sender.HTMLURL, IconURL: gp.Sender.AvatarURL}}
	switch ev := c.r.Header.Get("X-GitHub-Event"); {
	case ev == "push" && len(gp.Commits) > 0:
		branch := strings.TrimPrefix(gp.Ref, "refs/heads/")
		plural := "s"
		if len(gp.Commits) == 1 {
			plural = ""
		}
		e.Title = fmt.Sprintf("[%s:%s] %d new commit%s", gp.Repository.Name, branch, len(gp.Commits), plural)
		e.URL, e.Color = gp.Compare, 0x7289da
		var lines []string
		for _, cm := range gp.Commits {
			first, _, _ := strings.Cut(cm.Message, "\n")
			lines = append(lines, fmt.Sprintf("[`%.7s`](%s) %s - %s", cm.ID, cm.URL, first, cm.Author.Name))
		}
		e.Description = strings.Join(lines, "\n")
	case (ev == "issues" || ev == "issue_comment") && gp.Issue != nil:
		e.Title = fmt.Sprintf("[%s] Issue %s: #%d %s", repo, gp.Action, gp.Issue.Number, gp.Issue.Title)
		e.URL, e.Color = gp.Issue.HTMLURL, 0xeb6420
	case (ev == "pull_request" || ev == "pull_request_review_comment") && gp.PullRequest != nil:
		e.Title = fmt.Sprintf("[%s] Pull request %s: #%d %s", repo, gp.Action, gp.PullRequest.Number, gp.PullRequest.Title)
		e.URL, e.Color = gp.PullRequest.HTMLURL, 0x009800
	case ev == "release" && gp.Release != nil && gp.Action == "published":
		e.Title = fmt.Sprintf("[%s] New release published: %s", repo, gp.Release.TagName)
		e.URL = gp.Release.HTMLURL
	case ev == "watch" && gp.Action == "started":
		e.Title = fmt.Sprintf("[%s] New star added", repo)
	case ev == "fork":
		e.Title = fmt.Sprintf("[%s] Fork created", repo)
	default:
		c.noContent()
		return
	}
	name := "GitHub"
	c.postAsWebhook(tt, &messageParams{Username: &name, Embeds: &[]model.Embed{e}}, nil)
}
