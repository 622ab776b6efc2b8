package parser

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
	"github.com/tidwall/gjson"
)

// Config says what a command looks like. New copies it; changing it
// afterwards has no effect on the Parser.
type Config struct {
	// Prefixes start a command, e.g. "!" or "¡" or "🤖". The name follows
	// the prefix directly ("!ping"), except after a prefix that ends in
	// whitespace ("bot "), which wants at least one whitespace rune,
	// any of them and any number ("bot  ping", "bot\nping"). When several
	// prefixes match, the longest wins. "" is a prefix that every message
	// has, for bots that read commands without one (in DMs, say).
	Prefixes []string

	// Mention, when not zero, is the bot's own user ID: the mentions <@id>
	// and <@!id> then work as prefixes too, with or without whitespace
	// before the name. Zero: mentions are not prefixes.
	Mention model.UserID

	// Commands are the canonical command names. When both Commands and
	// Aliases are empty, any word after a prefix is a command, and its Name
	// is the word as typed.
	Commands []string

	// Aliases maps an alias to a canonical name ("b" → "ban"). A canonical
	// name reached from an alias is a command even if Commands lacks it.
	Aliases map[string]string

	// IgnoreCase matches prefixes, names and aliases under Unicode simple
	// case folding, as strings.EqualFold does: "PING", "Ping" and "ping"
	// match, and so do "ÉTÉ" and "été", or "ΣΟΦΊΑ" and "σοφία". Simple
	// folding maps one rune to one rune, so "STRASSE" and "straße" do not.
	// False: names match byte for byte.
	IgnoreCase bool

	// IgnoreBots makes ParseEvent pass over messages whose author is a bot
	// (author.bot is true), the bot itself included. False: bots' messages
	// are parsed like any other.
	IgnoreBots bool
}

// Parser finds commands in message content. It is immutable once made and
// safe for concurrent use.
type Parser struct {
	prefixes   []prefix // longest first
	first      [256]bool
	names      map[string]string // name or alias (its fold key with IgnoreCase) → canonical name
	maxKey     int
	ignoreCase bool
	ignoreBots bool
}

type prefix struct {
	text    string
	space   bool // whitespace must follow
	mention bool // whitespace may follow
}

// New makes a Parser. It reports a configuration that cannot work: no
// prefix and no mention, a prefix of whitespace alone, an empty name, a
// name holding whitespace, a prefix or name that is not valid UTF-8, or
// one name or alias meaning two commands.
func New(cfg *Config) (*Parser, error) {
	if cfg == nil || (len(cfg.Prefixes) == 0 && cfg.Mention.IsZero()) {
		return nil, errors.New("parser: new: no prefix and no mention")
	}
	p := &Parser{ignoreCase: cfg.IgnoreCase, ignoreBots: cfg.IgnoreBots}
	for _, text := range cfg.Prefixes {
		trimmed := strings.TrimRightFunc(text, unicode.IsSpace)
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("parser: new: prefix %q is not valid UTF-8", text)
		}
		if text != "" && trimmed == "" {
			return nil, fmt.Errorf("parser: new: prefix %q is only whitespace", text)
		}
		p.prefixes = append(p.prefixes, prefix{text: trimmed, space: trimmed != text})
	}
	if !cfg.Mention.IsZero() {
		id := cfg.Mention.String()
		p.prefixes = append(p.prefixes,
			prefix{text: "<@" + id + ">", mention: true},
			prefix{text: "<@!" + id + ">", mention: true})
	}
	slices.SortFunc(p.prefixes, func(a, b prefix) int {
		if len(a.text) != len(b.text) {
			return len(b.text) - len(a.text)
		}
		if a.text != b.text {
			return strings.Compare(a.text, b.text)
		}
		if a.space != b.space {
			if a.space {
				return -1
			}
			return 1
		}
		return 0
	})
	p.prefixes = slices.Compact(p.prefixes)
	for _, pre := range p.prefixes {
		p.markFirst(pre.text)
	}
	if err := p.addNames(cfg); err != nil {
		return nil, err
	}
	return p, nil
}

// markFirst notes the bytes a message matching text can start with, so
// that most messages are turned away after one lookup.
func (p *Parser) markFirst(text string) {
	if text == "" {
		for i := range p.first {
			p.first[i] = true
		}
		return
	}
	p.first[text[0]] = true
	if !p.ignoreCase {
		return
	}
	r, _ := utf8.DecodeRuneInString(text)
	var buf [utf8.UTFMax]byte
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		p.first[utf8.AppendRune(buf[:0], f)[0]] = true
	}
}

func (p *Parser) addNames(cfg *Config) error {
	if len(cfg.Commands) == 0 && len(cfg.Aliases) == 0 {
		return nil
	}
	p.names = make(map[string]string, len(cfg.Commands)+2*len(cfg.Aliases))
	add := func(name, canonical string) error {
		for _, s := range [2]string{name, canonical} {
			if s == "" || wordEnd(s, 0) < len(s) || !utf8.ValidString(s) {
				return fmt.Errorf("parser: new: command name %q is empty, holds whitespace or is not UTF-8", s)
			}
		}
		key := p.key(name)
		if old, ok := p.names[key]; ok && old != canonical {
			return fmt.Errorf("parser: new: %q names both %q and %q", name, old, canonical)
		}
		p.names[key] = canonical
		p.maxKey = max(p.maxKey, len(key))
		return nil
	}
	for _, c := range cfg.Commands {
		if err := add(c, c); err != nil {
			return err
		}
	}
	for _, c := range cfg.Aliases {
		if err := add(c, c); err != nil {
			return err
		}
	}
	aliases := make([]string, 0, len(cfg.Aliases))
	for a := range cfg.Aliases {
		aliases = append(aliases, a)
	}
	slices.Sort(aliases) // the same error for the same configuration
	for _, a := range aliases {
		if err := add(a, cfg.Aliases[a]); err != nil {
			return err
		}
	}
	return nil
}

func (p *Parser) key(name string) string {
	if !p.ignoreCase {
		return name
	}
	return string(appendFoldKey(nil, name))
}

// Command is a command found in a message. Its strings are substrings of
// the parsed text.
type Command struct {
	Prefix string // the prefix as it appears, e.g. "!" or "<@!80351110224678912>"
	Name   string // the canonical name
	Typed  string // the name as typed: an alias, or in another case

	rest string // the text after the name, leading whitespace trimmed
	off  int    // offset of rest in the parsed text
}

// Rest is the raw text after the command name, leading whitespace trimmed
// and quotes left as they are: for "!say  hello, “world”" it is
// "hello, “world”".
func (c Command) Rest() string { return c.rest }

// Args is a cursor over the arguments, from the first.
func (c Command) Args() Args { return Args{s: c.rest, off: c.off} }

// Parse finds a command in a message's content.
//
// A message that is not a command gives ErrNotCommand, without
// allocating; when it is a bare prefix ("!", or a lone mention of the bot)
// Prefix is set, for bots that answer that with help. A prefix followed by an unknown name gives ErrUnknownCommand
// (which wraps ErrNotCommand) with Prefix and Typed filled in. Arguments
// that cannot be split give a *SyntaxError, with the Command filled in and
// its Args read leniently (an unterminated quote runs to the end).
func (p *Parser) Parse(content string) (Command, error) {
	if content == "" || !p.first[content[0]] {
		return Command{}, ErrNotCommand
	}
	for _, pre := range p.prefixes {
		n, ok := p.cutPrefix(content, pre.text)
		if !ok {
			continue
		}
		i := n
		if pre.space || pre.mention {
			i = skipSpace(content, n)
			if pre.space && i == n {
				continue // "bot" without the whitespace "bot " wants
			}
		}
		cmd := Command{Prefix: content[:n]}
		end := wordEnd(content, i)
		if end == i {
			return cmd, ErrNotCommand
		}
		cmd.Typed = content[i:end]
		name, ok := p.lookup(cmd.Typed)
		if !ok {
			return cmd, ErrUnknownCommand
		}
		cmd.Name = name
		cmd.off = skipSpace(content, end)
		cmd.rest = content[cmd.off:]
		return cmd, cmd.Args().check()
	}
	return Command{}, ErrNotCommand
}

// ParseEvent finds a command in a MESSAGE_CREATE event. It reads the
// message's content (and author.bot when bots are ignored) straight from
// the payload and decodes nothing else. Other events give ErrNotCommand.
//
// The Command refers to the event's payload, which must stay unchanged
// while the Command is in use.
func (p *Parser) ParseEvent(ev model.Event) (Command, error) {
	if ev.Type != model.EventMessageCreate {
		return Command{}, ErrNotCommand
	}
	content := ev.Get("content")
	if content.Type != gjson.String {
		return Command{}, ErrNotCommand
	}
	cmd, err := p.Parse(content.Str)
	if err != ErrNotCommand && p.ignoreBots && ev.Get("author.bot").Bool() {
		return Command{}, ErrNotCommand
	}
	return cmd, err
}

// ParseMessage finds a command in a message held as a lazy view, such as
// ev.MessageCreate() returns: it reads only v.Content() (and the author's
// bot flag when bots are ignored). A view of a MESSAGE_UPDATE is parsed
// like any other, for bots that run edited commands.
//
// ParseEvent reads the content with one targeted lookup and is the faster
// way to turn away events that are not commands; ParseMessage suits code
// that has made the view anyway.
func (p *Parser) ParseMessage(v model.MessageCreateView) (Command, error) {
	cmd, err := p.Parse(v.Content())
	if err != ErrNotCommand && p.ignoreBots && v.Author().Bot() {
		return Command{}, ErrNotCommand
	}
	return cmd, err
}

func (p *Parser) cutPrefix(s, prefix string) (int, bool) {
	if !p.ignoreCase {
		if strings.HasPrefix(s, prefix) {
			return len(prefix), true
		}
		return 0, false
	}
	return cutPrefixFold(s, prefix)
}

// lookup maps a typed name to its canonical name, without allocating.
func (p *Parser) lookup(typed string) (string, bool) {
	if p.names == nil {
		return typed, true
	}
	if !p.ignoreCase {
		name, ok := p.names[typed]
		return name, ok
	}
	var buf [64]byte
	key := buf[:0]
	for _, r := range typed {
		key = utf8.AppendRune(key, foldKey(r))
		if len(key) > p.maxKey {
			return "", false
		}
	}
	name, ok := p.names[string(key)]
	return name, ok
}
