// Command gloam runs a Discord bot built on gloam, a fake Discord for
// testing, and tools for cache files.
package main

import (
	"fmt"
	"os"
)

const usage = `usage: gloam <command>

commands:
  run    run the ping bot (against an embedded fake Discord unless DISCORD_TOKEN is set)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	switch os.Args[1] {
	case "run":
		fmt.Println("gloam run: the cluster is not wired yet; packages present: model, transport, gateway, rest, cache, parser, discordtest")
	default:
		fmt.Fprintf(os.Stderr, "gloam: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
}
