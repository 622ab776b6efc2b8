package cache_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/cache"
	"github.com/gloamdev/gloam/cache/memory"
	"github.com/gloamdev/gloam/internal/shared"
	"github.com/gloamdev/gloam/model"
	"github.com/matryer/is"
)

// fixture is the d of one dispatch.
type fixture struct{ name, d string }

// fixtures hold one payload of every dispatch the cache applies, about
// the same guild (1), channels (10, 11), thread (12), users (2, 3) and
// message (20), so that each changes what the ones before it stored.
var fixtures = []fixture{
	{"READY", `{"v":10,"user":{"id":"2","username":"bot","bot":true},"session_id":"s1","resume_gateway_url":"wss://r","guilds":[{"id":"1","unavailable":true},{"id":"5","unavailable":true}],"application":{"id":"2","flags":0}}`},
	{"GUILD_CREATE", `{"id":"1","name":"g","owner_id":"3","member_count":2,"roles":[{"id":"1","name":"@everyone","permissions":"1024","position":0},{"id":"7","name":"mod","permissions":"8","position":1,"color":5}],` +
		`"channels":[{"id":"10","type":0,"name":"general","position":0,"permission_overwrites":[{"id":"7","type":0,"allow":"2048","deny":"0"}]},{"id":"11","type":2,"name":"voice","position":1}],` +
		`"threads":[{"id":"12","type":11,"name":"t","parent_id":"10","guild_id":"1","thread_metadata":{"archived":false,"archive_timestamp":"2024-01-01T00:00:00+00:00"}}],` +
		`"emojis":[{"id":"30","name":"e","roles":["7"]}],"stickers":[{"id":"31","name":"s","tags":"x","type":2,"format_type":1}],` +
		`"members":[{"user":{"id":"2","username":"bot","bot":true},"roles":[],"joined_at":"2024-01-01T00:00:00+00:00"},{"user":{"id":"3","username":"ann","avatar":"0123456789abcdef0123456789abcdef"},"nick":"A","roles":["7"],"joined_at":"2024-01-02T00:00:00+00:00"}],` +
		`"presences":[{"user":{"id":"3"},"status":"online","activities":[{"name":"game","type":0}]}],` +
		`"voice_states":[{"user_id":"3","channel_id":"11","session_id":"v"}],"stage_instances":[{"id":"62","guild_id":"1","channel_id":"11","topic":"t","privacy_level":2}]}`},
	{"GUILD_UPDATE", `{"id":"1","name":"g2","owner_id":"3","icon":"0123456789abcdef0123456789abcdef","features":["COMMUNITY"],"preferred_locale":"de"}`},
	{"CHANNEL_CREATE", `{"id":"13","type":0,"guild_id":"1","name":"new","topic":"about","position":3,"parent_id":"10","permission_overwrites":[{"id":"3","type":1,"allow":"0","deny":"1024"}],"nsfw":true,"rate_limit_per_user":5}`},
	{"CHANNEL_UPDATE", `{"id":"10","type":0,"guild_id":"1","name":"general-2","topic":"t","position":0,"permission_overwrites":[]}`},
	{"CHANNEL_PINS_UPDATE", `{"guild_id":"1","channel_id":"10","last_pin_timestamp":"2024-02-01T00:00:00+00:00"}`},
	{"THREAD_CREATE", `{"id":"14","type":11,"guild_id":"1","parent_id":"10","name":"t2","owner_id":"3","message_count":1,"member_count":1,"thread_metadata":{"archived":false,"archive_timestamp":"2024-01-01T00:00:00+00:00"}}`},
	{"THREAD_UPDATE", `{"id":"12","type":11,"guild_id":"1","parent_id":"10","name":"t-renamed","thread_metadata":{"archived":true,"archive_timestamp":"2024-03-01T00:00:00+00:00"}}`},
	{"THREAD_MEMBERS_UPDATE", `{"id":"14","guild_id":"1","member_count":4,"added_members":[{"user_id":"3","join_timestamp":"2024-01-01T00:00:00+00:00","flags":0}],"removed_member_ids":[]}`},
	{"THREAD_MEMBER_UPDATE", `{"id":"14","user_id":"2","join_timestamp":"2024-01-01T00:00:00+00:00","flags":1,"guild_id":"1"}`},
	{"THREAD_MEMBERS_UPDATE", `{"id":"14","guild_id":"1","member_count":3,"removed_member_ids":["3"]}`},
	{"THREAD_LIST_SYNC", `{"guild_id":"1","channel_ids":["10"],"threads":[{"id":"15","type":11,"parent_id":"10","name":"synced"}],"members":[]}`},
	{"GUILD_ROLE_CREATE", `{"guild_id":"1","role":{"id":"8","name":"new","permissions":"3","position":2,"color":9}}`},
	{"GUILD_ROLE_UPDATE", `{"guild_id":"1","role":{"id":"7","name":"moderator","permissions":"268435464","position":1,"color":6,"hoist":true,"tags":{"bot_id":"2"}}}`},
	{"GUILD_MEMBER_ADD", `{"guild_id":"1","user":{"id":"4","username":"bob","global_name":"Bob"},"roles":["8"],"joined_at":"2024-04-01T00:00:00+00:00","deaf":false,"mute":false}`},
	{"GUILD_MEMBER_UPDATE", `{"guild_id":"1","user":{"id":"3","username":"ann2"},"nick":"Annie","roles":["7","8"],"joined_at":"2024-01-02T00:00:00+00:00","communication_disabled_until":"2030-01-01T00:00:00+00:00"}`},
	{"GUILD_MEMBERS_CHUNK", `{"guild_id":"1","members":[{"user":{"id":"6","username":"carl"},"roles":["8"],"joined_at":"2024-05-01T00:00:00+00:00"}],"chunk_index":0,"chunk_count":1,"presences":[{"user":{"id":"6"},"status":"idle","activities":[]}]}`},
	{"GUILD_EMOJIS_UPDATE", `{"guild_id":"1","emojis":[{"id":"32","name":"e2","animated":true,"roles":[]}]}`},
	{"GUILD_STICKERS_UPDATE", `{"guild_id":"1","stickers":[{"id":"33","name":"s2","tags":"y","type":2,"format_type":2,"description":"d"}]}`},
	{"PRESENCE_UPDATE", `{"guild_id":"1","user":{"id":"3","username":"ann3","avatar":"fedcba9876543210fedcba9876543210"},"status":"dnd","client_status":{"desktop":"dnd"},"activities":[{"name":"Custom Status","type":4,"state":"busy","created_at":1700000000000,"emoji":{"name":"x"}}]}`},
	{"VOICE_STATE_UPDATE", `{"guild_id":"1","channel_id":"11","user_id":"4","session_id":"w","self_mute":true,"member":{"user":{"id":"4","username":"bob2"},"roles":["8"],"joined_at":"2024-04-01T00:00:00+00:00","nick":"B"}}`},
	{"MESSAGE_CREATE", `{"id":"20","channel_id":"10","guild_id":"1","author":{"id":"3","username":"ann4"},"member":{"roles":["7"],"nick":"Ann4","joined_at":"2024-01-02T00:00:00+00:00"},"content":"hello","timestamp":"2024-06-01T00:00:00+00:00","mentions":[{"id":"4","username":"bob"}],"mention_roles":["8"],"attachments":[{"id":"40","filename":"f.png","size":3,"url":"https://x"}],"embeds":[{}]}`},
	{"MESSAGE_CREATE", `{"id":"21","channel_id":"10","guild_id":"1","author":{"id":"4","username":"bob"},"content":"second","timestamp":"2024-06-01T00:01:00+00:00","mentions":[],"attachments":[],"embeds":[]}`},
	{"MESSAGE_UPDATE", `{"id":"20","channel_id":"10","guild_id":"1","author":{"id":"3","username":"ann4"},"content":"hello, edited","edited_timestamp":"2024-06-01T00:02:00+00:00","pinned":true}`},
	{"MESSAGE_REACTION_ADD", `{"user_id":"2","channel_id":"10","message_id":"20","guild_id":"1","emoji":{"id":null,"name":"👍"}}`},
	{"MESSAGE_REACTION_ADD", `{"user_id":"3","channel_id":"10","message_id":"20","guild_id":"1","emoji":{"id":"30","name":"e"}}`},
	{"MESSAGE_REACTION_REMOVE", `{"user_id":"3","channel_id":"10","message_id":"20","guild_id":"1","emoji":{"id":"30","name":"e"}}`},
	{"MESSAGE_REACTION_REMOVE_EMOJI", `{"channel_id":"10","message_id":"20","guild_id":"1","emoji":{"id":null,"name":"👍"}}`},
	{"MESSAGE_REACTION_ADD", `{"user_id":"4","channel_id":"10","message_id":"21","guild_id":"1","emoji":{"id":null,"name":"x"}}`},
	{"MESSAGE_REACTION_REMOVE_ALL", `{"channel_id":"10","message_id":"21","guild_id":"1"}`},
	{"MESSAGE_DELETE", `{"id":"21","channel_id":"10","guild_id":"1"}`},
	{"MESSAGE_CREATE", `{"id":"22","channel_id":"12","guild_id":"1","author":{"id":"4","username":"bob"},"content":"in thread","timestamp":"2024-06-01T00:03:00+00:00"}`},
	{"MESSAGE_DELETE_BULK", `{"ids":["22","23"],"channel_id":"12","guild_id":"1"}`},
	{"USER_UPDATE", `{"id":"2","username":"bot2","global_name":"Bot","avatar":"0123456789abcdef0123456789abcdef","bot":true}`},
	{"STAGE_INSTANCE_CREATE", `{"id":"60","guild_id":"1","channel_id":"11","topic":"live","privacy_level":2,"discoverable_disabled":false,"guild_scheduled_event_id":null}`},
	{"STAGE_INSTANCE_UPDATE", `{"id":"60","guild_id":"1","channel_id":"11","topic":"renamed","privacy_level":2,"discoverable_disabled":false,"guild_scheduled_event_id":"61"}`},
	{"GUILD_SCHEDULED_EVENT_CREATE", `{"id":"63","guild_id":"1","channel_id":"11","creator_id":"3","name":"talk","scheduled_start_time":"2024-07-01T00:00:00+00:00","privacy_level":2,"status":1,"entity_type":1,"user_count":1}`},
	{"GUILD_SCHEDULED_EVENT_USER_ADD", `{"guild_scheduled_event_id":"63","user_id":"4","guild_id":"1"}`},
	{"GUILD_SCHEDULED_EVENT_UPDATE", `{"id":"63","guild_id":"1","channel_id":"11","name":"talk 2","scheduled_start_time":"2024-07-01T00:00:00+00:00","privacy_level":2,"status":2,"entity_type":1}`},
	{"GUILD_SCHEDULED_EVENT_USER_REMOVE", `{"guild_scheduled_event_id":"63","user_id":"4","guild_id":"1"}`},
	{"GUILD_SCHEDULED_EVENT_DELETE", `{"id":"63","guild_id":"1","channel_id":"11","name":"talk 2","scheduled_start_time":"2024-07-01T00:00:00+00:00","privacy_level":2,"status":4,"entity_type":1}`},
	{"CHANNEL_CREATE", `{"id":"66","type":3,"name":"group","recipients":[{"id":"3","username":"ann"},{"id":"4","username":"bob"}],"owner_id":"3"}`},
	{"MESSAGE_CREATE", `{"id":"67","channel_id":"68","author":{"id":"4","username":"bob"},"content":"a DM","timestamp":"2024-06-01T00:03:00+00:00"}`},
	{"CHANNEL_DELETE", `{"id":"66","type":3}`},
	{"INTEGRATION_CREATE", `{"id":"69","guild_id":"1","name":"app","type":"discord","enabled":true,"account":{"id":"2","name":"bot"},"application":{"id":"5"},"scopes":["bot"]}`},
	{"INTEGRATION_UPDATE", `{"id":"69","guild_id":"1","name":"app 2","type":"discord","enabled":false,"account":{"id":"2","name":"bot"},"scopes":[]}`},
	{"INTEGRATION_DELETE", `{"id":"69","guild_id":"1","application_id":"5"}`},
	{"GUILD_SOUNDBOARD_SOUND_CREATE", `{"sound_id":"64","guild_id":"1","name":"horn","volume":1,"emoji_id":"30","available":true}`},
	{"GUILD_SOUNDBOARD_SOUND_UPDATE", `{"sound_id":"64","guild_id":"1","name":"horn 2","volume":0.5,"emoji_id":null,"emoji_name":"x","available":true}`},
	{"GUILD_SOUNDBOARD_SOUNDS_UPDATE", `{"guild_id":"1","soundboard_sounds":[{"sound_id":"65","guild_id":"1","name":"bell","volume":1,"available":true}]}`},
	{"SOUNDBOARD_SOUNDS", `{"guild_id":"1","soundboard_sounds":[{"sound_id":"64","name":"horn","volume":1,"available":true}]}`},
	{"GUILD_SOUNDBOARD_SOUND_DELETE", `{"sound_id":"64","guild_id":"1"}`},
	{"STAGE_INSTANCE_DELETE", `{"id":"60","guild_id":"1","channel_id":"11","topic":"renamed","privacy_level":2}`},
	{"GUILD_ROLE_DELETE", `{"guild_id":"1","role_id":"8"}`},
	{"GUILD_MEMBER_REMOVE", `{"guild_id":"1","user":{"id":"6","username":"carl"}}`},
	{"CHANNEL_DELETE", `{"id":"13","type":0,"guild_id":"1","name":"new"}`},
	{"THREAD_DELETE", `{"id":"14","type":11,"guild_id":"1","parent_id":"10"}`},
	{"GUILD_DELETE", `{"id":"5","unavailable":true}`},
	{"GUILD_CREATE", `{"id":"5","name":"other","owner_id":"2","members":[{"user":{"id":"3","username":"ann"},"roles":[]}],"channels":[{"id":"50","type":0,"name":"c"}]}`},
	{"GUILD_DELETE", `{"id":"5"}`},
}

// state is everything a cache over b holds, encoded and sorted.
func state(t *testing.T, b cache.Reader) []string {
	t.Helper()
	var out []string
	for _, k := range cache.Kinds() {
		for r := range b.Scan(k, 0) {
			v, err := r.AppendBinary(nil)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%v %x", k, v))
		}
	}
	slices.Sort(out)
	s, _ := b.Session(0)
	return append(out, fmt.Sprintf("session %+v", s))
}

// dispatch builds a payload with d last, as Discord sends it (ParseEvent
// then leaves d to its readers).
func dispatch(seq int, name, d string) (model.Event, error) {
	return model.ParseEvent([]byte(fmt.Sprintf(`{"op":0,"s":%d,"t":%q,"d":%s}`, seq, name, d)))
}

// endings follow a d cut short: nothing (the frame cut there), or the
// close of a string and of one or two objects, so that the payload ends
// as ParseEvent expects and reaches the cache.
var endings = []string{"", "}", "}}", `"}`, `"}}`}

// truncations checks, for each fixture in turn, that every payload made
// of its d cut short is refused, by ParseEvent or with an *EventError,
// and changes nothing, session included; then it applies the whole
// fixture (which, if refusable, may be refused too), so that the next one
// meets the state the ones before it made.
func truncations(t *testing.T, fs []fixture, refusable bool) {
	b := memory.New()
	c := cache.New(b, &cache.Options{Messages: 10})
	seq, applied := 0, 0
	for _, f := range fs {
		before := state(t, b)
		step := max(1, len(f.d)/400) // about 400 points in a large payload, every byte of a small one
		for n := 1; n < len(f.d); n += step {
			for _, end := range endings {
				seq++
				payload := fmt.Sprintf(`{"op":0,"s":%d,"t":%q,"d":%s%s`, seq, f.name, f.d[:n], end)
				if json.Valid([]byte(payload)) {
					continue // a whole, smaller event
				}
				ev, err := model.ParseEvent([]byte(payload))
				if err != nil {
					continue // refused before it reaches the cache
				}
				applied++
				err = c.Apply(0, ev)
				var ee *cache.EventError
				if !errors.As(err, &ee) {
					t.Fatalf("%v, want an *EventError:\n%s", err, payload)
				}
				if after := state(t, b); !slices.Equal(before, after) {
					t.Fatalf("the cache changed:\n%s\nbefore: %q\nafter:  %q", payload, before, after)
				}
			}
		}
		seq++
		ev, err := dispatch(seq, f.name, f.d)
		if err == nil {
			err = c.Apply(0, ev)
		}
		var ee *cache.EventError
		if err != nil && !(refusable && errors.As(err, &ee)) {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
	if applied < len(fs)*10 {
		t.Fatalf("only %d truncated events reached the cache", applied)
	}
	t.Logf("%d truncated events of %d fixtures refused", applied, len(fs))
}

// TestApplyTruncated: a truncated event changes nothing, however far into
// it the cut falls.
func TestApplyTruncated(t *testing.T) {
	is := is.New(t)
	types := map[string]bool{}
	for _, f := range fixtures {
		types[f.name] = true
	}
	c := cache.New(memory.New(), nil)
	for _, typ := range model.EventTypes() {
		if c.EventTypes().Has(typ) {
			is.True(types[typ.String()]) // a fixture for every event the cache applies
		}
	}
	truncations(t, fixtures, false)
}

// TestApplyTruncatedShared does the same with the gateway payloads of the
// reference fixtures.
func TestApplyTruncatedShared(t *testing.T) {
	root := filepath.Join(shared.Dir(t), "discord-api", "fixtures")
	c := cache.New(memory.New(), nil)
	var fs []fixture
	for _, row := range shared.ReadTSV(t, filepath.Join("fixtures", "fixtures.tsv")) {
		name, ok := strings.CutPrefix(row[7], "gateway ")
		if !ok || row[6] != "yes" {
			continue
		}
		typ := model.ParseEventType(name)
		if !c.EventTypes().Has(typ) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, row[0]))
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			D json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
		d := string(p.D)
		if len(d) == 0 || d[0] != '{' {
			d = string(data) // a fixture of d alone
		}
		fs = append(fs, fixture{name, d})
	}
	if len(fs) < 10 {
		t.Fatalf("only %d gateway fixtures the cache applies", len(fs))
	}
	truncations(t, fs, true) // some have IDs zeroed, which the cache refuses
}

// TestApplyMalformedArrays: an array the cache reads while it writes is
// checked whole first, so a malformed element deep in it changes nothing.
func TestApplyMalformedArrays(t *testing.T) {
	b := memory.New()
	c := cache.New(b, nil)
	for i, f := range fixtures[:2] { // READY, GUILD_CREATE
		ev, err := dispatch(i+1, f.name, f.d)
		if err == nil {
			err = c.Apply(0, ev)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	junk := `{"id":"99" "type":0}` // balanced, but no comma
	for _, f := range []fixture{
		{"GUILD_CREATE", `{"id":"1","name":"g","members":[],"channels":[{"id":"10","type":0},` + junk + `]}`},
		{"GUILD_CREATE", `{"id":"1","name":"g","presences":[{"user":{"id":"3"},"status":"idle"},{"user":{"id":"2"},"status":"online","activities":[` + junk + `]}]}`},
		{"GUILD_MEMBERS_CHUNK", `{"guild_id":"1","members":[{"user":{"id":"9"},"roles":[]}],"presences":[` + junk + `]}`},
		{"THREAD_LIST_SYNC", `{"guild_id":"1","threads":[{"id":"16","type":11,"parent_id":"10"},` + junk + `]}`},
		{"GUILD_EMOJIS_UPDATE", `{"guild_id":"1","emojis":[{"id":"34","name":"x"},` + junk + `]}`},
		{"GUILD_STICKERS_UPDATE", `{"guild_id":"1","stickers":[{"id":"35","name":"x"},` + junk + `]}`},
	} {
		t.Run(f.name, func(t *testing.T) {
			is := is.New(t)
			before := state(t, b)
			ev, err := dispatch(100, f.name, f.d)
			is.NoErr(err)
			var ee *cache.EventError
			is.True(errors.As(c.Apply(0, ev), &ee)) // refused
			is.Equal(state(t, b), before)           // nothing changed
		})
	}
}
