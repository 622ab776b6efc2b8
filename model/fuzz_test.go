package model_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gloamdev/gloam/model"
)

// docSeed reads a seed of testdata/docs.
func docSeed(f *testing.F, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "docs", name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func dispatch(name string, d []byte) []byte {
	return append(append([]byte(`{"t":"`+name+`","s":42,"op":0,"d":`), d...), '}')
}

// typedError reports whether err is one of the errors model documents.
func typedError(err error) bool {
	var de *model.DecodeError
	var te *model.EventTypeError
	return errors.Is(err, model.ErrMalformed) || errors.As(err, &de) || errors.As(err, &te)
}

// seedEvents adds whole payloads: the docs' gateway examples and their
// objects wrapped in dispatches.
func seedEvents(f *testing.F) {
	f.Add(docSeed(f, "Hello.json"))
	f.Add(docSeed(f, "GatewayInvalidSession.json"))
	f.Add(dispatch("MESSAGE_CREATE", docSeed(f, "Message.json")))
	f.Add(dispatch("INTERACTION_CREATE", docSeed(f, "Interaction_1.json")))
	f.Add(dispatch("GUILD_CREATE", docSeed(f, "Guild.json")))
	f.Add(dispatch("GUILD_MEMBER_UPDATE", docSeed(f, "GuildMember.json")))
	f.Add(dispatch("THREAD_CREATE", docSeed(f, "ThreadChannel.json")))
	f.Add(dispatch("VOICE_STATE_UPDATE", docSeed(f, "VoiceState.json")))
	f.Add([]byte(messageCreate))
	f.Add([]byte(`{"t":"READY","s":1,"op":0,"d":{"v":10,"user":{"id":"9"},"shard":[0,1],"session_id":"a","guilds":[{"id":"5","unavailable":true}]}}`))
	f.Add([]byte(`{"t":"PRESENCE_UPDATE","s":5,"op":0,"d":{"user":{"id":"8"},"status":"idle","client_status":{"web":"idle"},"activities":[{"name":"x","type":0}]}}`))
	f.Add([]byte(`{"t":"TYPING_START","s":2,"op":0,"d":{"user_id":"4","timestamp":1748779200,"channel_id":"5"}}`))
	f.Add([]byte(`{"t":"MESSAGE_REACTION_ADD","s":3,"op":0,"d":{"user_id":"86","emoji":{"name":"x","id":null},"message_id":"1","channel_id":"2"}}`))
	f.Add([]byte(`{"t":"SOMETHING_NEW","s":1,"op":0,"d":[1,2,{"a":"\"}"}]}`))
	f.Add([]byte(`{"op":11}`))
	f.Add([]byte(`{"op":0,"d":{"a":1},"t":"MESSAGE_DELETE","s":1}`))
}

// FuzzParseEvent feeds arbitrary payloads to ParseEvent and then to
// everything that reads an Event: malformed input must give a typed
// error, never a panic.
func FuzzParseEvent(f *testing.F) {
	seedEvents(f)
	f.Fuzz(func(t *testing.T, payload []byte) {
		ev, err := model.ParseEvent(payload)
		if err != nil {
			if !typedError(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		_ = ev.Data()
		_ = ev.Get("author.id")
		if _, err := ev.Decode(); err != nil && !typedError(err) {
			t.Fatalf("Decode: untyped error %T: %v", err, err)
		}
		if err := viewOf(ev); err != nil && !typedError(err) {
			t.Fatalf("view: untyped error %T: %v", err, err)
		}
	})
}

// FuzzViews puts arbitrary d into a dispatch of each type with a view and
// reads it through the view and Decode.
func FuzzViews(f *testing.F) {
	types := []model.EventType{model.EventMessageCreate, model.EventReady, model.EventGuildCreate,
		model.EventPresenceUpdate, model.EventTypingStart, model.EventGuildMemberUpdate,
		model.EventMessageReactionAdd, model.EventInteractionCreate, model.EventChannelCreate,
		model.EventMessageDelete, model.EventGuildMemberRemove, model.EventGuildDelete, model.EventVoiceStateUpdate}
	f.Add(uint8(0), docSeed(f, "Message.json"))
	f.Add(uint8(2), docSeed(f, "Guild.json"))
	f.Add(uint8(5), docSeed(f, "GuildMember.json"))
	f.Add(uint8(7), docSeed(f, "Interaction_1.json"))
	f.Add(uint8(6), []byte(`{"emoji":{"name":"\u00e9"},"member":{"user":{"id":1}}}`))
	f.Add(uint8(1), []byte(`{"shard":[1,"x"],"guilds":[{},[],null]}`))
	f.Add(uint8(8), docSeed(f, "ThreadChannel.json"))
	f.Add(uint8(12), docSeed(f, "VoiceState.json"))
	f.Fuzz(func(t *testing.T, which uint8, d []byte) {
		typ := types[int(which)%len(types)]
		ev, err := model.ParseEvent(dispatch(typ.String(), d))
		if err != nil {
			if !typedError(err) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if err := viewOf(ev); err != nil && !typedError(err) {
			t.Fatalf("view: untyped error %T: %v", err, err)
		}
		if _, err := ev.Decode(); err != nil && !typedError(err) {
			t.Fatalf("Decode: untyped error %T: %v", err, err)
		}
	})
}

// FuzzRoundTrip decodes arbitrary components, channels and messages;
// what decodes must encode and decode again to the same encoding.
func FuzzRoundTrip(f *testing.F) {
	f.Add(uint8(0), docSeed(f, "Container.json"))
	f.Add(uint8(0), []byte(`{"type":99,"x":[1,{"y":null}]}`))
	f.Add(uint8(1), docSeed(f, "ThreadChannel.json"))
	f.Add(uint8(1), []byte(`{"id":"1","type":77,"z":"\u0000"}`))
	f.Add(uint8(2), docSeed(f, "Message.json"))
	f.Add(uint8(3), docSeed(f, "Interaction_1.json"))
	f.Add(uint8(4), docSeed(f, "Role.json"))
	f.Add(uint8(5), docSeed(f, "Activity.json"))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		news := []func() any{
			func() any { return new(model.Component) },
			func() any { return new(model.Channel) },
			func() any { return new(model.Message) },
			func() any { return new(model.Interaction) },
			func() any { return new(model.Role) },
			func() any { return new(model.Activity) },
		}
		mk := news[int(which)%len(news)]
		v := mk()
		if json.Unmarshal(b, v) != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("encoding what decoded: %v", err)
		}
		w := mk()
		if err := json.Unmarshal(out, w); err != nil {
			t.Fatalf("decoding own encoding %s: %v", out, err)
		}
		again, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(out) {
			t.Fatalf("unstable encoding:\n%s\n%s", out, again)
		}
	})
}
