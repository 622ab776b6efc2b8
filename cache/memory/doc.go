// Package memory is a compact in-memory cache backend.
package memory
