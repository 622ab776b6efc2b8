// Package rest is a client for the Discord REST API with Discord's rate limits.
package rest
