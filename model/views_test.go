package model_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

const messageCreate = `{"t":"MESSAGE_CREATE","s":6,"op":0,"d":{"type":19,"tts":false,"timestamp":"2025-06-01T12:00:00.097000+00:00","pinned":false,"nonce":"1378704634245403363","mentions":[{"username":"b","id":"22","global_name":null}],"mention_roles":["31","32"],"mention_everyone":false,"member":{"roles":["31"],"premium_since":null,"nick":"Nicky","joined_at":"2024-03-09T02:25:54.027045+00:00","flags":0,"deaf":false,"mute":false},"id":"1378704635084976866","flags":4,"embeds":[],"edited_timestamp":null,"content":"say \"hi\" \u263a","components":[],"channel_id":"1139327122651158702","author":{"username":"_leix","public_flags":4194304,"id":"515255974578242127","global_name":"Leix","discriminator":"0","bot":true,"avatar":"05f8"},"attachments":[],"guild_id":"1017927052539504176","message_reference":{"type":0,"message_id":"77","channel_id":"1139327122651158702"}}}`

func TestMessageCreateView(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEventString(messageCreate)
	is.NoErr(err)
	is.Equal(ev.Type, model.EventMessageCreate)
	is.Equal(ev.Seq, int64(6))
	v, err := ev.MessageCreate()
	is.NoErr(err)
	is.Equal(v.ID(), model.MessageID(1378704635084976866))
	is.Equal(v.ChannelID(), model.ChannelID(1139327122651158702))
	is.Equal(v.GuildID(), model.GuildID(1017927052539504176))
	is.Equal(v.Content(), `say "hi" ☺`) // escapes are decoded
	is.Equal(v.Type(), model.MessageReply)
	is.Equal(v.Flags(), model.MessageSuppressEmbeds)
	is.Equal(v.Nonce(), "1378704634245403363")
	is.Equal(v.ReferencedMessageID(), model.MessageID(77))
	is.Equal(v.Timestamp().UnixMilli(), time.Date(2025, 6, 1, 12, 0, 0, 97e6, time.UTC).UnixMilli())
	is.True(v.EditedTimestamp().IsZero())
	a := v.Author()
	is.Equal(a.ID(), model.UserID(515255974578242127))
	is.Equal(a.Username(), "_leix")
	is.Equal(a.GlobalName(), "Leix")
	is.Equal(a.DisplayName(), "Leix")
	is.True(a.Bot())
	m := v.Member()
	is.True(m.Present())
	is.True(!m.User().Present()) // MESSAGE_CREATE members have no user
	nick, ok := m.Nick()
	is.True(ok)
	is.Equal(nick, "Nicky")
	is.True(m.HasRole(31))
	is.True(!m.HasRole(32))
	is.Equal(slices.Collect(v.MentionRoles()), []model.RoleID{31, 32})
	is.True(v.MentionsUser(22))
	is.Equal(v.Get("author.avatar").Str, "05f8")

	full, err := v.Decode()
	is.NoErr(err)
	is.Equal(full.Content, v.Content())
	is.Equal(*full.Member.Nick, "Nicky")
	is.Equal(full.Mentions[0].ID, model.UserID(22))
}

func TestViewsOfOtherEvents(t *testing.T) {
	t.Run("ready", func(t *testing.T) {
		is := is.New(t)
		ev, err := model.ParseEventString(`{"t":"READY","s":1,"op":0,"d":{"v":10,"user":{"username":"Bot","id":"9","bot":true},"shard":[1,4],"session_id":"abc","resume_gateway_url":"wss://r.example","guilds":[{"unavailable":true,"id":"5"},{"unavailable":true,"id":"6"}],"application":{"id":"9","flags":0}}}`)
		is.NoErr(err)
		v, err := ev.Ready()
		is.NoErr(err)
		is.Equal(v.SessionID(), "abc")
		is.Equal(v.ResumeGatewayURL(), "wss://r.example")
		is.Equal(v.User().ID(), model.UserID(9))
		is.Equal(v.ApplicationID(), model.ApplicationID(9))
		is.Equal(v.Version(), 10)
		id, n, ok := v.Shard()
		is.True(ok)
		is.Equal(id, 1)
		is.Equal(n, 4)
		is.Equal(v.GuildCount(), 2)
		var ids []model.GuildID
		for g := range v.Guilds() {
			is.True(g.Unavailable)
			ids = append(ids, g.ID)
		}
		is.Equal(ids, []model.GuildID{5, 6})
	})
	t.Run("hello and invalid session", func(t *testing.T) {
		is := is.New(t)
		ev, err := model.ParseEventString(`{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}`)
		is.NoErr(err)
		h, err := ev.Hello()
		is.NoErr(err)
		is.Equal(h.HeartbeatInterval(), 41250*time.Millisecond)
		_, err = ev.InvalidSession()
		var te *model.EventTypeError
		is.True(errors.As(err, &te)) // not op 9
		ev, err = model.ParseEventString(`{"op":9,"d":true}`)
		is.NoErr(err)
		r, err := ev.InvalidSession()
		is.NoErr(err)
		is.True(r)
		ev, err = model.ParseEventString(`{"op":9,"d":"yes"}`)
		is.NoErr(err)
		_, err = ev.InvalidSession()
		is.True(errors.Is(err, model.ErrMalformed)) // not a boolean
	})
	t.Run("guild create", func(t *testing.T) {
		is := is.New(t)
		ev, err := model.ParseEventString(`{"t":"GUILD_CREATE","s":2,"op":0,"d":{"members":[{"user":{"id":"1","username":"a"},"roles":[]},{"user":{"id":"2","username":"b"},"roles":["7"]}],"member_count":2,"name":"G","large":false,"id":"42","unavailable":false,"owner_id":"1"}}`)
		is.NoErr(err)
		v, err := ev.GuildCreate()
		is.NoErr(err)
		is.Equal(v.ID(), model.GuildID(42))
		is.Equal(v.Name(), "G")
		is.Equal(v.MemberCount(), 2)
		is.Equal(v.OwnerID(), model.UserID(1))
		is.True(!v.Unavailable())
		var names []string
		for m := range v.Members() {
			names = append(names, m.User().Username())
		}
		is.Equal(names, []string{"a", "b"})
		g, err := v.Decode()
		is.NoErr(err)
		is.Equal(len(g.Members), 2)
	})
	t.Run("presence, typing, member, reaction", func(t *testing.T) {
		is := is.New(t)
		ev, _ := model.ParseEventString(`{"t":"PRESENCE_UPDATE","s":5,"op":0,"d":{"user":{"id":"8"},"status":"idle","guild_id":"3","client_status":{"mobile":"idle"},"activities":[]}}`)
		p, err := ev.PresenceUpdate()
		is.NoErr(err)
		is.Equal(p.UserID(), model.UserID(8))
		is.Equal(p.Status(), model.StatusIdle)
		is.Equal(p.ClientStatus().Mobile, model.StatusIdle)
		is.Equal(p.GuildID(), model.GuildID(3))

		ev, _ = model.ParseEventString(`{"t":"TYPING_START","s":22,"op":0,"d":{"user_id":"4","timestamp":1748779200,"guild_id":"3","channel_id":"5"}}`)
		ty, err := ev.TypingStart()
		is.NoErr(err)
		is.Equal(ty.UserID(), model.UserID(4))
		is.Equal(ty.ChannelID(), model.ChannelID(5))
		is.Equal(ty.Timestamp().Unix(), int64(1748779200))
		is.True(!ty.Member().Present())

		ev, _ = model.ParseEventString(`{"t":"GUILD_MEMBER_UPDATE","s":7,"op":0,"d":{"user":{"username":"jomi","id":"45"},"roles":["12","13"],"nick":null,"guild_id":"53","joined_at":"2020-02-24T17:02:28.291017+00:00"}}`)
		mu, err := ev.GuildMemberUpdate()
		is.NoErr(err)
		is.Equal(mu.GuildID(), model.GuildID(53))
		is.Equal(mu.User().Username(), "jomi")
		_, ok := mu.Nick()
		is.True(!ok) // null nick
		is.True(mu.HasRole(13))
		is.Equal(mu.JoinedAt().Year(), 2020)

		ev, _ = model.ParseEventString(`{"t":"MESSAGE_REACTION_ADD","s":23,"op":0,"d":{"user_id":"86","type":1,"message_id":"13","emoji":{"name":"blob","id":"99","animated":true},"channel_id":"12","burst":true}}`)
		r, err := ev.MessageReactionAdd()
		is.NoErr(err)
		is.Equal(r.UserID(), model.UserID(86))
		is.Equal(r.MessageID(), model.MessageID(13))
		is.Equal(r.Emoji().APIName(), "blob:99")
		is.True(r.Emoji().Animated())
		is.True(r.Burst())
		is.Equal(r.Type(), model.ReactionBurst)
		is.Equal(r.GuildID(), model.GuildID(0)) // a DM
	})
	t.Run("interaction", func(t *testing.T) {
		is := is.New(t)
		ev, _ := model.ParseEventString(`{"t":"INTERACTION_CREATE","s":49,"op":0,"d":{"version":1,"type":2,"token":"tok","member":{"user":{"username":"e","id":"116"},"roles":[],"permissions":"8"},"id":"137","guild_id":"87","data":{"type":1,"options":[{"value":"872","type":6,"name":"user"},{"value":"because","type":3,"name":"reason"}],"name":"warn","id":"136"},"channel_id":"126","application_id":"779","app_permissions":"2048"}}`)
		v, err := ev.InteractionCreate()
		is.NoErr(err)
		is.Equal(v.ID(), model.InteractionID(137))
		is.Equal(v.Token(), "tok")
		is.Equal(v.Type(), model.InteractionApplicationCommand)
		is.Equal(v.Invoker().ID(), model.UserID(116))
		is.Equal(v.Member().Permissions(), model.PermissionAdministrator)
		is.Equal(v.AppPermissions(), model.PermissionSendMessages)
		d := v.Data()
		is.Equal(d.Name(), "warn")
		is.Equal(d.CommandID(), model.CommandID(136))
		o, ok := d.Option("reason")
		is.True(ok)
		is.Equal(o.Str, "because")
		full, err := v.Decode()
		is.NoErr(err)
		is.Equal(model.Option(full.Data.Options, "user").Value.Snowflake(), model.Snowflake(872))
	})
}

func TestViewOfWrongEvent(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEventString(`{"t":"TYPING_START","s":1,"op":0,"d":{}}`)
	is.NoErr(err)
	_, err = ev.MessageCreate()
	var te *model.EventTypeError
	is.True(errors.As(err, &te)) // a typed error
	is.Equal(te.Want, "MESSAGE_CREATE")
	is.Equal(te.Got, "TYPING_START")
}

func TestDeferredData(t *testing.T) {
	t.Run("members after d", func(t *testing.T) {
		is := is.New(t)
		ev, err := model.ParseEventString(`{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1"},"x":{}}`)
		is.NoErr(err)
		is.Equal(ev.Data(), `{"id":"1"}`) // d ends where it ends
		v, err := ev.MessageCreate()
		is.NoErr(err)
		is.Equal(v.ID(), model.MessageID(1))
		var m model.MessageDelete
		is.NoErr(ev.DecodeData(&m))
		is.Equal(m.ID, model.MessageID(1))
	})
	for name, in := range map[string]string{
		"trailing comma":      `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1",}}`,
		"open string":         `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"a":"}}`,
		"garbage after d":     `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1"} x {}}`,
		"bad member after d":  `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1"},"x":}}`,
		"unbalanced brackets": `{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"a":[}}`,
	} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			ev, err := model.ParseEventString(in)
			if err != nil {
				is.True(errors.Is(err, model.ErrMalformed)) // found at once
				return
			}
			_, err = ev.MessageCreate()
			is.True(errors.Is(err, model.ErrMalformed)) // found by the view
			_, err = ev.Decode()
			is.True(err != nil) // and by Decode
		})
	}
}

func TestEscapedKeys(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEventString(`{"\u0074":"MESSAGE_CREATE","s":1,"o\u0070":0,"d":{"\u0069d":"5","content":"x"}}`)
	is.NoErr(err)
	is.Equal(ev.Type, model.EventMessageCreate) // escaped envelope keys are read
	v, err := ev.MessageCreate()
	is.NoErr(err)
	is.Equal(v.ID(), model.MessageID(5)) // and escaped keys of d
}

func TestRawEventDataIsExact(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEventString(`{"t":"NEW_THING","s":1,"op":0,"d":{"a":{}},"extra":{}}`)
	is.NoErr(err)
	v, err := ev.Decode()
	is.NoErr(err)
	is.Equal(v.(model.RawEvent).Data, `{"a":{}}`) // d alone, not what follows it
}

func TestMoreViews(t *testing.T) {
	is := is.New(t)
	ev, _ := model.ParseEventString(`{"t":"THREAD_CREATE","s":1,"op":0,"d":{"type":11,"parent_id":"5","owner_id":"6","name":"t","id":"7","guild_id":"8","newly_created":true}}`)
	c, err := ev.Channel()
	is.NoErr(err)
	is.Equal(c.ID(), model.ChannelID(7))
	is.True(c.Type().IsThread())
	is.Equal(c.ParentID(), model.ChannelID(5))
	is.Equal(c.OwnerID(), model.UserID(6))
	is.True(c.Get("newly_created").Bool())

	ev, _ = model.ParseEventString(`{"t":"MESSAGE_DELETE","s":1,"op":0,"d":{"id":"1","channel_id":"2","guild_id":"3"}}`)
	md, err := ev.MessageDelete()
	is.NoErr(err)
	is.Equal(md.ID(), model.MessageID(1))
	is.Equal(md.ChannelID(), model.ChannelID(2))
	_, err = ev.Channel()
	is.True(err != nil) // not a channel event

	ev, _ = model.ParseEventString(`{"t":"GUILD_DELETE","s":1,"op":0,"d":{"id":"3","unavailable":true}}`)
	gd, err := ev.GuildDelete()
	is.NoErr(err)
	is.True(gd.Unavailable())

	ev, _ = model.ParseEventString(`{"t":"GUILD_MEMBER_REMOVE","s":1,"op":0,"d":{"user":{"id":"9","username":"x"},"guild_id":"3"}}`)
	gr, err := ev.GuildMemberRemove()
	is.NoErr(err)
	is.Equal(gr.User().Username(), "x")

	ev, _ = model.ParseEventString(`{"t":"VOICE_STATE_UPDATE","s":1,"op":0,"d":{"user_id":"9","session_id":"s","self_mute":true,"channel_id":null,"guild_id":"3"}}`)
	vs, err := ev.VoiceStateUpdate()
	is.NoErr(err)
	is.Equal(vs.ChannelID(), model.ChannelID(0)) // left voice
	is.True(vs.SelfMute())
	is.Equal(vs.SessionID(), "s")
}
