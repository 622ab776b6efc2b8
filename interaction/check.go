package interaction

import (
	"slices"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// CheckError lists the differences between a router's handlers and the
// command definitions given to Check.
type CheckError struct {
	// Unhandled are the commands (by path, "admin user ban") defined
	// without a handler, and the autocompleted commands without an
	// autocomplete handler (as "search (autocomplete)").
	Unhandled []string
	// Undefined are the handlers registered for commands the definitions
	// do not have: they would never run.
	Undefined []string
}

func (e *CheckError) Error() string {
	var parts []string
	if len(e.Unhandled) > 0 {
		parts = append(parts, "no handler for "+strings.Join(e.Unhandled, ", "))
	}
	if len(e.Undefined) > 0 {
		parts = append(parts, "no definition for "+strings.Join(e.Undefined, ", "))
	}
	return "interaction: check: " + strings.Join(parts, "; ")
}

// Check compares the router's command handlers with the command
// definitions (as given to Sync): every command, subcommand and
// autocompleted option needs a handler, and every command handler a
// definition. It returns a *CheckError listing what does not match, or
// nil. Components and modals are not checked: their custom IDs are not
// declared anywhere.
func (rt *Router) Check(defs []model.ApplicationCommand) error {
	t := rt.t
	t.mu.RLock()
	defer t.mu.RUnlock()
	e := &CheckError{}
	defined := map[string]bool{}
	names := map[model.CommandType]map[string]bool{model.CommandUser: {}, model.CommandMessage: {}}
	for i := range defs {
		d := &defs[i]
		switch typeOf(d) {
		case model.CommandUser, model.CommandMessage:
			names[d.Type][d.Name] = true
			m := t.user
			if d.Type == model.CommandMessage {
				m = t.message
			}
			if m[d.Name] == nil {
				e.Unhandled = append(e.Unhandled, d.Name)
			}
		case model.CommandChatInput:
			t.checkLeaves(d.Name, d.Options, defined, e)
		}
	}
	var walk func(m map[string]*cmdNode)
	walk = func(m map[string]*cmdNode) {
		for _, n := range m {
			if (n.h != nil || n.complete != nil) && !defined[n.path] {
				e.Undefined = append(e.Undefined, n.path)
			}
			walk(n.subs)
		}
	}
	walk(t.slash)
	for typ, m := range map[model.CommandType]map[string]Handler{model.CommandUser: t.user, model.CommandMessage: t.message} {
		for name := range m {
			if !names[typ][name] {
				e.Undefined = append(e.Undefined, name)
			}
		}
	}
	if len(e.Unhandled)+len(e.Undefined) == 0 {
		return nil
	}
	slices.Sort(e.Unhandled)
	slices.Sort(e.Undefined)
	return e
}

// checkLeaves checks the command or subcommand at path, whose options are
// opts.
func (t *tables) checkLeaves(path string, opts []model.ApplicationCommandOption, defined map[string]bool, e *CheckError) {
	leaf := true
	for _, o := range opts {
		if o.Type == model.OptionSubCommand || o.Type == model.OptionSubCommandGroup {
			leaf = false
			t.checkLeaves(path+" "+o.Name, o.Options, defined, e)
		}
	}
	if !leaf {
		return
	}
	defined[path] = true
	n := t.lookup(path)
	if n == nil || n.h == nil {
		e.Unhandled = append(e.Unhandled, path)
	}
	for _, o := range opts {
		if o.Autocomplete && (n == nil || n.complete == nil) {
			e.Unhandled = append(e.Unhandled, path+" (autocomplete)")
			break
		}
	}
}

// lookup finds the node of a command path, or nil.
func (t *tables) lookup(path string) *cmdNode {
	m := t.slash
	var n *cmdNode
	for _, p := range strings.Fields(path) {
		if n = m[p]; n == nil {
			return nil
		}
		m = n.subs
	}
	return n
}
