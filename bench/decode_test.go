package bench

import (
	"bytes"
	encjson "encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/disgoorg/disgo/gateway"
	"github.com/disgoorg/json"
	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

func TestMain(m *testing.M) {
	if os.Getenv(gatewayServerEnv) != "" {
		runGatewayServer() // the fake Discord of BenchmarkGateway
	}
	code := m.Run()
	RemoveGenerated()
	os.Exit(code)
}

// A reader decodes one gateway frame the way a library's gateway does and
// reads op, t, s and the three fields a handler of the event typically
// reads. It returns a checksum of what it read (string lengths and ID
// values), so that the libraries can be checked against each other and
// nothing is optimised away.
type reader func(frame []byte) (uint64, error)

// The fields read per event type:
//
//	MESSAGE_CREATE        content, channel_id, author.id
//	PRESENCE_UPDATE       user.id, status, guild_id
//	TYPING_START          channel_id, user_id, guild_id
//	GUILD_MEMBER_UPDATE   guild_id, user.id, user.username
//	MESSAGE_REACTION_ADD  message_id, user_id, emoji.name
//	INTERACTION_CREATE    id, token, member.user.id
//	GUILD_CREATE          id, name, member_count

func ln(s string) uint64 { return uint64(len(s)) }

// gloamRead owns the frame's bytes like gloam's gateway does (each frame
// arrives in a buffer of its own), parses the envelope and reads the
// fields through the typed views.
func gloamRead(frame []byte) (uint64, error) {
	buf := make([]byte, len(frame))
	copy(buf, frame)
	ev, err := model.ParseEvent(buf)
	if err != nil {
		return 0, err
	}
	sum := uint64(ev.Op) + uint64(ev.Seq) + ln(ev.Name())
	switch ev.Type {
	case model.EventMessageCreate:
		v, err := ev.MessageCreate()
		if err != nil {
			return 0, err
		}
		sum += ln(v.Content()) + uint64(v.ChannelID()) + uint64(v.Author().ID())
	case model.EventPresenceUpdate:
		v, err := ev.PresenceUpdate()
		if err != nil {
			return 0, err
		}
		sum += uint64(v.UserID()) + ln(string(v.Status())) + uint64(v.GuildID())
	case model.EventTypingStart:
		v, err := ev.TypingStart()
		if err != nil {
			return 0, err
		}
		sum += uint64(v.ChannelID()) + uint64(v.UserID()) + uint64(v.GuildID())
	case model.EventGuildMemberUpdate:
		v, err := ev.GuildMemberUpdate()
		if err != nil {
			return 0, err
		}
		u := v.User()
		sum += uint64(v.GuildID()) + uint64(u.ID()) + ln(u.Username())
	case model.EventMessageReactionAdd:
		v, err := ev.MessageReactionAdd()
		if err != nil {
			return 0, err
		}
		sum += uint64(v.MessageID()) + uint64(v.UserID()) + ln(v.Emoji().Name())
	case model.EventInteractionCreate:
		v, err := ev.InteractionCreate()
		if err != nil {
			return 0, err
		}
		sum += uint64(v.ID()) + ln(v.Token()) + uint64(v.Invoker().ID())
	case model.EventGuildCreate:
		v, err := ev.GuildCreate()
		if err != nil {
			return 0, err
		}
		sum += uint64(v.ID()) + ln(v.Name()) + uint64(v.MemberCount())
	default:
		return 0, fmt.Errorf("unexpected event %q", ev.Name())
	}
	return sum, nil
}

// gloamFullRead is gloamRead with a full decode of d (Event.Decode) in
// place of the views: what a cache that keeps every field pays.
func gloamFullRead(frame []byte) (uint64, error) {
	buf := make([]byte, len(frame))
	copy(buf, frame)
	ev, err := model.ParseEvent(buf)
	if err != nil {
		return 0, err
	}
	sum := uint64(ev.Op) + uint64(ev.Seq) + ln(ev.Name())
	x, err := ev.Decode()
	if err != nil {
		return 0, err
	}
	switch v := x.(type) {
	case *model.MessageCreate:
		sum += ln(v.Content) + uint64(v.ChannelID) + uint64(v.Author.ID)
	case *model.PresenceUpdate:
		sum += uint64(v.User.ID) + ln(string(v.Status)) + uint64(v.GuildID)
	case *model.TypingStart:
		sum += uint64(v.ChannelID) + uint64(v.UserID) + uint64(v.GuildID)
	case *model.GuildMemberUpdate:
		sum += uint64(v.GuildID) + uint64(v.User.ID) + ln(v.User.Username)
	case *model.MessageReactionAdd:
		sum += uint64(v.MessageID) + uint64(v.UserID) + ln(*v.Emoji.Name)
	case *model.InteractionCreate:
		sum += uint64(v.ID) + ln(v.Token) + uint64(v.Invoker().ID)
	case *model.GuildCreate:
		sum += uint64(v.ID) + ln(v.Name) + uint64(v.MemberCount)
	default:
		return 0, fmt.Errorf("unexpected event %T", x)
	}
	return sum, nil
}

func dgID(s string) uint64 { v, _ := strconv.ParseUint(s, 10, 64); return v }

// discordgoRead is the decode path of discordgo's gateway (wsapi.go
// onEvent): a json.Decoder over the frame into Event, whose d is kept as
// a json.RawMessage, then json.Unmarshal of d into the struct for t. The
// frame is copied as gorilla/websocket's ReadMessage returns a new slice.
func discordgoRead(frame []byte) (uint64, error) {
	buf := make([]byte, len(frame))
	copy(buf, frame)
	var e *discordgo.Event
	if err := encjson.NewDecoder(bytes.NewBuffer(buf)).Decode(&e); err != nil {
		return 0, err
	}
	sum := uint64(e.Operation) + uint64(e.Sequence) + ln(e.Type)
	var v any
	switch e.Type {
	case "MESSAGE_CREATE":
		v = new(discordgo.MessageCreate)
	case "PRESENCE_UPDATE":
		v = new(discordgo.PresenceUpdate)
	case "TYPING_START":
		v = new(discordgo.TypingStart)
	case "GUILD_MEMBER_UPDATE":
		v = new(discordgo.GuildMemberUpdate)
	case "MESSAGE_REACTION_ADD":
		v = new(discordgo.MessageReactionAdd)
	case "INTERACTION_CREATE":
		v = new(discordgo.InteractionCreate)
	case "GUILD_CREATE":
		v = new(discordgo.GuildCreate)
	default:
		return 0, fmt.Errorf("unexpected event %q", e.Type)
	}
	if err := encjson.Unmarshal(e.RawData, v); err != nil {
		return 0, err
	}
	switch v := v.(type) {
	case *discordgo.MessageCreate:
		sum += ln(v.Content) + dgID(v.ChannelID) + dgID(v.Author.ID)
	case *discordgo.PresenceUpdate:
		sum += dgID(v.User.ID) + ln(string(v.Status)) + dgID(v.GuildID)
	case *discordgo.TypingStart:
		sum += dgID(v.ChannelID) + dgID(v.UserID) + dgID(v.GuildID)
	case *discordgo.GuildMemberUpdate:
		sum += dgID(v.GuildID) + dgID(v.User.ID) + ln(v.User.Username)
	case *discordgo.MessageReactionAdd:
		sum += dgID(v.MessageID) + dgID(v.UserID) + ln(v.Emoji.Name)
	case *discordgo.InteractionCreate:
		sum += dgID(v.ID) + ln(v.Token) + dgID(v.Member.User.ID)
	case *discordgo.GuildCreate:
		sum += dgID(v.ID) + ln(v.Name) + uint64(v.MemberCount)
	}
	return sum, nil
}

// disgoRead is the decode path of disgo's gateway (parseMessage): a
// json.Decoder over the frame into gateway.Message, whose UnmarshalJSON
// decodes d into the event's struct.
func disgoRead(frame []byte) (uint64, error) {
	var m gateway.Message
	if err := json.NewDecoder(bytes.NewReader(frame)).Decode(&m); err != nil {
		return 0, err
	}
	sum := uint64(m.Op) + uint64(m.S) + ln(string(m.T))
	switch v := m.D.(type) {
	case gateway.EventMessageCreate:
		sum += ln(v.Content) + uint64(v.ChannelID) + uint64(v.Author.ID)
	case gateway.EventPresenceUpdate:
		sum += uint64(v.PresenceUser.ID) + ln(string(v.Status)) + uint64(v.GuildID)
	case gateway.EventTypingStart:
		sum += uint64(v.ChannelID) + uint64(v.UserID) + uint64(*v.GuildID)
	case gateway.EventGuildMemberUpdate:
		sum += uint64(v.GuildID) + uint64(v.User.ID) + ln(v.User.Username)
	case gateway.EventMessageReactionAdd:
		sum += uint64(v.MessageID) + uint64(v.UserID) + ln(*v.Emoji.Name)
	case gateway.EventInteractionCreate:
		sum += uint64(v.ID()) + ln(v.Token()) + uint64(v.User().ID)
	case gateway.EventGuildCreate:
		sum += uint64(v.ID) + ln(v.Name) + uint64(v.MemberCount)
	default:
		return 0, fmt.Errorf("unexpected event %T", m.D)
	}
	return sum, nil
}

// floorRead is one gjson.ValidBytes pass: a floor for any decoder that
// checks its input.
func floorRead(frame []byte) (uint64, error) {
	if !gjson.ValidBytes(frame) {
		return 0, fmt.Errorf("invalid JSON")
	}
	return 1, nil
}

var libs = []struct {
	name string
	read reader
}{
	{"gloam", gloamRead},
	{"gloam-full", gloamFullRead},
	{"discordgo", discordgoRead},
	{"disgo", disgoRead},
	{"floor", floorRead},
}

type corpusSet struct {
	name   string
	frames [][]byte
	bytes  int
}

func loadCorpora(tb testing.TB) []corpusSet {
	tb.Helper()
	mixed, err := ReadLines(Mixed)
	if err == ErrNoCorpus {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	sets := []corpusSet{{name: "mixed", frames: mixed}}
	for _, g := range []struct{ name, file string }{
		{"guild_create_1000", GuildCreate1000},
		{"guild_create_25000", GuildCreate25000},
	} {
		b, err := ReadFile(g.file)
		if err != nil {
			tb.Fatal(err)
		}
		sets = append(sets, corpusSet{name: g.name, frames: [][]byte{b}})
	}
	for i := range sets {
		for _, f := range sets[i].frames {
			sets[i].bytes += len(f)
		}
	}
	return sets
}

var sink uint64

var agreeAll = flag.Bool("agree-all", false, "TestLibrariesAgree checks every event")

// BenchmarkDecode reads gateway payloads with each library; one op is one
// event. Run with -count 6 and compare with benchstat -col /lib.
func BenchmarkDecode(b *testing.B) {
	for _, c := range loadCorpora(b) {
		for _, lib := range libs {
			b.Run("corpus="+c.name+"/lib="+lib.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(c.bytes / len(c.frames)))
				frames := c.frames
				var sum uint64
				i := 0
				for b.Loop() {
					s, err := lib.read(frames[i])
					if err != nil {
						b.Fatal(err)
					}
					sum += s
					if i++; i == len(frames) {
						i = 0
					}
				}
				sink += sum
			})
		}
	}
}

// TestLibrariesAgree checks that every library reads the same values from
// the mixed stream (every third event, to stay quick; -agree-all for all)
// and from the 1,000-member guild.
func TestLibrariesAgree(t *testing.T) {
	stride := 3
	if *agreeAll {
		stride = 1
	}
	for _, c := range loadCorpora(t)[:2] {
		for i := 0; i < len(c.frames); i += stride {
			f := c.frames[i]
			want, err := discordgoRead(f)
			if err != nil {
				t.Fatalf("%s #%d: discordgo: %v", c.name, i, err)
			}
			for _, lib := range libs[:4] {
				got, err := lib.read(f)
				if err != nil {
					t.Fatalf("%s #%d: %s: %v", c.name, i, lib.name, err)
				}
				if got != want {
					t.Fatalf("%s #%d: %s read %d, discordgo %d", c.name, i, lib.name, got, want)
				}
			}
		}
	}
}
