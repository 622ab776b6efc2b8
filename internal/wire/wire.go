package wire

import (
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Dec reads one JSON text.
type Dec struct {
	s   string
	i   int
	bad bool
}

// New returns a decoder of s.
func New(s string) Dec { return Dec{s: s} }

// Err reports whether the input was malformed where it was read.
func (d *Dec) Err() bool { return d.bad }

// Rest is the input not read yet.
func (d *Dec) Rest() string { return d.s[d.i:] }

func (d *Dec) fail() {
	d.bad = true
	d.i = len(d.s)
}

func (d *Dec) ws() { d.i = SkipSpace(d.s, d.i) }

// Peek is the first byte of the next value ('{', '[', '"', 't', 'f', 'n',
// a digit or '-'), or 0 at the end or after an error.
func (d *Dec) Peek() byte {
	d.ws()
	if d.bad || d.i >= len(d.s) {
		return 0
	}
	return d.s[d.i]
}

// Object reads an object, calling fn for each key with the decoder at its
// value; fn must read or Skip the value. It reports false, skipping the
// value, if the next value is not an object (null included).
func (d *Dec) Object(fn func(d *Dec, key string)) bool {
	if d.Peek() != '{' {
		d.Skip()
		return false
	}
	d.i++
	if d.Peek() == '}' {
		d.i++
		return true
	}
	for !d.bad {
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			d.fail()
			return false
		}
		key, _ := d.rawString()
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			d.fail()
			return false
		}
		d.i++
		start := d.i
		fn(d, key)
		if d.i == start {
			d.Skip() // fn left the value unread
		}
		switch d.Peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return true
		default:
			d.fail()
			return false
		}
	}
	return false
}

// Array reads an array, calling fn with the decoder at each element; fn
// must read or Skip it. It reports false, skipping the value, if the next
// value is not an array.
func (d *Dec) Array(fn func(d *Dec)) bool {
	if d.Peek() != '[' {
		d.Skip()
		return false
	}
	d.i++
	if d.Peek() == ']' {
		d.i++
		return true
	}
	for !d.bad {
		d.ws()
		start := d.i
		fn(d)
		if d.i == start {
			d.Skip()
		}
		switch d.Peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return true
		default:
			d.fail()
			return false
		}
	}
	return false
}

// rawString reads a string at d.i (a '"'), returning its raw contents and
// whether they contain escapes.
func (d *Dec) rawString() (string, bool) {
	end, esc := SkipString(d.s, d.i)
	if end < 0 {
		d.fail()
		return "", false
	}
	raw := d.s[d.i+1 : end-1]
	d.i = end
	return raw, esc
}

// Raw reads the next value and returns its JSON text.
func (d *Dec) Raw() string {
	d.ws()
	start := d.i
	d.Skip()
	if d.bad {
		return ""
	}
	return d.s[start:d.i]
}

// RawStrict reads the next value, checking it strictly (as Valid does,
// where Raw and Skip match brackets only), and returns its JSON text; a
// malformed value fails the decoder.
func (d *Dec) RawStrict() string {
	d.ws()
	if d.bad {
		return ""
	}
	v := validator{s: d.s, i: d.i}
	if !v.value(0) {
		d.fail()
		return ""
	}
	raw := d.s[d.i:v.i]
	d.i = v.i
	return raw
}

// Skip reads the next value and discards it.
func (d *Dec) Skip() {
	d.ws()
	if d.i >= len(d.s) {
		d.fail()
		return
	}
	switch c := d.s[d.i]; {
	case c == '"':
		d.rawString()
	case c == '{' || c == '[':
		d.skipContainer()
	case c == 't':
		d.word("true")
	case c == 'f':
		d.word("false")
	case c == 'n':
		d.word("null")
	case c == '-' || (c >= '0' && c <= '9'):
		d.number()
	default:
		d.fail()
	}
}

// skipContainer skips an object or array at d.i, matching its brackets
// outside strings; it does not check what lies between them.
func (d *Dec) skipContainer() {
	end := SkipValue(d.s, d.i)
	if end < 0 {
		d.fail()
		return
	}
	d.i = end
}

func (d *Dec) word(w string) {
	if len(d.s)-d.i < len(w) || d.s[d.i:d.i+len(w)] != w {
		d.fail()
		return
	}
	d.i += len(w)
}

func (d *Dec) number() string {
	start := d.i
	for d.i < len(d.s) {
		switch c := d.s[d.i]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			d.i++
		default:
			return d.s[start:d.i]
		}
	}
	return d.s[start:d.i]
}

// Null reads a null if one is next and reports whether it did.
func (d *Dec) Null() bool {
	if d.Peek() == 'n' {
		d.word("null")
		return !d.bad
	}
	return false
}

// Str reads a string; any other value is skipped and reads as "". The
// result points into the input unless the string had escapes.
func (d *Dec) Str() string {
	if d.Peek() != '"' {
		d.Skip()
		return ""
	}
	raw, esc := d.rawString()
	if !esc || d.bad {
		return raw
	}
	return unescape(raw)
}

// Bool reads true or false; any other value reads as false.
func (d *Dec) Bool() bool {
	switch d.Peek() {
	case 't':
		d.word("true")
		return !d.bad
	case 'f':
		d.word("false")
	default:
		d.Skip()
	}
	return false
}

// Int reads an integer (a number, or a string holding one); anything else
// reads as 0. Fractions are cut off.
func (d *Dec) Int() int64 {
	var s string
	switch c := d.Peek(); {
	case c == '"':
		s, _ = d.rawString()
	case c == '-' || (c >= '0' && c <= '9'):
		s = d.number()
	default:
		d.Skip()
		return 0
	}
	return ParseInt(s)
}

// ID reads a snowflake: a string of digits (or a number); anything else,
// null included, reads as 0.
func (d *Dec) ID() uint64 {
	var s string
	switch c := d.Peek(); {
	case c == '"':
		s, _ = d.rawString()
	case c >= '0' && c <= '9':
		s = d.number()
	default:
		d.Skip()
		return 0
	}
	return ParseUint(s)
}

// unescape decodes the escapes of a JSON string's contents; invalid
// escapes are kept as they are.
func unescape(raw string) string {
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			b = append(b, c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			b = append(b, raw[i])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n := hex4(raw, i+1)
			if n == 0 {
				b = append(b, '\\', 'u')
				continue
			}
			i += n
			if r >= 0xd800 && r < 0xdc00 && i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
				if lo, m := hex4(raw, i+3); m != 0 && lo >= 0xdc00 && lo < 0xe000 {
					r = (r-0xd800)<<10 + (lo - 0xdc00) + 0x10000
					i += 2 + m
				}
			}
			if r >= 0xd800 && r < 0xe000 {
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			b = append(b, '\\', raw[i])
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func hex4(s string, i int) (rune, int) {
	if i+4 > len(s) {
		return 0, 0
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 32)
	if err != nil {
		return 0, 0
	}
	return rune(v), 4
}

// Member finds the member key of the top-level object s and returns the
// text from the start of its value to the end of s, without walking the
// value: a reader of that text reads the first value and stops. Members
// before it are skipped. It returns "" when s is not an object or has no
// such member.
func Member(s, key string) string {
	d := New(s)
	if d.Peek() != '{' {
		return ""
	}
	d.i++
	for !d.bad {
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return ""
		}
		k, _ := d.rawString()
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return ""
		}
		d.i++
		d.ws()
		if k == key {
			return d.s[d.i:]
		}
		d.Skip()
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != ',' {
			return ""
		}
		d.i++
	}
	return ""
}

// StrPos reads a string and returns where its raw contents lie in the
// input, and whether they contain escapes (see Unescape). It reports
// ok false, skipping the value, when the next value is not a string.
func (d *Dec) StrPos() (start, end int, esc, ok bool) {
	if d.Peek() != '"' {
		d.Skip()
		return 0, 0, false, false
	}
	start = d.i + 1
	raw, esc := d.rawString()
	if d.bad {
		return 0, 0, false, false
	}
	return start, start + len(raw), esc, true
}

// Unescape decodes the escapes in the raw contents of a JSON string.
func Unescape(raw string) string { return unescape(raw) }

// maxDepth bounds the nesting Valid accepts.
const maxDepth = 512

// Valid reports whether s is one JSON value, strictly: where a Dec skips
// a value by its brackets alone, Valid checks everything between them.
func Valid(s string) bool {
	v := validator{s: s}
	v.ws()
	if !v.value(0) {
		return false
	}
	v.ws()
	return v.i == len(s)
}

type validator struct {
	s string
	i int
}

func (v *validator) ws() {
	for v.i < len(v.s) {
		switch v.s[v.i] {
		case ' ', '\t', '\n', '\r':
			v.i++
		default:
			return
		}
	}
}

func (v *validator) value(depth int) bool {
	if v.i >= len(v.s) || depth > maxDepth {
		return false
	}
	switch c := v.s[v.i]; {
	case c == '{':
		return v.object(depth)
	case c == '[':
		return v.array(depth)
	case c == '"':
		return v.str()
	case c == 't':
		return v.word("true")
	case c == 'f':
		return v.word("false")
	case c == 'n':
		return v.word("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return v.number()
	}
	return false
}

func (v *validator) object(depth int) bool {
	v.i++ // {
	v.ws()
	if v.i < len(v.s) && v.s[v.i] == '}' {
		v.i++
		return true
	}
	for {
		v.ws()
		if v.i >= len(v.s) || v.s[v.i] != '"' || !v.str() {
			return false
		}
		v.ws()
		if v.i >= len(v.s) || v.s[v.i] != ':' {
			return false
		}
		v.i++
		v.ws()
		if !v.value(depth + 1) {
			return false
		}
		v.ws()
		if v.i >= len(v.s) {
			return false
		}
		switch v.s[v.i] {
		case ',':
			v.i++
		case '}':
			v.i++
			return true
		default:
			return false
		}
	}
}

func (v *validator) array(depth int) bool {
	v.i++ // [
	v.ws()
	if v.i < len(v.s) && v.s[v.i] == ']' {
		v.i++
		return true
	}
	for {
		v.ws()
		if !v.value(depth + 1) {
			return false
		}
		v.ws()
		if v.i >= len(v.s) {
			return false
		}
		switch v.s[v.i] {
		case ',':
			v.i++
		case ']':
			v.i++
			return true
		default:
			return false
		}
	}
}

// plain marks the bytes a string holds as they are: not a quote, a
// backslash or a control character.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (v *validator) str() bool {
	s := v.s
	i := v.i + 1 // "
	for {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i >= len(s) {
			return false
		}
		switch s[i] {
		case '"':
			v.i = i + 1
			return true
		case '\\':
			i++
			if i >= len(s) {
				return false
			}
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if _, n := hex4(s, i+1); n == 0 {
					return false
				}
				i += 5
			default:
				return false
			}
		default:
			return false // a control character
		}
	}
}

func (v *validator) word(w string) bool {
	if len(v.s)-v.i < len(w) || v.s[v.i:v.i+len(w)] != w {
		return false
	}
	v.i += len(w)
	return true
}

// number checks JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (v *validator) number() bool {
	s := v.s
	if s[v.i] == '-' {
		v.i++
	}
	digits := func() int {
		n := 0
		for v.i < len(s) && s[v.i] >= '0' && s[v.i] <= '9' {
			v.i++
			n++
		}
		return n
	}
	if v.i < len(s) && s[v.i] == '0' {
		v.i++
	} else if digits() == 0 {
		return false
	}
	if v.i < len(s) && s[v.i] == '.' {
		v.i++
		if digits() == 0 {
			return false
		}
	}
	if v.i < len(s) && (s[v.i] == 'e' || s[v.i] == 'E') {
		v.i++
		if v.i < len(s) && (s[v.i] == '+' || s[v.i] == '-') {
			v.i++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}
