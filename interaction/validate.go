package interaction

import (
	"errors"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Discord's limits on an application's commands, beyond those of
// rest.ValidateCommand.
const (
	MaxSlashCommands   = 100  // chat input commands, globally or in one guild
	MaxUserCommands    = 15   // user context menu commands
	MaxMessageCommands = 15   // message context menu commands
	MaxCommandChars    = 4000 // names, descriptions and choices of one command, together
	MaxChoiceName      = 100
	MaxChoiceValue     = 100 // of a string choice
	MaxOptionLength    = 6000
)

// Locales are the locales Discord takes as keys of name and description
// localizations.
var Locales = []string{"id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu",
	"nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th",
	"zh-CN", "ja", "zh-TW", "ko"}

var localeSet = func() map[string]bool {
	m := make(map[string]bool, len(Locales))
	for _, l := range Locales {
		m[l] = true
	}
	return m
}()

// Validate checks a set of command definitions as Discord would before
// they are sent: rest.ValidateCommand's lengths and counts, and the rules
// it leaves out: the form of names (lower case for slash commands),
// descriptions required for slash commands and absent for context menu
// commands, subcommands not mixed with other options, required options
// before optional ones, unique names, choices of the option's type and
// not with autocomplete, value ranges only where they apply, known
// locales, 4000 characters per command and the number of commands of
// each type. The error is a *rest.ValidationError whose Field starts
// with the command's index.
func Validate(defs []model.ApplicationCommand) error {
	count := map[model.CommandType]int{}
	seen := map[string]bool{}
	for i := range defs {
		c := &defs[i]
		p := strconv.Itoa(i)
		if err := rest.ValidateCommand(c); err != nil {
			var ve *rest.ValidationError
			if errors.As(err, &ve) {
				return invalid(p+"."+ve.Field, ve.Reason)
			}
			return err
		}
		if err := validateCommand(p, c); err != nil {
			return err
		}
		typ := typeOf(c)
		key := strconv.Itoa(int(typ)) + " " + c.Name
		if seen[key] {
			return invalid(p+".name", "two "+typ.String()+" commands are called "+strconv.Quote(c.Name))
		}
		seen[key] = true
		count[typ]++
	}
	for typ, max := range map[model.CommandType]int{model.CommandChatInput: MaxSlashCommands,
		model.CommandUser: MaxUserCommands, model.CommandMessage: MaxMessageCommands} {
		if count[typ] > max {
			return invalid("commands", "more than "+strconv.Itoa(max)+" "+typ.String()+" commands")
		}
	}
	return nil
}

func invalid(field, reason string) error { return &rest.ValidationError{Field: field, Reason: reason} }

func typeOf(c *model.ApplicationCommand) model.CommandType {
	if c.Type == 0 {
		return model.CommandChatInput
	}
	return c.Type
}

// validName reports whether s is a valid slash command or option name:
// 1 to 32 letters, digits, - _ ', none of them upper case.
func validName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > rest.MaxCommandName {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '\'' || unicode.IsLetter(r) || unicode.IsNumber(r) ||
			unicode.Is(unicode.Devanagari, r) || unicode.Is(unicode.Thai, r)) {
			return false
		}
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func validateCommand(p string, c *model.ApplicationCommand) error {
	typ := typeOf(c)
	slash := typ == model.CommandChatInput
	names := []string{c.Name}
	descs := []string{c.Description}
	for l, v := range c.NameLocalizations {
		if !localeSet[l] {
			return invalid(p+".name_localizations."+l, "not a Discord locale")
		}
		names = append(names, v)
	}
	for l, v := range c.DescriptionLocalizations {
		if !localeSet[l] {
			return invalid(p+".description_localizations."+l, "not a Discord locale")
		}
		descs = append(descs, v)
	}
	for _, n := range names {
		if slash && !validName(n) {
			return invalid(p+".name", strconv.Quote(n)+" is not 1 to 32 lower case letters, digits, - _ or '")
		}
		if !slash && (n == "" || utf8.RuneCountInString(n) > rest.MaxCommandName) {
			return invalid(p+".name", "not 1 to 32 characters")
		}
	}
	for _, d := range descs {
		if slash && (d == "" || utf8.RuneCountInString(d) > rest.MaxCommandDesc) {
			return invalid(p+".description", "not 1 to 100 characters")
		}
	}
	if !slash {
		if c.Description != "" || len(c.DescriptionLocalizations) > 0 {
			return invalid(p+".description", "must be empty for a "+typ.String()+" command")
		}
		if len(c.Options) > 0 {
			return invalid(p+".options", "only slash commands have options")
		}
		return nil
	}
	chars := utf8.RuneCountInString(c.Name) + utf8.RuneCountInString(c.Description)
	if err := validateOptions(p+".options", c.Options, 0, &chars); err != nil {
		return err
	}
	if chars > MaxCommandChars {
		return invalid(p, "more than "+strconv.Itoa(MaxCommandChars)+" characters of names, descriptions and choices")
	}
	return nil
}

func validateOptions(p string, opts []model.ApplicationCommandOption, depth int, chars *int) error {
	subs, optional := 0, false
	seen := map[string]bool{}
	for i := range opts {
		o := &opts[i]
		op := p + "." + strconv.Itoa(i)
		if !validName(o.Name) {
			return invalid(op+".name", strconv.Quote(o.Name)+" is not 1 to 32 lower case letters, digits, - _ or '")
		}
		if seen[o.Name] {
			return invalid(op+".name", "two options are called "+strconv.Quote(o.Name))
		}
		seen[o.Name] = true
		for l, v := range o.NameLocalizations {
			if !localeSet[l] || !validName(v) {
				return invalid(op+".name_localizations."+l, "not a Discord locale, or not a valid name")
			}
		}
		for l, v := range o.DescriptionLocalizations {
			if !localeSet[l] || v == "" || utf8.RuneCountInString(v) > rest.MaxCommandDesc {
				return invalid(op+".description_localizations."+l, "not a Discord locale, or not 1 to 100 characters")
			}
		}
		if o.Description == "" {
			return invalid(op+".description", "empty")
		}
		*chars += utf8.RuneCountInString(o.Name) + utf8.RuneCountInString(o.Description)
		isSub := o.Type == model.OptionSubCommand || o.Type == model.OptionSubCommandGroup
		if isSub {
			subs++
			if o.Required {
				return invalid(op+".required", "subcommands cannot be required")
			}
			if o.Type == model.OptionSubCommandGroup && depth > 0 {
				return invalid(op+".type", "a subcommand group can only be at the top")
			}
			if depth > 1 {
				return invalid(op+".type", "subcommands nested too deep")
			}
			for j := range o.Options {
				st := o.Options[j].Type
				if o.Type == model.OptionSubCommandGroup && st != model.OptionSubCommand {
					return invalid(op+".options."+strconv.Itoa(j)+".type", "a subcommand group holds only subcommands")
				}
			}
			if err := validateOptions(op+".options", o.Options, depth+1, chars); err != nil {
				return err
			}
			continue
		}
		if len(o.Options) > 0 {
			return invalid(op+".options", "only subcommands and groups have options")
		}
		if o.Required && optional {
			return invalid(op+".required", "a required option after an optional one")
		}
		if !o.Required {
			optional = true
		}
		if err := validateValueRules(op, o, chars); err != nil {
			return err
		}
	}
	if subs > 0 && subs != len(opts) {
		return invalid(p, "subcommands mixed with other options")
	}
	return nil
}

func validateValueRules(op string, o *model.ApplicationCommandOption, chars *int) error {
	numeric := o.Type == model.OptionInteger || o.Type == model.OptionNumber
	if len(o.Choices) > 0 {
		if o.Type != model.OptionString && !numeric {
			return invalid(op+".choices", "only string, integer and number options have choices")
		}
		if o.Autocomplete {
			return invalid(op+".autocomplete", "an option with choices cannot autocomplete")
		}
	}
	for j, ch := range o.Choices {
		cp := op + ".choices." + strconv.Itoa(j)
		if ch.Name == "" || utf8.RuneCountInString(ch.Name) > MaxChoiceName {
			return invalid(cp+".name", "not 1 to 100 characters")
		}
		for l, v := range ch.NameLocalizations {
			if !localeSet[l] || v == "" || utf8.RuneCountInString(v) > MaxChoiceName {
				return invalid(cp+".name_localizations."+l, "not a Discord locale, or not 1 to 100 characters")
			}
		}
		*chars += utf8.RuneCountInString(ch.Name)
		switch v := ch.Value.(type) {
		case string:
			if o.Type != model.OptionString {
				return invalid(cp+".value", "a string for a "+o.Type.String()+" option")
			}
			if v == "" || utf8.RuneCountInString(v) > MaxChoiceValue {
				return invalid(cp+".value", "not 1 to 100 characters")
			}
			*chars += utf8.RuneCountInString(v)
		case int, int64, int32, float64, float32:
			if !numeric {
				return invalid(cp+".value", "a number for a "+o.Type.String()+" option")
			}
			if f, ok := v.(float64); ok && o.Type == model.OptionInteger && f != float64(int64(f)) {
				return invalid(cp+".value", "not an integer")
			}
			*chars += len(toString(v))
		default:
			return invalid(cp+".value", "not a string or a number")
		}
	}
	if (o.MinValue != nil || o.MaxValue != nil) && !numeric {
		return invalid(op+".min_value", "only integer and number options have a range")
	}
	if o.MinValue != nil && o.MaxValue != nil && *o.MinValue > *o.MaxValue {
		return invalid(op+".min_value", "above max_value")
	}
	if o.MinLength != nil || o.MaxLength != nil {
		if o.Type != model.OptionString {
			return invalid(op+".min_length", "only string options have a length")
		}
		for _, n := range []*int{o.MinLength, o.MaxLength} {
			if n != nil && (*n < 0 || *n > MaxOptionLength) {
				return invalid(op+".max_length", "not between 0 and 6000")
			}
		}
		if o.MinLength != nil && o.MaxLength != nil && *o.MinLength > *o.MaxLength {
			return invalid(op+".min_length", "above max_length")
		}
	}
	if len(o.ChannelTypes) > 0 && o.Type != model.OptionChannel {
		return invalid(op+".channel_types", "only channel options have channel types")
	}
	if o.Autocomplete && o.Type != model.OptionString && !numeric {
		return invalid(op+".autocomplete", "only string, integer and number options autocomplete")
	}
	return nil
}

func toString(v any) string {
	switch n := v.(type) {
	case int:
		return strconv.Itoa(n)
	case int64:
		return strconv.FormatInt(n, 10)
	case int32:
		return strconv.FormatInt(int64(n), 10)
	case float32:
		return strconv.FormatFloat(float64(n), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	return ""
}
