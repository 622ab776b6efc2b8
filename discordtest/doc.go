// Package discordtest is a fake Discord, gateway and REST, on loopback
// sockets: test a bot without Discord.
package discordtest
