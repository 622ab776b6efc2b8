package parser

import "time"

// Day and Week are the extra units of ParseDuration: calendar-free, a day
// is always 24 hours.
const (
	Day  = 24 * time.Hour
	Week = 7 * Day
)

// ParseDuration reads a duration as time.ParseDuration does ("1h30m",
// "1.5h", "-20s", "300ms", "0"), with two more units, d (24 hours) and w (7
// days): "2d", "1w", "1d12h". Like time.ParseDuration it accepts a sign
// and wants a unit after every number but a lone 0; units are case
// sensitive.
func ParseDuration(s string) (time.Duration, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "0" {
		return 0, true
	}
	if s == "" {
		return 0, false
	}
	var total uint64
	for s != "" {
		// The integer part.
		i := 0
		var v uint64
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			if v > 1<<63/10 {
				return 0, false
			}
			v = v*10 + uint64(s[i]-'0')
			if v > 1<<63 {
				return 0, false
			}
		}
		whole := i > 0
		s = s[i:]

		// The fraction: digits past what 63 bits hold are dropped.
		var f uint64
		scale := 1.0
		frac := false
		if s != "" && s[0] == '.' {
			s = s[1:]
			i = 0
			overflow := false
			for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
				if overflow || f > 1<<63/10 {
					overflow = true
					continue
				}
				y := f*10 + uint64(s[i]-'0')
				if y > 1<<63 {
					overflow = true
					continue
				}
				f, scale = y, scale*10
			}
			frac = i > 0
			s = s[i:]
		}
		if !whole && !frac {
			return 0, false
		}

		// The unit.
		i = 0
		for ; i < len(s) && s[i] != '.' && (s[i] < '0' || s[i] > '9'); i++ {
		}
		unit, ok := durationUnit(s[:i])
		if !ok {
			return 0, false
		}
		s = s[i:]
		if v > 1<<63/unit {
			return 0, false
		}
		v *= unit
		if f > 0 {
			v += uint64(float64(f) * (float64(unit) / scale))
			if v > 1<<63 {
				return 0, false
			}
		}
		total += v
		if total > 1<<63 {
			return 0, false
		}
	}
	if neg {
		return -time.Duration(total), true
	}
	if total > 1<<63-1 {
		return 0, false
	}
	return time.Duration(total), true
}

func durationUnit(u string) (uint64, bool) {
	switch u {
	case "ns":
		return uint64(time.Nanosecond), true
	case "us", "µs", "μs":
		return uint64(time.Microsecond), true
	case "ms":
		return uint64(time.Millisecond), true
	case "s":
		return uint64(time.Second), true
	case "m":
		return uint64(time.Minute), true
	case "h":
		return uint64(time.Hour), true
	case "d":
		return uint64(Day), true
	case "w":
		return uint64(Week), true
	}
	return 0, false
}
