// Package layers holds the test that keeps gloam's imports pointing down.
package layers
