//go:build !js

package dashboard

import (
	"embed"
	"net/http"
	"strings"
)

//go:embed static
var static embed.FS

func (s *Server) routes() {
	file := func(name, typ string) http.HandlerFunc {
		b, err := static.ReadFile("static/" + name)
		if err != nil {
			panic("dashboard: missing " + name) // the embed is part of the build
		}
		return func(w http.ResponseWriter, r *http.Request) {
			header(w, typ)
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(b)
		}
	}
	index := file("index.html", "text/html; charset=utf-8")
	s.mux.HandleFunc("GET /{$}", index)
	s.mux.HandleFunc("GET /style.css", file("style.css", "text/css; charset=utf-8"))
	s.mux.HandleFunc("GET /app.js", file("app.js", "text/javascript; charset=utf-8"))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	s.mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		app, ok := s.appOrError(w, r)
		if !ok {
			return
		}
		header(w, "text/javascript; charset=utf-8")
		w.Write(app.ExecJS)
	})
	s.mux.HandleFunc("GET /gloam.wasm", func(w http.ResponseWriter, r *http.Request) {
		app, ok := s.appOrError(w, r)
		if !ok {
			return
		}
		header(w, "application/wasm")
		w.Header().Set("Vary", "Accept-Encoding")
		w.Header().Set("Cache-Control", "no-cache")
		if acceptsGzip(r) && app.WasmGzip != nil {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(app.WasmGzip)
			return
		}
		w.Write(app.Wasm)
	})
	s.mux.HandleFunc("GET /feed", s.serveFeed)
}

// appOrError waits for the app and answers 503 with the reason when there
// is none.
func (s *Server) appOrError(w http.ResponseWriter, r *http.Request) (*App, bool) {
	app, err := s.waitApp(r.Context())
	if app != nil && err == nil {
		return app, true
	}
	if err == nil {
		err = errNoApp
	}
	header(w, "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write([]byte(err.Error()))
	return nil, false
}

type noApp struct{}

func (noApp) Error() string { return "dashboard: no browser app was given" }

var errNoApp error = noApp{}

func header(w http.ResponseWriter, typ string) {
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "+
		"connect-src 'self' ws: wss:; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
