package wire

import "time"

// ParseTime parses an ISO 8601 timestamp, as Discord writes them, to Unix
// microseconds: "2006-01-02T15:04:05[.ffffff](Z|±hh:mm)" without
// allocating, other forms with time.Parse (RFC 3339).
func ParseTime(s string) (int64, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return slowISO(s)
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i] - '0'
			if c > 9 {
				return 0, false
			}
			n = n*10 + int(c)
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	se, ok6 := num(17, 19)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 {
		return slowISO(s)
	}
	i := 19
	us := 0
	if s[i] == '.' {
		i++
		digits := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if digits < 6 {
				us = us*10 + int(s[i]-'0')
			}
			digits++
			i++
		}
		if digits == 0 {
			return slowISO(s)
		}
		for ; digits < 6; digits++ {
			us *= 10
		}
	}
	off := 0
	switch {
	case i == len(s)-1 && s[i] == 'Z':
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := num(i+1, i+3)
		om, ok2 := num(i+4, i+6)
		if !ok1 || !ok2 {
			return slowISO(s)
		}
		off = (oh*60 + om) * 60
		if s[i] == '-' {
			off = -off
		}
	default:
		return slowISO(s)
	}
	days := daysFromCivil(y, mo, d)
	sec := int64(days)*86400 + int64(h*3600+mi*60+se) - int64(off)
	return sec*1e6 + int64(us), true
}

func slowISO(s string) (int64, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0, false
	}
	return t.UnixMicro(), true
}

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
