// Package shared finds Discord's reference data (../shared/discord-api) for
// tests that check gloam against it.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the directory named by $GLOAM_SHARED. Tests that need it are
// skipped when the variable is unset (a plain `go test ./...` on a machine
// without the data) and fail when it is set but the directory is missing,
// so that CI never passes without running them.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("GLOAM_SHARED")
	if dir == "" {
		t.Skip("GLOAM_SHARED is unset: reference data checks are run by .ci/run")
	}
	if _, err := os.Stat(filepath.Join(dir, "discord-api")); err != nil {
		t.Fatalf("GLOAM_SHARED=%s: %v", dir, err)
	}
	return dir
}

// ReadTSV reads a tab-separated file of the reference data, without its
// header line.
func ReadTSV(t testing.TB, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), "discord-api", name))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for i, line := range splitLines(string(b)) {
		if i == 0 || line == "" {
			continue
		}
		rows = append(rows, splitTabs(line))
	}
	return rows
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, trimCR(s[:i]))
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

func trimCR(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\r' {
		return s[:len(s)-1]
	}
	return s
}

func splitTabs(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
