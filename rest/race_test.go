//go:build race

package rest_test

// raceEnabled reports a -race build, about ten times slower.
const raceEnabled = true
