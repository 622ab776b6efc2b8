package rest

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The *XQuery types of this package describe their URL parameters with
// struct tags, read once per type:
//
//	Limit int `query:"limit" range:"1,100"`
//
// A zero field is left out (a pointer field is sent whenever it is not
// nil); a range is checked before anything is sent; a slice is sent as
// repeated parameters, or joined by commas with `query:"name,comma"`.

type queryField struct {
	index      int
	name       string
	comma      bool
	ranged     bool
	lo, hi     int64
	hasLo      bool
	hasHi      bool
	pointerish bool
}

var queryFields sync.Map // reflect.Type -> []queryField

var timeType = reflect.TypeFor[time.Time]()

func fieldsOf(t reflect.Type) []queryField {
	if f, ok := queryFields.Load(t); ok {
		return f.([]queryField)
	}
	var fs []queryField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("query")
		if !ok {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		f := queryField{index: i, name: name, comma: opt == "comma", pointerish: sf.Type.Kind() == reflect.Pointer}
		if r, ok := sf.Tag.Lookup("range"); ok {
			lo, hi, _ := strings.Cut(r, ",")
			f.ranged = true
			if lo != "" {
				f.lo, _ = strconv.ParseInt(lo, 10, 64)
				f.hasLo = true
			}
			if hi != "" {
				f.hi, _ = strconv.ParseInt(hi, 10, 64)
				f.hasHi = true
			}
		}
		fs = append(fs, f)
	}
	queryFields.Store(t, fs)
	return fs
}

// encodeQuery turns q, nil or a pointer to a struct with query tags, into
// URL parameters, checking the documented ranges.
func encodeQuery(q any) (url.Values, error) {
	if q == nil {
		return nil, nil
	}
	if v, ok := q.(url.Values); ok {
		return v, nil
	}
	rv := reflect.ValueOf(q)
	if rv.Kind() != reflect.Pointer || rv.Type().Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("rest: query of type %T", q))
	}
	if rv.IsNil() {
		return nil, nil
	}
	rv = rv.Elem()
	var out url.Values
	for _, f := range fieldsOf(rv.Type()) {
		fv := rv.Field(f.index)
		if f.pointerish {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		} else if fv.IsZero() {
			continue
		}
		if f.ranged && fv.CanInt() {
			n := fv.Int()
			if (f.hasLo && n < f.lo) || (f.hasHi && n > f.hi) {
				return nil, &ValidationError{Field: f.name, Reason: fmt.Sprintf("%d is not within %s", n, rangeText(f))}
			}
		}
		var vals []string
		if fv.Kind() == reflect.Slice {
			for i := range fv.Len() {
				vals = append(vals, queryString(fv.Index(i)))
			}
			if f.comma {
				vals = []string{strings.Join(vals, ",")}
			}
		} else {
			vals = []string{queryString(fv)}
		}
		if out == nil {
			out = url.Values{}
		}
		out[f.name] = append(out[f.name], vals...)
	}
	return out, nil
}

func rangeText(f queryField) string {
	switch {
	case f.hasLo && f.hasHi:
		return strconv.FormatInt(f.lo, 10) + ".." + strconv.FormatInt(f.hi, 10)
	case f.hasLo:
		return strconv.FormatInt(f.lo, 10) + ".."
	default:
		return ".." + strconv.FormatInt(f.hi, 10)
	}
}

func queryString(v reflect.Value) string {
	if v.Type() == timeType {
		return v.Interface().(time.Time).UTC().Format(time.RFC3339Nano)
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.String:
		return v.String()
	}
	panic("rest: query field of kind " + v.Kind().String())
}
