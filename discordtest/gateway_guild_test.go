package discordtest_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/gloamdev/gloam/discordtest"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// guildSession is a server of one guild and a client with every intent
// that has had the guild's GUILD_CREATE; the server closes with the test.
func guildSession(t *testing.T) (*discordtest.Server, *client) {
	t.Helper()
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	t.Cleanup(srv.Close)
	c, _ := connect(t, srv, "", int(model.IntentsAll))
	c.until(0, "GUILD_CREATE")
	return srv, c
}

// guildPlaces are a guild's first text and voice channels and a member
// who is not the bot.
func guildPlaces(t *testing.T, srv *discordtest.Server) (g discordtest.Guild, text, voice model.ChannelID, user model.UserID) {
	t.Helper()
	w := srv.World()
	g = w.Guilds()[0]
	for _, ch := range g.Channels {
		switch {
		case ch.Type == model.ChannelGuildText && text == 0:
			text = ch.ID
		case ch.Type == model.ChannelGuildVoice && voice == 0:
			voice = ch.ID
		}
	}
	for _, m := range g.Members {
		if m.User.ID != w.Bot().ID {
			user = m.User.ID
			break
		}
	}
	if text == 0 || voice == 0 || user == 0 {
		t.Fatal("the guild lacks a text channel, a voice channel or a member")
	}
	return g, text, voice, user
}

// A GUILD_CREATE carries what the REST API made of the guild: live
// stages, scheduled events with their user counts, soundboard sounds,
// active threads with the bot's thread member (without its ids) and
// voice states (without the guild's ID), as Discord sends them.
func TestGuildCreateCarriesRESTState(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	g, text, voice, user := guildPlaces(t, srv)
	gp := "/guilds/" + g.ID.String()

	var stage, ev, thread, archived struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", gp+"/channels", map[string]any{"name": "stage", "type": 13}, &stage), http.StatusCreated)
	is.Equal(call(t, srv, true, "POST", "/stage-instances", map[string]any{"channel_id": stage.ID, "topic": "live"}, nil), http.StatusOK)
	is.Equal(call(t, srv, true, "POST", gp+"/scheduled-events", map[string]any{"name": "picnic", "privacy_level": 2, "entity_type": 3,
		"scheduled_start_time": "2030-01-02T15:04:05+00:00", "entity_metadata": map[string]any{"location": "park"}}, &ev), http.StatusOK)
	id, err := model.ParseSnowflake(ev.ID)
	is.NoErr(err)
	is.NoErr(srv.AddScheduledEventUser(g.ID, id, user))
	is.Equal(call(t, srv, true, "POST", gp+"/soundboard-sounds", map[string]any{"name": "horn", "sound": "data:audio/ogg;base64,AA=="}, nil), http.StatusOK)
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "open", "type": 11}, &thread), http.StatusCreated)
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "old", "type": 11}, &archived), http.StatusCreated)
	is.Equal(call(t, srv, true, "PATCH", "/channels/"+archived.ID, map[string]any{"archived": true}, nil), http.StatusOK)
	is.NoErr(srv.JoinVoice(g.ID, user, voice))

	c, _ := connect(t, srv, "", int(model.IntentsAll))
	var gc struct {
		StageInstances []struct {
			ID        string `json:"id"`
			GuildID   string `json:"guild_id"`
			ChannelID string `json:"channel_id"`
			Topic     string `json:"topic"`
		} `json:"stage_instances"`
		Events []struct {
			ID        string `json:"id"`
			Name      string `json:"name"`
			UserCount int    `json:"user_count"`
		} `json:"guild_scheduled_events"`
		Sounds []struct {
			Name  string  `json:"name"`
			Sound *string `json:"sound"`
		} `json:"soundboard_sounds"`
		Threads []struct {
			ID     string          `json:"id"`
			Member json.RawMessage `json:"member"`
		} `json:"threads"`
		VoiceStates []map[string]any `json:"voice_states"`
	}
	is.NoErr(json.Unmarshal(c.until(0, "GUILD_CREATE").D, &gc))
	is.Equal(len(gc.StageInstances), 1)
	is.Equal(gc.StageInstances[0].ChannelID, stage.ID)
	is.Equal(gc.StageInstances[0].GuildID, g.ID.String())
	is.Equal(gc.StageInstances[0].Topic, "live")
	is.Equal(len(gc.Events), 1)
	is.Equal(gc.Events[0].ID, ev.ID)
	is.Equal(gc.Events[0].UserCount, 1) // with its interested user
	is.Equal(len(gc.Sounds), 1)
	is.Equal(gc.Sounds[0].Name, "horn")
	is.True(gc.Sounds[0].Sound == nil) // without the sound's data
	is.Equal(len(gc.Threads), 1)       // the active one only
	is.Equal(gc.Threads[0].ID, thread.ID)
	var member map[string]any
	is.NoErr(json.Unmarshal(gc.Threads[0].Member, &member))
	is.True(member["join_timestamp"] != nil) // the bot's thread member
	_, hasID := member["id"]
	_, hasUser := member["user_id"]
	is.True(!hasID && !hasUser) // without its ids, in GUILD_CREATE
	is.Equal(len(gc.VoiceStates), 1)
	is.Equal(gc.VoiceStates[0]["user_id"], user.String())
	_, hasGuild := gc.VoiceStates[0]["guild_id"]
	is.True(!hasGuild) // partial
}

// Integrations added to a guild reach its shard as Discord sends them,
// and the REST API lists and deletes them.
func TestIntegrationEvents(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, _, _, user := guildPlaces(t, srv)

	u := model.User{ID: user, Username: "adder"}
	in, err := srv.SetIntegration(g.ID, model.Integration{Name: "app", Type: "discord", Enabled: true, User: &u,
		Application: &model.IntegrationApplication{ID: 55, Name: "app"}, Scopes: []string{"bot"}})
	is.NoErr(err)
	is.True(in.ID != 0) // a fresh ID
	var ev map[string]any
	is.NoErr(json.Unmarshal(c.until(0, "INTEGRATION_CREATE").D, &ev))
	is.Equal(ev["id"], in.ID.String())
	is.Equal(ev["guild_id"], g.ID.String())
	_, hasUser := ev["user"]
	is.True(!hasUser) // the event leaves the user out
	is.Equal(c.mustRead().name(), "GUILD_INTEGRATIONS_UPDATE")

	in.Name = "app 2"
	_, err = srv.SetIntegration(g.ID, in)
	is.NoErr(err)
	is.NoErr(json.Unmarshal(c.until(0, "INTEGRATION_UPDATE").D, &ev))
	is.Equal(ev["name"], "app 2")
	is.Equal(c.mustRead().name(), "GUILD_INTEGRATIONS_UPDATE")

	path := "/guilds/" + g.ID.String() + "/integrations"
	var list []map[string]any
	is.Equal(call(t, srv, true, "GET", path, nil, &list), http.StatusOK)
	is.Equal(len(list), 1)
	is.Equal(list[0]["name"], "app 2")
	is.True(list[0]["user"] != nil) // the list has the user

	is.Equal(call(t, srv, true, "DELETE", path+"/"+in.ID.String(), nil, nil), http.StatusNoContent)
	var del map[string]any
	is.NoErr(json.Unmarshal(c.until(0, "INTEGRATION_DELETE").D, &del))
	is.Equal(del, map[string]any{"id": in.ID.String(), "guild_id": g.ID.String(), "application_id": "55"})
	is.Equal(c.mustRead().name(), "GUILD_INTEGRATIONS_UPDATE")
	var apiErr struct {
		Code int `json:"code"`
	}
	is.Equal(call(t, srv, true, "DELETE", path+"/"+in.ID.String(), nil, &apiErr), http.StatusNotFound)
	is.Equal(apiErr.Code, 10005) // Unknown Integration
	list = nil
	is.Equal(call(t, srv, true, "GET", path, nil, &list), http.StatusOK)
	is.Equal(len(list), 0)

	_, err = srv.SetIntegration(1, in)
	is.True(errors.Is(err, discordtest.ErrUnknown)) // no such guild
}

// Who is in a thread reaches the bot as Discord sends it: added members
// with their guild member, only the bot's own changes without
// GUILD_MEMBERS, and the bot's thread member after an unarchive.
func TestThreadMemberEvents(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, IdentifyWindow: -1})
	defer srv.Close()
	g, text, _, user := guildPlaces(t, srv)
	bot := srv.World().Bot().ID
	all, _ := connect(t, srv, "", int(model.IntentsAll))
	all.until(0, "GUILD_CREATE")
	guilds, _ := connect(t, srv, "", int(model.IntentGuilds))
	guilds.until(0, "GUILD_CREATE")

	var thread struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "t", "type": 11}, &thread), http.StatusCreated)
	members := "/channels/" + thread.ID + "/thread-members/"
	is.Equal(call(t, srv, true, "PUT", members+user.String(), nil, nil), http.StatusNoContent)
	var up struct {
		ID           string `json:"id"`
		GuildID      string `json:"guild_id"`
		MemberCount  int    `json:"member_count"`
		AddedMembers []struct {
			UserID string `json:"user_id"`
			Member struct {
				User struct {
					ID string `json:"id"`
				} `json:"user"`
			} `json:"member"`
			Presence json.RawMessage `json:"presence"`
		} `json:"added_members"`
		RemovedMemberIDs []string `json:"removed_member_ids"`
	}
	is.NoErr(json.Unmarshal(all.until(0, "THREAD_MEMBERS_UPDATE").D, &up))
	is.Equal(up.GuildID, g.ID.String())
	is.Equal(up.MemberCount, 2)
	is.Equal(len(up.AddedMembers), 1)
	is.Equal(up.AddedMembers[0].UserID, user.String())
	is.Equal(up.AddedMembers[0].Member.User.ID, user.String()) // with the guild member
	is.True(len(up.AddedMembers[0].Presence) > 0)              // and the presence, null or not

	is.Equal(call(t, srv, true, "DELETE", members+"@me", nil, nil), http.StatusNoContent)
	is.NoErr(json.Unmarshal(all.until(0, "THREAD_MEMBERS_UPDATE").D, &up))
	is.Equal(up.RemovedMemberIDs, []string{bot.String()})
	up.RemovedMemberIDs = nil
	is.NoErr(json.Unmarshal(guilds.until(0, "THREAD_MEMBERS_UPDATE").D, &up))
	is.Equal(up.RemovedMemberIDs, []string{bot.String()}) // without GUILD_MEMBERS, the other's join was not sent

	is.Equal(call(t, srv, true, "PUT", members+"@me", nil, nil), http.StatusNoContent)
	is.Equal(call(t, srv, true, "PATCH", "/channels/"+thread.ID, map[string]any{"archived": true}, nil), http.StatusOK)
	is.Equal(call(t, srv, true, "PATCH", "/channels/"+thread.ID, map[string]any{"archived": false}, nil), http.StatusOK)
	for p := all.until(0, "THREAD_UPDATE"); ; p = all.mustRead() {
		var tu struct {
			Meta struct {
				Archived bool `json:"archived"`
			} `json:"thread_metadata"`
		}
		is.NoErr(json.Unmarshal(p.D, &tu))
		if p.name() == "THREAD_UPDATE" && !tu.Meta.Archived {
			break
		}
	}
	var me map[string]any
	p := all.mustRead()
	is.Equal(p.name(), "THREAD_MEMBER_UPDATE") // right after the unarchive
	is.NoErr(json.Unmarshal(p.D, &me))
	is.Equal(me["id"], thread.ID)
	is.Equal(me["user_id"], bot.String())
	is.Equal(me["guild_id"], g.ID.String())
}

// A user who loses interest in a scheduled event leaves its users and its
// count, and GUILD_SCHEDULED_EVENT_USER_REMOVE is sent.
func TestScheduledEventUserRemove(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, _, _, user := guildPlaces(t, srv)
	base := "/guilds/" + g.ID.String() + "/scheduled-events"
	var ev struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", base, map[string]any{"name": "picnic", "privacy_level": 2, "entity_type": 3,
		"scheduled_start_time": "2030-01-02T15:04:05+00:00"}, &ev), http.StatusOK)
	id, err := model.ParseSnowflake(ev.ID)
	is.NoErr(err)
	is.NoErr(srv.AddScheduledEventUser(g.ID, id, user))
	c.until(0, "GUILD_SCHEDULED_EVENT_USER_ADD")
	is.NoErr(srv.RemoveScheduledEventUser(g.ID, id, user))
	var rm map[string]any
	is.NoErr(json.Unmarshal(c.until(0, "GUILD_SCHEDULED_EVENT_USER_REMOVE").D, &rm))
	is.Equal(rm, map[string]any{"guild_scheduled_event_id": ev.ID, "user_id": user.String(), "guild_id": g.ID.String()})
	var got struct {
		UserCount int `json:"user_count"`
	}
	is.Equal(call(t, srv, true, "GET", base+"/"+ev.ID+"?with_user_count=true", nil, &got), http.StatusOK)
	is.Equal(got.UserCount, 0)
	var users []any
	is.Equal(call(t, srv, true, "GET", base+"/"+ev.ID+"/users", nil, &users), http.StatusOK)
	is.Equal(len(users), 0)
	is.NoErr(srv.RemoveScheduledEventUser(g.ID, id, user))                                     // not interested: nothing to do
	is.True(errors.Is(srv.RemoveScheduledEventUser(g.ID, id+1, user), discordtest.ErrUnknown)) // no such event
}

// Threads reach the bot only in channels it can see: THREAD_CREATE is not
// sent in a channel hidden from it, and THREAD_LIST_SYNC brings the
// channel's active threads, with the bot's thread members, once it sees
// the channel again.
func TestThreadListSyncOnAccess(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, text, _, _ := guildPlaces(t, srv)
	bot := srv.World().Bot().ID

	perm := "/channels/" + text.String() + "/permissions/" + bot.String()
	is.Equal(call(t, srv, true, "PUT", perm, map[string]any{"type": 1, "deny": "1024"}, nil), http.StatusNoContent)
	var thread struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "hidden", "type": 11}, &thread), http.StatusCreated)
	is.Equal(call(t, srv, true, "DELETE", perm, nil, nil), http.StatusNoContent)
	var seen []string
	var p = c.mustRead()
	for ; p.name() != "THREAD_LIST_SYNC"; p = c.mustRead() {
		seen = append(seen, p.name())
	}
	is.True(slices.Contains(seen, "CHANNEL_UPDATE")) // the overwrites
	is.True(!slices.Contains(seen, "THREAD_CREATE")) // no THREAD_CREATE while hidden
	var sync struct {
		GuildID    string   `json:"guild_id"`
		ChannelIDs []string `json:"channel_ids"`
		Threads    []struct {
			ID string `json:"id"`
		} `json:"threads"`
		Members []struct {
			ID     string `json:"id"`
			UserID string `json:"user_id"`
		} `json:"members"`
	}
	is.NoErr(json.Unmarshal(p.D, &sync))
	is.Equal(sync.GuildID, g.ID.String())
	is.Equal(sync.ChannelIDs, []string{text.String()})
	is.Equal(len(sync.Threads), 1)
	is.Equal(sync.Threads[0].ID, thread.ID)
	is.Equal(len(sync.Members), 1)
	is.Equal(sync.Members[0].ID, thread.ID)
	is.Equal(sync.Members[0].UserID, bot.String()) // the bot's membership
}

// Access gained through a role reaches the bot as THREAD_LIST_SYNC too:
// a role given to it that a channel's overwrite lets see the channel.
func TestThreadListSyncOnRoleGiven(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, text, _, _ := guildPlaces(t, srv)
	bot := srv.World().Bot().ID

	var role struct {
		ID string `json:"id"`
	}
	gp := "/guilds/" + g.ID.String()
	is.Equal(call(t, srv, true, "POST", gp+"/roles", map[string]any{"name": "readers"}, &role), http.StatusOK)
	perms := "/channels/" + text.String() + "/permissions/"
	is.Equal(call(t, srv, true, "PUT", perms+role.ID, map[string]any{"type": 0, "allow": "1024"}, nil), http.StatusNoContent)
	is.Equal(call(t, srv, true, "PUT", perms+g.ID.String(), map[string]any{"type": 0, "deny": "1024"}, nil), http.StatusNoContent) // hidden from @everyone
	var thread struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "hidden", "type": 11}, &thread), http.StatusCreated)
	is.Equal(call(t, srv, true, "PUT", gp+"/members/"+bot.String()+"/roles/"+role.ID, nil, nil), http.StatusNoContent)
	var sync struct {
		ChannelIDs []string `json:"channel_ids"`
		Threads    []struct {
			ID string `json:"id"`
		} `json:"threads"`
	}
	is.NoErr(json.Unmarshal(c.until(0, "THREAD_LIST_SYNC").D, &sync))
	is.Equal(sync.ChannelIDs, []string{text.String()}) // the channel the role opened
	is.Equal(len(sync.Threads), 1)
	is.Equal(sync.Threads[0].ID, thread.ID)
}

// The bot added to a thread gets THREAD_CREATE with its thread member,
// before THREAD_MEMBERS_UPDATE, whether it joins or a user adds it.
func TestThreadCreateWhenBotAdded(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	_, text, _, _ := guildPlaces(t, srv)
	bot := srv.World().Bot().ID
	var thread struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "secret", "type": 12}, &thread), http.StatusCreated)
	c.until(0, "THREAD_CREATE")
	id, err := model.ParseSnowflake(thread.ID)
	is.NoErr(err)
	me := "/channels/" + thread.ID + "/thread-members/@me"
	for _, add := range []func(){
		func() { is.Equal(call(t, srv, true, "PUT", me, nil, nil), http.StatusNoContent) },
		func() { is.NoErr(srv.AddThreadMember(model.ChannelID(id), bot)) },
	} {
		is.Equal(call(t, srv, true, "DELETE", me, nil, nil), http.StatusNoContent)
		c.until(0, "THREAD_MEMBERS_UPDATE")
		add()
		p := c.mustRead()
		for p.name() != "THREAD_CREATE" && p.name() != "THREAD_MEMBERS_UPDATE" {
			p = c.mustRead()
		}
		is.Equal(p.name(), "THREAD_CREATE") // first
		var ev struct {
			ID           string `json:"id"`
			Type         int    `json:"type"`
			NewlyCreated *bool  `json:"newly_created"`
			Member       struct {
				UserID string `json:"user_id"`
			} `json:"member"`
		}
		is.NoErr(json.Unmarshal(p.D, &ev))
		is.Equal(ev.ID, thread.ID)
		is.Equal(ev.Type, 12)
		is.True(ev.NewlyCreated == nil)          // not new
		is.Equal(ev.Member.UserID, bot.String()) // with the bot's thread member
		c.until(0, "THREAD_MEMBERS_UPDATE")
	}
	is.True(errors.Is(srv.AddThreadMember(1, bot), discordtest.ErrUnknown)) // no such thread
}

// GUILD_AUDIT_LOG_ENTRY_CREATE is the entry the log keeps, with the
// guild's ID.
func TestAuditLogEntryCreateEvent(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, _, _, _ := guildPlaces(t, srv)
	var emoji struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/guilds/"+g.ID.String()+"/emojis", map[string]any{"name": "wave", "image": "data:image/png;base64,AAAA"}, &emoji), http.StatusCreated)
	var ev struct {
		GuildID    string `json:"guild_id"`
		ActionType int    `json:"action_type"`
		TargetID   string `json:"target_id"`
		Changes    []struct {
			Key      string `json:"key"`
			NewValue any    `json:"new_value"`
			OldValue any    `json:"old_value"`
		} `json:"changes"`
	}
	is.NoErr(json.Unmarshal(c.until(0, "GUILD_AUDIT_LOG_ENTRY_CREATE").D, &ev))
	is.Equal(ev.GuildID, g.ID.String())
	is.Equal(ev.ActionType, int(model.AuditLogEmojiCreate))
	is.Equal(ev.TargetID, emoji.ID)
	named := false
	for _, ch := range ev.Changes {
		is.True(ch.OldValue == nil) // a create has new values only
		named = named || ch.Key == "name" && ch.NewValue == "wave"
	}
	is.True(named) // the emoji's name
}

// Request Soundboard Sounds (op 31) is answered with SOUNDBOARD_SOUNDS
// for each guild of the shard asked for.
func TestRequestSoundboardSounds(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1})
	defer srv.Close()
	g, _, _, _ := guildPlaces(t, srv)
	for _, name := range []string{"horn", "drum"} {
		is.Equal(call(t, srv, true, "POST", "/guilds/"+g.ID.String()+"/soundboard-sounds",
			map[string]any{"name": name, "sound": "data:audio/ogg;base64,AA=="}, nil), http.StatusOK)
	}
	c, _ := connect(t, srv, "", int(model.IntentGuilds))
	c.until(0, "GUILD_CREATE")
	c.send(map[string]any{"op": 31, "d": map[string]any{"guild_ids": []string{"1", g.ID.String()}}})
	var ev struct {
		GuildID string `json:"guild_id"`
		Sounds  []struct {
			Name string `json:"name"`
		} `json:"soundboard_sounds"`
	}
	is.NoErr(json.Unmarshal(c.until(0, "SOUNDBOARD_SOUNDS").D, &ev))
	is.Equal(ev.GuildID, g.ID.String()) // the unknown guild is skipped
	is.Equal(len(ev.Sounds), 2)
	is.Equal(ev.Sounds[1].Name, "drum")

	c.send(map[string]any{"op": 31, "d": map[string]any{"guild_ids": "all"}})
	is.Equal(c.closeCode(), 4002) // a malformed request
}

// Deleting a stage channel ends its live stage (STAGE_INSTANCE_DELETE),
// and deleting a channel takes its threads: neither comes back in a later
// GUILD_CREATE.
func TestChannelDeleteEndsItsStageAndThreads(t *testing.T) {
	is := is.New(t)
	srv := discordtest.NewServer(&discordtest.Options{Guilds: 1, IdentifyWindow: -1})
	defer srv.Close()
	g, text, _, _ := guildPlaces(t, srv)
	var stage, st struct {
		ID string `json:"id"`
	}
	is.Equal(call(t, srv, true, "POST", "/guilds/"+g.ID.String()+"/channels", map[string]any{"name": "stage", "type": 13}, &stage), http.StatusCreated)
	is.Equal(call(t, srv, true, "POST", "/stage-instances", map[string]any{"channel_id": stage.ID, "topic": "live"}, &st), http.StatusOK)
	is.Equal(call(t, srv, true, "POST", "/channels/"+text.String()+"/threads", map[string]any{"name": "t", "type": 11}, nil), http.StatusCreated)
	c, _ := connect(t, srv, "", int(model.IntentsAll))
	c.until(0, "GUILD_CREATE")

	is.Equal(call(t, srv, true, "DELETE", "/channels/"+stage.ID, nil, nil), http.StatusOK)
	var ended struct {
		ID        string `json:"id"`
		ChannelID string `json:"channel_id"`
	}
	is.NoErr(json.Unmarshal(c.until(0, "STAGE_INSTANCE_DELETE").D, &ended))
	is.Equal(ended.ID, st.ID)
	is.Equal(ended.ChannelID, stage.ID)
	is.Equal(c.mustRead().name(), "CHANNEL_DELETE")
	is.Equal(call(t, srv, true, "GET", "/stage-instances/"+stage.ID, nil, nil), http.StatusNotFound)
	is.Equal(call(t, srv, true, "DELETE", "/channels/"+text.String(), nil, nil), http.StatusOK)

	again, _ := connect(t, srv, "", int(model.IntentsAll))
	var gc struct {
		Stages  []any `json:"stage_instances"`
		Threads []any `json:"threads"`
	}
	is.NoErr(json.Unmarshal(again.until(0, "GUILD_CREATE").D, &gc))
	is.Equal(len(gc.Stages), 0)  // the stage ended
	is.Equal(len(gc.Threads), 0) // the thread went with its channel
}

// A soundboard sound's data goes up with its upload and never comes back:
// not in the REST answers, nor in the events the routes send.
func TestSoundEventsLeaveOutTheData(t *testing.T) {
	is := is.New(t)
	srv, c := guildSession(t)
	g, _, _, _ := guildPlaces(t, srv)
	base := "/guilds/" + g.ID.String() + "/soundboard-sounds"
	noData := func(raw []byte) bool {
		var m map[string]any
		is.NoErr(json.Unmarshal(raw, &m))
		_, has := m["sound"]
		return !has && m["name"] != nil
	}
	var snd struct {
		SoundID string `json:"sound_id"`
	}
	is.Equal(call(t, srv, true, "POST", base, map[string]any{"name": "horn", "sound": "data:audio/ogg;base64,AA=="}, &snd), http.StatusOK)
	is.True(noData(c.until(0, "GUILD_SOUNDBOARD_SOUND_CREATE").D))
	var got json.RawMessage
	is.Equal(call(t, srv, true, "GET", base+"/"+snd.SoundID, nil, &got), http.StatusOK)
	is.True(noData(got)) // Get Guild Soundboard Sound
	is.Equal(call(t, srv, true, "PATCH", base+"/"+snd.SoundID, map[string]any{"name": "hoot"}, &got), http.StatusOK)
	is.True(noData(got)) // the update's answer
	is.True(noData(c.until(0, "GUILD_SOUNDBOARD_SOUND_UPDATE").D))
	is.Equal(call(t, srv, true, "DELETE", base+"/"+snd.SoundID, nil, nil), http.StatusNoContent)
	is.True(noData(c.until(0, "GUILD_SOUNDBOARD_SOUND_DELETE").D))
}
