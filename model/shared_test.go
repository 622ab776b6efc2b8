package model_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
	"github.com/tidwall/gjson"
)

// checkObject decodes b into a new T, re-encodes it and checks that the
// encoding is stable and keeps the object's ID.
func checkObject[T any](t *testing.T, b []byte) {
	t.Helper()
	is := is.NewRelaxed(t)
	v := new(T)
	is.NoErr(json.Unmarshal(b, v)) // decodes
	out, err := json.Marshal(v)
	is.NoErr(err) // encodes
	w := new(T)
	is.NoErr(json.Unmarshal(out, w)) // decodes its own encoding
	again, err := json.Marshal(w)
	is.NoErr(err)
	is.Equal(string(again), string(out)) // the encoding is stable
	if id := gjson.GetBytes(b, "id"); id.Exists() && id.Type != gjson.Null {
		is.Equal(gjson.GetBytes(out, "id").String(), id.String()) // the ID survives
	}
}

var exampleTypes = map[string]func(*testing.T, []byte){
	"Activity.json":                    checkObject[model.Activity],
	"ActivityWithRichPresence.json":    checkObject[model.Activity],
	"ChannelCategory.json":             checkObject[model.Channel],
	"DmChannel.json":                   checkObject[model.Channel],
	"GroupDmChannel.json":              checkObject[model.Channel],
	"GuildAnnouncementChannel.json":    checkObject[model.Channel],
	"GuildTextChannel.json":            checkObject[model.Channel],
	"ThreadChannel.json":               checkObject[model.Channel],
	"relaxed/GuildVoiceChannel.json":   checkObject[model.Channel],
	"CustomEmoji_1.json":               checkObject[model.Emoji],
	"CustomEmoji_2.json":               checkObject[model.Emoji],
	"Emoji.json":                       checkObject[model.Emoji],
	"StandardEmoji.json":               checkObject[model.Emoji],
	"Guild.json":                       checkObject[model.Guild],
	"GetGuildResponse.json":            checkObject[model.Guild],
	"GuildMember.json":                 checkObject[model.Member],
	"Interaction_1.json":               checkObject[model.Interaction],
	"Interaction_2.json":               checkObject[model.Interaction],
	"Interaction_3.json":               checkObject[model.Interaction],
	"Message.json":                     checkObject[model.Message],
	"CrosspostedMessage.json":          checkObject[model.Message],
	"Role.json":                        checkObject[model.Role],
	"Sticker.json":                     checkObject[model.Sticker],
	"StageInstance.json":               checkObject[model.StageInstance],
	"UnavailableGuild.json":            checkObject[model.UnavailableGuild],
	"User.json":                        checkObject[model.User],
	"VoiceState.json":                  checkObject[model.VoiceState],
	"Entitlement.json":                 checkObject[model.Entitlement],
	"Subscription.json":                checkObject[model.Subscription],
	"WelcomeScreen.json":               checkObject[model.WelcomeScreen],
	"relaxed/ActionRow.json":           checkObject[model.Component],
	"relaxed/Button.json":              checkObject[model.Component],
	"relaxed/ChannelSelect_1.json":     checkObject[model.Component],
	"relaxed/Checkbox.json":            checkObject[model.Component],
	"relaxed/CheckboxGroup.json":       checkObject[model.Component],
	"relaxed/Container.json":           checkObject[model.Component],
	"relaxed/File.json":                checkObject[model.Component],
	"relaxed/FileUpload.json":          checkObject[model.Component],
	"relaxed/Label.json":               checkObject[model.Component],
	"relaxed/MediaGallery.json":        checkObject[model.Component],
	"relaxed/MentionableSelect_1.json": checkObject[model.Component],
	"relaxed/RadioGroup.json":          checkObject[model.Component],
	"relaxed/RoleSelect_1.json":        checkObject[model.Component],
	"relaxed/Section.json":             checkObject[model.Component],
	"relaxed/Separator.json":           checkObject[model.Component],
	"relaxed/StringSelect_1.json":      checkObject[model.Component],
	"relaxed/TextDisplay_1.json":       checkObject[model.Component],
	"relaxed/TextInput.json":           checkObject[model.Component],
	"relaxed/Thumbnail.json":           checkObject[model.Component],
	"relaxed/UserSelect_1.json":        checkObject[model.Component],
}

// TestDocsExamples decodes the objects of the docs' examples.
func TestDocsExamples(t *testing.T) {
	dir := filepath.Join(shared.Dir(t), "discord-api", "examples")
	for name, check := range exampleTypes {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			check(t, b)
		})
	}
}

// TestDocsGatewayExamples parses and decodes the docs' gateway payloads.
func TestDocsGatewayExamples(t *testing.T) {
	dir := filepath.Join(shared.Dir(t), "discord-api", "examples")
	for _, name := range []string{"GatewayEvent.json", "GatewayEventPayload.json", "GatewayInvalidSession.json",
		"Hello.json", "HelloEvent.json", "GatewayReconnect.json", "HeartbeatAck.json", "Heartbeat.json"} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			b, err := os.ReadFile(filepath.Join(dir, name))
			is.NoErr(err)
			ev, err := model.ParseEvent(b)
			is.NoErr(err)
			_, err = ev.Decode()
			is.NoErr(err)
		})
	}
}

// TestGatewayFixtures decodes the gateway payloads other libraries test
// with, fully and through the views.
func TestGatewayFixtures(t *testing.T) {
	root := filepath.Join(shared.Dir(t), "discord-api", "fixtures")
	n := 0
	for _, row := range shared.ReadTSV(t, filepath.Join("fixtures", "fixtures.tsv")) {
		path, kind := row[0], row[7]
		if !strings.HasPrefix(kind, "gateway") || strings.Contains(path, "/outbound/") {
			continue
		}
		n++
		t.Run(path, func(t *testing.T) {
			is := is.New(t)
			b, err := os.ReadFile(filepath.Join(root, path))
			is.NoErr(err)
			ev, err := model.ParseEvent(b)
			is.NoErr(err)
			v, err := ev.Decode()
			is.NoErr(err) // decodes in full
			if ev.Op == model.OpDispatch {
				is.True(ev.Type != model.EventUnknown)                      // a known event
				is.True(reflect.TypeOf(v) == reflect.TypeOf(ev.Type.New())) // into its own type
				out, err := json.Marshal(v)
				is.NoErr(err) // and encodes again
				w := ev.Type.New()
				is.NoErr(json.Unmarshal(out, w))
				again, err := json.Marshal(w)
				is.NoErr(err)
				is.Equal(string(again), string(out)) // stably
			}
			is.NoErr(viewOf(ev)) // the views read it
			viewsAgree(t, ev, v)
		})
	}
	if n < 40 {
		t.Fatalf("only %d gateway fixtures", n)
	}
}

// TestObjectFixtures decodes the REST and interaction objects of other
// libraries' tests.
func TestObjectFixtures(t *testing.T) {
	root := filepath.Join(shared.Dir(t), "discord-api", "fixtures")
	types := map[string]func(*testing.T, []byte){
		"discord4j-discord-json/rest/CreateMessageResponse.json":            checkObject[model.Message],
		"discord4j-discord-json/rest/CreateMessageWithForwardResponse.json": checkObject[model.Message],
		"discord4j-discord-json/rest/Message.json":                          checkObject[model.Message],
		"discord4j-discord-json/rest/Message.Reply.json":                    checkObject[model.Message],
		"discord4j-discord-json/rest/EmbedData.NullAuthorUrl.json":          checkObject[model.Embed],
		"discord4j-discord-json/rest/Guild.json":                            checkObject[model.Guild],
		"discord4j-discord-json/rest/WelcomeScreen.json":                    checkObject[model.WelcomeScreen],
		"discord4j-discord-json/rest/SoundboardSoundData.json":              checkObject[[]model.SoundboardSound],
		"discord4j-discord-json/rest/GuildScheduledEventData.json":          checkObject[[]model.ScheduledEvent],
		"discord4j-discord-json/rest/SubscriptionData.json":                 checkObject[model.Subscription],
		"disgo/handler/testdata/command/entry_point_command.json":           checkObject[model.Interaction],
		"disgo/handler/testdata/command/message_command.json":               checkObject[model.Interaction],
		"disgo/handler/testdata/command/slash_command.json":                 checkObject[model.Interaction],
		"disgo/handler/testdata/command/user_command.json":                  checkObject[model.Interaction],
		"disgo/handler/testdata/component/button_component.json":            checkObject[model.Interaction],
		"disgo/handler/testdata/component/select_menu_component.json":       checkObject[model.Interaction],
		"disgo/handler/testdata/middleware/slash_command.json":              checkObject[model.Interaction],
	}
	for path, check := range types {
		t.Run(path, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(root, path))
			if err != nil {
				t.Fatal(err)
			}
			check(t, b)
		})
	}
}

// viewOf reads ev through its view, if it has one, touching every
// accessor.
func viewOf(ev model.Event) error {
	switch ev.Op {
	case model.OpHello:
		_, err := ev.Hello()
		return err
	case model.OpInvalidSession:
		_, err := ev.InvalidSession()
		return err
	case model.OpDispatch:
	default:
		return nil
	}
	var err error
	switch ev.Type {
	case model.EventMessageCreate, model.EventMessageUpdate:
		var v model.MessageCreateView
		if v, err = ev.MessageCreate(); err == nil {
			_, _, _, _ = v.ID(), v.ChannelID(), v.GuildID(), v.Content()
			_, _, _ = v.Author().ID(), v.Author().Username(), v.Author().Bot()
			_, _ = v.Member().Nick()
			for range v.Mentions() {
			}
			_, _, _ = v.Timestamp(), v.Type(), v.ReferencedMessageID()
		}
	case model.EventReady:
		var v model.ReadyView
		if v, err = ev.Ready(); err == nil {
			_, _, _, _ = v.SessionID(), v.ResumeGatewayURL(), v.User().ID(), v.ApplicationID()
			_, _, _ = v.Shard()
			for range v.Guilds() {
			}
		}
	case model.EventGuildCreate, model.EventGuildUpdate:
		var v model.GuildCreateView
		if v, err = ev.GuildCreate(); err == nil {
			_, _, _, _ = v.ID(), v.Name(), v.MemberCount(), v.Unavailable()
			for m := range v.Members() {
				_, _ = m.User().ID(), m.JoinedAt()
			}
		}
	case model.EventPresenceUpdate:
		var v model.PresenceUpdateView
		if v, err = ev.PresenceUpdate(); err == nil {
			_, _, _, _ = v.UserID(), v.Status(), v.GuildID(), v.ClientStatus()
		}
	case model.EventTypingStart:
		var v model.TypingStartView
		if v, err = ev.TypingStart(); err == nil {
			_, _, _, _ = v.ChannelID(), v.UserID(), v.Timestamp(), v.Member().User().ID()
		}
	case model.EventGuildMemberUpdate, model.EventGuildMemberAdd:
		var v model.GuildMemberUpdateView
		if v, err = ev.GuildMemberUpdate(); err == nil {
			_, _, _ = v.GuildID(), v.User().ID(), v.JoinedAt()
			for range v.Roles() {
			}
		}
	case model.EventMessageReactionAdd, model.EventMessageReactionRemove:
		var v model.MessageReactionAddView
		if v, err = ev.MessageReactionAdd(); err == nil {
			_, _, _, _ = v.UserID(), v.MessageID(), v.Emoji().APIName(), v.Member().User().ID()
		}
	case model.EventChannelCreate, model.EventChannelUpdate, model.EventChannelDelete,
		model.EventThreadCreate, model.EventThreadUpdate, model.EventThreadDelete:
		var v model.ChannelView
		if v, err = ev.Channel(); err == nil {
			_, _, _, _, _ = v.ID(), v.Type(), v.GuildID(), v.Name(), v.ParentID()
		}
	case model.EventMessageDelete:
		var v model.MessageDeleteView
		if v, err = ev.MessageDelete(); err == nil {
			_, _, _ = v.ID(), v.ChannelID(), v.GuildID()
		}
	case model.EventGuildMemberRemove:
		var v model.GuildMemberRemoveView
		if v, err = ev.GuildMemberRemove(); err == nil {
			_, _ = v.GuildID(), v.User().ID()
		}
	case model.EventGuildDelete:
		var v model.GuildDeleteView
		if v, err = ev.GuildDelete(); err == nil {
			_, _ = v.ID(), v.Unavailable()
		}
	case model.EventVoiceStateUpdate:
		var v model.VoiceStateUpdateView
		if v, err = ev.VoiceStateUpdate(); err == nil {
			_, _, _, _ = v.GuildID(), v.ChannelID(), v.UserID(), v.Member().User().ID()
		}
	case model.EventInteractionCreate:
		var v model.InteractionCreateView
		if v, err = ev.InteractionCreate(); err == nil {
			d := v.Data()
			_, _, _, _ = v.ID(), v.Token(), v.Invoker().ID(), d.Name()
			_, _ = d.Option("x")
			for range d.Values() {
			}
		}
	}
	return err
}

// viewsAgree checks that the views read what Decode decoded.
func viewsAgree(t *testing.T, ev model.Event, full any) {
	t.Helper()
	is := is.New(t)
	switch d := full.(type) {
	case *model.MessageCreate:
		v, _ := ev.MessageCreate()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.ChannelID(), d.ChannelID)
		is.Equal(v.GuildID(), d.GuildID)
		is.Equal(v.Content(), d.Content)
		is.Equal(v.Author().ID(), d.Author.ID)
		is.Equal(v.Author().Username(), d.Author.Username)
		is.Equal(v.Type(), d.Type)
		is.True(v.Timestamp().Equal(d.Timestamp.Time))
	case *model.Ready:
		v, _ := ev.Ready()
		is.Equal(v.SessionID(), d.SessionID)
		is.Equal(v.User().ID(), d.User.ID)
		is.Equal(v.GuildCount(), len(d.Guilds))
	case *model.GuildCreate:
		v, _ := ev.GuildCreate()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.Name(), d.Name)
		is.Equal(v.MemberCount(), d.MemberCount)
		is.Equal(v.Unavailable(), d.Unavailable)
		n := 0
		for m := range v.Members() {
			is.Equal(m.User().ID(), d.Members[n].User.ID)
			n++
		}
		is.Equal(n, len(d.Members))
	case *model.PresenceUpdate:
		v, _ := ev.PresenceUpdate()
		is.Equal(v.UserID(), d.User.ID)
		is.Equal(v.Status(), d.Status)
		is.Equal(v.GuildID(), d.GuildID)
		is.Equal(v.ClientStatus(), d.ClientStatus)
	case *model.TypingStart:
		v, _ := ev.TypingStart()
		is.Equal(v.ChannelID(), d.ChannelID)
		is.Equal(v.UserID(), d.UserID)
		is.Equal(v.Timestamp(), d.Timestamp.Time())
	case *model.GuildMemberUpdate:
		v, _ := ev.GuildMemberUpdate()
		is.Equal(v.GuildID(), d.GuildID)
		is.Equal(v.User().ID(), d.User.ID)
		nick, ok := v.Nick()
		is.Equal(ok, d.Nick != nil)
		if ok {
			is.Equal(nick, *d.Nick)
		}
		is.Equal(slices.Collect(v.Roles()), nilIfEmpty(d.Roles))
	case *model.MessageReactionAdd:
		v, _ := ev.MessageReactionAdd()
		is.Equal(v.UserID(), d.UserID)
		is.Equal(v.MessageID(), d.MessageID)
		is.Equal(v.Emoji().ID(), d.Emoji.ID)
	case *model.ChannelCreate:
		v, _ := ev.Channel()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.Type(), d.Type)
		is.Equal(v.Name(), d.Name)
		is.Equal(v.ParentID(), d.ParentID)
	case *model.MessageDelete:
		v, _ := ev.MessageDelete()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.ChannelID(), d.ChannelID)
	case *model.GuildMemberRemove:
		v, _ := ev.GuildMemberRemove()
		is.Equal(v.User().ID(), d.User.ID)
	case *model.GuildDelete:
		v, _ := ev.GuildDelete()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.Unavailable(), d.Unavailable)
	case *model.VoiceStateUpdate:
		v, _ := ev.VoiceStateUpdate()
		is.Equal(v.UserID(), d.UserID)
		is.Equal(v.ChannelID(), d.ChannelID)
		is.Equal(v.SessionID(), d.SessionID)
	case *model.InteractionCreate:
		v, _ := ev.InteractionCreate()
		is.Equal(v.ID(), d.ID)
		is.Equal(v.Token(), d.Token)
		is.Equal(v.Type(), d.Type)
		is.Equal(v.Invoker().ID(), d.Invoker().ID)
		if d.Data != nil {
			is.Equal(v.Data().Name(), d.Data.Name)
			is.Equal(v.Data().CustomID(), d.Data.CustomID)
		}
	}
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
