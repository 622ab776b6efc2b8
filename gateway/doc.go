// Package gateway runs Discord gateway shards: hello, heartbeats, identify,
// resume, reconnects and transport compression.
package gateway
