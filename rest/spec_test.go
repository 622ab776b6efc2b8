package rest_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gloamdev/gloam/internal/shared"
	"github.com/matryer/is"
)

// notInSpec are routes Discord documents that its OpenAPI description
// lacks.
var notInSpec = map[string]bool{
	"GET /applications/{}/skus": true, // List SKUs
}

// notSent are documented query parameters the client leaves out, and why.
var notSent = map[string]string{}

// source is what the package's own code says of its routes: which
// methods send each route, their parameter and result types, and the
// URL parameters of each query type.
type source struct {
	routes  map[string]string          // route variable -> "METHOD /path"
	methods map[string][]*ast.FuncDecl // "METHOD /path" -> the methods sending it
	queries map[string]map[string]bool // query type -> its parameters
	bodies  map[*ast.FuncDecl][]string // method -> types it passes as query
}

func readSource(t *testing.T) *source {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	src := &source{routes: map[string]string{}, methods: map[string][]*ast.FuncDecl{},
		queries: map[string]map[string]bool{}, bodies: map[*ast.FuncDecl][]string{}}
	var funcs []*ast.FuncDecl
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						for i, n := range sp.Names {
							if i >= len(sp.Values) {
								continue
							}
							call, ok := sp.Values[i].(*ast.CallExpr)
							if !ok || len(call.Args) != 2 {
								continue
							}
							if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "route" {
								continue
							}
							m, _ := strconv.Unquote(call.Args[0].(*ast.BasicLit).Value)
							p, _ := strconv.Unquote(call.Args[1].(*ast.BasicLit).Value)
							src.routes[n.Name] = m + " " + p
						}
					case *ast.TypeSpec:
						st, ok := sp.Type.(*ast.StructType)
						if !ok {
							continue
						}
						for _, fl := range st.Fields.List {
							if fl.Tag == nil {
								continue
							}
							tag, _ := strconv.Unquote(fl.Tag.Value)
							if q, ok := reflect.StructTag(tag).Lookup("query"); ok {
								name, _, _ := strings.Cut(q, ",")
								if src.queries[sp.Name.Name] == nil {
									src.queries[sp.Name.Name] = map[string]bool{}
								}
								src.queries[sp.Name.Name][name] = true
							}
						}
					}
				}
			case *ast.FuncDecl:
				funcs = append(funcs, d)
			}
		}
	}
	for _, fn := range funcs {
		if fn.Recv == nil || !fn.Name.IsExported() {
			continue
		}
		// The routes a method sends, directly or through a helper that
		// takes the route (archived threads) or another method.
		seen := map[string]bool{}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if r, ok := src.routes[n.Name]; ok && !seen[r] {
					seen[r] = true
					src.methods[r] = append(src.methods[r], fn)
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok {
					src.bodies[fn] = append(src.bodies[fn], id.Name)
				}
			}
			return true
		})
	}
	// Methods that send a route through another method (followups
	// through webhook messages) inherit its routes.
	for _, fn := range funcs {
		if fn.Recv == nil || !fn.Name.IsExported() {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "c" {
				return true
			}
			for r, fns := range src.methods {
				for _, other := range fns {
					if other.Name.Name == sel.Sel.Name && other != fn && !contains(src.methods[r], fn) {
						src.methods[r] = append(src.methods[r], fn)
					}
				}
			}
			return true
		})
	}
	return src
}

func contains(fns []*ast.FuncDecl, fn *ast.FuncDecl) bool {
	for _, f := range fns {
		if f == fn {
			return true
		}
	}
	return false
}

// typeString prints a type expression.
func typeString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + typeString(e.X)
	case *ast.ArrayType:
		return "[]" + typeString(e.Elt)
	case *ast.SelectorExpr:
		return typeString(e.X) + "." + e.Sel.Name
	case *ast.MapType:
		return "map[" + typeString(e.Key) + "]" + typeString(e.Value)
	case *ast.InterfaceType:
		return "any"
	case *ast.Ellipsis:
		return "..." + typeString(e.Elt)
	case *ast.IndexExpr:
		return typeString(e.X) + "[" + typeString(e.Index) + "]"
	}
	return "?"
}

// untyped reports a parameter or result that says nothing of its JSON.
func untyped(s string) bool {
	s = strings.TrimLeft(s, "*[]")
	return s == "any" || s == "json.RawMessage" || strings.HasPrefix(s, "map[string]any") || s == "map[string]interface{}"
}

type specOp struct {
	Parameters  []specParam `json:"parameters"`
	RequestBody *struct {
		Content map[string]json.RawMessage `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Content map[string]json.RawMessage `json:"content"`
	} `json:"responses"`
}

type specParam struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

// TestEveryRouteIsTyped walks Discord's OpenAPI description: every
// operation the client implements is sent by a method whose parameters
// and results are named Go types (no any, json.RawMessage or map of
// any), that answers a value where Discord answers JSON, and whose query
// type has a field for every documented query parameter.
func TestEveryRouteIsTyped(t *testing.T) {
	is := is.New(t)
	b, err := os.ReadFile(filepath.Join(shared.Dir(t), "discord-api", "openapi.json"))
	is.NoErr(err)
	var spec struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]specParam `json:"parameters"`
		} `json:"components"`
	}
	is.NoErr(json.Unmarshal(b, &spec))
	src := readSource(t)

	ops := map[string]specOp{}
	for p, methods := range spec.Paths {
		var shared []specParam
		if raw, ok := methods["parameters"]; ok {
			_ = json.Unmarshal(raw, &shared)
		}
		for m, raw := range methods {
			switch m {
			case "get", "post", "put", "patch", "delete":
			default:
				continue
			}
			var op specOp
			is.NoErr(json.Unmarshal(raw, &op))
			op.Parameters = append(op.Parameters, shared...)
			for i, prm := range op.Parameters {
				if prm.Ref != "" {
					op.Parameters[i] = spec.Components.Parameters[prm.Ref[strings.LastIndexByte(prm.Ref, '/')+1:]]
				}
			}
			ops[normalize(strings.ToUpper(m), p)] = op
		}
	}

	typed, params := 0, 0
	var routes []string
	for r := range src.methods {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for rid := range src.routes {
		r := src.routes[rid]
		if len(src.methods[r]) == 0 {
			t.Errorf("%s: no method sends it", r)
		}
	}
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		key := normalize(method, path)
		op, ok := ops[key]
		if !ok {
			if !notInSpec[key] {
				t.Errorf("%s: not in the spec", r)
			}
			continue
		}
		ok = true
		var queryTypes []string
		for _, fn := range src.methods[r] {
			for _, f := range fn.Type.Params.List {
				ts := typeString(f.Type)
				if untyped(ts) {
					t.Errorf("%s: %s takes %s", r, fn.Name.Name, ts)
					ok = false
				}
				if n := strings.TrimPrefix(ts, "*"); src.queries[n] != nil {
					queryTypes = append(queryTypes, n)
				}
			}
			for _, n := range src.bodies[fn] {
				if src.queries[n] != nil {
					queryTypes = append(queryTypes, n)
				}
			}
			results := 0
			if fn.Type.Results != nil {
				for _, f := range fn.Type.Results.List {
					ts := typeString(f.Type)
					if untyped(ts) {
						t.Errorf("%s: %s answers %s", r, fn.Name.Name, ts)
						ok = false
					}
					if ts != "error" {
						results++
					}
				}
			}
			if answersJSON(op) && results == 0 && !answerOptional(fn) {
				t.Errorf("%s: %s drops the JSON Discord answers", r, fn.Name.Name)
				ok = false
			}
		}
		for _, prm := range op.Parameters {
			if prm.In != "query" {
				continue
			}
			params++
			found := false
			for _, q := range queryTypes {
				found = found || src.queries[q][prm.Name]
			}
			if !found && notSent[key+" "+prm.Name] == "" {
				t.Errorf("%s: no field for query parameter %q (query types %v)", r, prm.Name, queryTypes)
				ok = false
			}
		}
		if ok {
			typed++
		}
	}
	t.Logf("%d routes typed of %d; %d documented query parameters", typed, len(routes), params)
}

// answersJSON reports an operation whose success answers a JSON body.
func answersJSON(op specOp) bool {
	for code, r := range op.Responses {
		if strings.HasPrefix(code, "2") && code != "204" {
			if _, ok := r.Content["application/json"]; ok {
				return true
			}
		}
	}
	return false
}

// answerOptional is a method that answers nothing on purpose:
// RespondInteraction's answer is what RespondInteractionWithResult asks
// for, and TriggerTyping's is an empty object.
func answerOptional(fn *ast.FuncDecl) bool {
	switch fn.Name.Name {
	case "RespondInteraction", "TriggerTyping":
		return true
	}
	return false
}
