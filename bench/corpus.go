package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// Corpus file names, as ../shared/corpus/README.md lists them.
const (
	Mixed            = "mixed.jsonl"
	Ready            = "ready.json"
	GuildCreate50    = "guild_create_50.json"
	GuildCreate1000  = "guild_create_1000.json"
	GuildCreate25000 = "guild_create_25000.json"
)

// ErrNoCorpus is returned by CorpusDir when there is neither a corpus nor
// the generator to make one.
var ErrNoCorpus = errors.New("bench: no corpus: set GLOAM_CORPUS or GLOAM_SHARED")

var corpus struct {
	once      sync.Once
	dir       string
	generated bool
	err       error
}

// CorpusDir is the directory holding the corpus: $GLOAM_CORPUS, or a
// temporary directory the corpus is generated into on first use.
func CorpusDir() (string, error) {
	corpus.once.Do(func() {
		if dir := os.Getenv("GLOAM_CORPUS"); dir != "" {
			corpus.dir = dir
			return
		}
		shared := os.Getenv("GLOAM_SHARED")
		if shared == "" {
			shared = filepath.Join("..", "..", "shared")
			if _, err := os.Stat(filepath.Join(shared, "corpus")); err != nil {
				corpus.err = ErrNoCorpus
				return
			}
		}
		gen, err := filepath.Abs(filepath.Join(shared, "corpus"))
		if err != nil {
			corpus.err = fmt.Errorf("bench: corpus: %w", err)
			return
		}
		dir, err := os.MkdirTemp("", "gloam-corpus-")
		if err != nil {
			corpus.err = fmt.Errorf("bench: corpus: %w", err)
			return
		}
		cmd := exec.Command("go", "run", "./gencorpus", "-out", dir)
		cmd.Dir = gen
		if out, err := cmd.CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			corpus.err = fmt.Errorf("bench: generating the corpus in %s: %w\n%s", gen, err, out)
			return
		}
		corpus.dir, corpus.generated = dir, true
	})
	return corpus.dir, corpus.err
}

// RemoveGenerated deletes a corpus CorpusDir generated.
func RemoveGenerated() {
	if corpus.generated {
		os.RemoveAll(corpus.dir)
	}
}

// ReadFile reads one file of the corpus.
func ReadFile(name string) ([]byte, error) {
	dir, err := CorpusDir()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(dir, name))
}

// ReadLines reads a JSON-lines file of the corpus, one payload per line.
func ReadLines(name string) ([][]byte, error) {
	b, err := ReadFile(name)
	if err != nil {
		return nil, err
	}
	var lines [][]byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	return lines, nil
}
