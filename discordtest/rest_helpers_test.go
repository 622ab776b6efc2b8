package discordtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// restClient drives a Server's REST API with plain net/http.
type restClient struct {
	t     testing.TB
	srv   *Server
	auth  string // the Authorization header; "" for none
	http  *http.Client
	extra http.Header
}

func newRESTTest(t testing.TB, opts *Options) (*Server, *restClient) {
	t.Helper()
	srv := NewServer(opts)
	t.Cleanup(srv.Close)
	return srv, &restClient{t: t, srv: srv, auth: "Bot " + srv.Token(), http: &http.Client{Timeout: 30 * time.Second}}
}

// reply is a response with its body read.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a generic value.
func (r reply) JSON() map[string]any {
	var m map[string]any
	json.Unmarshal(r.Body, &m)
	return m
}

func (r reply) decode(v any) error { return json.Unmarshal(r.Body, v) }

// do sends a request; body may be nil, a string or bytes (sent as they
// are), or any other value (sent as JSON).
func (c *restClient) do(method, path string, body any) reply {
	c.t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd, ct = strings.NewReader(b), "application/json"
	case []byte:
		rd, ct = bytes.NewReader(b), "application/json"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd, ct = bytes.NewReader(j), "application/json"
	}
	req, err := http.NewRequest(method, c.srv.URL()+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	for k, v := range c.extra {
		req.Header[k] = v
	}
	return c.send(req)
}

func (c *restClient) send(req *http.Request) reply {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	return reply{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// with returns a copy of c sending another Authorization header.
func (c *restClient) with(auth string) *restClient {
	d := *c
	d.auth = auth
	return &d
}
