package discordtest

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// textChannelOf returns the first text channel of the World's first guild.
func textChannelOf(t testing.TB, srv *Server) (Guild, Channel) {
	t.Helper()
	g := srv.World().Guilds()[0]
	for _, c := range g.Channels {
		if c.Type == model.ChannelGuildText {
			return g, c
		}
	}
	t.Fatal("no text channel in the world")
	return g, Channel{}
}

// noLimits turns off per-route and global limits, for tests of routes.
var noLimits = RESTOptions{GlobalLimit: -1, RateLimitFunc: func(string, RateLimit) RateLimit { return RateLimit{} }}

func TestRESTMessageCRUD(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	base := "/channels/" + ch.ID.String() + "/messages"

	var ids []model.MessageID
	for i := range 5 {
		r := c.do("POST", base, map[string]any{"content": fmt.Sprintf("hello %d", i), "nonce": "n" + fmt.Sprint(i)})
		is.Equal(r.Status, http.StatusOK) // message created
		var m model.Message
		is.NoErr(r.decode(&m))
		is.Equal(m.Content, fmt.Sprintf("hello %d", i))
		is.Equal(m.ChannelID, ch.ID)
		is.Equal(m.Author.ID, srv.World().Bot().ID) // the bot wrote it
		is.True(m.Author.Bot)
		is.Equal(m.Type, model.MessageDefault)
		is.True(!m.Timestamp.IsZero())
		is.Equal(string(m.Nonce), "n"+fmt.Sprint(i))
		is.True(m.Member == nil) // REST answers carry no member
		ids = append(ids, m.ID)
	}
	_ = g

	// get
	r := c.do("GET", base+"/"+ids[2].String(), nil)
	is.Equal(r.Status, http.StatusOK)
	var got model.Message
	is.NoErr(r.decode(&got))
	is.Equal(got.Content, "hello 2")

	// list: newest first, limit, before, after, around
	list := func(q string) []model.Message {
		r := c.do("GET", base+q, nil)
		is.Equal(r.Status, http.StatusOK) // list
		var ms []model.Message
		is.NoErr(r.decode(&ms))
		return ms
	}
	ms := list("")
	is.Equal(len(ms), 5)
	is.Equal(ms[0].ID, ids[4]) // newest first
	ms = list("?limit=2")
	is.Equal(len(ms), 2)
	is.Equal(ms[1].ID, ids[3])
	ms = list("?before=" + ids[2].String())
	is.Equal(len(ms), 2)
	is.Equal(ms[0].ID, ids[1])
	ms = list("?after=" + ids[2].String())
	is.Equal(len(ms), 2)
	is.Equal(ms[0].ID, ids[4])
	ms = list("?around=" + ids[2].String() + "&limit=3")
	is.Equal(len(ms), 3)
	is.Equal(ms[1].ID, ids[2]) // around is in the middle
	r = c.do("GET", base+"?limit=101", nil)
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(string(r.Body), `{"code":50035,"errors":{"limit":{"_errors":[{"code":"NUMBER_TYPE_MAX","message":"int value should be less than or equal to 100."}]}},"message":"Invalid Form Body"}`)

	// edit
	r = c.do("PATCH", base+"/"+ids[0].String(), map[string]any{"content": "edited", "embeds": []any{map[string]any{"title": "t"}}})
	is.Equal(r.Status, http.StatusOK)
	var ed model.Message
	is.NoErr(r.decode(&ed))
	is.Equal(ed.Content, "edited")
	is.True(!ed.EditedTimestamp.IsZero())
	is.Equal(len(ed.Embeds), 1)
	is.Equal(ed.Embeds[0].Type, "rich")

	// delete
	r = c.do("DELETE", base+"/"+ids[0].String(), nil)
	is.Equal(r.Status, http.StatusNoContent)
	r = c.do("GET", base+"/"+ids[0].String(), nil)
	is.Equal(r.Status, http.StatusNotFound)
	is.Equal(string(r.Body), `{"code":10008,"message":"Unknown Message"}`)
	is.Equal(len(srv.Messages(ch.ID)), 4) // the state a test can read
	is.Equal(srv.Messages(ch.ID)[0].ID, ids[1])

	// crossposting needs an announcement channel
	is.Equal(c.do("POST", base+"/"+ids[1].String()+"/crosspost", nil).Status, http.StatusBadRequest)
}

func TestRESTMessageValidation(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	_, ch := textChannelOf(t, srv)
	base := "/channels/" + ch.ID.String() + "/messages"

	r := c.do("POST", base, map[string]any{"content": strings.Repeat("a", 2001)})
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(string(r.Body), `{"code":50035,"errors":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}},"message":"Invalid Form Body"}`)
	is.Equal(c.do("POST", base, map[string]any{"content": strings.Repeat("é", 2000)}).Status, http.StatusOK) // characters, not bytes

	r = c.do("POST", base, map[string]any{"content": ""})
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(string(r.Body), `{"code":50006,"message":"Cannot send an empty message"}`)

	r = c.do("POST", base, `{"content": `)
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(r.JSON()["code"], 50109.0) // invalid JSON

	r = c.do("POST", base, map[string]any{"content": 5})
	is.Equal(r.Status, http.StatusBadRequest)
	is.Equal(r.JSON()["code"], 50035.0) // wrong type is a field error

	embed := map[string]any{"title": strings.Repeat("t", 257), "fields": []any{map[string]any{"name": "", "value": "v"}}}
	r = c.do("POST", base, map[string]any{"embeds": []any{embed}})
	is.Equal(r.Status, http.StatusBadRequest)
	errs := r.JSON()["errors"].(map[string]any)["embeds"].(map[string]any)["0"].(map[string]any)
	is.True(errs["title"] != nil)                                                 // title too long
	is.True(errs["fields"].(map[string]any)["0"].(map[string]any)["name"] != nil) // field name required

	var many []any
	for range 11 {
		many = append(many, map[string]any{"description": "d"})
	}
	r = c.do("POST", base, map[string]any{"embeds": many})
	is.Equal(r.Status, http.StatusBadRequest)
	is.True(strings.Contains(string(r.Body), `"embeds":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 10 or fewer in length."}]}`))

	big := []any{}
	for range 2 {
		big = append(big, map[string]any{"description": strings.Repeat("d", 4000)})
	}
	r = c.do("POST", base, map[string]any{"embeds": big})
	is.True(strings.Contains(string(r.Body), "MAX_EMBED_SIZE_EXCEEDED")) // 6000 in total

	row := map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "style": 1, "label": "ok", "custom_id": "ok"}}}
	r = c.do("POST", base, map[string]any{"content": "x", "components": []any{row, row, row, row, row, row}})
	is.Equal(string(r.Body), `{"code":50035,"errors":{"components":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 5 or fewer in length."}]}},"message":"Invalid Form Body"}`) // five rows at most

	r = c.do("POST", base, map[string]any{"content": "x", "message_reference": map[string]any{"message_id": "12345"}})
	is.Equal(r.Status, http.StatusBadRequest)
	is.True(strings.Contains(string(r.Body), "REPLIES_UNKNOWN_MESSAGE"))
	r = c.do("POST", base, map[string]any{"content": "x", "message_reference": map[string]any{"message_id": "12345", "fail_if_not_exists": false}})
	is.Equal(r.Status, http.StatusOK) // a reply to nothing, allowed

	r = c.do("POST", "/channels/1/messages", map[string]any{"content": "x"})
	is.Equal(r.Status, http.StatusNotFound)
	is.Equal(string(r.Body), `{"code":10003,"message":"Unknown Channel"}`)
	r = c.do("POST", "/channels/not-a-number/messages", map[string]any{"content": "x"})
	is.Equal(r.Status, http.StatusNotFound)

	r = c.do("PATCH", base+"/99", map[string]any{"content": "x"})
	is.Equal(r.JSON()["code"], 10008.0)
}

func TestRESTReplyMentions(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	user := g.Members[1].User
	base := "/channels/" + ch.ID.String() + "/messages"

	r := c.do("POST", base, map[string]any{"content": "hi <@" + user.ID.String() + "> and <@&" + g.Roles[1].ID.String() + "> @everyone"})
	var m model.Message
	is.NoErr(r.decode(&m))
	is.Equal(len(m.Mentions), 1)
	is.Equal(m.Mentions[0].ID, user.ID)
	is.Equal(len(m.MentionRoles), 1)
	is.True(m.MentionEveryone)

	r = c.do("POST", base, map[string]any{"content": "hi <@" + user.ID.String() + "> @everyone",
		"allowed_mentions": map[string]any{"parse": []string{}}})
	is.NoErr(r.decode(&m))
	is.Equal(len(m.Mentions), 0) // allowed_mentions suppresses them
	is.True(!m.MentionEveryone)

	first := m.ID
	r = c.do("POST", base, map[string]any{"content": "reply", "message_reference": map[string]any{"message_id": first}})
	is.Equal(r.Status, http.StatusOK)
	is.NoErr(r.decode(&m))
	is.Equal(m.Type, model.MessageType(19)) // a reply
	is.True(m.ReferencedMessage != nil)
	is.Equal(m.ReferencedMessage.ID, first)
	is.Equal(m.MessageReference.ChannelID, ch.ID)
}

func TestRESTMultipart(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	_, ch := textChannelOf(t, srv)

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	pj, _ := mw.CreateFormField("payload_json")
	pj.Write([]byte(`{"content":"files!","attachments":[{"id":0,"description":"a cat"},{"id":1}]}`))
	for i, name := range []string{"cat.png", "notes.txt"} {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files[%d]"; filename="%s"`, i, name))
		h.Set("Content-Type", "application/octet-stream")
		p, _ := mw.CreatePart(h)
		p.Write([]byte(strings.Repeat("x", 10*(i+1))))
	}
	mw.Close()
	req, _ := http.NewRequest("POST", srv.URL()+"/channels/"+ch.ID.String()+"/messages", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", c.auth)
	r := c.send(req)
	is.Equal(r.Status, http.StatusOK) // multipart message
	var m model.Message
	is.NoErr(r.decode(&m))
	is.Equal(m.Content, "files!")
	is.Equal(len(m.Attachments), 2)
	is.Equal(m.Attachments[0].Filename, "cat.png")
	is.Equal(m.Attachments[0].Description, "a cat")
	is.Equal(m.Attachments[1].Size, 20)
	data, ok := srv.Attachment(m.Attachments[0].ID)
	is.True(ok)
	is.Equal(string(data), strings.Repeat("x", 10)) // the bytes uploaded

	// a file alone is a message
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "a.bin")
	fw.Write([]byte("abc"))
	mw.Close()
	req, _ = http.NewRequest("POST", srv.URL()+"/channels/"+ch.ID.String()+"/messages", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", c.auth)
	is.Equal(c.send(req).Status, http.StatusOK)
}

func TestRESTBulkDelete(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	_, ch := textChannelOf(t, srv)
	base := "/channels/" + ch.ID.String() + "/messages"
	var ids []string
	for i := range 3 {
		var m model.Message
		c.do("POST", base, map[string]any{"content": fmt.Sprint(i)}).decode(&m)
		ids = append(ids, m.ID.String())
	}
	r := c.do("POST", base+"/bulk-delete", map[string]any{"messages": ids[:1]})
	is.Equal(string(r.Body), `{"code":50035,"errors":{"messages":{"_errors":[{"code":"BASE_TYPE_MIN_LENGTH","message":"Must be 2 or more in length."}]}},"message":"Invalid Form Body"}`)
	old := makeSnowflake(uint64(time.Now().Add(-15*24*time.Hour).UnixMilli()), 0).String()
	r = c.do("POST", base+"/bulk-delete", map[string]any{"messages": []string{ids[0], old}})
	is.Equal(r.JSON()["code"], 50034.0) // older than 14 days
	r = c.do("POST", base+"/bulk-delete", map[string]any{"messages": ids[:2]})
	is.Equal(r.Status, http.StatusNoContent)
	is.Equal(len(srv.Messages(ch.ID)), 1)
}

func TestRESTReactionsAndPins(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	g, ch := textChannelOf(t, srv)
	base := "/channels/" + ch.ID.String() + "/messages"
	var m model.Message
	c.do("POST", base, map[string]any{"content": "react to me"}).decode(&m)
	mb := base + "/" + m.ID.String()

	is.Equal(c.do("PUT", mb+"/reactions/%F0%9F%91%8D/@me", nil).Status, http.StatusNoContent) // 👍
	custom := g.Emojis[0].Name + ":" + g.Emojis[0].ID.String()
	is.Equal(c.do("PUT", mb+"/reactions/"+custom+"/@me", nil).Status, http.StatusNoContent)
	r := c.do("PUT", mb+"/reactions/nope:123/@me", nil)
	is.Equal(string(r.Body), `{"code":10014,"message":"Unknown Emoji"}`)
	is.Equal(c.do("PUT", mb+"/reactions/abc/@me", nil).Status, http.StatusBadRequest) // not an emoji

	got, _ := srv.Message(ch.ID, m.ID)
	is.Equal(len(got.Reactions), 2)
	is.Equal(got.Reactions[0].Count, 1)
	is.True(got.Reactions[0].Me)

	var users []model.User
	c.do("GET", mb+"/reactions/%F0%9F%91%8D", nil).decode(&users)
	is.Equal(len(users), 1)
	is.Equal(users[0].ID, srv.World().Bot().ID)

	is.Equal(c.do("DELETE", mb+"/reactions/%F0%9F%91%8D/@me", nil).Status, http.StatusNoContent)
	got, _ = srv.Message(ch.ID, m.ID)
	is.Equal(len(got.Reactions), 1)
	is.Equal(c.do("DELETE", mb+"/reactions", nil).Status, http.StatusNoContent)
	got, _ = srv.Message(ch.ID, m.ID)
	is.Equal(len(got.Reactions), 0)

	// pins: the new routes and the old ones see the same pins
	is.Equal(c.do("PUT", base+"/pins/"+m.ID.String(), nil).Status, http.StatusNoContent)
	r = c.do("GET", base+"/pins", nil)
	var pins struct {
		Items []struct {
			PinnedAt string        `json:"pinned_at"`
			Message  model.Message `json:"message"`
		} `json:"items"`
		HasMore bool `json:"has_more"`
	}
	is.NoErr(r.decode(&pins))
	is.Equal(len(pins.Items), 1)
	is.Equal(pins.Items[0].Message.ID, m.ID)
	is.True(pins.Items[0].Message.Pinned)
	is.True(pins.Items[0].PinnedAt != "")
	var old []model.Message
	c.do("GET", "/channels/"+ch.ID.String()+"/pins", nil).decode(&old)
	is.Equal(len(old), 1)
	is.Equal(c.do("DELETE", "/channels/"+ch.ID.String()+"/pins/"+m.ID.String(), nil).Status, http.StatusNoContent)
	got, _ = srv.Message(ch.ID, m.ID)
	is.True(!got.Pinned)

	is.Equal(c.do("POST", "/channels/"+ch.ID.String()+"/typing", nil).Status, http.StatusNoContent)
}

func TestRESTPolls(t *testing.T) {
	is := is.New(t)
	srv, c := newRESTTest(t, &Options{REST: noLimits})
	_, ch := textChannelOf(t, srv)
	base := "/channels/" + ch.ID.String()
	r := c.do("POST", base+"/messages", map[string]any{"poll": map[string]any{
		"question": map[string]any{"text": "Tea or coffee?"},
		"answers":  []any{map[string]any{"poll_media": map[string]any{"text": "Tea"}}, map[string]any{"poll_media": map[string]any{"text": "Coffee"}}},
		"duration": 1,
	}})
	is.Equal(r.Status, http.StatusOK) // a poll alone is a message
	var m model.Message
	is.NoErr(r.decode(&m))
	is.True(m.Poll != nil)
	is.Equal(m.Poll.Answers[1].AnswerID, 2)
	is.Equal(c.do("GET", base+"/polls/"+m.ID.String()+"/answers/1", nil).Status, http.StatusOK)
	is.Equal(c.do("GET", base+"/polls/"+m.ID.String()+"/answers/3", nil).Status, http.StatusNotFound)
	r = c.do("POST", base+"/polls/"+m.ID.String()+"/expire", nil)
	is.Equal(r.Status, http.StatusOK)
	is.NoErr(r.decode(&m))
	is.True(m.Poll.Results.IsFinalized)
	r = c.do("POST", base+"/messages", map[string]any{"poll": map[string]any{"question": map[string]any{"text": ""}, "answers": []any{}}})
	is.True(strings.Contains(string(r.Body), `"answers":{"_errors"`))
}
