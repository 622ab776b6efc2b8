// Package promtext reads what a Prometheus endpoint serves, for the tests
// of the packages that serve one.
//
// # Basics
//
// Scrape GETs an endpoint and returns each sample's value by its name and
// labels as written in the text exposition format:
//
//	m := promtext.Scrape(t, srv.URL+"/metrics")
//	m[`gloam_gateway_connects_total{shard="0"}`]
//
// # Caveats
//
// Labels are kept as the endpoint wrote them, in its order and quoting:
// a key matches only the text as served. Comments (HELP, TYPE) are
// skipped, and a sample is taken to have no timestamp (client_golang
// writes none).
package promtext

import (
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// Scrape GETs url and reads the Prometheus text it serves: each sample's
// value by its name and labels as written ("gloam_cache_bytes", or
// `gloam_gateway_shards{state="connected"}`). It fails t when the GET
// fails or the body is not the text format.
func Scrape(t testing.TB, url string) map[string]float64 {
	t.Helper()
	is := is.New(t)
	is.Helper()
	resp, err := http.Get(url)
	is.NoErr(err) // GET the metrics
	defer resp.Body.Close()
	is.Equal(resp.StatusCode, http.StatusOK)
	is.True(strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain")) // the text format
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		is.True(i > 0) // a sample: name{labels} value
		v, err := strconv.ParseFloat(line[i+1:], 64)
		is.NoErr(err) // the value
		m[line[:i]] = v
	}
	is.NoErr(sc.Err())
	return m
}
