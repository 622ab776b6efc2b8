package interaction

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gloamdev/gloam/model"
	"github.com/gloamdev/gloam/rest"
)

// Handler answers interactions. Handle runs once per interaction routed
// to it, possibly on many goroutines at once; it answers through r and
// returns an error when it could not do its work. The router's error path
// (Options.OnError) sees that error.
type Handler interface {
	Handle(ctx context.Context, r *Request) error
}

// HandlerFunc is a function used as a Handler. The registration methods
// of Router take one; pass a Handler's Handle method to register it.
type HandlerFunc func(ctx context.Context, r *Request) error

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, r *Request) error { return f(ctx, r) }

// Middleware wraps a Handler in another, as net/http middleware does: it
// may act before and after calling next, or answer without calling it.
type Middleware func(next Handler) Handler

// Options adjusts a Router. A nil *Options means the defaults.
type Options struct {
	// DeferAfter is how long after an interaction arrives the router
	// acknowledges it for a handler that has not answered yet, so that the
	// interaction does not fail at Discord's 3 s deadline. Zero: 2.5 s.
	// Negative: never.
	DeferAfter time.Duration

	// DeferEphemeral makes the automatic acknowledgement of a command
	// private ("only you can see this"). Zero: visible to everyone. A
	// reply of the other visibility still reaches the user: see
	// Request.Reply.
	DeferEphemeral bool

	// Separator splits custom IDs into the segments matched by component
	// and modal patterns. Zero: '/'.
	Separator byte

	// OnError is called when a handler returns an error, or when no
	// handler is registered for an interaction (the error is then an
	// *UnroutedError). Nil: the error is logged and, if the interaction
	// has not been answered, the user gets an ephemeral "Something went
	// wrong." (or the deferred answer says so).
	OnError func(ctx context.Context, r *Request, err error)

	// Logger receives what the router has to say. Nil: slog.Default().
	Logger *slog.Logger
}

// Router sends each interaction to the handler registered for it: a slash
// command (with its subcommand group and subcommand), a user or message
// command, an autocomplete request, a component by custom ID or a modal
// submit by custom ID.
//
// Register every handler before the first interaction is served;
// registering while serving is safe but the new routes may be missed by
// interactions already being routed.
type Router struct {
	t   *tables
	mws []Middleware
}

type tables struct {
	mu         sync.RWMutex
	waiters    []*waiter
	wg         sync.WaitGroup
	rest       *rest.Client
	o          Options
	slash      map[string]*cmdNode
	user       map[string]Handler
	message    map[string]Handler
	components trie
	modals     trie
}

// cmdNode is a slash command, group or subcommand, by name.
type cmdNode struct {
	path     string  // "admin user ban"
	h        Handler // the command's handler
	complete Handler // its autocomplete handler
	subs     map[string]*cmdNode
}

// NewRouter returns a router that answers through client. The client's
// token is not needed to answer interactions (they carry their own);
// client must still point at the right API.
func NewRouter(client *rest.Client, opts *Options) *Router {
	t := &tables{rest: client, slash: map[string]*cmdNode{}, user: map[string]Handler{}, message: map[string]Handler{}}
	if opts != nil {
		t.o = *opts
	}
	if t.o.DeferAfter == 0 {
		t.o.DeferAfter = 2500 * time.Millisecond
	}
	if t.o.Separator == 0 {
		t.o.Separator = '/'
	}
	if t.o.Logger == nil {
		t.o.Logger = slog.Default()
	}
	t.components.sep, t.modals.sep = t.o.Separator, t.o.Separator
	return &Router{t: t}
}

// REST is the client the router answers through.
func (rt *Router) REST() *rest.Client { return rt.t.rest }

// With returns a router that registers into the same routes as rt, with
// mws wrapped around each handler registered through it, after rt's own
// middleware: the first of mws is the outermost of its own.
func (rt *Router) With(mws ...Middleware) *Router {
	all := make([]Middleware, 0, len(rt.mws)+len(mws))
	all = append(append(all, rt.mws...), mws...)
	return &Router{t: rt.t, mws: all}
}

// Use adds middleware to the handlers rt registers from now on: the first
// of mws is the outermost. Call it before registering handlers (or use
// With for a group of them).
func (rt *Router) Use(mws ...Middleware) { rt.mws = append(rt.mws, mws...) }

func (rt *Router) wrap(f HandlerFunc) Handler {
	if f == nil {
		panic("interaction: nil handler")
	}
	var h Handler = f
	for i := len(rt.mws) - 1; i >= 0; i-- {
		h = rt.mws[i](h)
	}
	return h
}

// Command registers the handler of a slash command. path is the command's
// name, followed for a subcommand by its name, and for a subcommand in a
// group by the group's name and then the subcommand's, separated by
// spaces as in Discord's mentions: "ping", "config show",
// "admin user ban". The handler reads the options of its subcommand with
// Request.Args.
func (rt *Router) Command(path string, f HandlerFunc) {
	h := rt.wrap(f)
	rt.t.mu.Lock()
	defer rt.t.mu.Unlock()
	n := rt.t.node(path)
	if n.h != nil {
		panic("interaction: command " + path + " registered twice")
	}
	n.h = h
}

// Autocomplete registers the handler of autocomplete requests for the
// options of a slash command (path as for Command). It reads the option
// being typed with Args.Focused and answers with Request.Suggest.
func (rt *Router) Autocomplete(path string, f HandlerFunc) {
	h := rt.wrap(f)
	rt.t.mu.Lock()
	defer rt.t.mu.Unlock()
	n := rt.t.node(path)
	if n.complete != nil {
		panic("interaction: autocomplete for " + path + " registered twice")
	}
	n.complete = h
}

// UserCommand registers the handler of a user context menu command by
// its name; Request.TargetUser and TargetMember give the user it was used
// on.
func (rt *Router) UserCommand(name string, f HandlerFunc) {
	rt.t.register(rt.t.user, "user command", name, rt.wrap(f))
}

// MessageCommand registers the handler of a message context menu command
// by its name; Request.TargetMessage gives the message it was used on.
func (rt *Router) MessageCommand(name string, f HandlerFunc) {
	rt.t.register(rt.t.message, "message command", name, rt.wrap(f))
}

// Component registers the handler of the buttons and select menus whose
// custom ID matches pattern. A pattern is a custom ID whose segments
// (split by Options.Separator) are literal or {name}, which matches any
// one non-empty segment, and whose last segment may be {name...}, which
// matches the rest of the ID: "vote/{poll}/{choice}" matches
// "vote/42/yes" with Request.Param("poll") == "42". A literal segment
// wins over a {name} at the same place.
func (rt *Router) Component(pattern string, f HandlerFunc) {
	h := rt.wrap(f)
	rt.t.mu.Lock()
	defer rt.t.mu.Unlock()
	rt.t.components.add(pattern, h)
}

// Modal registers the handler of the modal submits whose custom ID
// matches pattern (as for Component); Request.Field reads what the user
// entered.
func (rt *Router) Modal(pattern string, f HandlerFunc) {
	h := rt.wrap(f)
	rt.t.mu.Lock()
	defer rt.t.mu.Unlock()
	rt.t.modals.add(pattern, h)
}

func (t *tables) register(m map[string]Handler, what, name string, h Handler) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := m[name]; dup {
		panic("interaction: " + what + " " + name + " registered twice")
	}
	m[name] = h
}

// node finds or makes the node of a command path.
func (t *tables) node(path string) *cmdNode {
	parts := strings.Fields(path)
	if len(parts) == 0 || len(parts) > 3 {
		panic(fmt.Sprintf("interaction: command path %q: want 1 to 3 names", path))
	}
	m := t.slash
	var n *cmdNode
	for i, p := range parts {
		n = m[p]
		if n == nil {
			n = &cmdNode{path: strings.Join(parts[:i+1], " ")}
			m[p] = n
		}
		if n.subs == nil {
			n.subs = map[string]*cmdNode{}
		}
		m = n.subs
	}
	return n
}

// UnroutedError is the error given to Options.OnError for an interaction
// no handler is registered for.
type UnroutedError struct {
	Type model.InteractionType
	Name string // the command's name or the custom ID
}

func (e *UnroutedError) Error() string {
	return "interaction: no handler for " + e.Type.String() + " " + e.Name
}

// errNoData is returned for an interaction without the data its type needs.
var errNoData = errors.New("interaction: interaction has no data")

// route finds r's handler and fills in its arguments and parameters. It
// allocates nothing.
func (t *tables) route(r *Request) (Handler, error) {
	in := r.Interaction
	d := in.Data
	if d == nil {
		return nil, errNoData
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	switch in.Type {
	case model.InteractionApplicationCommand, model.InteractionApplicationCommandAutocomplete:
		var h Handler
		switch d.Type {
		case model.CommandChatInput, 0:
			n, opts := t.find(d.Name, d.Options)
			if n != nil {
				r.args = Args{opts: opts, res: d.Resolved}
				r.route = n.path
				if in.Type == model.InteractionApplicationCommand {
					h = n.h
				} else {
					h = n.complete
				}
			}
		case model.CommandUser:
			h, r.route = t.user[d.Name], d.Name
		case model.CommandMessage:
			h, r.route = t.message[d.Name], d.Name
		}
		if h == nil {
			r.route = ""
			return nil, &UnroutedError{Type: in.Type, Name: d.Name}
		}
		return h, nil
	case model.InteractionMessageComponent:
		if h := t.components.match(d.CustomID, r); h != nil {
			return h, nil
		}
	case model.InteractionModalSubmit:
		if h := t.modals.match(d.CustomID, r); h != nil {
			return h, nil
		}
	}
	return nil, &UnroutedError{Type: in.Type, Name: d.CustomID}
}

// find walks a slash command's subcommand group and subcommand, and
// returns the node reached and the options given to it.
func (t *tables) find(name string, opts []model.CommandOption) (*cmdNode, []model.CommandOption) {
	n := t.slash[name]
	for n != nil && len(opts) == 1 && (opts[0].Type == model.OptionSubCommand || opts[0].Type == model.OptionSubCommandGroup) {
		n = n.subs[opts[0].Name]
		opts = opts[0].Options
	}
	return n, opts
}

// Serve routes one interaction to its handler and answers it through the
// REST API; it returns when the handler has. Use it for interactions that
// arrive over the gateway (INTERACTION_CREATE). The Router owns in until
// Serve returns, and the strings the handler read from it after.
//
// The error is the handler's, after Options.OnError has seen it; a PING
// or an interaction without a handler is an error too.
func (rt *Router) Serve(ctx context.Context, in *model.Interaction) error {
	r := rt.t.newRequest(in, nil)
	return rt.t.serve(ctx, r)
}

// Go serves in like Serve, on a goroutine of its own, and returns at
// once: for a listener of INTERACTION_CREATE, so that a handler that
// waits (for a click, with Next) does not hold up the events it waits
// for. Wait waits for the handlers Go started.
func (rt *Router) Go(ctx context.Context, in *model.Interaction) {
	rt.t.wg.Add(1)
	go func() {
		defer rt.t.wg.Done()
		rt.Serve(ctx, in)
	}()
}

// Wait returns when the handlers started by Go have returned.
func (rt *Router) Wait() { rt.t.wg.Wait() }

func (t *tables) newRequest(in *model.Interaction, sink *httpSink) *Request {
	return &Request{Interaction: in, t: t, received: time.Now(), sink: sink, done: make(chan struct{}), claimed: make(chan struct{})}
}

func (t *tables) serve(ctx context.Context, r *Request) error {
	if r.Type == model.InteractionPing {
		return errors.New("interaction: PING is answered by the HTTP endpoint")
	}
	h, err := t.route(r)
	r.startTimer(ctx)
	if t.collected(ctx, r) {
		return nil
	}
	if err == nil {
		err = h.Handle(ctx, r)
	}
	r.stopTimer()
	if err != nil {
		t.onError(ctx, r, err)
	} else {
		r.settle(ctx)
	}
	return err
}

func (t *tables) onError(ctx context.Context, r *Request, err error) {
	if t.o.OnError != nil {
		t.o.OnError(ctx, r, err)
		return
	}
	lvl := slog.LevelError
	var ue *UnroutedError
	if errors.As(err, &ue) {
		lvl = slog.LevelWarn
	}
	t.o.Logger.Log(ctx, lvl, "interaction failed", "id", r.ID, "type", r.Type, "route", r.Route(), "err", err)
	r.Fail(ctx, "Something went wrong.")
}
