package wire

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkSkipGuild(b *testing.B) {
	dir := os.Getenv("GLOAM_CORPUS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gloam-corpus")
	}
	data, err := os.ReadFile(filepath.Join(dir, "guild_create_25000.json"))
	if err != nil {
		b.Skip(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		d := New(s)
		d.Skip()
		if d.Err() {
			b.Fatal("bad")
		}
	}
}
