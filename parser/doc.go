// Package parser finds commands in messages and parses their arguments.
package parser
