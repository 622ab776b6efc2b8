package parser

import (
	"errors"
	"fmt"
	"strconv"
)

// ErrNotCommand is returned by Parse and ParseEvent for a message that is
// not a command: no prefix, nothing after the prefix, an event that is not
// MESSAGE_CREATE, or a message by a bot when bots are ignored.
var ErrNotCommand = errors.New("parser: not a command")

// ErrUnknownCommand is returned when a prefix is followed by a name that is
// neither a command nor an alias. It wraps ErrNotCommand, so a bot that
// ignores everything else need test only for ErrNotCommand; a bot that
// answers "unknown command" tests for this one and finds the name as typed
// in Command.Typed.
var ErrUnknownCommand = fmt.Errorf("%w: unknown name", ErrNotCommand)

// ErrMissingArg is the Err of an *ArgError for an argument that was not
// given at all.
var ErrMissingArg = errors.New("parser: missing argument")

// SyntaxError reports arguments that cannot be split: a quote that is never
// closed, or text straight after a closing quote.
type SyntaxError struct {
	Offset int    // byte offset of the fault in the parsed text
	Reason string // e.g. "unterminated quote"
}

func (e *SyntaxError) Error() string {
	return "parser: syntax error at byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// ArgError reports an argument that is missing or is not what a typed
// helper wants. Its message counts arguments from 1, as people do.
type ArgError struct {
	Index int    // position among the arguments, from 0
	Arg   string // the argument as given; "" when it is missing
	Want  string // what was wanted, e.g. "integer", "duration", "user"
	Err   error  // ErrMissingArg, strconv.ErrRange or strconv.ErrSyntax when known; else nil
}

func (e *ArgError) Error() string {
	s := "parser: argument " + strconv.Itoa(e.Index+1)
	if errors.Is(e.Err, ErrMissingArg) {
		return s + ": missing " + e.Want
	}
	arg := e.Arg
	if len(arg) > 40 {
		arg = arg[:40] + "..."
	}
	s += " " + strconv.Quote(arg) + ": want " + e.Want
	if e.Err != nil && !errors.Is(e.Err, ErrMissingArg) {
		s += " (" + e.Err.Error() + ")"
	}
	return s
}

func (e *ArgError) Unwrap() error { return e.Err }
