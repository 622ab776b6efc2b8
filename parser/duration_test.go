package parser_test

import (
	"math"
	"testing"
	"time"

	"github.com/gloamdev/gloam/parser"
	"github.com/matryer/is"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"+0", 0, true},
		{"1h30m", 90 * time.Minute, true},
		{"1.5h", 90 * time.Minute, true},
		{"90s", 90 * time.Second, true},
		{"300ms", 300 * time.Millisecond, true},
		{"1us", time.Microsecond, true},
		{"1µs", time.Microsecond, true},
		{"1μs", time.Microsecond, true},
		{"5ns", 5, true},
		{"-20s", -20 * time.Second, true},
		{"2d", 48 * time.Hour, true},
		{"1w", 7 * 24 * time.Hour, true},
		{"1w2d3h4m5s", parser.Week + 2*parser.Day + 3*time.Hour + 4*time.Minute + 5*time.Second, true},
		{"1d12h", 36 * time.Hour, true},
		{"0.5d", 12 * time.Hour, true},
		{".5w", 84 * time.Hour, true},
		{"1.d", parser.Day, true},
		{"15250w", 15250 * parser.Week, true},
		{"2562047h47m16.854775807s", math.MaxInt64, true},
		{"-2562047h47m16.854775808s", math.MinInt64, true},
		{"2562047h47m16.854775808s", 0, false},
		{"15251w", 0, false},
		{"106751d23h47m16.854775808s", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"1", 0, false},
		{"1D", 0, false},
		{"1W", 0, false},
		{"1y", 0, false},
		{"d", 0, false},
		{".d", 0, false},
		{"1h 30m", 0, false},
		{"1h-30m", 0, false},
		{"++1h", 0, false},
		{"1e3s", 0, false},
		{"99999999999999999999s", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			is := is.New(t)
			d, ok := parser.ParseDuration(tc.in)
			is.Equal(ok, tc.ok)
			is.Equal(d, tc.want)
		})
	}
}
