package cachetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
)

var cases = []testCase{
	{name: "Ready", run: func(h *harness) {
		h.apply("READY", ready())
		u, ok := h.c.CurrentUser()
		h.is.True(ok) // current user from READY
		want := wantUser(botID, "bot", 0)
		want.Bot = true
		h.equal(u, want, "current user")
		g, ok := h.c.Guild(guildA)
		h.is.True(ok) // unavailable guild from READY
		h.equal(g, cache.Guild{ID: guildA, Unavailable: true}, "unavailable guild")
		s, ok := h.c.Session(0)
		h.is.True(ok) // session stored
		h.equal(s, model.Session{ID: "sess1", Seq: 1, ResumeURL: "wss://resume.example"}, "session")
		h.apply("TYPING_START", `{"channel_id":"1","user_id":"2"}`)
		s, _ = h.c.Session(0)
		h.is.Equal(s.Seq, int64(2)) // events the cache ignores still advance the session
		h.is.Equal(s.ID, "sess1")   // the session ID stays
	}},

	{name: "GuildCreate", run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("GUILD_CREATE", guildCreate(guildA))
		g, ok := h.c.Guild(guildA)
		h.is.True(ok) // guild cached
		h.equal(g, wantGuild(guildA, 3), "guild")

		h.equal(sortBy(collect(h.c.Roles(guildA)), func(r cache.Role) uint64 { return uint64(r.ID) }),
			[]cache.Role{
				wantRole(guildA, guildA, "@everyone", everyonePerms, 0),
				wantRole(guildA, roleMod, "mod", model.PermissionManageMessages|model.PermissionKickMembers, 2),
				wantRole(guildA, roleAdm, "admin", model.PermissionAdministrator, 3),
				wantRole(guildA, roleMute, "muted", 0, 1),
			}, "roles")
		r, ok := h.c.Role(guildA, roleMod)
		h.is.True(ok) // role by ID
		h.is.Equal(r.Name, "mod")

		text := wantChannel(guildA, chanText, 0, chanCat, "general",
			model.PermissionOverwrite{ID: guildA, Type: 0, Deny: model.PermissionAddReactions},
			model.PermissionOverwrite{ID: roleMute, Type: 0, Deny: model.PermissionSendMessages},
			model.PermissionOverwrite{ID: roleMod, Type: 0, Allow: model.PermissionSendMessages | model.PermissionManageThreads},
			model.PermissionOverwrite{ID: userB, Type: 1, Allow: model.PermissionAddReactions})
		h.equal(sortBy(collect(h.c.Channels(guildA)), func(c cache.Channel) uint64 { return uint64(c.ID) }),
			[]cache.Channel{
				wantChannel(guildA, chanCat, 4, 0, "Category",
					model.PermissionOverwrite{ID: guildA, Type: 0, Deny: model.PermissionViewChannel}),
				text,
				wantChannel(guildA, chanVox, 2, chanCat, "voice"),
			}, "channels")
		ch, ok := h.c.Channel(chanText)
		h.is.True(ok) // channel by ID alone
		h.equal(ch, text, "channel")
		th, ok := h.c.Channel(thread1)
		h.is.True(ok) // thread by ID alone
		h.equal(th, wantThread(guildA, thread1, chanText, "thread one", false), "thread")
		h.equal(collect(h.c.Threads(guildA)), []cache.Channel{wantThread(guildA, thread1, chanText, "thread one", false)}, "threads")

		h.equal(sortBy(collect(h.c.Members(guildA)), func(m cache.Member) uint64 { return uint64(m.UserID) }),
			[]cache.Member{
				wantMember(guildA, ownerID, ""),
				wantMember(guildA, userA, "Al", roleMod),
				wantMember(guildA, userB, "", roleMute, roleMod),
			}, "members")
		u, ok := h.c.User(userA)
		h.is.True(ok) // user of a member
		h.equal(u, wantUser(userA, "alice", 1), "user")
		n := 0
		for m, u := range h.c.MemberUsers(guildA) {
			h.is.Equal(uint64(m.UserID), uint64(u.ID)) // member and user agree
			n++
		}
		h.is.Equal(n, 3) // every member with its user

		p, ok := h.c.Presence(guildA, userA)
		h.is.True(ok) // presence
		h.equal(p, wantPresence(guildA, userA, model.StatusOnline), "presence")
		_, ok = h.c.Presence(guildA, userB)
		h.is.True(!ok) // no presence for offline members

		v, ok := h.c.VoiceState(guildA, userA)
		h.is.True(ok) // voice state
		h.equal(v, wantVoice(guildA, userA, chanVox), "voice state")
		e, ok := h.c.Emoji(guildA, emoji1)
		h.is.True(ok) // emoji
		h.equal(e, wantEmoji(guildA, emoji1, "blob"), "emoji")
		st, ok := h.c.Sticker(guildA, sticker1)
		h.is.True(ok) // sticker
		h.equal(st, wantSticker(guildA, sticker1, "wave"), "sticker")
		h.is.Equal(len(collect(h.c.Emojis(guildA))), 1)   // emojis
		h.is.Equal(len(collect(h.c.Stickers(guildA))), 1) // stickers

		g2, _ := h.c.Guild(guildB)
		h.is.True(g2.Unavailable) // the other guild is still unavailable
	}},

	{name: "GuildCreateUnavailable", run: func(h *harness) {
		h.apply("GUILD_CREATE", fmt.Sprintf(`{"id":"%d","unavailable":true}`, guildB))
		g, ok := h.c.Guild(guildB)
		h.is.True(ok) // an unavailable guild is known
		h.equal(g, cache.Guild{ID: guildB, Unavailable: true}, "guild")
		h.is.Equal(h.c.Stats().Members, 0) // and has nothing else
	}},

	{name: "GuildCreateReplaces", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA, jsonMember(userC, "carol", "")))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		h.apply("GUILD_CREATE", guildCreate(guildA))
		_, ok := h.c.Member(guildA, userC)
		h.is.True(!ok) // a member gone from the new GUILD_CREATE is gone
		_, ok = h.c.User(userC)
		h.is.True(!ok) // and so is its user
		u, _ := h.c.User(userA)
		h.is.Equal(u.Guilds, int32(1)) // users are not counted twice
		h.is.Equal(h.c.Stats().Members, 3)
		h.apply("GUILD_CREATE", guildCreate(guildA, jsonMember(userA, "alice", "Al", roleMod)))
		u, _ = h.c.User(userA)
		h.is.Equal(u.Guilds, int32(1)) // a member sent twice counts once
		h.apply("GUILD_MEMBER_REMOVE", fmt.Sprintf(`{"guild_id":"%d","user":{"id":"%d"}}`, guildA, userA))
		_, ok = h.c.User(userA)
		h.is.True(!ok) // and goes with one removal
	}},

	{name: "GuildUpdate", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_UPDATE", fmt.Sprintf(`{"id":"%d","name":"Renamed","icon":null,"owner_id":"%d","features":["NEWS"],"preferred_locale":"fr","description":null,"afk_timeout":60}`, guildA, userA))
		g, _ := h.c.Guild(guildA)
		want := cache.Guild{ID: guildA, Name: "Renamed", OwnerID: userA, Features: []string{"NEWS"},
			PreferredLocale: "fr", AFKTimeout: 60, MemberCount: 3, JoinedAt: tm("2025-01-02T07:01:17.316643+00:00"),
			SystemChannelID: chanText, VerificationLevel: 2, PremiumTier: 1}
		h.equal(g, want, "updated guild: fields sent replaced, fields absent kept")
		h.apply("GUILD_UPDATE", fmt.Sprintf(`{"id":"%d","name":"Again"}`, guildA))
		g, _ = h.c.Guild(guildA)
		h.equal(g.Features, []string{"NEWS"}, "features absent from an update are kept")
		h.is.Equal(h.c.Stats().Members, 3) // members untouched
	}},

	{name: "GuildDeleteUnavailable", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d","unavailable":true}`, guildA))
		g, ok := h.c.Guild(guildA)
		h.is.True(ok)            // the guild is kept
		h.is.True(g.Unavailable) // marked unavailable
		h.is.Equal(g.Name, "Guild 100")
		_, ok = h.c.Member(guildA, userA)
		h.is.True(ok) // with its data
		h.apply("GUILD_CREATE", guildCreate(guildA))
		g, _ = h.c.Guild(guildA)
		h.is.True(!g.Unavailable) // available again
	}},

	{name: "GuildDeleteLeft", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_CREATE", guildCreate(guildB))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		u, _ := h.c.User(userA)
		h.is.Equal(u.Guilds, int32(2)) // one user shared by two guilds
		h.is.Equal(h.c.Stats().Users, 3)
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		_, ok := h.c.Guild(guildA)
		h.is.True(!ok) // the guild is gone
		h.equal(h.c.GuildStats(guildA), cache.Stats{}, "nothing is left of the guild")
		u, ok = h.c.User(userA)
		h.is.True(ok) // the user stays for the other guild
		h.is.Equal(u.Guilds, int32(1))
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildB))
		s := h.c.Stats()
		s.Bytes = 0
		h.equal(s, cache.Stats{}, "everything is freed")
	}},

	{name: "Channels", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("CHANNEL_CREATE", jsonChannel(guildA, 115, 0, chanCat, "new", ""))
		ch, ok := h.c.Channel(115)
		h.is.True(ok) // created
		h.equal(ch, wantChannel(guildA, 115, 0, chanCat, "new"), "created channel")
		h.apply("CHANNEL_UPDATE", jsonChannel(guildA, 115, 0, 0, "renamed", jsonOverwrite(userA, 1, model.PermissionSendMessages, 0)))
		ch, _ = h.c.Channel(115)
		h.equal(ch, wantChannel(guildA, 115, 0, 0, "renamed",
			model.PermissionOverwrite{ID: userA, Type: 1, Allow: model.PermissionSendMessages}), "updated channel")
		h.apply("CHANNEL_PINS_UPDATE", fmt.Sprintf(`{"guild_id":"%d","channel_id":"115","last_pin_timestamp":"2025-06-01T12:00:00+00:00"}`, guildA))
		ch, _ = h.c.Channel(115)
		h.is.Equal(ch.LastPinTimestamp, tm("2025-06-01T12:00:00+00:00")) // pins update
		h.apply("MESSAGE_CREATE", jsonMessage(115, 1000, userA, "hi"))
		h.apply("CHANNEL_DELETE", jsonChannel(guildA, 115, 0, 0, "renamed", ""))
		_, ok = h.c.Channel(115)
		h.is.True(!ok) // deleted
		_, ok = h.c.Message(115, 1000)
		h.is.True(!ok) // with its messages
		h.apply("CHANNEL_DELETE", jsonChannel(guildA, chanText, 0, 0, "general", ""))
		_, ok = h.c.Channel(thread1)
		h.is.True(!ok) // and its threads
		h.is.Equal(h.c.GuildStats(guildA).Channels, 2)
	}},

	{name: "Threads", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("THREAD_CREATE", jsonThread(guildA, thread2, chanText, "two", false))
		th, ok := h.c.Channel(thread2)
		h.is.True(ok) // created
		h.equal(th, wantThread(guildA, thread2, chanText, "two", false), "created thread")
		h.apply("THREAD_UPDATE", jsonThread(guildA, thread2, chanText, "two!", true))
		th, _ = h.c.Channel(thread2)
		h.equal(th, wantThread(guildA, thread2, chanText, "two!", true), "updated thread")
		h.apply("THREAD_MEMBERS_UPDATE", fmt.Sprintf(`{"id":"%d","guild_id":"%d","member_count":12,"added_members":[],"removed_member_ids":[]}`, thread2, guildA))
		th, _ = h.c.Channel(thread2)
		h.is.Equal(th.MemberCount, int32(12)) // member count
		h.apply("MESSAGE_CREATE", jsonMessage(thread2, 1000, userA, "in thread"))
		h.apply("THREAD_DELETE", fmt.Sprintf(`{"id":"%d","guild_id":"%d","parent_id":"%d","type":11}`, thread2, guildA, chanText))
		_, ok = h.c.Channel(thread2)
		h.is.True(!ok) // deleted
		_, ok = h.c.Message(thread2, 1000)
		h.is.True(!ok) // with its messages
	}},

	{name: "ThreadListSync", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("THREAD_CREATE", jsonThread(guildA, 122, chanVox, "other parent", false))
		// Sync of chanText's threads: thread1 is gone, thread2 is new;
		// the thread of chanVox is not touched.
		h.apply("THREAD_LIST_SYNC", fmt.Sprintf(`{"guild_id":"%d","channel_ids":["%d"],"threads":[%s],"members":[]}`,
			guildA, chanText, jsonThread(guildA, thread2, chanText, "two", false)))
		got := sortBy(collect(h.c.Threads(guildA)), func(c cache.Channel) uint64 { return uint64(c.ID) })
		h.equal(got, []cache.Channel{
			wantThread(guildA, thread2, chanText, "two", false),
			wantThread(guildA, 122, chanVox, "other parent", false),
		}, "synced threads")
		// Without channel_ids the whole guild is synced.
		h.apply("THREAD_LIST_SYNC", fmt.Sprintf(`{"guild_id":"%d","threads":[],"members":[]}`, guildA))
		h.is.Equal(len(collect(h.c.Threads(guildA))), 0) // all threads gone
	}},

	{name: "Roles", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_ROLE_CREATE", fmt.Sprintf(`{"guild_id":"%d","role":%s}`, guildA, jsonRole(105, "new", model.PermissionSpeak, 4)))
		r, ok := h.c.Role(guildA, 105)
		h.is.True(ok) // created
		h.equal(r, wantRole(guildA, 105, "new", model.PermissionSpeak, 4), "created role")
		h.apply("GUILD_ROLE_UPDATE", fmt.Sprintf(`{"guild_id":"%d","role":{"id":"105","name":"bot role","color":1,"hoist":false,"position":5,"permissions":"8","managed":true,"mentionable":false,"flags":1,"icon":%q,"unicode_emoji":"🙂","tags":{"bot_id":"77","premium_subscriber":null}}}`, guildA, hashA))
		r, _ = h.c.Role(guildA, 105)
		h.equal(r, cache.Role{ID: 105, GuildID: guildA, Name: "bot role", Color: 1, Position: 5,
			Permissions: model.PermissionAdministrator, Managed: true, Flags: 1, Icon: hash(hashA),
			UnicodeEmoji: "🙂", BotID: 77, PremiumSubscriber: true}, "updated role")
		h.apply("GUILD_ROLE_DELETE", fmt.Sprintf(`{"guild_id":"%d","role_id":"105"}`, guildA))
		_, ok = h.c.Role(guildA, 105)
		h.is.True(!ok) // deleted
		h.is.Equal(h.c.GuildStats(guildA).Roles, 4)
	}},

	{name: "RoleDeleteMembers", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_CREATE", guildCreate(guildB))
		byID := func(m cache.Member) uint64 { return uint64(m.UserID) }
		puts := h.b.Puts(cache.KindMember)
		h.apply("GUILD_ROLE_DELETE", fmt.Sprintf(`{"guild_id":"%d","role_id":"%d"}`, guildA, roleMod))
		_, ok := h.c.Role(guildA, roleMod)
		h.is.True(!ok) // role deleted
		h.equal(sortBy(collect(h.c.Members(guildA)), byID), []cache.Member{
			wantMember(guildA, ownerID, ""),
			wantMember(guildA, userA, "Al"),
			wantMember(guildA, userB, "", roleMute),
		}, "the role leaves its members")
		h.is.Equal(h.b.Puts(cache.KindMember)-puts, 2) // only the members holding the role are written
		h.equal(sortBy(collect(h.c.Members(guildB)), byID), []cache.Member{
			wantMember(guildB, ownerID, ""),
			wantMember(guildB, userA, "Al", roleMod),
			wantMember(guildB, userB, "", roleMute, roleMod),
		}, "the other guild's members keep theirs")
		u, _ := h.c.User(userA)
		h.equal(u, wantUser(userA, "alice", 2), "users are not counted again")

		puts = h.b.Puts(cache.KindMember)
		h.apply("GUILD_ROLE_DELETE", fmt.Sprintf(`{"guild_id":"%d","role_id":"%d"}`, guildA, roleAdm))
		h.is.Equal(h.b.Puts(cache.KindMember)-puts, 0) // a role nobody holds rewrites no member
		h.is.Equal(h.c.GuildStats(guildA).Roles, 2)
	}},

	{name: "RoleDeleteNoRoles", opts: &cache.Options{Resources: cache.ResourceGuilds | cache.ResourceMembers}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_ROLE_DELETE", fmt.Sprintf(`{"guild_id":"%d","role_id":"%d"}`, guildA, roleMod))
		h.equal(sortBy(collect(h.c.Members(guildA)), func(m cache.Member) uint64 { return uint64(m.UserID) }), []cache.Member{
			wantMember(guildA, ownerID, ""),
			wantMember(guildA, userA, "Al"),
			wantMember(guildA, userB, "", roleMute),
		}, "members lose the role though roles are not cached")
		h.is.Equal(h.c.GuildStats(guildA).Roles, 0) // no roles cached
	}},

	{name: "RoleDeleteNoMembers", opts: &cache.Options{Resources: cache.ResourceGuilds | cache.ResourceRoles}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_ROLE_DELETE", fmt.Sprintf(`{"guild_id":"%d","role_id":"%d"}`, guildA, roleMod))
		_, ok := h.c.Role(guildA, roleMod)
		h.is.True(!ok)                                // role deleted
		h.is.Equal(h.c.GuildStats(guildA).Members, 0) // no members cached
	}},

	{name: "Members", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_CREATE", guildCreate(guildB))
		add := strings.Replace(jsonMember(userC, "carol", "C", roleMod), `"roles"`, fmt.Sprintf(`"guild_id":"%d","roles"`, guildA), 1)
		h.apply("GUILD_MEMBER_ADD", add)
		m, ok := h.c.Member(guildA, userC)
		h.is.True(ok) // added
		h.equal(m, wantMember(guildA, userC, "C", roleMod), "added member")
		u, _ := h.c.User(userC)
		h.equal(u, wantUser(userC, "carol", 1), "added user")
		g, _ := h.c.Guild(guildA)
		h.is.Equal(g.MemberCount, int32(4)) // member count up

		// An update leaves out deaf and mute; the user's name changes.
		h.apply("GUILD_MEMBER_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":%s,"roles":["%d"],"nick":null,"joined_at":"2023-06-04T05:11:30.502479+00:00","avatar":%q,"communication_disabled_until":"2030-01-01T00:00:00+00:00","flags":0,"pending":true}`,
			guildA, jsonUser(userC, "caroline"), roleAdm, hashB))
		m, _ = h.c.Member(guildA, userC)
		want := wantMember(guildA, userC, "", roleAdm)
		want.Flags, want.Pending, want.Avatar = 0, true, hash(hashB)
		want.CommunicationDisabledUntil = tm("2030-01-01T00:00:00+00:00")
		h.equal(m, want, "updated member")
		u, _ = h.c.User(userC)
		h.equal(u, wantUser(userC, "caroline", 1), "updated user")
		users, members := h.b.Puts(cache.KindUser), h.b.Puts(cache.KindMember)
		h.apply("GUILD_MEMBER_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":%s,"roles":["%d"],"nick":null,"joined_at":"2023-06-04T05:11:30.502479+00:00","avatar":%q,"communication_disabled_until":"2030-01-01T00:00:00+00:00","flags":0,"pending":true}`,
			guildA, jsonUser(userC, "caroline"), roleAdm, hashB))
		h.is.Equal(h.b.Puts(cache.KindUser)-users, 0)     // an update that changes nothing writes no user
		h.is.Equal(h.b.Puts(cache.KindMember)-members, 0) // and no member
		h.apply("GUILD_MEMBER_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":%s,"roles":["%d"],"nick":"Cee","joined_at":"2023-06-04T05:11:30.502479+00:00","avatar":%q,"communication_disabled_until":"2030-01-01T00:00:00+00:00","flags":0,"pending":true}`,
			guildA, jsonUser(userC, "caroline"), roleAdm, hashB))
		h.is.Equal(h.b.Puts(cache.KindUser)-users, 0)     // a new nick leaves the user alone
		h.is.Equal(h.b.Puts(cache.KindMember)-members, 1) // and writes the member
		m, _ = h.c.Member(guildA, userC)
		h.is.Equal(m.Nick, "Cee")

		h.apply("GUILD_MEMBER_REMOVE", fmt.Sprintf(`{"guild_id":"%d","user":%s}`, guildA, jsonUser(userC, "caroline")))
		_, ok = h.c.Member(guildA, userC)
		h.is.True(!ok) // removed
		_, ok = h.c.User(userC)
		h.is.True(!ok) // the user of its last guild is freed
		g, _ = h.c.Guild(guildA)
		h.is.Equal(g.MemberCount, int32(3)) // member count down

		h.apply("GUILD_MEMBER_REMOVE", fmt.Sprintf(`{"guild_id":"%d","user":%s}`, guildA, jsonUser(userA, "alice")))
		u, ok = h.c.User(userA)
		h.is.True(ok) // a user still in another guild stays
		h.is.Equal(u.Guilds, int32(1))
		_, ok = h.c.Presence(guildA, userA)
		h.is.True(!ok) // the presence goes with the member
		_, ok = h.c.VoiceState(guildA, userA)
		h.is.True(!ok) // and the voice state

		// An update for a member not cached adds it.
		upd := strings.Replace(jsonMember(userC, "carol", ""), `"roles"`, fmt.Sprintf(`"guild_id":"%d","roles"`, guildB), 1)
		h.apply("GUILD_MEMBER_UPDATE", upd)
		u, _ = h.c.User(userC)
		h.is.Equal(u.Guilds, int32(1)) // counted once
	}},

	{name: "MembersChunk", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_MEMBERS_CHUNK", fmt.Sprintf(`{"presences":[%s],"not_found":[],"members":[%s,%s],"guild_id":"%d","chunk_index":0,"chunk_count":1}`,
			jsonPresence(0, userC, "dnd"), jsonMember(userC, "carol", "", roleMod), jsonMember(userA, "alice2", "Al"), guildA))
		m, ok := h.c.Member(guildA, userC)
		h.is.True(ok) // chunked member
		h.equal(m, wantMember(guildA, userC, "", roleMod), "chunked member")
		p, ok := h.c.Presence(guildA, userC)
		h.is.True(ok) // chunked presence
		h.equal(p, wantPresence(guildA, userC, model.StatusDND), "chunked presence")
		u, _ := h.c.User(userA)
		h.equal(u, wantUser(userA, "alice2", 1), "a known member's user is updated, not counted twice")
		h.is.Equal(h.c.GuildStats(guildA).Members, 4)

		// A GUILD_CREATE of a large guild, with only some of its members,
		// keeps the chunked ones; a complete one replaces them.
		large := strings.Replace(guildCreate(guildA), `"large":false`, `"large":true`, 1)
		h.apply("GUILD_CREATE", large)
		_, ok = h.c.Member(guildA, userC)
		h.is.True(ok) // chunked member kept
		h.is.Equal(h.c.GuildStats(guildA).Members, 4)
		u, _ = h.c.User(userC)
		h.is.Equal(u.Guilds, int32(1)) // its user still counted once
		h.apply("GUILD_CREATE", guildCreate(guildA))
		_, ok = h.c.Member(guildA, userC)
		h.is.True(!ok) // a complete member list replaces them
		h.is.Equal(h.c.GuildStats(guildA).Members, 3)
		_, ok = h.c.User(userC)
		h.is.True(!ok) // and the user of the member gone is freed

		// Escapes in the strings of buffered members.
		esc := `{"user":{"id":"14","username":"d\u00e9j\u00e0","global_name":"\"Q\"","discriminator":"0042","avatar":null,"bot":true},` +
			`"roles":[],"nick":"moon \ud83c\udf19","joined_at":"2023-06-04T05:11:30.502479+00:00"}`
		h.apply("GUILD_CREATE", guildCreate(guildB, esc))
		m, _ = h.c.Member(guildB, 14)
		h.is.Equal(m.Nick, "moon 🌙") // unescaped nick
		u, _ = h.c.User(14)
		h.equal(u, cache.User{ID: 14, Username: "déjà", GlobalName: `"Q"`, Discriminator: 42, Bot: true, Guilds: 1}, "user with escapes")
	}},

	{name: "EmojisStickers", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_EMOJIS_UPDATE", fmt.Sprintf(`{"guild_id":"%d","emojis":[%s,%s]}`, guildA, jsonEmoji(131, "a"), jsonEmoji(132, "b")))
		_, ok := h.c.Emoji(guildA, emoji1)
		h.is.True(!ok) // replaced
		got := sortBy(collect(h.c.Emojis(guildA)), func(e cache.Emoji) uint64 { return uint64(e.ID) })
		h.equal(got, []cache.Emoji{wantEmoji(guildA, 131, "a"), wantEmoji(guildA, 132, "b")}, "emojis")
		h.apply("GUILD_STICKERS_UPDATE", fmt.Sprintf(`{"guild_id":"%d","stickers":[%s]}`, guildA, jsonSticker(guildA, 141, "new")))
		h.equal(collect(h.c.Stickers(guildA)), []cache.Sticker{wantSticker(guildA, 141, "new")}, "stickers")
	}},

	{name: "Presences", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("PRESENCE_UPDATE", jsonPresence(guildA, userB, "idle"))
		p, ok := h.c.Presence(guildA, userB)
		h.is.True(ok) // stored
		h.equal(p, wantPresence(guildA, userB, model.StatusIdle), "presence")
		h.apply("PRESENCE_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":{"id":"%d","username":"robert","global_name":null,"avatar":null,"discriminator":"0"},"status":"offline","client_status":{},"activities":[]}`, guildA, userB))
		_, ok = h.c.Presence(guildA, userB)
		h.is.True(!ok) // offline removes the presence
		u, _ := h.c.User(userB)
		h.equal(u, cache.User{ID: userB, Username: "robert", PublicFlags: 64, Guilds: 1}, "user fields of a presence")
		h.apply("PRESENCE_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":{"id":"%d"},"status":"brb","client_status":{"web":"brb"},"activities":[]}`, guildA, userB))
		p, _ = h.c.Presence(guildA, userB)
		h.equal(p, cache.Presence{GuildID: guildA, UserID: userB, Status: "brb", ClientStatus: cache.ClientStatus{Web: "brb"}}, "unknown status kept")
	}},

	{name: "PresenceActivitiesChange", run: func(h *harness) {
		// A presence updated again and again, its activities changing in
		// number and in text, reads back as the last update each time.
		h.apply("GUILD_CREATE", guildCreate(guildA))
		listen := func(track, artist string) string {
			return fmt.Sprintf(`{"type":2,"name":"Spotify","state":%q,"details":%q,"created_at":1748775993209,"flags":48}`, artist, track)
		}
		const game = `{"type":0,"name":"Terraria","created_at":1748775993209}`
		const custom = `{"type":4,"name":"Custom Status","state":"hi","emoji":{"name":"✅"},"created_at":1748756534039}`
		want := func(list string) []cache.Activity {
			var acts []cache.Activity
			for _, a := range strings.Split(list, "|") {
				var v struct {
					Type    int    `json:"type"`
					Name    string `json:"name"`
					State   string `json:"state"`
					Details string `json:"details"`
					Created int64  `json:"created_at"`
					Flags   int    `json:"flags"`
					Emoji   struct {
						Name string `json:"name"`
					} `json:"emoji"`
				}
				h.is.NoErr(json.Unmarshal([]byte(a), &v))
				acts = append(acts, cache.Activity{Type: model.ActivityType(v.Type), Name: v.Name, State: v.State,
					Details: v.Details, EmojiName: v.Emoji.Name, CreatedAt: time.UnixMilli(v.Created).UTC(),
					Flags: model.ActivityFlags(v.Flags)})
			}
			return acts
		}
		for i, acts := range []string{
			listen("One", "Band") + "|" + custom,
			listen("Two", "Band") + "|" + custom, // the next track
			listen("Two", "Band") + "|" + custom, // the same again
			custom,                               // fewer
			listen("Three, longer", "Other band") + "|" + game + "|" + custom, // more
			game + "|" + listen("Four", "Band"),                               // moved
		} {
			h.apply("PRESENCE_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":{"id":"%d"},"status":"online","client_status":{"desktop":"online"},"activities":[%s]}`,
				guildA, userA, strings.ReplaceAll(acts, "|", ",")))
			p, ok := h.c.Presence(guildA, userA)
			h.is.True(ok)
			h.equal(p.Activities, want(acts), fmt.Sprint("activities after update ", i))
		}
	}},

	{name: "VoiceStates", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("VOICE_STATE_UPDATE", jsonVoice(guildA, userB, chanVox))
		v, ok := h.c.VoiceState(guildA, userB)
		h.is.True(ok) // joined
		h.equal(v, wantVoice(guildA, userB, chanVox), "voice state")
		h.apply("VOICE_STATE_UPDATE", jsonVoice(guildA, userB, 113))
		v, _ = h.c.VoiceState(guildA, userB)
		h.is.Equal(v.ChannelID, model.ChannelID(113)) // moved
		h.apply("VOICE_STATE_UPDATE", jsonVoice(guildA, userB, 0))
		_, ok = h.c.VoiceState(guildA, userB)
		h.is.True(!ok) // left
		h.is.Equal(len(collect(h.c.VoiceStates(guildA))), 1)
	}},

	{name: "Messages", opts: &cache.Options{Messages: 3}, run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hello"))
		m, ok := h.c.Message(chanText, 1000)
		h.is.True(ok) // created
		h.equal(m, wantMessage(chanText, 1000, userA, "hello"), "message")
		h.apply("MESSAGE_UPDATE", fmt.Sprintf(`{"id":"1000","channel_id":"%d","content":"edited","edited_timestamp":"2025-06-01T12:05:00+00:00"}`, chanText))
		m, _ = h.c.Message(chanText, 1000)
		want := wantMessage(chanText, 1000, userA, "edited")
		want.EditedTimestamp = tm("2025-06-01T12:05:00+00:00")
		h.equal(m, want, "a partial update keeps the other fields")
		h.apply("MESSAGE_UPDATE", fmt.Sprintf(`{"id":"999","channel_id":"%d","content":"not cached"}`, chanText))
		_, ok = h.c.Message(chanText, 999)
		h.is.True(!ok) // updates of uncached messages are not stored

		// Reactions.
		react := func(t string, user int, emoji string) {
			h.apply(t, fmt.Sprintf(`{"user_id":"%d","channel_id":"%d","message_id":"1000","guild_id":"%d","emoji":%s}`, user, chanText, guildA, emoji))
		}
		react("MESSAGE_REACTION_ADD", userB, `{"id":null,"name":"👍"}`)
		react("MESSAGE_REACTION_ADD", botID, `{"id":null,"name":"👍"}`)
		react("MESSAGE_REACTION_ADD", userB, `{"id":"77","name":"blob"}`)
		m, _ = h.c.Message(chanText, 1000)
		h.equal(m.Reactions, []cache.Reaction{{EmojiName: "👍", Count: 2, Me: true}, {EmojiID: 77, EmojiName: "blob", Count: 1}}, "reactions")
		react("MESSAGE_REACTION_REMOVE", botID, `{"id":null,"name":"👍"}`)
		m, _ = h.c.Message(chanText, 1000)
		h.equal(m.Reactions, []cache.Reaction{{EmojiName: "👍", Count: 1}, {EmojiID: 77, EmojiName: "blob", Count: 1}}, "reaction removed")
		h.apply("MESSAGE_REACTION_REMOVE_EMOJI", fmt.Sprintf(`{"channel_id":"%d","message_id":"1000","emoji":{"id":"77","name":"blob"}}`, chanText))
		m, _ = h.c.Message(chanText, 1000)
		h.equal(m.Reactions, []cache.Reaction{{EmojiName: "👍", Count: 1}}, "emoji removed")
		h.apply("MESSAGE_REACTION_REMOVE_ALL", fmt.Sprintf(`{"channel_id":"%d","message_id":"1000"}`, chanText))
		m, _ = h.c.Message(chanText, 1000)
		h.is.Equal(len(m.Reactions), 0) // all removed

		// The ring keeps the newest 3.
		for id := 1001; id <= 1004; id++ {
			h.apply("MESSAGE_CREATE", jsonMessage(chanText, id, userA, fmt.Sprint("m", id)))
		}
		var ids []model.MessageID
		for m := range h.c.Messages(chanText) {
			ids = append(ids, m.ID)
		}
		h.equal(ids, []model.MessageID{1002, 1003, 1004}, "ring of 3, oldest first")
		h.apply("MESSAGE_DELETE", fmt.Sprintf(`{"id":"1003","channel_id":"%d"}`, chanText))
		_, ok = h.c.Message(chanText, 1003)
		h.is.True(!ok) // deleted
		h.apply("MESSAGE_DELETE_BULK", fmt.Sprintf(`{"ids":["1002","1004"],"channel_id":"%d"}`, chanText))
		h.is.Equal(h.c.Stats().Messages, 0) // bulk deleted
	}},

	{name: "MessageRingOrder", opts: &cache.Options{Messages: 3}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		create := func(id int) {
			h.apply("MESSAGE_CREATE", jsonMessage(chanText, id, userA, fmt.Sprint("m", id)))
		}
		for _, id := range []int{1005, 1001, 1003} {
			create(id)
		}
		h.equal(h.messageIDs(chanText), []int{1001, 1003, 1005}, "out of order, sorted")
		create(1004)
		h.equal(h.messageIDs(chanText), []int{1003, 1004, 1005}, "the oldest dropped, not the first put")
		create(1002)
		h.equal(h.messageIDs(chanText), []int{1003, 1004, 1005}, "a message older than the newest 3 is not kept")
		create(1006)
		h.apply("MESSAGE_CREATE", jsonMessage(chanVox, 1, userA, "voice"))
		h.equal(h.messageIDs(chanText), []int{1004, 1005, 1006}, "newest 3")
		h.equal(h.messageIDs(chanVox), []int{1}, "the other channel")
		h.is.Equal(h.c.Stats().Messages, 4) // both rings counted
	}},

	{name: "MessageRingModel", opts: &cache.Options{Messages: 10}, run: func(h *harness) {
		// A walk of creates, out-of-order creates and deletes, checked
		// after each event against a sorted list kept here.
		h.apply("GUILD_CREATE", guildCreate(guildA))
		var want []int
		x := uint32(7)
		next := func(n int) int { // a fixed pseudo-random sequence
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			return int(x % uint32(n))
		}
		newest := 5000
		for step := 0; step < 160; step++ {
			switch r := next(10); {
			case r < 5: // the newest message
				newest += 1 + next(3)
				h.apply("MESSAGE_CREATE", jsonMessage(chanText, newest, userA, fmt.Sprint("m", newest)))
				want = keepNewest(insertSorted(want, newest), 10)
			case r < 7: // a late one, within the last 15 IDs
				id := newest - next(15)
				h.apply("MESSAGE_CREATE", jsonMessage(chanText, id, userA, fmt.Sprint("m", id)))
				want = keepNewest(insertSorted(want, id), 10)
			default: // a delete, of a cached message or not
				id := newest - next(12)
				h.apply("MESSAGE_DELETE", fmt.Sprintf(`{"id":"%d","channel_id":"%d"}`, id, chanText))
				if i := slices.Index(want, id); i >= 0 {
					want = slices.Delete(want, i, i+1)
				}
			}
			got := h.messageIDs(chanText)
			if !slices.Equal(got, want) {
				h.t.Fatalf("step %d:\n got: %v\nwant: %v", step, got, want)
			}
			h.is.Equal(h.c.Stats().Messages, len(want)) // the count follows
		}
		for _, id := range want {
			m, ok := h.c.Message(chanText, model.MessageID(id))
			h.is.True(ok)                              // each listed message is found
			h.is.Equal(m.Content, fmt.Sprint("m", id)) // with its own record
		}
	}},

	{name: "TrimMessages", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		for _, id := range []int{1007, 1002, 1009, 1001, 1005, 1003} {
			h.apply("MESSAGE_CREATE", jsonMessage(chanText, id, userA, fmt.Sprint("m", id)))
		}
		h.apply("MESSAGE_CREATE", jsonMessage(chanVox, 1, userA, "voice"))
		trim := func(channel, keep int) {
			h.is.NoErr(h.b.Update(func(tx cache.Tx) error {
				tx.TrimMessages(uint64(channel), keep)
				return nil
			}))
		}
		trim(chanText, 10)
		h.equal(h.messageIDs(chanText), []int{1001, 1002, 1003, 1005, 1007, 1009}, "fewer than keep: untouched")
		trim(chanText, 5)
		h.equal(h.messageIDs(chanText), []int{1002, 1003, 1005, 1007, 1009}, "one dropped")
		trim(chanText, 2)
		h.equal(h.messageIDs(chanText), []int{1007, 1009}, "three dropped")
		trim(chanCat, 1) // a channel with no messages
		h.equal(h.messageIDs(chanVox), []int{1}, "other channels untouched")
		h.is.Equal(h.c.Stats().Messages, 3)
		m, ok := h.c.Message(chanText, 1009)
		h.is.True(ok)
		h.equal(m, wantMessage(chanText, 1009, userA, "m1009"), "a kept message whole")
		_, ok = h.c.Message(chanText, 1005)
		h.is.True(!ok) // a trimmed one is gone
		trim(chanText, 1)
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1010, userA, "m1010"))
		h.equal(h.messageIDs(chanText), []int{1009, 1010}, "the ring grows again after a trim")
	}},

	{name: "MessageAuthor", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_CREATE", guildCreate(guildB))
		// msg is a MESSAGE_CREATE (or UPDATE) by user A, named name, with
		// the partial member given (none when "").
		msg := func(id int, name, member string) string {
			j := strings.Replace(jsonMessage(chanText, id, userA, "hi"), jsonUser(userA, "alice"), jsonUser(userA, name), 1)
			if member != "" {
				j = strings.Replace(j, `"author":`, `"member":`+member+`,"author":`, 1)
			}
			return j
		}
		full := fmt.Sprintf(`{"roles":["%d","%d"],"premium_since":null,"pending":false,"nick":"Ally","mute":false,"joined_at":"2023-06-04T05:11:30.502479+00:00","flags":2,"deaf":true,"communication_disabled_until":null,"banner":null,"avatar":%q}`,
			roleAdm, roleMod, hashB)
		users, members := h.b.Puts(cache.KindUser), h.b.Puts(cache.KindMember)
		h.apply("MESSAGE_CREATE", msg(1000, "alicia", full))
		u, _ := h.c.User(userA)
		h.equal(u, wantUser(userA, "alicia", 2), "the author refreshes the cached user")
		m, _ := h.c.Member(guildA, userA)
		want := wantMember(guildA, userA, "Ally", roleAdm, roleMod)
		want.Mute, want.Deaf, want.Avatar = false, true, hash(hashB)
		h.equal(m, want, "the member refreshes the cached member")
		h.equal(func() cache.Member { m, _ := h.c.Member(guildB, userA); return m }(),
			wantMember(guildB, userA, "Al", roleMod), "the member of the other guild stays")
		h.is.Equal(h.b.Puts(cache.KindUser)-users, 1)     // the user written once
		h.is.Equal(h.b.Puts(cache.KindMember)-members, 1) // the member written once

		// The same author and member again: nothing is written.
		users, members = h.b.Puts(cache.KindUser), h.b.Puts(cache.KindMember)
		h.apply("MESSAGE_CREATE", msg(1001, "alicia", full))
		h.is.Equal(h.b.Puts(cache.KindUser)-users, 0)     // unchanged user not written
		h.is.Equal(h.b.Puts(cache.KindMember)-members, 0) // unchanged member not written

		// A member that leaves fields out keeps their cached values.
		h.apply("MESSAGE_CREATE", msg(1002, "alicia", `{"roles":[],"nick":null}`))
		m, _ = h.c.Member(guildA, userA)
		want.Nick, want.Roles = "", nil
		h.equal(m, want, "a partial member keeps the fields it leaves out")

		// An update carrying the author and member refreshes them, whether
		// the message is cached or not.
		h.apply("MESSAGE_UPDATE", msg(1000, "al", fmt.Sprintf(`{"roles":["%d"],"nick":"A"}`, roleMute)))
		u, _ = h.c.User(userA)
		h.equal(u, wantUser(userA, "al", 2), "user refreshed by an update")
		m, _ = h.c.Member(guildA, userA)
		want.Nick, want.Roles = "A", []model.RoleID{roleMute}
		h.equal(m, want, "member refreshed by an update")
		mm, _ := h.c.Message(chanText, 1000)
		h.equal(mm.Author, wantUser(userA, "al", 0), "the message's author")
		h.apply("MESSAGE_UPDATE", msg(999, "alice", `{"roles":[],"nick":"B"}`))
		_, ok := h.c.Message(chanText, 999)
		h.is.True(!ok) // the uncached message is not stored
		u, _ = h.c.User(userA)
		h.equal(u, wantUser(userA, "alice", 2), "user refreshed by an update of an uncached message")
		m, _ = h.c.Member(guildA, userA)
		want.Nick, want.Roles = "B", nil
		h.equal(m, want, "member refreshed by an update of an uncached message")
		h.apply("MESSAGE_UPDATE", fmt.Sprintf(`{"id":"1000","channel_id":"%d","guild_id":"%d","content":"no author"}`, chanText, guildA))
		u, _ = h.c.User(userA)
		h.equal(u, wantUser(userA, "alice", 2), "an update without the author leaves the user")

		// Authors that are not cached are not created.
		stats := h.c.Stats()
		h.apply("MESSAGE_CREATE", strings.Replace(jsonMessage(chanText, 1003, userC, "hi"), `"author":`, `"member":{"roles":[],"nick":"C"},"author":`, 1))
		_, ok = h.c.User(userC)
		h.is.True(!ok) // no user from a message
		_, ok = h.c.Member(guildA, userC)
		h.is.True(!ok)                                 // no member from a message
		h.is.Equal(h.c.Stats().Users, stats.Users)     // users counted as before
		h.is.Equal(h.c.Stats().Members, stats.Members) // members counted as before

		// A webhook's author is not a user.
		hook := strings.Replace(msg(1004, "hook", ""), `"author":`, fmt.Sprintf(`"webhook_id":"%d","author":`, userA), 1)
		h.apply("MESSAGE_CREATE", hook)
		u, _ = h.c.User(userA)
		h.equal(u, wantUser(userA, "alice", 2), "a webhook message leaves the user")

		// A DM's member-less author refreshes the user alone.
		dm := strings.Replace(msg(1005, "alice dm", ""), fmt.Sprintf(`"guild_id":"%d",`, guildA), "", 1)
		h.apply("MESSAGE_CREATE", strings.Replace(dm, fmt.Sprintf(`"channel_id":"%d"`, chanText), `"channel_id":"555"`, 1))
		u, _ = h.c.User(userA)
		h.equal(u, wantUser(userA, "alice dm", 2), "user refreshed by a direct message")
		m, _ = h.c.Member(guildA, userA)
		h.equal(m, want, "members untouched by a direct message")

		// An author that leaves fields out keeps their cached values.
		h.apply("MESSAGE_CREATE", fmt.Sprintf(`{"id":"1006","channel_id":"%d","guild_id":"%d","author":{"id":"%d","username":"ally"},"content":"hi"}`, chanText, guildA, userA))
		u, _ = h.c.User(userA)
		want2 := wantUser(userA, "ally", 2)
		want2.GlobalName = "ALICE DM"
		h.equal(u, want2, "a partial author keeps the fields it leaves out")
	}},

	{name: "MessageAuthorNoMembers", opts: &cache.Options{Resources: cache.ResourceGuilds | cache.ResourceMessages}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("MESSAGE_CREATE", strings.Replace(jsonMessage(chanText, 1000, userA, "hi"), `"author":`, `"member":{"roles":[],"nick":"A"},"author":`, 1))
		_, ok := h.c.User(userA)
		h.is.True(!ok) // users are not cached without members
		_, ok = h.c.Member(guildA, userA)
		h.is.True(!ok) // nor members
		m, _ := h.c.Message(chanText, 1000)
		h.equal(m, wantMessage(chanText, 1000, userA, "hi"), "the message is stored")
	}},

	{name: "UserUpdate", run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("GUILD_CREATE", guildCreate(guildA, jsonMember(botID, "bot", "")))
		h.apply("USER_UPDATE", strings.Replace(jsonUser(botID, "newbot"), `"bot":false`, `"bot":true`, 1))
		u, _ := h.c.CurrentUser()
		want := wantUser(botID, "newbot", 0)
		want.Bot = true
		h.equal(u, want, "current user")
		u, _ = h.c.User(botID)
		want.Guilds = 1
		h.equal(u, want, "the bot as a member's user")
	}},

	{name: "Permissions", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA, jsonMember(userC, "carol", "", roleAdm)))
		perm := func(user int) model.Permissions {
			p, err := h.c.GuildPermissions(guildA, model.UserID(user))
			h.is.NoErr(err) // guild permissions
			return p
		}
		h.is.Equal(perm(ownerID), model.PermissionsAll) // the owner has all
		h.is.Equal(perm(userC), model.PermissionsAll)   // ADMINISTRATOR has all
		h.is.Equal(perm(userA), everyonePerms|model.PermissionManageMessages|model.PermissionKickMembers)
		h.is.Equal(perm(userB), everyonePerms|model.PermissionManageMessages|model.PermissionKickMembers)

		chp := func(ch, user int) model.Permissions {
			p, err := h.c.ChannelPermissions(model.ChannelID(ch), model.UserID(user))
			h.is.NoErr(err) // channel permissions
			return p
		}
		// general: @everyone loses ADD_REACTIONS; muted denies SEND, mod
		// allows it (roles combine: allow wins); B's own overwrite gives
		// reactions back.
		base := everyonePerms | model.PermissionManageMessages | model.PermissionKickMembers
		h.is.Equal(chp(chanText, userA), base&^model.PermissionAddReactions|model.PermissionManageThreads)
		h.is.Equal(chp(chanText, userB), base|model.PermissionManageThreads)
		h.is.Equal(chp(chanText, ownerID), model.PermissionsAll) // owner
		h.is.Equal(chp(chanCat, userA), model.Permissions(0))    // no VIEW_CHANNEL: nothing
		h.is.Equal(chp(thread1, userA), chp(chanText, userA))    // threads have their parent's

		// Without SEND_MESSAGES the sending permissions go.
		h.apply("GUILD_MEMBER_UPDATE", strings.Replace(jsonMember(userA, "alice", "", roleMute), `"roles"`, fmt.Sprintf(`"guild_id":"%d","roles"`, guildA), 1))
		h.apply("CHANNEL_UPDATE", jsonChannel(guildA, chanText, 0, 0, "general",
			jsonOverwrite(roleMute, 0, model.PermissionEmbedLinks|model.PermissionAttachFiles, model.PermissionSendMessages)))
		h.is.Equal(chp(chanText, userA), everyonePerms&^model.PermissionSendMessages) // embed and attach are implied away

		// A timed-out member keeps VIEW_CHANNEL and READ_MESSAGE_HISTORY.
		until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		h.apply("GUILD_MEMBER_UPDATE", fmt.Sprintf(`{"guild_id":"%d","user":%s,"roles":[],"joined_at":"2023-06-04T05:11:30+00:00","communication_disabled_until":%q}`, guildA, jsonUser(userB, "bob"), until))
		h.is.Equal(perm(userB), model.PermissionViewChannel|model.PermissionReadMessageHistory)
		h.is.Equal(chp(chanVox, userB), model.PermissionViewChannel|model.PermissionReadMessageHistory)

		// A member the cache does not hold, as an interaction sends it,
		// with the roles of a cached one: the same permissions.
		for _, user := range []int{userA, userB, ownerID} {
			m, ok := h.c.Member(guildA, model.UserID(user))
			h.is.True(ok)
			im := &model.Member{User: &model.User{ID: model.UserID(user)}, Roles: m.Roles,
				CommunicationDisabledUntil: model.NewTimestamp(m.CommunicationDisabledUntil)}
			for _, ch := range []int{chanText, chanVox, chanCat, thread1} {
				p, err := h.c.MemberChannelPermissions(model.ChannelID(ch), im)
				h.is.NoErr(err)              // permissions of an uncached member
				h.is.Equal(p, chp(ch, user)) // as for the cached one
			}
		}
		p, err := h.c.MemberChannelPermissions(chanText, &model.Member{User: &model.User{ID: 777}})
		h.is.NoErr(err)
		h.is.Equal(p, everyonePerms) // a member unknown to the cache has @everyone's (the channel's one overwrite is the muted role's)
		_, err = h.c.MemberChannelPermissions(chanText, &model.Member{})
		h.is.True(errors.Is(err, cache.ErrNotFound)) // no user

		_, err = h.c.ChannelPermissions(999, userA)
		h.is.True(errors.Is(err, cache.ErrNotFound)) // unknown channel
		_, err = h.c.GuildPermissions(guildA, 999)
		h.is.True(errors.Is(err, cache.ErrNotFound)) // unknown member
	}},

	{name: "Resources", opts: &cache.Options{Resources: cache.ResourceGuilds | cache.ResourceChannels}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		s := h.c.Stats()
		s.Bytes = 0
		h.equal(s, cache.Stats{Guilds: 1, Channels: 3}, "only guilds and channels")
		h.is.True(!h.c.EventTypes().Has(model.EventPresenceUpdate)) // presence events are not needed
		h.apply("PRESENCE_UPDATE", jsonPresence(guildA, userA, "online"))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		h.is.Equal(h.c.Stats().Messages, 0) // not cached
	}},

	{name: "StageInstances", run: func(h *harness) {
		stage := func(id int, topic string) string {
			return fmt.Sprintf(`{"id":"%d","guild_id":"%d","channel_id":"%d","topic":%q,"privacy_level":2,"discoverable_disabled":false,"guild_scheduled_event_id":"77"}`,
				id, guildA, chanVox, topic)
		}
		gc := strings.Replace(guildCreate(guildA), `"stickers":[`, `"stage_instances":[`+stage(90, "live")+`],"stickers":[`, 1)
		h.apply("GUILD_CREATE", gc)
		want := cache.StageInstance{ID: 90, GuildID: guildA, ChannelID: chanVox, Topic: "live", PrivacyLevel: 2, GuildScheduledEventID: 77}
		s, ok := h.c.StageInstance(guildA, 90)
		h.is.True(ok) // from GUILD_CREATE
		h.equal(s, want, "stage instance")
		h.apply("STAGE_INSTANCE_CREATE", stage(91, "second"))
		h.apply("STAGE_INSTANCE_UPDATE", stage(90, "renamed"))
		want.Topic = "renamed"
		s, _ = h.c.StageInstance(guildA, 90)
		h.equal(s, want, "updated stage instance")
		h.is.Equal(len(collect(h.c.StageInstances(guildA))), 2) // both listed
		h.is.Equal(h.c.GuildStats(guildA).Stages, 2)
		h.apply("STAGE_INSTANCE_DELETE", stage(91, "second"))
		_, ok = h.c.StageInstance(guildA, 91)
		h.is.True(!ok) // deleted
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.is.Equal(h.c.Stats().Stages, 0) // a GUILD_CREATE without them replaces them
		h.apply("GUILD_CREATE", gc)
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().Stages, 0) // gone with the guild
	}},

	{name: "StageInstancesOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourceStageInstances}, run: func(h *harness) {
		// Switched off, they are never read: a malformed array does not
		// matter, and the events are not wanted.
		junk := `"stage_instances":[{"id" "1"}],"stickers":[`
		h.apply("GUILD_CREATE", strings.Replace(guildCreate(guildA), `"stickers":[`, junk, 1))
		h.is.Equal(h.c.Stats().Stages, 0)
		h.is.True(!h.c.EventTypes().Has(model.EventStageInstanceCreate)) // not wanted
	}},

	{name: "ScheduledEvents", run: func(h *harness) {
		event := func(id int, name string, extra string) string {
			return fmt.Sprintf(`{"id":"%d","guild_id":"%d","channel_id":null,"creator_id":"%d","name":%q,"description":"about it",`+
				`"scheduled_start_time":"2026-01-02T15:04:05+00:00","scheduled_end_time":"2026-01-02T17:04:05.5+00:00","privacy_level":2,`+
				`"status":1,"entity_type":3,"entity_id":null,"entity_metadata":{"location":"the park"},`+
				`"image":"0123456789abcdef0123456789abcdef","recurrence_rule":{"start":"2026-01-02T15:04:05+00:00","frequency":2,"interval":1}%s}`,
				id, guildA, userA, name, extra)
		}
		user := func(id int) string {
			return fmt.Sprintf(`{"guild_scheduled_event_id":"%d","user_id":"%d","guild_id":"%d"}`, id, userB, guildA)
		}
		gc := strings.Replace(guildCreate(guildA), `"stickers":[`, `"guild_scheduled_events":[`+event(80, "picnic", `,"user_count":4`)+`],"stickers":[`, 1)
		h.apply("GUILD_CREATE", gc)
		img, _ := cache.ParseHash("0123456789abcdef0123456789abcdef")
		want := cache.ScheduledEvent{ID: 80, GuildID: guildA, CreatorID: userA, Name: "picnic", Description: "about it",
			ScheduledStartTime: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC), ScheduledEndTime: time.Date(2026, 1, 2, 17, 4, 5, 5e8, time.UTC),
			PrivacyLevel: 2, Status: 1, EntityType: 3, Location: "the park", Image: img, UserCount: 4}
		e, ok := h.c.ScheduledEvent(guildA, 80)
		h.is.True(ok) // from GUILD_CREATE
		h.equal(e, want, "scheduled event")
		h.apply("GUILD_SCHEDULED_EVENT_USER_ADD", user(80))
		h.apply("GUILD_SCHEDULED_EVENT_USER_ADD", user(80))
		h.apply("GUILD_SCHEDULED_EVENT_USER_REMOVE", user(80))
		want.UserCount = 5
		e, _ = h.c.ScheduledEvent(guildA, 80)
		h.equal(e, want, "user count after two adds and a remove")
		h.apply("GUILD_SCHEDULED_EVENT_UPDATE", event(80, "picnic 2", `,"status":2`))
		want.Name, want.Status = "picnic 2", 2
		e, _ = h.c.ScheduledEvent(guildA, 80)
		h.equal(e, want, "an update without user_count keeps the count")
		h.apply("GUILD_SCHEDULED_EVENT_CREATE", event(81, "second", ""))
		for range 3 {
			h.apply("GUILD_SCHEDULED_EVENT_USER_REMOVE", user(81))
		}
		e, _ = h.c.ScheduledEvent(guildA, 81)
		h.is.Equal(e.UserCount, 0)                               // never below zero
		h.apply("GUILD_SCHEDULED_EVENT_USER_ADD", user(99))      // an event not cached
		h.is.Equal(len(collect(h.c.ScheduledEvents(guildA))), 2) // both listed
		h.is.Equal(h.c.GuildStats(guildA).Events, 2)
		h.apply("GUILD_SCHEDULED_EVENT_DELETE", event(81, "second", ""))
		_, ok = h.c.ScheduledEvent(guildA, 81)
		h.is.True(!ok)                                                                    // deleted
		h.is.True(h.applyErr("GUILD_SCHEDULED_EVENT_USER_ADD", `{"user_id":"1"}`) != nil) // no ids: an error
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.is.Equal(h.c.Stats().Events, 0) // a GUILD_CREATE without them replaces them
		h.apply("GUILD_CREATE", gc)
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().Events, 0) // gone with the guild
	}},

	{name: "ScheduledEventsOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourceScheduledEvents}, run: func(h *harness) {
		junk := `"guild_scheduled_events":[{"id" "1"}],"stickers":[`
		h.apply("GUILD_CREATE", strings.Replace(guildCreate(guildA), `"stickers":[`, junk, 1))
		h.is.Equal(h.c.Stats().Events, 0)
		for _, t := range []model.EventType{model.EventGuildScheduledEventCreate, model.EventGuildScheduledEventUserAdd} {
			h.is.True(!h.c.EventTypes().Has(t)) // not wanted
		}
	}},

	{name: "SoundboardSounds", run: func(h *harness) {
		sound := func(id int, name string) string {
			return fmt.Sprintf(`{"sound_id":"%d","guild_id":"%d","name":%q,"volume":0.75,"emoji_id":null,"emoji_name":"🎺","available":true,"user":{"id":"%d","username":"a"}}`,
				id, guildA, name, userA)
		}
		gc := strings.Replace(guildCreate(guildA), `"stickers":[`, `"soundboard_sounds":[`+sound(70, "horn")+`],"stickers":[`, 1)
		h.apply("GUILD_CREATE", gc)
		want := cache.SoundboardSound{SoundID: 70, GuildID: guildA, Name: "horn", Volume: 0.75, EmojiName: "🎺", Available: true, UserID: userA}
		s, ok := h.c.SoundboardSound(guildA, 70)
		h.is.True(ok) // from GUILD_CREATE
		h.equal(s, want, "sound")
		h.apply("GUILD_SOUNDBOARD_SOUND_CREATE", sound(71, "drum"))
		h.apply("GUILD_SOUNDBOARD_SOUND_UPDATE", sound(70, "horn 2"))
		want.Name = "horn 2"
		s, _ = h.c.SoundboardSound(guildA, 70)
		h.equal(s, want, "updated sound")
		h.apply("GUILD_SOUNDBOARD_SOUNDS_UPDATE", fmt.Sprintf(`{"guild_id":"%d","soundboard_sounds":[%s]}`, guildA, sound(72, "bell")))
		h.is.Equal(h.c.GuildStats(guildA).Sounds, 3) // an update of some sounds keeps the others
		h.apply("GUILD_SOUNDBOARD_SOUND_DELETE", fmt.Sprintf(`{"sound_id":"71","guild_id":"%d"}`, guildA))
		_, ok = h.c.SoundboardSound(guildA, 71)
		h.is.True(!ok) // deleted
		h.apply("SOUNDBOARD_SOUNDS", fmt.Sprintf(`{"guild_id":"%d","soundboard_sounds":[%s,%s]}`, guildA, sound(73, "gong"), sound(74, "bell")))
		h.is.Equal(len(collect(h.c.SoundboardSounds(guildA))), 2)                          // the whole list replaces the cached one
		h.is.True(h.applyErr("GUILD_SOUNDBOARD_SOUND_DELETE", `{"sound_id":"71"}`) != nil) // no guild: an error
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.is.Equal(h.c.Stats().Sounds, 0) // a GUILD_CREATE without them replaces them
		h.apply("GUILD_CREATE", gc)
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().Sounds, 0) // gone with the guild
	}},

	{name: "SoundboardSoundsOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourceSoundboardSounds}, run: func(h *harness) {
		junk := `"soundboard_sounds":[{"sound_id" "1"}],"stickers":[`
		h.apply("GUILD_CREATE", strings.Replace(guildCreate(guildA), `"stickers":[`, junk, 1))
		h.is.Equal(h.c.Stats().Sounds, 0)
		for _, t := range []model.EventType{model.EventGuildSoundboardSoundCreate, model.EventSoundboardSounds} {
			h.is.True(!h.c.EventTypes().Has(t)) // not wanted
		}
	}},

	{name: "PrivateChannels", run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("MESSAGE_CREATE", dm(300, 1000, userA))
		want := cache.Channel{ID: 300, Type: model.ChannelDM, LastMessageID: 1000, Recipients: []model.UserID{userA}}
		ch, ok := h.c.Channel(300)
		h.is.True(ok) // a DM is cached from its first message
		h.equal(ch, want, "DM from a message")
		h.apply("MESSAGE_CREATE", dm(301, 1001, botID))
		ch, _ = h.c.Channel(301)
		h.is.Equal(len(ch.Recipients), 0) // the bot's own message names no recipient
		h.apply("MESSAGE_CREATE", dm(300, 1002, botID))
		ch, _ = h.c.Channel(300)
		want.LastMessageID = 1002
		h.equal(ch, want, "a later message moves the last message, keeps the recipient")
		h.apply("CHANNEL_CREATE", fmt.Sprintf(`{"id":"302","type":3,"name":"group","last_message_id":"7","recipients":[%s,%s],"owner_id":"%d"}`,
			jsonUser(userA, "a"), jsonUser(userB, "b"), userA))
		ch, ok = h.c.Channel(302)
		h.is.True(ok) // a group DM from CHANNEL_CREATE
		h.equal(ch, cache.Channel{ID: 302, Type: model.ChannelGroupDM, Name: "group", LastMessageID: 7, OwnerID: userA,
			Recipients: []model.UserID{userA, userB}}, "group DM")
		h.is.Equal(len(collect(h.c.PrivateChannels())), 3)
		h.is.Equal(h.c.Stats().DMs, 3)
		h.apply("CHANNEL_DELETE", `{"id":"302","type":3}`)
		_, ok = h.c.Channel(302)
		h.is.True(!ok) // deleted
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().DMs, 2) // no guild holds them
	}},

	{name: "PrivateChannelOpenedByBot", run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("MESSAGE_CREATE", dm(300, 1000, botID))
		ch, ok := h.c.Channel(300)
		h.is.True(ok)                     // cached from the bot's own message
		h.is.Equal(len(ch.Recipients), 0) // which names no recipient
		h.apply("MESSAGE_CREATE", dm(300, 1001, botID))
		ch, _ = h.c.Channel(300)
		h.is.Equal(len(ch.Recipients), 0) // nor does a second one
		h.apply("MESSAGE_CREATE", dm(300, 1002, userA))
		ch, _ = h.c.Channel(300)
		h.equal(ch, cache.Channel{ID: 300, Type: model.ChannelDM, LastMessageID: 1002, Recipients: []model.UserID{userA}},
			"the first author who is not the bot is the recipient")
		h.apply("MESSAGE_CREATE", dm(300, 1003, userB))
		ch, _ = h.c.Channel(300)
		h.equal(ch.Recipients, []model.UserID{userA}, "a later author does not replace the recipient")
		h.is.Equal(h.messageIDs(300), []int{1000, 1001, 1002, 1003}) // every message kept
	}},

	{name: "PrivateChannelsBounded", opts: &cache.Options{PrivateChannels: 3}, run: func(h *harness) {
		h.apply("READY", ready())
		kept := func(want ...int) {
			h.t.Helper()
			var got []int
			for ch := range h.c.PrivateChannels() {
				got = append(got, int(ch.ID))
			}
			slices.Sort(got)
			h.is.Equal(got, want)                  // the private channels kept
			h.is.Equal(h.c.Stats().DMs, len(want)) // and counted
		}
		h.apply("MESSAGE_CREATE", dm(300, 1000, userA))
		h.apply("MESSAGE_CREATE", dm(301, 1001, userB))
		h.apply("MESSAGE_CREATE", dm(302, 1002, userA))
		kept(300, 301, 302)
		h.apply("MESSAGE_CREATE", dm(300, 1003, userA)) // 300 is active again
		h.apply("MESSAGE_CREATE", dm(303, 1004, userB))
		kept(300, 302, 303)                              // 301 was the least recently active
		h.is.Equal(len(h.messageIDs(301)), 0)            // its messages went with it
		h.is.Equal(h.messageIDs(300), []int{1000, 1003}) // the others' stay
		h.apply("CHANNEL_CREATE", fmt.Sprintf(`{"id":"304","type":3,"name":"group","last_message_id":"1005","recipients":[%s],"owner_id":"%d"}`,
			jsonUser(userA, "a"), userA))
		kept(300, 303, 304) // a group DM counts too
		h.apply("CHANNEL_DELETE", `{"id":"303","type":1}`)
		h.apply("MESSAGE_CREATE", dm(305, 1006, userB))
		kept(300, 304, 305) // a deleted channel frees its place
		h.apply("MESSAGE_CREATE", dm(306, 999, userA))
		kept(300, 304, 305)                   // a message older than every kept channel's is not kept
		h.is.Equal(len(h.messageIDs(306)), 0) // nor its channel

		// Another Cache over the same backend (a bot restarted over its
		// file) finds the channels stored, in the order they were active.
		h.c = cache.New(h.b, &cache.Options{PrivateChannels: 2})
		h.apply("MESSAGE_CREATE", dm(307, 1007, userA))
		kept(305, 307)
		h.apply("MESSAGE_CREATE", dm(305, 1008, userB))
		h.apply("MESSAGE_CREATE", dm(308, 1009, userA))
		kept(305, 308)
	}},

	{name: "PrivateChannelsOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourcePrivateChannels}, run: func(h *harness) {
		h.apply("MESSAGE_CREATE", strings.Replace(jsonMessage(300, 1000, userA, "hi"), fmt.Sprintf(`"guild_id":"%d",`, guildA), "", 1))
		h.apply("CHANNEL_CREATE", `{"id":"302","type":3,"recipients":[{"id":"1"}]}`)
		h.is.Equal(h.c.Stats().DMs, 0)      // not cached
		h.is.Equal(h.c.Stats().Messages, 1) // the message is, as before
	}},

	{name: "PrivateChannelsWithoutMessages", opts: &cache.Options{Resources: cache.ResourcePrivateChannels}, run: func(h *harness) {
		h.apply("MESSAGE_CREATE", strings.Replace(jsonMessage(300, 1000, userA, "hi"), fmt.Sprintf(`"guild_id":"%d",`, guildA), "", 1))
		h.is.Equal(h.c.Stats().DMs, 1)      // the DM
		h.is.Equal(h.c.Stats().Messages, 0) // but not its message
	}},

	{name: "Integrations", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		integ := func(id int, name string) string {
			return fmt.Sprintf(`{"id":"%d","guild_id":"%d","name":%q,"type":"discord","enabled":true,"account":{"id":"%d","name":"bot"},`+
				`"application":{"id":"55","name":"app","icon":null,"description":"","bot":{"id":"%d","username":"bot"}},"scopes":["bot","applications.commands"],"user":{"id":"%d","username":"a"}}`,
				id, guildA, name, botID, botID, userA)
		}
		h.apply("INTEGRATION_CREATE", integ(50, "app"))
		want := cache.Integration{ID: 50, GuildID: guildA, Name: "app", Type: "discord", Enabled: true, AccountID: "1", AccountName: "bot",
			ApplicationID: 55, Scopes: []string{"bot", "applications.commands"}, UserID: userA}
		in, ok := h.c.Integration(guildA, 50)
		h.is.True(ok)
		h.equal(in, want, "integration")
		h.apply("INTEGRATION_CREATE", fmt.Sprintf(`{"id":"51","guild_id":"%d","name":"stream","type":"twitch","enabled":true,"syncing":false,`+
			`"role_id":"%d","enable_emoticons":true,"expire_behavior":1,"expire_grace_period":7,"account":{"id":"tw","name":"streamer"},`+
			`"synced_at":"2025-06-01T12:00:00+00:00","subscriber_count":12,"revoked":false}`, guildA, roleMod))
		in, _ = h.c.Integration(guildA, 51)
		h.equal(in, cache.Integration{ID: 51, GuildID: guildA, Name: "stream", Type: "twitch", Enabled: true, RoleID: roleMod,
			EnableEmoticons: true, ExpireBehavior: 1, ExpireGracePeriod: 7, AccountID: "tw", AccountName: "streamer",
			SyncedAt: tm("2025-06-01T12:00:00+00:00"), SubscriberCount: 12}, "a twitch integration")
		h.apply("INTEGRATION_UPDATE", integ(50, "app 2"))
		want.Name = "app 2"
		in, _ = h.c.Integration(guildA, 50)
		h.equal(in, want, "updated integration")
		h.is.Equal(len(collect(h.c.Integrations(guildA))), 2)
		h.apply("INTEGRATION_DELETE", fmt.Sprintf(`{"id":"51","guild_id":"%d"}`, guildA))
		_, ok = h.c.Integration(guildA, 51)
		h.is.True(!ok)                                                    // deleted
		h.is.True(h.applyErr("INTEGRATION_DELETE", `{"id":"51"}`) != nil) // no guild: an error
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().Integrations, 0) // gone with the guild
	}},

	{name: "IntegrationsOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourceIntegrations}, run: func(h *harness) {
		h.is.True(!h.c.EventTypes().Has(model.EventIntegrationCreate)) // not wanted
	}},

	{name: "ThreadMembers", run: func(h *harness) {
		h.apply("READY", ready())
		joined := `"join_timestamp":"2025-05-28T14:59:08.654000+00:00","flags":1`
		jt := tm("2025-05-28T14:59:08.654000+00:00")
		// GUILD_CREATE's threads carry the bot's membership, without ids.
		gc := strings.Replace(guildCreate(guildA), jsonThread(guildA, thread1, chanText, "thread one", false),
			strings.TrimSuffix(jsonThread(guildA, thread1, chanText, "thread one", false), "}")+`,"member":{`+joined+`}}`, 1)
		h.apply("GUILD_CREATE", gc)
		m, ok := h.c.ThreadMember(thread1, botID)
		h.is.True(ok) // the bot's, from GUILD_CREATE
		h.equal(m, cache.ThreadMember{ThreadID: thread1, UserID: botID, JoinTimestamp: jt, Flags: 1}, "the bot's thread member")
		h.apply("THREAD_MEMBERS_UPDATE", fmt.Sprintf(`{"id":"%d","guild_id":"%d","member_count":3,"added_members":[{"id":"%d","user_id":"%d",%s},{"user_id":"%d",%s}]}`,
			thread1, guildA, thread1, userA, joined, userB, joined))
		h.is.Equal(len(collect(h.c.ThreadMembers(thread1))), 3) // the bot, A and B
		h.apply("THREAD_MEMBERS_UPDATE", fmt.Sprintf(`{"id":"%d","guild_id":"%d","member_count":2,"removed_member_ids":["%d"]}`, thread1, guildA, userB))
		_, ok = h.c.ThreadMember(thread1, userB)
		h.is.True(!ok) // removed
		h.apply("THREAD_MEMBER_UPDATE", fmt.Sprintf(`{"id":"%d","user_id":"%d","join_timestamp":"2025-05-28T14:59:08.654000+00:00","flags":2,"guild_id":"%d"}`, thread1, botID, guildA))
		m, _ = h.c.ThreadMember(thread1, botID)
		h.is.Equal(m.Flags, int32(2)) // the bot's membership changed
		h.apply("THREAD_CREATE", strings.TrimSuffix(jsonThread(guildA, thread2+5, chanText, "new", false), "}")+`,"newly_created":true,"member":{`+joined+`}}`)
		_, ok = h.c.ThreadMember(thread2+5, botID)
		h.is.True(ok) // from THREAD_CREATE
		h.apply("THREAD_LIST_SYNC", fmt.Sprintf(`{"guild_id":"%d","channel_ids":["%d"],"threads":[%s],"members":[{"id":"%d","user_id":"%d",%s}]}`,
			guildA, chanVox, jsonThread(guildA, thread2+6, chanVox, "synced", false), thread2+6, botID, joined))
		_, ok = h.c.ThreadMember(thread2+6, botID)
		h.is.True(ok)                            // from THREAD_LIST_SYNC
		h.is.Equal(h.c.Stats().ThreadMembers, 4) // the bot and A in thread one, the bot in the other two
		h.apply("THREAD_DELETE", fmt.Sprintf(`{"id":"%d","guild_id":"%d","parent_id":"%d","type":11}`, thread2+5, guildA, chanText))
		_, ok = h.c.ThreadMember(thread2+5, botID)
		h.is.True(!ok) // gone with the thread
		h.apply("GUILD_DELETE", fmt.Sprintf(`{"id":"%d"}`, guildA))
		h.is.Equal(h.c.Stats().ThreadMembers, 0) // gone with the guild
	}},

	{name: "ThreadMembersOff", opts: &cache.Options{Resources: cache.ResourceAll &^ cache.ResourceThreadMembers}, run: func(h *harness) {
		h.apply("READY", ready())
		h.apply("THREAD_CREATE", strings.TrimSuffix(jsonThread(guildA, thread2+5, chanText, "new", false), "}")+`,"member":{"flags" 1}}`)
		h.is.Equal(h.c.Stats().ThreadMembers, 0)
		h.is.True(!h.c.EventTypes().Has(model.EventThreadMemberUpdate)) // not wanted
	}},

	{name: "MessageDetail", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		rich := `"embeds":[{"title":"Release","description":"v1","fields":[{"name":"a","value":"b"}]}],` +
			`"components":[{"type":1,"components":[{"type":2,"style":1,"label":"Go","custom_id":"go"}]}],` +
			`"sticker_items":[{"id":"9","name":"wave","format_type":1}],"pinned":false,`
		h.apply("MESSAGE_CREATE", strings.Replace(jsonMessage(chanText, 1000, userA, "v1 is out"), `"embeds":[{},{}],"pinned":false,`, rich, 1))
		m, ok := h.c.Message(chanText, 1000)
		h.is.True(ok)
		embeds, err := m.DecodeEmbeds()
		h.is.NoErr(err)
		h.is.Equal(len(embeds), 1)
		h.is.Equal(embeds[0].Title, "Release") // the embed itself, not only a count
		h.is.Equal(m.Embeds, int32(1))
		comps, err := m.DecodeComponents()
		h.is.NoErr(err)
		h.is.Equal(len(comps), 1)
		h.is.Equal(len(comps[0].Components), 1) // the button in its row
		stickers, err := m.DecodeStickers()
		h.is.NoErr(err)
		h.is.Equal(len(stickers), 1)
		h.is.Equal(stickers[0].Name, "wave")
		h.apply("MESSAGE_UPDATE", fmt.Sprintf(`{"id":"1000","channel_id":"%d","guild_id":"%d","content":"v1.1 is out","edited_timestamp":"2025-06-01T13:00:00+00:00","embeds":[{"title":"Release 1.1"}],"flags":4}`, chanText, guildA))
		m, _ = h.c.Message(chanText, 1000)
		embeds, _ = m.DecodeEmbeds()
		h.is.Equal(embeds[0].Title, "Release 1.1")                     // the edit's embeds
		h.is.Equal(m.Content, "v1.1 is out")                           // its content
		h.is.Equal(m.EditedTimestamp, tm("2025-06-01T13:00:00+00:00")) // when
		h.is.Equal(m.Flags, model.MessageFlags(4))
		comps, _ = m.DecodeComponents()
		h.is.Equal(len(comps), 1) // what the edit did not send stays

		h.apply("MESSAGE_CREATE", jsonForward(chanText, 1001))
		m, _ = h.c.Message(chanText, 1001)
		h.equal(m.Reference, cache.MessageReference{Type: model.ReferenceForward, MessageID: 77, ChannelID: chanVox, GuildID: guildA}, "a forward's reference")
		snaps, err := m.DecodeSnapshots()
		h.is.NoErr(err)
		h.is.Equal(len(snaps), 1)
		h.is.Equal(snaps[0].Message.Content, "the original") // the forwarded message's content
	}},

	{name: "MessageCompact", opts: &cache.Options{CompactMessages: true}, run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		m, _ := h.c.Message(chanText, 1000)
		h.equal(m, compactMessage(wantMessage(chanText, 1000, userA, "hi")), "compact message") // the number of embeds, attachments' core fields
		h.apply("MESSAGE_CREATE", jsonForward(chanText, 1001))
		m, _ = h.c.Message(chanText, 1001)
		h.is.Equal(m.SnapshotsJSON, "")                      // no snapshots
		h.is.Equal(m.Reference.Type, model.ReferenceForward) // but the reference
	}},

	{name: "MessageWhole", run: func(h *harness) {
		want := wantMessage(chanText, 1000, userA, "hi")
		forward := cache.MessageReference{Type: model.ReferenceForward, MessageID: 6, ChannelID: chanVox}
		h.equal(everyFieldSet(want.Attachments...), []string(nil), "attachment fields the case leaves unset")
		h.equal(everyFieldSet(want.Reference, forward), []string(nil), "reference fields the case leaves unset")
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		m, _ := h.c.Message(chanText, 1000)
		h.equal(m, want, "every attachment and reference field")
		h.apply("MESSAGE_UPDATE", fmt.Sprintf(`{"id":"1000","channel_id":"%d","attachments":[{"id":"11","filename":"b.txt","size":3,"url":"https://cdn/b.txt","proxy_url":"https://media/b.txt","description":"notes"}],"message_reference":{"type":1,"message_id":"6","channel_id":"%d"}}`, chanText, chanVox))
		m, _ = h.c.Message(chanText, 1000)
		want.Attachments = []cache.Attachment{{ID: 11, Filename: "b.txt", Description: "notes", Size: 3,
			URL: "https://cdn/b.txt", ProxyURL: "https://media/b.txt"}}
		want.Reference = forward
		h.equal(m, want, "an edit's attachments and reference replace the old ones whole")
	}},

	{name: "Stats", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		h.apply("MESSAGE_CREATE", jsonMessage(chanText, 1000, userA, "hi"))
		s := h.c.Stats()
		h.is.True(s.Bytes > 0) // the backend reports its size
		s.Bytes = 0
		h.equal(s, cache.Stats{Guilds: 1, Channels: 3, Threads: 1, Roles: 4, Members: 3, Users: 3,
			Presences: 1, VoiceStates: 1, Emojis: 1, Stickers: 1, Messages: 1}, "stats")
		h.equal(h.c.GuildStats(guildA), cache.Stats{Guilds: 1, Channels: 3, Threads: 1, Roles: 4, Members: 3, Users: 3,
			Presences: 1, VoiceStates: 1, Emojis: 1, Stickers: 1, Messages: 1}, "guild stats")
	}},

	{name: "SessionAndBlobs", run: func(h *harness) {
		durable := h.c.Durable()
		defer func() {
			h.is.Equal(h.c.Durable(), durable) // Durable never changes over the backend's life
		}()
		h.is.NoErr(h.c.SetSession(3, model.Session{ID: "x", Seq: 42, ResumeURL: "wss://r"}))
		s, ok := h.c.Session(3)
		h.is.True(ok) // stored
		h.equal(s, model.Session{ID: "x", Seq: 42, ResumeURL: "wss://r"}, "session")
		_, ok = h.c.Session(4)
		h.is.True(!ok) // per shard
		data := []byte("limiter state")
		h.is.NoErr(h.c.SetBlob("rest", data))
		data[0] = 'X'
		h.is.Equal(string(h.c.Blob("rest")), "limiter state") // the blob was copied
		h.is.NoErr(h.c.SetBlob("rest", nil))
		h.is.True(h.c.Blob("rest") == nil) // deleted
	}},

	{name: "Malformed", run: func(h *harness) {
		rejected := func(err error) bool {
			var ee *cache.EventError
			return errors.As(err, &ee) || errors.Is(err, model.ErrMalformed)
		}
		h.is.True(rejected(h.applyErr("GUILD_CREATE", `{"name":"no id"}`)))         // no guild id
		h.is.True(rejected(h.applyErr("GUILD_MEMBER_ADD", `{"user":{"id":"1"}}`)))  // no guild id
		h.is.True(rejected(h.applyErr("MESSAGE_CREATE", `"not an object"`)))        // d not an object
		h.is.True(rejected(h.applyErr("GUILD_CREATE", `{"id":"1","members":[{]}`))) // broken JSON
		s := h.c.Stats()
		s.Bytes = 0
		h.equal(s, cache.Stats{}, "nothing applied")
	}},

	{name: "Iteration", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		for i := 0; i < 300; i++ {
			h.apply("GUILD_MEMBER_ADD", strings.Replace(jsonMember(1000+i, fmt.Sprint("u", i), ""), `"roles"`, fmt.Sprintf(`"guild_id":"%d","roles"`, guildA), 1))
		}
		seen := map[model.UserID]bool{}
		for m := range h.c.Members(guildA) {
			h.is.True(!seen[m.UserID]) // each member once
			seen[m.UserID] = true
			_, ok := h.c.User(m.UserID) // reads inside the loop do not deadlock
			h.is.True(ok)
		}
		h.is.Equal(len(seen), 303) // every member
		n := 0
		for range h.c.Members(guildA) {
			n++
			if n == 5 {
				break
			}
		}
		h.is.Equal(n, 5) // early break
	}},

	{name: "Concurrent", run: func(h *harness) {
		h.apply("GUILD_CREATE", guildCreate(guildA))
		events := make([][]byte, 200)
		for i := range events {
			events[i] = []byte(fmt.Sprintf(`{"op":0,"s":%d,"t":"MESSAGE_CREATE","d":%s}`, i+10, jsonMessage(chanText, 2000+i, userA, "c")))
		}
		concurrently(4, func(w int) {
			for i := w; i < len(events); i += 4 {
				ev, err := model.ParseEvent(events[i])
				if err != nil {
					h.t.Error(err)
					return
				}
				if err := h.c.Apply(w, ev); err != nil {
					h.t.Error(err)
				}
				h.c.Member(guildA, userA)
				for range h.c.Members(guildA) {
				}
				h.c.Stats()
			}
		})
		h.is.Equal(h.c.Stats().Messages, cache.DefaultMessages) // the ring is full
	}},
}
