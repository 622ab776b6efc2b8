package model_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// jsonEqual reports whether a and b hold the same JSON value.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

func TestUnknownComponentRoundTrip(t *testing.T) {
	is := is.New(t)
	in := `{"type":99,"id":7,"whatever":{"nested":[1,2,"x"]},"custom_id":"a"}`
	var c model.Component
	is.NoErr(json.Unmarshal([]byte(in), &c))
	is.Equal(c.Type, model.ComponentType(99))      // the unknown type is kept
	is.Equal(c.Type.String(), "ComponentType(99)") // and named by number
	is.Equal(c.CustomID, "a")                      // known fields are still read
	out, err := json.Marshal(c)
	is.NoErr(err)
	is.Equal(string(out), in) // re-encoded byte for byte
}

func TestUnknownComponentInsideKnown(t *testing.T) {
	is := is.New(t)
	in := `{"type":1,"components":[{"type":2,"style":1,"label":"ok","custom_id":"b"},{"type":77,"future":true}]}`
	var c model.Component
	is.NoErr(json.Unmarshal([]byte(in), &c))
	is.Equal(c.Raw(), nil) // a known row keeps no raw copy
	is.Equal(len(c.Components), 2)
	is.Equal(c.Components[0].Style, model.ButtonPrimary)
	out, err := json.Marshal(c)
	is.NoErr(err)
	is.True(jsonEqual(t, out, []byte(in))) // the unknown child survives
}

func TestComponentUnexpectedFieldType(t *testing.T) {
	is := is.New(t)
	in := `{"type":23,"id":3,"custom_id":"c","value":true}`
	var c model.Component
	is.NoErr(json.Unmarshal([]byte(in), &c)) // a field of another type is no error
	is.Equal(c.CustomID, "c")
	out, err := json.Marshal(c)
	is.NoErr(err)
	is.Equal(string(out), in) // and the component encodes as received
}

func TestUnknownChannelRoundTrip(t *testing.T) {
	is := is.New(t)
	in := `{"id":"41771983423143937","type":42,"guild_id":"41771983423143937","name":"future","hologram":{"depth":3}}`
	var c model.Channel
	is.NoErr(json.Unmarshal([]byte(in), &c))
	is.Equal(c.Type, model.ChannelType(42))
	is.Equal(c.Name, "future")
	out, err := json.Marshal(c)
	is.NoErr(err)
	is.Equal(string(out), in)

	var ev model.ChannelCreate // the event type keeps it too
	is.NoErr(json.Unmarshal([]byte(in), &ev))
	out, err = json.Marshal(ev)
	is.NoErr(err)
	is.Equal(string(out), in)
}

func TestKnownChannelRoundTrip(t *testing.T) {
	is := is.New(t)
	in := `{"id":"1","type":11,"guild_id":"2","name":"t","parent_id":"3","owner_id":"4","thread_metadata":{"archived":false,"auto_archive_duration":60,"archive_timestamp":"2025-05-28T14:59:08.654000+00:00","locked":false},"flags":2,"applied_tags":["5"]}`
	var c model.Channel
	is.NoErr(json.Unmarshal([]byte(in), &c))
	is.Equal(c.Raw(), nil)
	is.True(c.Type.IsThread())
	is.True(c.Flags.Has(model.ChannelPinned))
	is.Equal(c.ThreadMetadata.ArchiveTimestamp.UnixMilli(), time.Date(2025, 5, 28, 14, 59, 8, 654e6, time.UTC).UnixMilli())
	out, err := json.Marshal(c)
	is.NoErr(err)
	is.True(jsonEqual(t, out, []byte(in))) // same JSON value
}

func TestUnknownEnumAndFlagsRoundTrip(t *testing.T) {
	is := is.New(t)
	in := `{"id":"1","channel_id":"2","author":{"id":"3","username":"u","public_flags":1099511627776},"content":"","timestamp":"2025-06-01T12:00:00.097000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,"type":250,"flags":4611686018427387904}`
	var m model.Message
	is.NoErr(json.Unmarshal([]byte(in), &m))
	is.Equal(m.Type, model.MessageType(250))               // unknown type kept
	is.Equal(m.Flags, model.MessageFlags(1<<62))           // unknown bit kept
	is.Equal(m.Author.PublicFlags, model.UserFlags(1<<40)) // unknown bit kept
	is.Equal(model.MessageFlags(1<<62|1).String(), "CROSSPOSTED|0x4000000000000000")
	out, err := json.Marshal(m)
	is.NoErr(err)
	is.True(jsonEqual(t, out, []byte(in)))
}

func TestPermissionsUnknownBits(t *testing.T) {
	is := is.New(t)
	var r model.Role
	is.NoErr(json.Unmarshal([]byte(`{"id":"1","name":"r","permissions":"18446744073709551615","color":0,"hoist":false,"position":0,"managed":false,"mentionable":false,"flags":0,"tags":{"premium_subscriber":null,"bot_id":"5"}}`), &r))
	is.Equal(r.Permissions, model.Permissions(1<<64-1)) // every bit kept
	is.True(bool(r.Tags.PremiumSubscriber))             // null means true
	is.True(!bool(r.Tags.GuildConnections))             // absent means false
	out, err := json.Marshal(r)
	is.NoErr(err)
	var back model.Role
	is.NoErr(json.Unmarshal(out, &back))
	is.Equal(back.Permissions, r.Permissions)
	is.Equal(back.Tags.PremiumSubscriber, r.Tags.PremiumSubscriber)
	is.Equal(back.Tags.GuildConnections, r.Tags.GuildConnections)
}

func TestTimestamp(t *testing.T) {
	is := is.New(t)
	var m model.Member
	is.NoErr(json.Unmarshal([]byte(`{"roles":[],"joined_at":"2024-03-09T02:25:54.027045+00:00","premium_since":null,"nick":null,"deaf":false,"mute":false,"flags":0}`), &m))
	is.True(m.PremiumSince.IsZero()) // null is zero
	is.True(m.Nick == nil)           // null nick
	is.Equal(m.JoinedAt.Year(), 2024)
	b, err := json.Marshal(m.JoinedAt)
	is.NoErr(err)
	is.Equal(string(b), `"2024-03-09T02:25:54.027045+00:00"`)
	b, err = json.Marshal(model.Timestamp{})
	is.NoErr(err)
	is.Equal(string(b), "null")
	var ts model.Timestamp
	is.True(json.Unmarshal([]byte(`"yesterday"`), &ts) != nil) // not a timestamp
}

func TestDecodeOpcodes(t *testing.T) {
	is := is.New(t)
	ev, err := model.ParseEvent([]byte(`{"op":10,"d":{"heartbeat_interval":41250}}`))
	is.NoErr(err)
	v, err := ev.Decode()
	is.NoErr(err)
	is.Equal(v.(*model.Hello).HeartbeatInterval, 41250)

	ev, err = model.ParseEvent([]byte(`{"op":9,"d":true}`))
	is.NoErr(err)
	v, err = ev.Decode()
	is.NoErr(err)
	is.True(v.(*model.InvalidSession).Resumable)

	ev, err = model.ParseEvent([]byte(`{"t":"SOMETHING_NEW","s":3,"op":0,"d":{"x":1}}`))
	is.NoErr(err)
	v, err = ev.Decode()
	is.NoErr(err) // unknown events are no error
	raw := v.(model.RawEvent)
	is.Equal(raw.Name, "SOMETHING_NEW")
	is.Equal(raw.Data, `{"x":1}`)

	ev, err = model.ParseEvent([]byte(`{"t":"MESSAGE_DELETE","s":3,"op":0,"d":{"id":"x"}}`))
	is.NoErr(err)
	_, err = ev.Decode()
	var de *model.DecodeError
	is.True(errorsAs(err, &de)) // a bad snowflake is a DecodeError
}

func TestIntegrationTypeJSON(t *testing.T) {
	is := is.New(t)
	var v struct {
		Types  []model.IntegrationType                   `json:"integration_types"`
		Owners map[model.IntegrationType]model.Snowflake `json:"owners"`
	}
	in := `{"integration_types":[0,1],"owners":{"0":"5","1":"6"}}`
	is.NoErr(json.Unmarshal([]byte(in), &v))
	is.Equal(v.Types, []model.IntegrationType{model.GuildInstall, model.UserInstall}) // numbers
	is.Equal(v.Owners[model.UserInstall], model.Snowflake(6))                         // keys
	out, err := json.Marshal(v)
	is.NoErr(err)
	is.Equal(string(out), in)
}

// TestEveryEventHasAType checks that each of the 79 dispatch events
// decodes into a struct named after it.
func TestEveryEventHasAType(t *testing.T) {
	aliases := map[string]string{ // event types whose struct is named otherwise
		"APPLICATION_COMMAND_PERMISSIONS_UPDATE": "CommandPermissionsUpdate",
	}
	for _, typ := range model.EventTypes() {
		t.Run(typ.String(), func(t *testing.T) {
			is := is.New(t)
			v := typ.New()
			is.True(v != nil) // a struct for every event
			name := aliases[typ.String()]
			if name == "" {
				for _, w := range strings.Split(typ.String(), "_") {
					name += w[:1] + strings.ToLower(w[1:])
				}
			}
			is.Equal(strings.ToLower(reflect.TypeOf(v).Elem().Name()), strings.ToLower(name)) // named after the event
			ev, err := model.ParseEventString(`{"t":"` + typ.String() + `","s":1,"op":0,"d":{}}`)
			is.NoErr(err)
			_, err = ev.Decode()
			is.NoErr(err) // an empty d decodes
			_, err = json.Marshal(v)
			is.NoErr(err) // and the zero value encodes
		})
	}
}

func TestThreadCreateRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"id":"1","type":11,"name":"t","newly_created":true}`,
		`{"id":"1","type":99,"name":"t","newly_created":true}`,
	} {
		is := is.New(t)
		var tc model.ThreadCreate
		is.NoErr(json.Unmarshal([]byte(in), &tc))
		is.True(tc.NewlyCreated)
		out, err := json.Marshal(tc)
		is.NoErr(err)
		is.True(jsonEqual(t, out, []byte(in))) // newly_created once
	}
}
