package interaction

import (
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Request is one interaction being handled: what the user did, and the
// means to answer it (see Reply and the methods after it). The embedded
// Interaction is the interaction as Discord sent it; the handler must not
// change it.
//
// A Request may be answered from several goroutines; it stays usable for
// follow-ups after the handler returns, until the interaction's token
// expires 15 minutes after it arrived.
type Request struct {
	*model.Interaction

	t        *tables
	args     Args
	params   [maxParams]Param
	np       int
	route    string
	received time.Time

	mu         sync.Mutex
	answered   bool                          // an initial response is sent or being sent
	initial    model.InteractionCallbackType // its callback type
	ephemeral  bool                          // it was an ephemeral message or defer
	auto       bool                          // the router sent it
	followed   bool                          // the original was edited or followed up since
	stopped    bool                          // the handler returned: no automatic answer any more
	done       chan struct{}                 // closed when the initial response is sent (or failed)
	claimed    chan struct{}                 // closed when an initial response is first claimed
	wasClaimed bool
	taken      bool      // a collector took the request
	httpAt     time.Time // when the initial response went out in the HTTP response
	timer      *time.Timer
	sink       *httpSink // the HTTP response, for interactions that came over HTTP
}

// REST is the client the request answers through.
func (r *Request) REST() *rest.Client { return r.t.rest }

// Received is when the interaction arrived.
func (r *Request) Received() time.Time { return r.received }

// Route is what the interaction was routed by: the command's path
// ("admin user ban"), the context menu command's name, or the component
// or modal pattern ("vote/{poll}/{choice}"). It is "" when no handler was
// found.
func (r *Request) Route() string { return r.route }

// Args are the options the user gave to the slash command (or
// subcommand); they are empty for other interactions.
func (r *Request) Args() Args { return r.args }

// Param is the value of a {name} segment of the component or modal
// pattern that matched; "" when there is none.
func (r *Request) Param(name string) string {
	for i := range r.np {
		if r.params[i].Name == name {
			return r.params[i].Value
		}
	}
	return ""
}

// Params lists the {name} segments of the matched pattern with their
// values, in order.
func (r *Request) Params() []Param { return r.params[:r.np:r.np] }

// CustomID is the custom ID of the component used or modal submitted.
func (r *Request) CustomID() string {
	if r.Data == nil {
		return ""
	}
	return r.Data.CustomID
}

// Values are the values picked in a select menu: the options' values for
// a string select, the IDs of the users, roles or channels otherwise.
func (r *Request) Values() []string {
	if r.Data == nil {
		return nil
	}
	return r.Data.Values
}

// Resolved holds the users, members, roles and channels picked in an
// auto-populated select menu, or named by a command's options; never nil.
func (r *Request) Resolved() *model.Resolved {
	if r.Data == nil || r.Data.Resolved == nil {
		return &model.Resolved{}
	}
	return r.Data.Resolved
}

// ErrNoTarget is returned by the Target methods for an interaction that
// is not a context menu command of the right kind, or whose target is
// not in its resolved data.
var ErrNoTarget = errors.New("interaction: no such target")

func (r *Request) target(want model.CommandType) (model.Snowflake, *model.Resolved, error) {
	d := r.Data
	if d == nil || d.Type != want || d.TargetID == 0 || d.Resolved == nil {
		return 0, nil, ErrNoTarget
	}
	return d.TargetID, d.Resolved, nil
}

// TargetUser is the user a user command was used on.
func (r *Request) TargetUser() (model.User, error) {
	id, res, err := r.target(model.CommandUser)
	if err != nil {
		return model.User{}, err
	}
	u, ok := res.Users[model.UserID(id)]
	if !ok {
		return model.User{}, ErrNoTarget
	}
	return u, nil
}

// TargetMember is the guild member a user command was used on, with its
// User set.
func (r *Request) TargetMember() (model.Member, error) {
	u, err := r.TargetUser()
	if err != nil {
		return model.Member{}, err
	}
	m, ok := r.Data.Resolved.Members[u.ID]
	if !ok {
		return model.Member{}, ErrNoTarget
	}
	m.User = &u
	return m, nil
}

// TargetMessage is the message a message command was used on.
func (r *Request) TargetMessage() (model.Message, error) {
	id, res, err := r.target(model.CommandMessage)
	if err != nil {
		return model.Message{}, err
	}
	m, ok := res.Messages[model.MessageID(id)]
	if !ok {
		return model.Message{}, ErrNoTarget
	}
	return m, nil
}

// ErrNoField is returned by Field for a modal without a field of that
// custom ID.
var ErrNoField = errors.New("interaction: no such field")

// Field is what the user entered in the text input of a submitted modal
// whose custom ID is id (or, for a select menu or other field with
// several values, the first of them).
func (r *Request) Field(id string) (string, error) {
	c := r.field(id)
	if c == nil {
		return "", &fieldError{id}
	}
	if c.Type == model.ComponentTextInput || len(c.Values) == 0 {
		return c.Value, nil
	}
	return c.Values[0], nil
}

// FieldValues are the values picked in the field of a submitted modal
// whose custom ID is id: a select menu's, a checkbox group's, or the
// uploaded attachments' IDs.
func (r *Request) FieldValues(id string) ([]string, error) {
	c := r.field(id)
	if c == nil {
		return nil, &fieldError{id}
	}
	if c.Type == model.ComponentTextInput {
		return []string{c.Value}, nil
	}
	return c.Values, nil
}

type fieldError struct{ id string }

func (e *fieldError) Error() string {
	return "interaction: no field " + strconv.Quote(e.id) + " in the modal"
}
func (e *fieldError) Unwrap() error { return ErrNoField }

func (r *Request) field(id string) *model.Component {
	if r.Data == nil {
		return nil
	}
	return findComponent(r.Data.Components, id)
}

// findComponent searches components, at any depth, for a custom ID.
func findComponent(cs []model.Component, id string) *model.Component {
	for i := range cs {
		if f := findIn(&cs[i], id); f != nil {
			return f
		}
	}
	return nil
}

// findIn searches c and what it holds (its children, or the one component
// a label wraps) for a custom ID.
func findIn(c *model.Component, id string) *model.Component {
	if c.CustomID == id && c.Type != model.ComponentActionRow && c.Type != model.ComponentLabel {
		return c
	}
	if f := findComponent(c.Components, id); f != nil {
		return f
	}
	if c.Component != nil {
		return findIn(c.Component, id)
	}
	return nil
}
