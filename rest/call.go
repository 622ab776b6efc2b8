package rest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gloamdev/gloam/model"
)

// call sends r with the request options applied; q is nil or an *XQuery.
func (c *Client) call(ctx context.Context, r *Route, args []string, q any, body, out any, opts []RequestOption) error {
	v, err := encodeQuery(q)
	if err != nil {
		return err
	}
	cl := call{query: v}
	for _, o := range opts {
		o(&cl)
	}
	return c.do(ctx, r, args, &cl, body, out)
}

// fetch sends r and decodes the response into a new T.
func fetch[T any](ctx context.Context, c *Client, r *Route, args []string, q, body any, opts []RequestOption) (*T, error) {
	v := new(T)
	if err := c.call(ctx, r, args, q, body, v, opts); err != nil {
		return nil, err
	}
	return v, nil
}

// list sends r and decodes a JSON array.
func list[T any](ctx context.Context, c *Client, r *Route, args []string, q, body any, opts []RequestOption) ([]T, error) {
	var v []T
	if err := c.call(ctx, r, args, q, body, &v, opts); err != nil {
		return nil, err
	}
	return v, nil
}

// path formats path arguments: IDs, strings and integers.
func path(xs ...any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		switch v := x.(type) {
		case string:
			out[i] = v
		case fmt.Stringer:
			out[i] = v.String()
		case int:
			out[i] = strconv.Itoa(v)
		default:
			panic(fmt.Sprintf("rest: path argument of type %T", x))
		}
	}
	return out
}

// AllowedMentions says who a message may ping. The zero value pings no
// one; Parse lists the kinds pinged from the content ("users", "roles",
// "everyone").
type AllowedMentions struct {
	Parse       []string       `json:"parse"`
	Roles       []model.RoleID `json:"roles,omitempty"`
	Users       []model.UserID `json:"users,omitempty"`
	RepliedUser bool           `json:"replied_user,omitempty"`
}

// MarshalJSON sends an empty parse list as [] (ping no one), never null.
func (a AllowedMentions) MarshalJSON() ([]byte, error) {
	type plain AllowedMentions
	if a.Parse == nil {
		a.Parse = []string{}
	}
	return json.Marshal(plain(a))
}

func itoa(i int) string { return strconv.Itoa(i) }
