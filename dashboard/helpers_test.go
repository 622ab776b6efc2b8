//go:build !js

package dashboard

import (
	"errors"
	"io"
	"net/http"

	"github.com/tidwall/gjson"
)

func gjsonInt(raw, path string) int64 { return gjson.Get(raw, path).Int() }

func io_Copy(w io.Writer, resp *http.Response) (int64, error) { return io.Copy(w, resp.Body) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }
