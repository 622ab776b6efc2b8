//go:build !js

// Package bolt is a cache backend in one bbolt file that survives restarts.
//
// # Caveats
//
// bbolt does not build for GOOS=js; neither does this package.
package bolt
