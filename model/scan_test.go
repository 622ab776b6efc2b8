package model

import (
	"testing"

	"github.com/gloamdev/gloam/internal/wire"
	"github.com/matryer/is"
	"github.com/tidwall/gjson"
)

func TestSkipString(t *testing.T) {
	is := is.New(t)
	for in, want := range map[string]int{
		`""`:                      2,
		`"abc"x`:                  5,
		`"a\"b"`:                  6,
		`"a\\"`:                   5,
		`"0123456789abcdef\"x"y`:  21,
		`"0123456789abcdef\\\\"`:  22,
		`"no end`:                 -1,
		`"ends in escape\"`:       -1,
		`"0123456789abcdefghij\\`: -1,
	} {
		end, _ := wire.SkipString(in, 0)
		is.Equal(end, want) // in
	}
}

// FuzzScanObject checks the scanner against gjson on valid JSON: the same
// members, in the same order, with the same raw values; and ParseEvent's
// deferred d against a full walk.
func FuzzScanObject(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":[1,{"c":"}"}],"d\"e":"x\\","f":{"g":null}}`))
	f.Add([]byte(`{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1"}}`))
	f.Add([]byte(` { "op" : 10 , "d" : { "heartbeat_interval" : 41250 } } `))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := string(b)
		if !gjson.Valid(s) || !gjson.Parse(s).IsObject() {
			return
		}
		type member struct{ key, raw string }
		var want, got []member
		gjson.Parse(s).ForEach(func(k, v gjson.Result) bool {
			want = append(want, member{k.Str, v.Raw})
			return true
		})
		if why := scanObject(s, func(k, v string) bool {
			got = append(got, member{k, v})
			return true
		}); why != "" {
			t.Fatalf("scanObject rejects valid JSON: %s", why)
		}
		if len(got) != len(want) {
			t.Fatalf("%d members, gjson %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("member %d: %q, gjson %q", i, got[i], want[i])
			}
		}
		lazy, err1 := parseEnvelope(s, true)
		strict, err2 := parseEnvelope(s, false)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("deferred d: %v, walked: %v", err1, err2)
		}
		if err1 == nil && (lazy.Op != strict.Op || lazy.Seq != strict.Seq || lazy.name != strict.name || lazy.Data() != strict.Data()) {
			t.Fatalf("deferred d reads %+v, walked %+v", lazy, strict)
		}
	})
}
