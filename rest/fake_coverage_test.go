package rest_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/matryer/is"
)

// TestEveryMethodRunsAgainstTheFake fails when a method of Client that
// sends a route is called by no test on a client of the fake Discord
// (one made by newServer, or by rest.NewClient with a discordtest
// server's URL, or handed to a helper as a *rest.Client), so that each
// typed method has gone over a real socket to discordtest at least once.
func TestEveryMethodRunsAgainstTheFake(t *testing.T) {
	src := readSource(t)
	methods := map[string]bool{}
	for _, fns := range src.methods {
		for _, fn := range fns {
			methods[fn.Name.Name] = true
		}
	}
	called := fakeCalls(t)
	var missing []string
	for m := range methods {
		if !called[m] {
			missing = append(missing, m)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("Client.%s is called by no test against discordtest", m)
	}
	t.Logf("%d of %d methods tested against the fake", len(methods)-len(missing), len(methods))
}

// fakeCalls finds the methods that the package's tests call on a client
// of the fake.
func fakeCalls(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	called := map[string]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0) // with the identifiers resolved
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fakeCallsIn(f) {
			called[m] = true
		}
	}
	return called
}

// fakeCallsIn are the methods f calls on a client of the fake, in order.
func fakeCallsIn(f *ast.File) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && fakeClient(x) {
					out = append(out, sel.Sel.Name)
				}
			}
		}
		return true
	})
	return out
}

// fakeClient reports whether id is a client of discordtest: the second
// result of newServer, a rest.NewClient whose BaseURL is a server's URL(),
// or a *rest.Client parameter of a test helper.
func fakeClient(id *ast.Ident) bool {
	if id.Obj == nil {
		return false
	}
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		star, ok := d.Type.(*ast.StarExpr)
		if !ok {
			return false
		}
		sel, ok := star.X.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Client" && isIdent(sel.X, "rest")
	case *ast.AssignStmt:
		i := slices.IndexFunc(d.Lhs, func(e ast.Expr) bool { l, ok := e.(*ast.Ident); return ok && l.Name == id.Name })
		if i < 0 {
			return false
		}
		if len(d.Rhs) == len(d.Lhs) {
			return fakeSource(d.Rhs[i], 0)
		}
		return len(d.Rhs) == 1 && fakeSource(d.Rhs[0], i)
	case *ast.ValueSpec:
		for i, n := range d.Names {
			if n.Name == id.Name && i < len(d.Values) {
				return fakeSource(d.Values[i], 0)
			}
		}
	}
	return false
}

// fakeSource reports whether result i of e is a client of the fake.
func fakeSource(e ast.Expr, i int) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name == "newServer" && i == 1
	case *ast.SelectorExpr:
		if fn.Sel.Name != "NewClient" || !isIdent(fn.X, "rest") || len(call.Args) != 2 {
			return false
		}
		found := false
		ast.Inspect(call.Args[1], func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if ok && isIdent(kv.Key, "BaseURL") {
				if c, ok := kv.Value.(*ast.CallExpr); ok {
					if s, ok := c.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "URL" {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	return false
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// TestFakeClientsAreToldApart checks the detector of the test above: it
// counts calls on clients of the fake only.
func TestFakeClientsAreToldApart(t *testing.T) {
	is := is.New(t)
	const src = `package p
func a(t *testing.T) {
	s, c := newServer(t, nil, nil)
	c.Me(ctx)
	d := rest.NewClient(s.Token(), &rest.Options{BaseURL: s.URL()})
	d.Channel(ctx, 1)
	h, _ := hostile(t, nil)
	h.Guild(ctx, 1)
	o := rest.NewClient("t", &rest.Options{BaseURL: srv.URL})
	o.User(ctx, 1)
}
func helper(c *rest.Client) { c.Roles(ctx, 1) }
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	is.NoErr(err)
	is.Equal(fakeCallsIn(f), []string{"Me", "Channel", "Roles"}) // not the hostile server's nor an httptest server's
}
