// Package parser finds commands in messages and parses their arguments.
//
// # Basics
//
// A Parser is made once from a Config: prefixes ("!", "¡", "🤖", or a
// mention of the bot itself, <@id> and <@!id>), command names and their
// aliases, and whether case matters. Parse looks at a message's content;
// ParseEvent does the same straight from a MESSAGE_CREATE event, reading
// only the content (and author.bot) from the payload; ParseMessage reads
// them from the event's lazy view, model.MessageCreateView.
//
//	p, err := parser.New(&parser.Config{
//		Prefixes: []string{"!"},
//		Mention:  botID,
//		Commands: []string{"ban", "remind"},
//		Aliases:  map[string]string{"b": "ban"},
//	})
//	...
//	cmd, err := p.ParseEvent(ev)
//	if errors.Is(err, parser.ErrNotCommand) {
//		return // most messages
//	}
//
// A Command holds the prefix, the canonical Name, the name as Typed, and a
// cursor over its arguments, Args. Arguments are split at Unicode
// whitespace; "double quotes" (or “curly” ones, as phones type them) keep
// whitespace inside one argument, and a backslash escapes a quote or a
// backslash within them. Rest returns the raw text still unread, for the
// free text that often ends a command ("!ban @someone for spamming").
// Quote does the reverse of splitting: parsing what it returns gives back
// the same arguments.
//
// The typed helpers of Args read what bots read most: integers, numbers,
// yes/no, durations ("90s", "1h30m", "2d", "1w"), user, channel and role
// mentions or IDs as model IDs, and custom or Unicode emojis. A bad or
// missing argument gives an *ArgError saying which argument and what was
// wanted. A prefix followed by a name that is not a command gives
// ErrUnknownCommand, with the name as typed, for bots that answer it.
//
// # Caveats
//
// A message that is not a command costs a few nanoseconds and no
// allocation; a command's name and arguments are substrings of the
// message, so a command allocates only for arguments holding escapes.
// Those substrings refer to the message content, and through ParseEvent to
// the event's payload: keep it unchanged while the Command is in use.
//
// A quote opens an argument only at its start: in it's or 5" it is text.
// A quote left open, or a closing quote with text straight after it
// ("a"b), gives a *SyntaxError with its byte offset, rather than a guess.
//
// The prefix must open the message: leading whitespace is not skipped.
// Only a mention prefix, or a prefix that ends in whitespace, lets
// whitespace come before the name.
//
// Case folding is Unicode simple folding, rune for rune (strings.EqualFold):
// "ß" does not match "SS". Unicode emojis are recognised permissively
// (a superset of what Discord offers); Discord has the last word.
package parser
