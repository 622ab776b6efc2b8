package format

import (
	"strconv"
	"strings"
	"time"

	"github.com/gloamdev/gloam/model"
)

// User mentions a user: <@id>.
func User(id model.UserID) string { return "<@" + id.String() + ">" }

// Channel mentions a channel: <#id>.
func Channel(id model.ChannelID) string { return "<#" + id.String() + ">" }

// Role mentions a role: <@&id>.
func Role(id model.RoleID) string { return "<@&" + id.String() + ">" }

// Command mentions a slash command, which the reader can click to use:
// path is the command's name, followed by its subcommand group and
// subcommand where it has them, separated by spaces ("dice roll"), and
// id the command's ID: </dice roll:id>.
func Command(path string, id model.CommandID) string {
	return "</" + strings.Join(strings.Fields(path), " ") + ":" + id.String() + ">"
}

// Style is how a timestamp is shown.
type Style byte

// Timestamp styles, with how 20 April 2021 16:20 shows in en-US.
const (
	Default       Style = 0   // as ShortDateTime, written without a style
	ShortTime     Style = 't' // 4:20 PM
	LongTime      Style = 'T' // 4:20:30 PM
	ShortDate     Style = 'd' // 04/20/2021
	LongDate      Style = 'D' // April 20, 2021
	ShortDateTime Style = 'f' // April 20, 2021 4:20 PM
	LongDateTime  Style = 'F' // Tuesday, April 20, 2021 4:20 PM
	Relative      Style = 'R' // 2 months ago
)

// Timestamp writes t for every reader in their own time zone and
// language: <t:unix:style>.
func Timestamp(t time.Time, s Style) string {
	out := "<t:" + strconv.FormatInt(t.Unix(), 10)
	if s != Default {
		out += ":" + string(rune(s))
	}
	return out + ">"
}

// Emoji writes a custom emoji: <:name:id>, or <a:name:id> when animated.
func Emoji(name string, id model.EmojiID, animated bool) string {
	prefix := "<:"
	if animated {
		prefix = "<a:"
	}
	return prefix + name + ":" + id.String() + ">"
}

// special holds the characters markdown gives a meaning to in Discord.
const special = "\\*_~`|>#-[]()<:."

// Escape makes s show as typed: every character markdown would read
// (\ * _ ~ ` | > # - [ ] ( ) < : .) gets a backslash before it.
func Escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
