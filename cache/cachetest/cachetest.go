package cachetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// Run checks a backend against the cache's contract: every event the
// cache applies, through a cache.Cache over a fresh backend from
// newBackend for each subtest, and every value read back, field for
// field. Empty slices and nil slices count as equal.
func Run(t *testing.T, newBackend func(t *testing.T) cache.Backend) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := &harness{t: t, is: is.New(t)}
			h.b = &countingBackend{Backend: newBackend(t)}
			h.c = cache.New(h.b, tc.opts)
			tc.run(h)
		})
	}
}

type testCase struct {
	name string
	opts *cache.Options
	run  func(h *harness)
}

// harness applies events and compares what the cache answers.
type harness struct {
	t   *testing.T
	is  *is.I
	c   *cache.Cache
	b   *countingBackend
	seq int64
}

// countingBackend counts the records the cache puts, by kind, so that the
// cases can check that unchanged records are not written again.
type countingBackend struct {
	cache.Backend
	mu   sync.Mutex
	puts map[cache.Kind]int
}

func (b *countingBackend) Update(fn func(tx cache.Tx) error) error {
	return b.Backend.Update(func(tx cache.Tx) error {
		return fn(&countingTx{Tx: tx, b: b})
	})
}

// Puts is the number of records of kind k put so far.
func (b *countingBackend) Puts(k cache.Kind) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.puts[k]
}

type countingTx struct {
	cache.Tx
	b *countingBackend
}

func (tx *countingTx) Put(k cache.Key, r cache.Record) {
	tx.b.mu.Lock()
	if tx.b.puts == nil {
		tx.b.puts = make(map[cache.Kind]int)
	}
	tx.b.puts[k.Kind]++
	tx.b.mu.Unlock()
	tx.Tx.Put(k, r)
}

// Reserve passes the hint on when the backend takes it.
func (tx *countingTx) Reserve(kind cache.Kind, parent uint64, n int) {
	if r, ok := tx.Tx.(cache.Reserver); ok {
		r.Reserve(kind, parent, n)
	}
}

// apply builds a dispatch of the given name and data, applies it, and then
// overwrites the payload's bytes, so that a backend keeping references
// into the frame (instead of copies) is caught by later reads.
func (h *harness) apply(name, d string) {
	h.t.Helper()
	if err := h.applyErr(name, d); err != nil {
		h.t.Fatalf("apply %s: %v", name, err)
	}
}

func (h *harness) applyErr(name, d string) error {
	h.t.Helper()
	h.seq++
	payload := []byte(fmt.Sprintf(`{"op":0,"s":%d,"t":%q,"d":%s}`, h.seq, name, d))
	ev, err := model.ParseEvent(payload)
	if err == nil {
		err = h.c.Apply(0, ev)
	}
	for i := range payload {
		payload[i] = 'X'
	}
	return err
}

// equal compares got and want field for field, after turning empty slices
// into nil in both.
func (h *harness) equal(got, want any, what string) {
	h.t.Helper()
	g, w := normalize(got), normalize(want)
	if !reflect.DeepEqual(g, w) {
		h.t.Errorf("%s:\n got: %+v\nwant: %+v", what, g, w)
	}
}

func normalize(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	out := reflect.New(rv.Type()).Elem()
	out.Set(rv)
	norm(out)
	return out.Interface()
}

func norm(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			if v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
			return
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		for i := 0; i < c.Len(); i++ {
			norm(c.Index(i))
		}
		if v.CanSet() {
			v.Set(c)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				norm(v.Field(i))
			}
		}
	}
}

func tm(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}

func hash(s string) cache.Hash {
	h, ok := cache.ParseHash(s)
	if !ok {
		panic("bad hash " + s)
	}
	return h
}

// IDs used by the cases.
const (
	guildA   = 100
	guildB   = 200
	botID    = 1
	ownerID  = 10
	userA    = 11
	userB    = 12
	userC    = 13
	roleMod  = 101
	roleAdm  = 102
	roleMute = 103
	chanCat  = 110
	chanText = 111
	chanVox  = 112
	thread1  = 120
	thread2  = 121
	emoji1   = 130
	sticker1 = 140
)

const (
	hashA = "0123456789abcdef0123456789abcdef"
	hashB = "a_fedcba9876543210fedcba9876543210"
)

func jsonUser(id int, name string) string {
	return fmt.Sprintf(`{"id":"%d","username":%q,"global_name":%q,"discriminator":"0","avatar":%q,"public_flags":64,"bot":false,"clan":null}`,
		id, name, strings.ToUpper(name), hashA)
}

func wantUser(id int, name string, guilds int32) cache.User {
	return cache.User{ID: model.UserID(id), Username: name, GlobalName: strings.ToUpper(name),
		Avatar: hash(hashA), PublicFlags: 64, Guilds: guilds}
}

func jsonMember(id int, name, nick string, roles ...int) string {
	rs := make([]string, len(roles))
	for i, r := range roles {
		rs[i] = fmt.Sprintf(`"%d"`, r)
	}
	n := "null"
	if nick != "" {
		n = fmt.Sprintf("%q", nick)
	}
	return fmt.Sprintf(`{"user":%s,"roles":[%s],"nick":%s,"joined_at":"2023-06-04T05:11:30.502479+00:00","premium_since":null,"deaf":false,"mute":true,"flags":2,"pending":false,"communication_disabled_until":null,"avatar":null,"banner":null}`,
		jsonUser(id, name), strings.Join(rs, ","), n)
}

func wantMember(guild, id int, nick string, roles ...int) cache.Member {
	m := cache.Member{GuildID: model.GuildID(guild), UserID: model.UserID(id), Nick: nick,
		JoinedAt: tm("2023-06-04T05:11:30.502479+00:00"), Mute: true, Flags: 2}
	for _, r := range roles {
		m.Roles = append(m.Roles, model.RoleID(r))
	}
	return m
}

func jsonRole(id int, name string, perms model.Permissions, pos int) string {
	return fmt.Sprintf(`{"id":"%d","name":%q,"color":255,"hoist":true,"icon":null,"unicode_emoji":null,"position":%d,"permissions":"%d","managed":false,"mentionable":true,"flags":0,"tags":{}}`,
		id, name, pos, uint64(perms))
}

func wantRole(guild, id int, name string, perms model.Permissions, pos int) cache.Role {
	return cache.Role{ID: model.RoleID(id), GuildID: model.GuildID(guild), Name: name, Color: 255,
		Hoist: true, Position: int32(pos), Permissions: perms, Mentionable: true}
}

const everyonePerms = model.PermissionViewChannel | model.PermissionSendMessages |
	model.PermissionReadMessageHistory | model.PermissionConnect | model.PermissionAddReactions

func jsonChannel(guild, id, typ, parent int, name string, overwrites string) string {
	p := "null"
	if parent != 0 {
		p = fmt.Sprintf(`"%d"`, parent)
	}
	return fmt.Sprintf(`{"id":"%d","guild_id":"%d","type":%d,"name":%q,"topic":"about","position":3,"parent_id":%s,"nsfw":false,"rate_limit_per_user":5,"flags":0,"last_message_id":null,"permission_overwrites":[%s]}`,
		id, guild, typ, name, p, overwrites)
}

func wantChannel(guild, id, typ, parent int, name string, ow ...model.PermissionOverwrite) cache.Channel {
	return cache.Channel{ID: model.ChannelID(id), GuildID: model.GuildID(guild), Type: model.ChannelType(typ),
		Name: name, Topic: "about", Position: 3, ParentID: model.ChannelID(parent), RateLimitPerUser: 5,
		PermissionOverwrites: ow}
}

func jsonThread(guild, id, parent int, name string, archived bool) string {
	return fmt.Sprintf(`{"id":"%d","guild_id":"%d","type":11,"name":%q,"parent_id":"%d","owner_id":"%d","message_count":7,"member_count":3,"total_message_sent":9,"rate_limit_per_user":0,"flags":0,"thread_metadata":{"archived":%t,"locked":false,"auto_archive_duration":1440,"archive_timestamp":"2025-05-28T14:59:08.654000+00:00","create_timestamp":"2025-05-28T14:59:08.654000+00:00"}}`,
		id, guild, name, parent, userA, archived)
}

func wantThread(guild, id, parent int, name string, archived bool) cache.Channel {
	return cache.Channel{ID: model.ChannelID(id), GuildID: model.GuildID(guild), Type: model.ChannelPublicThread,
		Name: name, ParentID: model.ChannelID(parent), OwnerID: userA, MessageCount: 7, MemberCount: 3,
		TotalMessageSent: 9, Archived: archived, AutoArchiveDuration: 1440,
		ArchiveTimestamp: tm("2025-05-28T14:59:08.654000+00:00"),
		CreateTimestamp:  tm("2025-05-28T14:59:08.654000+00:00")}
}

func jsonOverwrite(id, typ int, allow, deny model.Permissions) string {
	return fmt.Sprintf(`{"id":"%d","type":%d,"allow":"%d","deny":"%d"}`, id, typ, uint64(allow), uint64(deny))
}

func jsonPresence(guild, user int, status string) string {
	g := ""
	if guild != 0 {
		g = fmt.Sprintf(`"guild_id":"%d",`, guild)
	}
	return fmt.Sprintf(`{%s"user":{"id":"%d"},"status":%q,"client_status":{"desktop":%q},"activities":[{"type":0,"name":"Terraria","state":"In Match","details":"fishing","created_at":1748775993209,"timestamps":{"start":1748773899727},"application_id":"457881849282738172"},{"type":4,"name":"Custom Status","state":"hi \ud83c\udf19","emoji":{"name":"\u2705"},"created_at":1748756534039}]}`,
		g, user, status, status)
}

func wantPresence(guild, user int, status model.Status) cache.Presence {
	return cache.Presence{GuildID: model.GuildID(guild), UserID: model.UserID(user), Status: status,
		ClientStatus: cache.ClientStatus{Desktop: status},
		Activities: []cache.Activity{
			{Type: 0, Name: "Terraria", State: "In Match", Details: "fishing",
				CreatedAt: time.UnixMilli(1748775993209).UTC(), Start: time.UnixMilli(1748773899727).UTC(),
				ApplicationID: 457881849282738172},
			{Type: 4, Name: "Custom Status", State: "hi 🌙", EmojiName: "✅",
				CreatedAt: time.UnixMilli(1748756534039).UTC()},
		}}
}

func jsonVoice(guild, user, channel int) string {
	c := "null"
	if channel != 0 {
		c = fmt.Sprintf(`"%d"`, channel)
	}
	return fmt.Sprintf(`{"guild_id":"%d","user_id":"%d","channel_id":%s,"session_id":"s%d","deaf":false,"mute":false,"self_deaf":true,"self_mute":false,"self_video":false,"suppress":false,"request_to_speak_timestamp":null}`,
		guild, user, c, user)
}

func wantVoice(guild, user, channel int) cache.VoiceState {
	return cache.VoiceState{GuildID: model.GuildID(guild), UserID: model.UserID(user),
		ChannelID: model.ChannelID(channel), SessionID: fmt.Sprintf("s%d", user), SelfDeaf: true}
}

func jsonEmoji(id int, name string) string {
	return fmt.Sprintf(`{"id":"%d","name":%q,"roles":["%d"],"user":{"id":"%d"},"require_colons":true,"managed":false,"animated":true,"available":true}`,
		id, name, roleMod, userA)
}

func wantEmoji(guild, id int, name string) cache.Emoji {
	return cache.Emoji{ID: model.EmojiID(id), GuildID: model.GuildID(guild), Name: name,
		Roles: []model.RoleID{roleMod}, CreatorID: userA, RequireColons: true, Animated: true, Available: true}
}

func jsonSticker(guild, id int, name string) string {
	return fmt.Sprintf(`{"id":"%d","guild_id":"%d","name":%q,"description":"desc","tags":"game","type":2,"format_type":1,"available":true}`,
		id, guild, name)
}

func wantSticker(guild, id int, name string) cache.Sticker {
	return cache.Sticker{ID: model.StickerID(id), GuildID: model.GuildID(guild), Name: name,
		Description: "desc", Tags: "game", Type: model.StickerGuild, FormatType: model.StickerPNG, Available: true}
}

// guildCreate is a complete GUILD_CREATE: the owner and users A and B are
// members; A is a moderator, B is muted. Guilds other than guildA have
// their channels' IDs moved by 1000.
func guildCreate(id int, extraMembers ...string) string {
	o := 0
	if id != guildA {
		o = 1000
	}
	members := []string{
		jsonMember(ownerID, "owner", ""),
		jsonMember(userA, "alice", "Al", roleMod),
		jsonMember(userB, "bob", "", roleMute, roleMod),
	}
	members = append(members, extraMembers...)
	return fmt.Sprintf(`{"id":"%d","name":"Guild %d","icon":%q,"banner":null,"owner_id":"%d","afk_timeout":300,
"features":["COMMUNITY","NEWS"],"preferred_locale":"en-US","description":"a test guild","member_count":%d,"large":false,
"joined_at":"2025-01-02T07:01:17.316643+00:00","verification_level":2,"premium_tier":1,"system_channel_id":"%d",
"unavailable":false,
"roles":[%s,%s,%s,%s],
"channels":[%s,%s,%s],
"threads":[%s],
"members":[%s],
"presences":[%s],
"voice_states":[%s],
"emojis":[%s],
"stickers":[%s]}`,
		id, id, hashB, ownerID, len(members), chanText,
		jsonRole(id, "@everyone", everyonePerms, 0),
		jsonRole(roleMod, "mod", model.PermissionManageMessages|model.PermissionKickMembers, 2),
		jsonRole(roleAdm, "admin", model.PermissionAdministrator, 3),
		jsonRole(roleMute, "muted", 0, 1),
		jsonChannel(id, chanCat+o, 4, 0, "Category", jsonOverwrite(id, 0, 0, model.PermissionViewChannel)),
		jsonChannel(id, chanText+o, 0, chanCat+o, "general",
			jsonOverwrite(id, 0, 0, model.PermissionAddReactions)+","+
				jsonOverwrite(roleMute, 0, 0, model.PermissionSendMessages)+","+
				jsonOverwrite(roleMod, 0, model.PermissionSendMessages|model.PermissionManageThreads, 0)+","+
				jsonOverwrite(userB, 1, model.PermissionAddReactions, 0)),
		jsonChannel(id, chanVox+o, 2, chanCat+o, "voice", ""),
		jsonThread(id, thread1+o, chanText+o, "thread one", false),
		strings.Join(members, ","),
		jsonPresence(0, userA, "online"),
		jsonVoice(id, userA, chanVox+o),
		jsonEmoji(emoji1, "blob"),
		jsonSticker(id, sticker1, "wave"),
	)
}

func wantGuild(id int, members int32) cache.Guild {
	return cache.Guild{ID: model.GuildID(id), Name: fmt.Sprintf("Guild %d", id), Icon: hash(hashB),
		OwnerID: ownerID, AFKTimeout: 300, Features: []string{"COMMUNITY", "NEWS"}, PreferredLocale: "en-US",
		Description: "a test guild", MemberCount: members, JoinedAt: tm("2025-01-02T07:01:17.316643+00:00"),
		VerificationLevel: 2, PremiumTier: 1, SystemChannelID: chanText}
}

// messageAttachments are an image clip and a voice message, with every
// field an attachment has.
const messageAttachments = `[{"id":"9","filename":"a.png","title":"a cat","description":"a cat asleep","size":1234,` +
	`"url":"https://cdn/a.png","proxy_url":"https://media/a.png","content_type":"image/png","height":480,"width":640,` +
	`"placeholder":"1wcGBQBzeIiAeHh3iIiIiHiAaAAAAAAA","placeholder_version":1,"ephemeral":true,"flags":1,` +
	`"clip_created_at":"2025-05-30T10:00:00.250000+00:00","clip_participants":[{"id":"12","username":"bob"}],` +
	`"application":{"id":"77","name":"Game","description":"","summary":""}},` +
	`{"id":"10","filename":"voice-message.ogg","size":9001,"url":"https://cdn/v.ogg","proxy_url":"https://media/v.ogg",` +
	`"content_type":"audio/ogg","duration_secs":2.5,"waveform":"AAECAw==","flags":8,"new_field":{"x":[1]}}]`

func jsonMessage(channel, id, author int, content string) string {
	return fmt.Sprintf(`{"id":"%d","channel_id":"%d","guild_id":"%d","author":%s,"content":%q,"timestamp":"2025-06-01T12:00:00.097000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[{"id":"%d","username":"bob"}],"mention_roles":["%d"],"attachments":%s,"embeds":[{},{}],"pinned":false,"type":19,"flags":0,"message_reference":{"type":0,"message_id":"5","channel_id":"%d","guild_id":"%d","fail_if_not_exists":true}}`,
		id, channel, guildA, jsonUser(author, "alice"), content, userB, roleMod, messageAttachments, channel, guildA)
}

func wantMessage(channel, id, author int, content string) cache.Message {
	u := wantUser(author, "alice", 0)
	return cache.Message{ID: model.MessageID(id), ChannelID: model.ChannelID(channel), GuildID: guildA,
		Author: u, Type: 19, Content: content, Timestamp: tm("2025-06-01T12:00:00.097000+00:00"),
		Mentions: []model.UserID{userB}, MentionRoles: []model.RoleID{roleMod},
		Attachments: []cache.Attachment{
			{ID: 9, Filename: "a.png", Title: "a cat", Description: "a cat asleep", ContentType: "image/png",
				Size: 1234, URL: "https://cdn/a.png", ProxyURL: "https://media/a.png", Height: 480, Width: 640,
				Placeholder: "1wcGBQBzeIiAeHh3iIiIiHiAaAAAAAAA", PlaceholderVersion: 1, Ephemeral: true, Flags: 1,
				ClipCreatedAt: tm("2025-05-30T10:00:00.250000+00:00"), ClipParticipants: []model.UserID{userB},
				ApplicationID: 77},
			{ID: 10, Filename: "voice-message.ogg", ContentType: "audio/ogg", Size: 9001, URL: "https://cdn/v.ogg",
				ProxyURL: "https://media/v.ogg", DurationSecs: 2.5, Waveform: "AAECAw==", Flags: 8},
		},
		Embeds: 2, EmbedsJSON: `[{},{}]`,
		Reference: cache.MessageReference{Type: model.ReferenceDefault, MessageID: 5, ChannelID: model.ChannelID(channel),
			GuildID: guildA, FailIfNotExists: true}}
}

// dm is a message in the DM channel, outside guilds.
func dm(channel, id, author int) string {
	return strings.Replace(jsonMessage(channel, id, author, "hi"), fmt.Sprintf(`"guild_id":"%d",`, guildA), "", 1)
}

// jsonForward is a message forwarding message 77 of chanVox, with its
// snapshot.
func jsonForward(channel, id int) string {
	return fmt.Sprintf(`{"id":"%d","channel_id":"%d","guild_id":"%d","author":%s,"content":"","timestamp":"2025-06-01T12:00:00+00:00","type":0,"flags":16384,`+
		`"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],`+
		`"message_reference":{"type":1,"message_id":"77","channel_id":"%d","guild_id":"%d"},`+
		`"message_snapshots":[{"message":{"type":0,"content":"the original","embeds":[],"attachments":[],"timestamp":"2025-05-01T00:00:00+00:00","edited_timestamp":null,"flags":0,"mentions":[],"mention_roles":[]}}]}`,
		id, channel, guildA, jsonUser(userA, "alice"), chanVox, guildA)
}

// compactMessage is m as a cache with Options.CompactMessages keeps it.
func compactMessage(m cache.Message) cache.Message {
	m.EmbedsJSON, m.ComponentsJSON, m.StickersJSON, m.SnapshotsJSON = "", "", "", ""
	m.Attachments = slices.Clone(m.Attachments)
	for i, a := range m.Attachments {
		m.Attachments[i] = cache.Attachment{ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Size: a.Size, URL: a.URL}
	}
	return m
}

// everyFieldSet reports the fields of the struct v that are zero in all of
// vs, for a check that a round trip covers every field.
func everyFieldSet[T any](vs ...T) []string {
	var unset []string
	t := reflect.TypeFor[T]()
	for i := range t.NumField() {
		set := false
		for _, v := range vs {
			set = set || !reflect.ValueOf(v).Field(i).IsZero()
		}
		if !set {
			unset = append(unset, t.Field(i).Name)
		}
	}
	return unset
}

func ready() string {
	return fmt.Sprintf(`{"v":10,"user":%s,"session_id":"sess1","resume_gateway_url":"wss://resume.example","guilds":[{"id":"%d","unavailable":true},{"id":"%d","unavailable":true}],"shard":[0,1]}`,
		strings.Replace(jsonUser(botID, "bot"), `"bot":false`, `"bot":true`, 1), guildA, guildB)
}

// messageIDs lists the IDs of a channel's cached messages, in the order
// the cache yields them.
func (h *harness) messageIDs(channel int) []int {
	var ids []int
	for m := range h.c.Messages(model.ChannelID(channel)) {
		ids = append(ids, int(m.ID))
	}
	return ids
}

// insertSorted adds id to the ascending list s, once.
func insertSorted(s []int, id int) []int {
	i, ok := slices.BinarySearch(s, id)
	if ok {
		return s
	}
	return slices.Insert(s, i, id)
}

// keepNewest drops the lowest values of the ascending list s until n are
// left.
func keepNewest(s []int, n int) []int {
	if len(s) > n {
		return slices.Delete(s, 0, len(s)-n)
	}
	return s
}

func collect[T any](seq func(func(T) bool)) []T {
	var out []T
	for v := range seq {
		out = append(out, v)
	}
	return out
}

func sortBy[T any](s []T, key func(T) uint64) []T {
	slices.SortFunc(s, func(a, b T) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	return s
}

// concurrently runs fn n times on separate goroutines and waits.
func concurrently(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}
