// Package useragent holds the User-Agent gloam sends, for the REST client
// and the WebSocket dialer alike, without linking either.
package useragent

// Version is gloam's version, as sent in the User-Agent.
const Version = "0.1.0"

// String is the User-Agent Discord asks bots to send.
const String = "DiscordBot (https://github.com/gloamdev/gloam, " + Version + ")"
