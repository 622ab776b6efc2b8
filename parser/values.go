package parser

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
)

// The typed helpers read the next argument as a value. On success they
// advance; on failure they return an *ArgError and leave the cursor where
// it was, so that an optional argument can be tried and, failing, read as
// something else.

// errBad marks a value that is wrong with no finer cause to report.
var errBad = errors.New("bad")

func take[T any](a *Args, want string, parse func(string) (T, error)) (T, error) {
	var zero T
	if a.s == "" {
		return zero, &ArgError{Index: a.n, Want: want, Err: ErrMissingArg}
	}
	t := scanArg(a.s)
	s := t.value()
	v, err := parse(s)
	if err != nil {
		if err == errBad {
			err = nil
		}
		return zero, &ArgError{Index: a.n, Arg: s, Want: want, Err: err}
	}
	a.advance(t.end)
	return v, nil
}

// Arg returns the next argument, or an *ArgError wrapping ErrMissingArg.
func (a *Args) Arg() (string, error) {
	return take(a, "argument", func(s string) (string, error) { return s, nil })
}

// End returns an *ArgError naming the first argument left, if any: for
// commands that take no more.
func (a *Args) End() error {
	if a.s == "" {
		return nil
	}
	b := *a
	s, _ := b.Next()
	return &ArgError{Index: a.n, Arg: s, Want: "no more arguments"}
}

// Int reads a decimal integer, with an optional sign.
func (a *Args) Int() (int, error) {
	return take(a, "integer", func(s string) (int, error) {
		v, err := strconv.ParseInt(s, 10, 0)
		return int(v), numErr(err)
	})
}

// Int64 reads a decimal 64-bit integer, with an optional sign.
func (a *Args) Int64() (int64, error) {
	return take(a, "integer", func(s string) (int64, error) {
		v, err := strconv.ParseInt(s, 10, 64)
		return v, numErr(err)
	})
}

// Uint reads a decimal integer that is not negative.
func (a *Args) Uint() (uint, error) {
	return take(a, "unsigned integer", func(s string) (uint, error) {
		v, err := strconv.ParseUint(s, 10, 0)
		return uint(v), numErr(err)
	})
}

// Uint64 reads a decimal 64-bit integer that is not negative.
func (a *Args) Uint64() (uint64, error) {
	return take(a, "unsigned integer", func(s string) (uint64, error) {
		v, err := strconv.ParseUint(s, 10, 64)
		return v, numErr(err)
	})
}

// Float reads a finite number as strconv.ParseFloat does ("2.5", "-1e3");
// infinities and NaN are refused.
func (a *Args) Float() (float64, error) {
	return take(a, "number", func(s string) (float64, error) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, numErr(err)
		}
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, errBad
		}
		return v, nil
	})
}

// Bool reads a yes or no; see ParseBool.
func (a *Args) Bool() (bool, error) {
	return take(a, "yes or no", func(s string) (bool, error) {
		v, ok := ParseBool(s)
		return v, okErr(ok)
	})
}

// Duration reads a duration; see ParseDuration.
func (a *Args) Duration() (time.Duration, error) {
	return take(a, "duration", func(s string) (time.Duration, error) {
		v, ok := ParseDuration(s)
		return v, okErr(ok)
	})
}

// User reads a user mention or ID; see ParseUser.
func (a *Args) User() (model.UserID, error) {
	return take(a, "user", func(s string) (model.UserID, error) {
		v, ok := ParseUser(s)
		return v, okErr(ok)
	})
}

// Channel reads a channel mention or ID; see ParseChannel.
func (a *Args) Channel() (model.ChannelID, error) {
	return take(a, "channel", func(s string) (model.ChannelID, error) {
		v, ok := ParseChannel(s)
		return v, okErr(ok)
	})
}

// Role reads a role mention or ID; see ParseRole.
func (a *Args) Role() (model.RoleID, error) {
	return take(a, "role", func(s string) (model.RoleID, error) {
		v, ok := ParseRole(s)
		return v, okErr(ok)
	})
}

// Emoji reads an emoji; see ParseEmoji.
func (a *Args) Emoji() (Emoji, error) {
	return take(a, "emoji", func(s string) (Emoji, error) {
		v, ok := ParseEmoji(s)
		return v, okErr(ok)
	})
}

// numErr reduces a strconv error to its cause (ErrSyntax, ErrRange).
func numErr(err error) error {
	if ne, ok := err.(*strconv.NumError); ok {
		return ne.Err
	}
	return err
}

func okErr(ok bool) error {
	if ok {
		return nil
	}
	return errBad
}

// ParseBool reads yes or no in the words people use: true, yes, y, on, 1,
// enable, enabled; false, no, n, off, 0, disable, disabled; in any case.
func ParseBool(s string) (v, ok bool) {
	switch {
	case anyFold(s, "true", "yes", "y", "on", "1", "enable", "enabled"):
		return true, true
	case anyFold(s, "false", "no", "n", "off", "0", "disable", "disabled"):
		return false, true
	}
	return false, false
}

func anyFold(s string, words ...string) bool {
	for _, w := range words {
		if len(s) == len(w) && strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// ParseUser reads a user mention, <@id> or <@!id>, or a bare ID of 15 to
// 20 digits (shorter numbers are taken for numbers, not users).
func ParseUser(s string) (model.UserID, bool) {
	id, ok := mention(s, "<@!")
	if !ok {
		id, ok = mention(s, "<@")
	}
	if !ok {
		id, ok = bareID(s)
	}
	return model.UserID(id), ok
}

// ParseChannel reads a channel mention, <#id>, or a bare ID of 15 to 20
// digits.
func ParseChannel(s string) (model.ChannelID, bool) {
	id, ok := mention(s, "<#")
	if !ok {
		id, ok = bareID(s)
	}
	return model.ChannelID(id), ok
}

// ParseRole reads a role mention, <@&id>, or a bare ID of 15 to 20
// digits.
func ParseRole(s string) (model.RoleID, bool) {
	id, ok := mention(s, "<@&")
	if !ok {
		id, ok = bareID(s)
	}
	return model.RoleID(id), ok
}

func mention(s, open string) (uint64, bool) {
	if len(s) < len(open)+2 || !strings.HasPrefix(s, open) || s[len(s)-1] != '>' {
		return 0, false
	}
	return parseID(s[len(open) : len(s)-1])
}

func bareID(s string) (uint64, bool) {
	if len(s) < 15 {
		return 0, false
	}
	return parseID(s)
}

// parseID reads a snowflake: 1 to 20 decimal digits, not zero, fitting in
// 64 bits.
func parseID(s string) (uint64, bool) {
	if s == "" || len(s) > 20 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 || v > (math.MaxUint64-uint64(d))/10 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	return v, v != 0
}

// Emoji is an emoji given as an argument: a custom one, with its ID, or a
// Unicode one, whose Name is the emoji itself.
type Emoji struct {
	Name     string        // the custom emoji's name, or the Unicode emoji
	ID       model.EmojiID // zero for a Unicode emoji
	Animated bool
}

// IsCustom reports whether e is a guild's custom emoji.
func (e Emoji) IsCustom() bool { return !e.ID.IsZero() }

// String is e as written in a message: <:name:id>, <a:name:id>, or the
// Unicode emoji.
func (e Emoji) String() string {
	if !e.IsCustom() {
		return e.Name
	}
	a := ""
	if e.Animated {
		a = "a"
	}
	return "<" + a + ":" + e.Name + ":" + e.ID.String() + ">"
}

// APIName is e as the reaction endpoints want it (before URL escaping):
// name:id for a custom emoji, the emoji itself otherwise.
func (e Emoji) APIName() string {
	if !e.IsCustom() {
		return e.Name
	}
	return e.Name + ":" + e.ID.String()
}

// ParseEmoji reads a custom emoji, <:name:id>, an animated one,
// <a:name:id>, or a single Unicode emoji, which passes through as the
// Name. A Unicode emoji is recognised by a permissive reading of Unicode's
// emoji ranges and sequences (flags, keycaps, skin tones, ZWJ sequences):
// it may accept a symbol Discord does not offer as an emoji; the API has
// the last word.
func ParseEmoji(s string) (Emoji, bool) {
	if len(s) >= 2 && s[0] == '<' && s[len(s)-1] == '>' {
		body := s[1 : len(s)-1]
		var e Emoji
		if strings.HasPrefix(body, "a:") {
			e.Animated, body = true, body[1:]
		}
		body, ok := strings.CutPrefix(body, ":")
		if !ok {
			return Emoji{}, false
		}
		name, id, ok := strings.Cut(body, ":")
		if !ok || !emojiName(name) {
			return Emoji{}, false
		}
		v, ok := parseID(id)
		if !ok {
			return Emoji{}, false
		}
		e.Name, e.ID = name, model.EmojiID(v)
		return e, true
	}
	if unicodeEmoji(s) {
		return Emoji{Name: s}, true
	}
	return Emoji{}, false
}

// emojiName reports whether s can name a custom emoji: letters, digits
// and underscores.
func emojiName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// unicodeEmoji reports whether s is one emoji: elements joined by zero
// width joiners, each a pictograph, a flag (two regional indicators) or a
// keycap, followed by variation selectors, skin tones or tags.
func unicodeEmoji(s string) bool {
	if s == "" || len(s) > 96 {
		return false
	}
	i := 0
	next := func() rune {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		return r
	}
	for {
		switch r := next(); {
		case isRegional(r):
			if i == len(s) || !isRegional(next()) {
				return false
			}
		case r == '#' || r == '*' || '0' <= r && r <= '9':
			if i == len(s) {
				return false
			}
			m := next()
			if m == 0xFE0F && i < len(s) {
				m = next()
			}
			if m != 0x20E3 {
				return false
			}
		case isPictograph(r):
		default:
			return false
		}
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !isEmojiModifier(r) {
				break
			}
			i += n
		}
		if i == len(s) {
			return true
		}
		if next() != 0x200D || i == len(s) {
			return false
		}
	}
}

func isRegional(r rune) bool { return 0x1F1E6 <= r && r <= 0x1F1FF }

func isEmojiModifier(r rune) bool {
	return r == 0xFE0E || r == 0xFE0F || // text and emoji presentation
		0x1F3FB <= r && r <= 0x1F3FF || // skin tones
		0xE0020 <= r && r <= 0xE007F || // tags (subdivision flags)
		r == 0x20E3 // combining keycap
}

// isPictograph is a permissive superset of Unicode's Extended_Pictographic
// outside ASCII.
func isPictograph(r rune) bool {
	switch {
	case r < 0xA9:
		return false
	case r == 0xA9, r == 0xAE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139,
		0x2194 <= r && r <= 0x21AA,
		0x2300 <= r && r <= 0x23FF,
		r == 0x24C2,
		0x25AA <= r && r <= 0x25FE,
		0x2600 <= r && r <= 0x27BF,
		0x2934 <= r && r <= 0x2935,
		0x2B05 <= r && r <= 0x2B55,
		r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299,
		0x1F000 <= r && r <= 0x1FAFF,
		0x1FC00 <= r && r <= 0x1FFFD:
		return true
	}
	return false
}
