package cache

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

func sampleRecords() []Record {
	t0 := time.UnixMicro(1717171717123456).UTC()
	h, _ := ParseHash("a_0123456789abcdef0123456789abcdef")
	u := User{ID: 1, Username: "alice", GlobalName: "Alice", Discriminator: 42, Avatar: h, Bot: true,
		PublicFlags: 64, Guilds: 3}
	return []Record{
		&u,
		&Member{GuildID: 2, UserID: 1, Nick: "Al", Avatar: h, Roles: []model.RoleID{5, 6}, JoinedAt: t0,
			PremiumSince: t0, CommunicationDisabledUntil: t0, Flags: 3, Deaf: true, Pending: true},
		&Guild{ID: 2, Name: "g", Icon: h, OwnerID: 1, AFKTimeout: -5, Features: []string{"A", "B"},
			PreferredLocale: "fr", MemberCount: 10, JoinedAt: t0, Unavailable: true, VerificationLevel: 4, Large: true},
		&Channel{ID: 3, GuildID: 2, Type: model.ChannelPublicThread, Name: "c", Topic: "t", Position: -1,
			PermissionOverwrites: []model.PermissionOverwrite{{ID: 9, Type: 1, Allow: 8, Deny: 1 << 40}}, OwnerID: 1,
			MessageCount: 4, Archived: true, ArchiveTimestamp: t0, AppliedTags: []uint64{7}, LastPinTimestamp: t0},
		&Role{ID: 4, GuildID: 2, Name: "r", Color: 0xffffff, Icon: h, Position: 2, Permissions: model.PermissionsAll,
			Managed: true, BotID: 8, PremiumSubscriber: true},
		&Emoji{ID: 5, GuildID: 2, Name: "e", Roles: []model.RoleID{4}, CreatorID: 1, Animated: true, Available: true},
		&Sticker{ID: 6, GuildID: 2, Name: "s", Description: "d", Tags: "t", Type: 2, FormatType: 3, Available: true},
		&Presence{GuildID: 2, UserID: 1, Status: "dnd", ClientStatus: ClientStatus{Mobile: "idle"},
			Activities: []Activity{{Name: "n", Type: 4, State: "s", CreatedAt: t0, Start: t0, EmojiName: "x", EmojiID: 3, EmojiAnimated: true}}},
		&VoiceState{GuildID: 2, UserID: 1, ChannelID: 3, SessionID: "sess", SelfMute: true, Suppress: true, RequestToSpeakTimestamp: t0},
		&Message{ID: 7, ChannelID: 3, GuildID: 2, Author: u, Content: "hello", Timestamp: t0, EditedTimestamp: t0,
			Mentions: []model.UserID{1}, MentionRoles: []model.RoleID{4},
			Attachments: []Attachment{{ID: 1, Filename: "f", Size: 10, URL: "u"}, {ID: 2, Filename: "g", Title: "t",
				Description: "d", ContentType: "audio/ogg", Size: 1 << 40, URL: "u", ProxyURL: "p", Height: 3, Width: 4,
				Placeholder: "ph", PlaceholderVersion: 1, Ephemeral: true, DurationSecs: 1.25, Waveform: "w",
				Flags: 1 << 3, ClipCreatedAt: t0, ClipParticipants: []model.UserID{1, 2}, ApplicationID: 9}}, Embeds: 2,
			Reactions: []Reaction{{EmojiName: "👍", Count: 2, Me: true}}, Pinned: true,
			Reference:  MessageReference{Type: 1, MessageID: 6, ChannelID: 3, GuildID: 2, FailIfNotExists: true},
			EmbedsJSON: `[{}]`, ComponentsJSON: `[{"type":1}]`, StickersJSON: `[{"id":"1"}]`,
			SnapshotsJSON: `[{"message":{"content":"fwd"}}]`},
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, r := range sampleRecords() {
		is := is.New(t)
		b, err := r.AppendBinary([]byte("prefix"))
		is.NoErr(err)                     // encode
		is.Equal(string(b[:6]), "prefix") // appends
		got := reflect.New(reflect.TypeOf(r).Elem()).Interface().(Record)
		is.NoErr(got.UnmarshalBinary(b[6:])) // decode
		is.Equal(got, r)                     // round trip
		for i := 0; i < len(b)-6; i++ {
			err := got.UnmarshalBinary(b[6 : 6+i])
			is.True(errors.Is(err, ErrCorrupt)) // a truncated record is corrupt
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	for _, r := range sampleRecords() {
		b, _ := r.AppendBinary(nil)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, r := range sampleRecords() {
			if err := r.UnmarshalBinary(b); err == nil {
				// What decodes encodes back to the same bytes' meaning.
				again, _ := r.AppendBinary(nil)
				r2 := reflect.New(reflect.TypeOf(r).Elem()).Interface().(Record)
				if err := r2.UnmarshalBinary(again); err != nil {
					t.Fatalf("%T: re-encoded record does not decode: %v", r, err)
				}
			}
		}
	})
}

func TestParseHash(t *testing.T) {
	is := is.New(t)
	h, ok := ParseHash("a_0123456789abcdef0123456789ABCDEF")
	is.True(ok && h.Animated && h.Set)
	is.Equal(h.String(), "a_0123456789abcdef0123456789abcdef") // lower case out
	h, ok = ParseHash("0123456789abcdef0123456789abcdef")
	is.True(ok && !h.Animated)
	for _, s := range []string{"", "a_", "0123", "g123456789abcdef0123456789abcdef", "b_0123456789abcdef0123456789abcdef"} {
		_, ok := ParseHash(s)
		is.True(!ok) // not a hash
	}
	is.Equal(Hash{}.String(), "")
}
