package wire

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/matryer/is"
)

func TestObject(t *testing.T) {
	is := is.New(t)
	d := New(` { "a" : "x\"y" , "b":[1, 2 ,{"c":null}], "n": -12.5e3, "t":true, "f":false, "id":"123", "z":{} } `)
	var keys []string
	d.Object(func(d *Dec, k string) {
		keys = append(keys, k)
		switch k {
		case "a":
			is.Equal(d.Str(), `x"y`) // escaped string
		case "b":
			n := 0
			d.Array(func(d *Dec) { n++; d.Skip() })
			is.Equal(n, 3) // array elements
		case "n":
			is.Equal(d.Int(), int64(-12)) // the integer part
		case "t":
			is.True(d.Bool())
		case "f":
			is.True(!d.Bool())
		case "id":
			is.Equal(d.ID(), uint64(123)) // snowflake string
		}
	})
	is.True(!d.Err()) // well formed
	is.Equal(keys, []string{"a", "b", "n", "t", "f", "id", "z"})
}

func TestWrongTypesReadZero(t *testing.T) {
	is := is.New(t)
	d := New(`{"a":{"x":1},"b":"str","c":null,"d":[1]}`)
	d.Object(func(d *Dec, k string) {
		switch k {
		case "a":
			is.Equal(d.Str(), "") // an object is not a string
		case "b":
			is.Equal(d.ID(), uint64(0)) // not digits
		case "c":
			is.True(d.Null()) // null
		case "d":
			is.True(!d.Object(func(*Dec, string) {})) // an array is not an object
		}
	})
	is.True(!d.Err()) // skipped values keep the decoder going
}

func TestMalformed(t *testing.T) {
	for _, s := range []string{`{`, `{"a"`, `{"a":}`, `{"a":1,}`, `{"a":"x`, `{"a":[1,2}`, `{"a":tru}`, `{"a":1 "b":2}`, `[`, `"`, ``} {
		is := is.New(t)
		d := New(s)
		d.Object(func(d *Dec, k string) { d.Skip() })
		is.True(d.Err())      // malformed input is reported
		is.Equal(d.Str(), "") // and reads as zero afterwards
	}
}

func TestUnescape(t *testing.T) {
	is := is.New(t)
	for _, s := range []string{`"\ud83c\udf19 moon"`, `"tab\tnew\nline"`, `"\u00e9t\u00e9"`, `"a\/b\\c"`, `"\ud800 lone"`} {
		var want string
		is.NoErr(json.Unmarshal([]byte(s), &want))
		d := New(s)
		is.Equal(d.Str(), want) // like encoding/json
	}
}

func TestMember(t *testing.T) {
	is := is.New(t)
	is.Equal(Member(`{"t":"X","s":1,"op":0,"d":{"id":"1"}}`, "d"), `{"id":"1"}}`)
	is.Equal(Member(`{"d":[1],"op":0}`, "d"), `[1],"op":0}`)
	is.Equal(Member(`{"op":0}`, "d"), "")
	is.Equal(Member(`[]`, "d"), "")
}

func FuzzDec(f *testing.F) {
	for _, s := range []string{`{"a":"b","c":[1,{"d":null}],"e":"\u00e9"}`, `{"id":"12","x":-1.5}`, `[`, `"\ud83c`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var walk func(d *Dec, depth int)
		walk = func(d *Dec, depth int) {
			switch d.Peek() {
			case '{':
				d.Object(func(d *Dec, k string) {
					if depth < 20 {
						walk(d, depth+1)
					}
				})
			case '[':
				d.Array(func(d *Dec) {
					if depth < 20 {
						walk(d, depth+1)
					}
				})
			case '"':
				d.Str()
			default:
				d.Int()
			}
		}
		d := New(s)
		walk(&d, 0)
		if json.Valid([]byte(s)) && d.Err() {
			// Valid JSON is never reported malformed (trailing data aside).
			d2 := New(s)
			d2.Skip()
			if d2.Err() {
				t.Fatalf("valid JSON %q reported malformed", s)
			}
		}
		Member(s, "d")
	})
}

func TestValid(t *testing.T) {
	for _, s := range []string{
		`{}`, `[]`, `""`, `0`, `-0.5e+3`, `true`, `null`, ` {"a":[1,{"b":"\u00e9\n"}],"c":false} `,
		`"\ud83d\ude00"`, `[[[[]]]]`, `1E5`,
	} {
		if !Valid(s) || !json.Valid([]byte(s)) {
			t.Errorf("%q: Valid %v, json.Valid %v", s, Valid(s), json.Valid([]byte(s)))
		}
	}
	for _, s := range []string{
		``, `{`, `{"a"}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" 1}`, `"abc`, `"\x"`, `"\u12"`, "\"\x01\"",
		`01`, `1.`, `-`, `1e`, `tru`, `nul`, `{} {}`, `{"a":1]`, `[}`, `{1:2}`,
	} {
		if Valid(s) || json.Valid([]byte(s)) {
			t.Errorf("%q: Valid %v, json.Valid %v", s, Valid(s), json.Valid([]byte(s)))
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add(`{"a":[1,{"b":"\u00e9"}],"c":-1.5e3}`)
	f.Add(`[1,`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), json.Valid([]byte(s)); got != want {
			t.Fatalf("%q: Valid %v, json.Valid %v", s, got, want)
		}
	})
}

func TestRawStrict(t *testing.T) {
	is := is.New(t)
	d := New(`{"a":[1,{"b":"x"}],"c":{"d" 1},"e":2}`)
	var a, c string
	d.Object(func(d *Dec, k string) {
		switch k {
		case "a":
			a = d.RawStrict()
		case "c":
			c = d.RawStrict()
		}
	})
	is.Equal(a, `[1,{"b":"x"}]`) // a well-formed value
	is.Equal(c, "")              // a malformed one
	is.True(d.Err())             // fails the decoder
	d = New(`{"c":{"d" 1}}`)
	d.Object(func(d *Dec, k string) { d.Raw() })
	is.True(!d.Err()) // where Raw matches brackets only
}

// FuzzUnescape checks Unescape against encoding/json on the contents of
// valid JSON strings of valid UTF-8.
func FuzzUnescape(f *testing.F) {
	f.Add(`a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x`)
	f.Fuzz(func(t *testing.T, raw string) {
		var want string
		if !utf8.ValidString(raw) || json.Unmarshal([]byte(`"`+raw+`"`), &want) != nil {
			return
		}
		if got := Unescape(raw); got != want {
			t.Fatalf("Unescape(%q) = %q, want %q", raw, got, want)
		}
	})
}

func TestParseTime(t *testing.T) {
	for _, s := range []string{
		"2023-06-04T05:11:30.502479+00:00", "2025-06-01T12:00:00+00:00", "2025-06-01T12:00:00Z",
		"2020-02-29T23:59:59.1-07:30", "1969-12-31T23:59:59.999999+00:00", "2025-06-01T12:00:00.123456789+02:00",
	} {
		is := is.New(t)
		want, err := time.Parse(time.RFC3339Nano, s)
		is.NoErr(err)
		got, ok := ParseTime(s)
		is.True(ok)                     // parsed
		is.Equal(got, want.UnixMicro()) // same instant as time.Parse
	}
	for _, s := range []string{"", "yesterday", "2025-13-01T00:00:00Z", "2025-06-01T12:00:00+0000"} {
		is := is.New(t)
		_, ok := ParseTime(s)
		is.True(!ok) // rejected
	}
}
