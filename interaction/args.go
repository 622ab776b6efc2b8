package interaction

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"unsafe"

	"github.com/gloamdev/gloam/model"
)

// Errors an OptionError wraps, for errors.Is.
var (
	// ErrMissingOption: the user did not give the option.
	ErrMissingOption = errors.New("missing option")
	// ErrOptionType: the option has another type than the one read.
	ErrOptionType = errors.New("option has another type")
	// ErrOptionValue: the option's value is not of its declared type, or
	// the object it names is not in the interaction's resolved data.
	ErrOptionValue = errors.New("bad option value")
)

// OptionError says why an option could not be read.
type OptionError struct {
	Name string           // the option's name
	Want model.OptionType // the type read as
	Got  model.OptionType // the option's type; 0 when missing
	Err  error            // ErrMissingOption, ErrOptionType or ErrOptionValue
}

func (e *OptionError) Error() string {
	s := "interaction: option " + strconv.Quote(e.Name) + ": " + e.Err.Error()
	if e.Err == ErrOptionType {
		s += ": " + e.Got.String() + ", not " + e.Want.String()
	}
	return s
}

// Unwrap returns Err.
func (e *OptionError) Unwrap() error { return e.Err }

// Args are the options a user gave to a slash command (to its
// subcommand, when it has one), with the objects they name. Reading one
// allocates nothing, except Member and Mentionable; strings read alias
// the interaction's memory.
type Args struct {
	opts []model.CommandOption
	res  *model.Resolved
}

// Len is the number of options given.
func (a Args) Len() int { return len(a.opts) }

// Has reports whether the option called name was given.
func (a Args) Has(name string) bool { return model.Option(a.opts, name) != nil }

// All returns the options as given, in order.
func (a Args) All() []model.CommandOption { return a.opts }

func (a Args) get(name string, want model.OptionType, also model.OptionType) (*model.CommandOption, error) {
	o := model.Option(a.opts, name)
	if o == nil {
		return nil, &OptionError{Name: name, Want: want, Err: ErrMissingOption}
	}
	if o.Type != want && (also == 0 || o.Type != also) {
		return nil, &OptionError{Name: name, Want: want, Got: o.Type, Err: ErrOptionType}
	}
	return o, nil
}

func badValue(o *model.CommandOption, want model.OptionType) error {
	return &OptionError{Name: o.Name, Want: want, Got: o.Type, Err: ErrOptionValue}
}

// String reads a string option.
func (a Args) String(name string) (string, error) {
	o, err := a.get(name, model.OptionString, 0)
	if err != nil {
		return "", err
	}
	s, ok := jsonString(o.Value)
	if !ok {
		return "", badValue(o, model.OptionString)
	}
	return s, nil
}

// Int reads an integer option.
func (a Args) Int(name string) (int64, error) {
	o, err := a.get(name, model.OptionInteger, 0)
	if err != nil {
		return 0, err
	}
	n, ok := jsonInt(o.Value)
	if !ok {
		return 0, badValue(o, model.OptionInteger)
	}
	return n, nil
}

// Float reads a number option (or an integer one).
func (a Args) Float(name string) (float64, error) {
	o, err := a.get(name, model.OptionNumber, model.OptionInteger)
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(bytesString(o.Value), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, badValue(o, model.OptionNumber)
	}
	return f, nil
}

// Bool reads a boolean option.
func (a Args) Bool(name string) (bool, error) {
	o, err := a.get(name, model.OptionBoolean, 0)
	if err != nil {
		return false, err
	}
	switch string(o.Value) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, badValue(o, model.OptionBoolean)
}

// ID reads the snowflake of a user, channel, role, mentionable or
// attachment option, whatever its type.
func (a Args) ID(name string) (model.Snowflake, error) {
	o := model.Option(a.opts, name)
	if o == nil {
		return 0, &OptionError{Name: name, Err: ErrMissingOption}
	}
	switch o.Type {
	case model.OptionUser, model.OptionChannel, model.OptionRole, model.OptionMentionable, model.OptionAttachment:
	default:
		return 0, &OptionError{Name: name, Want: model.OptionMentionable, Got: o.Type, Err: ErrOptionType}
	}
	id, ok := jsonSnowflake(o.Value)
	if !ok {
		return 0, badValue(o, o.Type)
	}
	return model.Snowflake(id), nil
}

func (a Args) id(name string, want, also model.OptionType) (*model.CommandOption, uint64, error) {
	o, err := a.get(name, want, also)
	if err != nil {
		return nil, 0, err
	}
	id, ok := jsonSnowflake(o.Value)
	if !ok || a.res == nil {
		return nil, 0, badValue(o, want)
	}
	return o, id, nil
}

// User reads a user option (or a mentionable one naming a user): the user
// as resolved.
func (a Args) User(name string) (model.User, error) {
	o, id, err := a.id(name, model.OptionUser, model.OptionMentionable)
	if err != nil {
		return model.User{}, err
	}
	u, ok := a.res.Users[model.UserID(id)]
	if !ok {
		return model.User{}, badValue(o, model.OptionUser)
	}
	return u, nil
}

// Member reads a user option (or a mentionable one naming a user) as the
// guild member resolved, with its User set. Outside guilds, or for a user
// who is not a member, the error wraps ErrOptionValue.
func (a Args) Member(name string) (model.Member, error) {
	o, id, err := a.id(name, model.OptionUser, model.OptionMentionable)
	if err != nil {
		return model.Member{}, err
	}
	m, ok := a.res.Members[model.UserID(id)]
	u, uok := a.res.Users[model.UserID(id)]
	if !ok || !uok {
		return model.Member{}, badValue(o, model.OptionUser)
	}
	m.User = &u
	return m, nil
}

// Channel reads a channel option: the channel as resolved (partial:
// id, name, type, permissions, and thread fields for threads).
func (a Args) Channel(name string) (model.Channel, error) {
	o, id, err := a.id(name, model.OptionChannel, 0)
	if err != nil {
		return model.Channel{}, err
	}
	c, ok := a.res.Channels[model.ChannelID(id)]
	if !ok {
		return model.Channel{}, badValue(o, model.OptionChannel)
	}
	return c, nil
}

// Role reads a role option (or a mentionable one naming a role).
func (a Args) Role(name string) (model.Role, error) {
	o, id, err := a.id(name, model.OptionRole, model.OptionMentionable)
	if err != nil {
		return model.Role{}, err
	}
	r, ok := a.res.Roles[model.RoleID(id)]
	if !ok {
		return model.Role{}, badValue(o, model.OptionRole)
	}
	return r, nil
}

// Attachment reads an attachment option: the file the user uploaded.
func (a Args) Attachment(name string) (model.Attachment, error) {
	o, id, err := a.id(name, model.OptionAttachment, 0)
	if err != nil {
		return model.Attachment{}, err
	}
	f, ok := a.res.Attachments[model.AttachmentID(id)]
	if !ok {
		return model.Attachment{}, badValue(o, model.OptionAttachment)
	}
	return f, nil
}

// Mentionable is what a mentionable option names: a user (and, in a
// guild, the member) or a role.
type Mentionable struct {
	ID     model.Snowflake
	User   *model.User
	Member *model.Member // nil outside guilds
	Role   *model.Role
}

// Mentionable reads a mentionable option (or a user or role option).
func (a Args) Mentionable(name string) (Mentionable, error) {
	o := model.Option(a.opts, name)
	if o == nil {
		return Mentionable{}, &OptionError{Name: name, Want: model.OptionMentionable, Err: ErrMissingOption}
	}
	switch o.Type {
	case model.OptionMentionable, model.OptionUser, model.OptionRole:
	default:
		return Mentionable{}, &OptionError{Name: name, Want: model.OptionMentionable, Got: o.Type, Err: ErrOptionType}
	}
	id, ok := jsonSnowflake(o.Value)
	if !ok || a.res == nil {
		return Mentionable{}, badValue(o, model.OptionMentionable)
	}
	m := Mentionable{ID: model.Snowflake(id)}
	if u, ok := a.res.Users[model.UserID(id)]; ok {
		m.User = &u
		if mem, ok := a.res.Members[model.UserID(id)]; ok {
			mem.User = m.User
			m.Member = &mem
		}
	} else if r, ok := a.res.Roles[model.RoleID(id)]; ok {
		m.Role = &r
	} else {
		return Mentionable{}, badValue(o, model.OptionMentionable)
	}
	return m, nil
}

// Focused is, in an autocomplete request, the option being typed and
// what has been typed so far (for number options too, as typed).
func (a Args) Focused() (name, value string, ok bool) {
	for i := range a.opts {
		if o := &a.opts[i]; o.Focused {
			if s, ok := jsonString(o.Value); ok {
				return o.Name, s, true
			}
			return o.Name, bytesString(o.Value), true
		}
	}
	return "", "", false
}

// bytesString views b as a string without copying; b must not change.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// jsonString reads a JSON string, without copying when it has no escapes.
func jsonString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '\\' || c < 0x20 {
			var s string
			if json.Unmarshal(b, &s) != nil {
				return "", false
			}
			return s, true
		}
	}
	return bytesString(inner), true
}

// jsonInt reads a JSON integer (a number with no fraction).
func jsonInt(b []byte) (int64, bool) {
	s := b
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 19 {
		return slowInt(b)
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return slowInt(b)
		}
		n = n*10 + int64(c-'0')
		if n < 0 {
			return slowInt(b)
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// slowInt reads integers written like 1e3 or 5.0.
func slowInt(b []byte) (int64, bool) {
	f, err := strconv.ParseFloat(bytesString(b), 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// jsonSnowflake reads a snowflake written as a JSON string.
func jsonSnowflake(b []byte) (uint64, bool) {
	if len(b) < 3 || b[0] != '"' || b[len(b)-1] != '"' {
		return 0, false
	}
	id, err := strconv.ParseUint(bytesString(b[1:len(b)-1]), 10, 64)
	return id, err == nil
}
