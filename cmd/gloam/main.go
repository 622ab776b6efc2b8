//go:build !js

// Command gloam runs a Discord bot built on gloam, a fake Discord for
// testing, and tools for cache files.
//
//	gloam run                 the ping bot and its commands, against a fake Discord unless DISCORD_TOKEN is set
//	gloam fake                a fake Discord for any bot, until interrupted
//	gloam cache stats PATH    what a bolt cache file holds
//
// Exit status: 0 when the command did its work (a bot stopped by -for or
// by SIGINT/SIGTERM included), 1 when it failed, 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: gloam <command> [flags]

commands:
  run                 run the ping bot ("!ping" → "Pong!") with shards, cache and REST,
                      and its commands: /ping, and /feedback (a button that opens a form);
                      against Discord when DISCORD_TOKEN is set (DISCORD_API_URL
                      overrides the REST base), else against an embedded fake Discord
  fake                run a fake Discord (gateway and REST) for any bot until interrupted
  cache stats PATH    show what a bolt cache file holds

Run "gloam <command> -h" for a command's flags.
`

// errUsage marks errors that are the user's way of calling the command.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main with its exit code returned, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) < 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(ctx, args[1:], stdout, stderr)
	case "fake":
		err = cmdFake(ctx, args[1:], stdout, stderr)
	case "cache":
		err = cmdCache(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "gloam: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "gloam %s: %v\n", args[0], err)
		return 2
	}
	fmt.Fprintf(stderr, "gloam %s: %v\n", args[0], err)
	return 1
}

// usageError says what is wrong with the command line.
func usageError(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, a...)...)
}

// parseFlags parses a command's flags; usage heads its -h. Arguments
// other than flags are a usage error.
func parseFlags(fs *flag.FlagSet, args []string, usage string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError("%v", err)
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
