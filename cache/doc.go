// Package cache keeps what the gateway says about guilds, channels, members
// and more, behind one API over pluggable backends.
package cache
