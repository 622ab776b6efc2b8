// Package format writes the special syntax of Discord messages: mentions
// of users, channels, roles and slash commands, timestamps every reader
// sees in their own time zone, custom emoji, and markdown escaping.
//
// # Basics
//
//	content := format.User(id) + " ran " + format.Command("dice roll", cmdID) +
//		" " + format.Timestamp(t, format.Relative)
//
// gives "<@123> ran </dice roll:456> <t:1700000000:R>", which Discord
// shows as a mention, a clickable command and "3 minutes ago".
//
// Escape makes text from users show as typed rather than as markdown.
//
// # Caveats
//
// Mentions written here ping the users and roles they name unless the
// message's allowed mentions say otherwise; escaping does not prevent
// pings (set rest.AllowedMentions for that). Timestamps have one-second
// precision.
package format
