//go:build race

package cache_test

// raceEnabled reports a -race build, where sync.Pool drops what is put in
// it at random, so that allocation counts vary.
const raceEnabled = true
