// Package core drives many gateway shards, the REST client and the cache as
// one bot.
package core
