package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Discord's JSON errors, with the HTTP status it sends them with.
func errUnknown(code int, what string) *apiError {
	return &apiError{status: http.StatusNotFound, Code: code, Message: "Unknown " + what}
}

var (
	errUnknownChannel     = errUnknown(10003, "Channel")
	errUnknownGuild       = errUnknown(10004, "Guild")
	errUnknownMember      = errUnknown(10007, "Member")
	errUnknownMessage     = errUnknown(10008, "Message")
	errUnknownOverwrite   = errUnknown(10009, "Overwrite")
	errUnknownRole        = errUnknown(10011, "Role")
	errUnknownUser        = errUnknown(10013, "User")
	errUnknownWebhook     = errUnknown(10015, "Webhook")
	errUnknownBan         = errUnknown(10026, "Ban")
	errUnknownCommand     = errUnknown(10063, "application command")
	errUnknownInteraction = errUnknown(10062, "interaction")
	errUnknownEmoji       = &apiError{status: http.StatusBadRequest, Code: 10014, Message: "Unknown Emoji"}

	errMissingAccess      = &apiError{status: http.StatusForbidden, Code: 50001, Message: "Missing Access"}
	errMissingPermissions = &apiError{status: http.StatusForbidden, Code: 50013, Message: "Missing Permissions"}
	errOtherAuthor        = &apiError{status: http.StatusForbidden, Code: 50005, Message: "Cannot edit a message authored by another user"}
	errEmptyMessage       = &apiError{status: http.StatusBadRequest, Code: 50006, Message: "Cannot send an empty message"}
	errDMChannel          = &apiError{status: http.StatusBadRequest, Code: 50003, Message: "Cannot execute action on a DM channel"}
	errNotText            = &apiError{status: http.StatusBadRequest, Code: 50008, Message: "Cannot send messages in a non-text channel"}
	errBulkOld            = &apiError{status: http.StatusBadRequest, Code: 50034, Message: "You can only bulk delete messages that are under 14 days old."}
	errInvalidJSON        = &apiError{status: http.StatusBadRequest, Code: 50109, Message: "The request body contains invalid JSON."}
	errMaxPins            = &apiError{status: http.StatusBadRequest, Code: 30003, Message: "Maximum number of pins reached (50)"}
	errMaxReactions       = &apiError{status: http.StatusBadRequest, Code: 30010, Message: "Maximum number of reactions reached (20)"}
	errAcknowledged       = &apiError{status: http.StatusBadRequest, Code: 40060, Message: "Interaction has already been acknowledged."}
	errThreadExists       = &apiError{status: http.StatusBadRequest, Code: 160004, Message: "A thread has already been created for this message"}
	errArchived           = &apiError{status: http.StatusBadRequest, Code: 50083, Message: "Thread is archived"}
	errTooLarge           = &apiError{status: http.StatusRequestEntityTooLarge, Code: 40005, Message: "Request entity too large"}
	errNotOwnerAction     = &apiError{status: http.StatusForbidden, Code: 50013, Message: "Missing Permissions"}
	errRoleManaged        = &apiError{status: http.StatusBadRequest, Code: 50028, Message: "Invalid role"}
)

// formErrors collects the field errors of a 50035 Invalid Form Body, in
// Discord's nested shape: {"content": {"_errors": [{"code", "message"}]}}.
type formErrors struct {
	root map[string]any
}

// add records an error at a dotted path such as "embeds.0.title".
func (f *formErrors) add(path, code, message string) {
	if f.root == nil {
		f.root = map[string]any{}
	}
	m := f.root
	if path != "" {
		for _, k := range strings.Split(path, ".") {
			next, _ := m[k].(map[string]any)
			if next == nil {
				next = map[string]any{}
				m[k] = next
			}
			m = next
		}
	}
	list, _ := m["_errors"].([]any)
	m["_errors"] = append(list, map[string]string{"code": code, "message": message})
}

func (f *formErrors) maxLen(path string, s string, n int) {
	if utf8.RuneCountInString(s) > n {
		f.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", n))
	}
}

func (f *formErrors) lenBetween(path string, s string, lo, hi int) {
	if l := utf8.RuneCountInString(s); l < lo || l > hi {
		f.add(path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between %d and %d in length.", lo, hi))
	}
}

func (f *formErrors) required(path string) {
	f.add(path, "BASE_TYPE_REQUIRED", "This field is required")
}

func (f *formErrors) numRange(path string, v, lo, hi int) {
	switch {
	case v < lo:
		f.add(path, "NUMBER_TYPE_MIN", fmt.Sprintf("int value should be greater than or equal to %d.", lo))
	case v > hi:
		f.add(path, "NUMBER_TYPE_MAX", fmt.Sprintf("int value should be less than or equal to %d.", hi))
	}
}

// err is the 50035 error, or nil when nothing was added.
func (f *formErrors) err() *apiError {
	if len(f.root) == 0 {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, Code: 50035, Errors: f.root, Message: "Invalid Form Body"}
}

// formError is a 50035 with one field error.
func formError(path, code, message string) *apiError {
	var f formErrors
	f.add(path, code, message)
	return f.err()
}

// uploadedFile is a file part of a multipart/form-data request.
type uploadedFile struct {
	field       string // files[0]
	index       int    // the n of files[n]; -1 otherwise
	filename    string
	contentType string
	data        []byte
}

// decodeBody reads a JSON body, or the payload_json part of a multipart
// body with its files, into v. An empty body leaves v as it is.
func (c *restCall) decodeBody(v any) ([]uploadedFile, *apiError) {
	ct := c.r.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt == "multipart/form-data" {
		return c.decodeMultipart(params["boundary"], v)
	}
	b, err := io.ReadAll(c.r.Body)
	if err != nil {
		return nil, readError(err)
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil, nil
	}
	if mt != "" && mt != "application/json" {
		return nil, &apiError{status: http.StatusBadRequest, Code: 50035, Message: "Invalid Form Body",
			Errors: map[string]any{"_errors": []any{map[string]string{"code": "CONTENT_TYPE_INVALID", "message": "Expected \"Content-Type\" header to be one of {'application/json'}."}}}}
	}
	if err := json.Unmarshal(b, v); err != nil {
		return nil, jsonError(err)
	}
	return nil, nil
}

func readError(err error) *apiError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	return errInvalidJSON
}

// jsonError maps a decoding error to Discord's answer: a type mismatch is
// a field error, anything else invalid JSON.
func jsonError(err error) *apiError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		if v, ok := strings.CutPrefix(te.Value, "snowflake "); ok {
			return formError(te.Field, "NUMBER_TYPE_COERCE", "Value "+v+" is not snowflake.")
		}
		code, msg := "BASE_TYPE_STRING", "Could not interpret value as string."
		switch te.Type.Kind().String() {
		case "int", "int64", "int32", "uint64", "float64":
			code, msg = "NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not int.", te.Value)
		case "bool":
			code, msg = "BASE_TYPE_BOOLEAN", "Must be either true or false."
		case "slice", "array":
			code, msg = "BASE_TYPE_ARRAY", "Must be an array."
		case "struct", "map", "ptr":
			code, msg = "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType"
		}
		return formError(te.Field, code, msg)
	}
	return errInvalidJSON
}

func (c *restCall) decodeMultipart(boundary string, v any) ([]uploadedFile, *apiError) {
	if boundary == "" {
		return nil, errInvalidJSON
	}
	mr := multipart.NewReader(c.r.Body, boundary)
	var files []uploadedFile
	var payload []byte
	var fields map[string]any // plain form fields, for routes without payload_json
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readError(err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, readError(err)
		}
		name := p.FormName()
		if p.FileName() == "" && name == "payload_json" {
			payload = data
			continue
		}
		if p.FileName() == "" {
			if fields == nil {
				fields = map[string]any{}
			}
			fields[name] = string(data)
			continue
		}
		f := uploadedFile{field: name, index: -1, filename: p.FileName(), contentType: p.Header.Get("Content-Type"), data: data}
		if n, ok := strings.CutPrefix(name, "files["); ok {
			if i, err := strconv.Atoi(strings.TrimSuffix(n, "]")); err == nil && i >= 0 {
				f.index = i
			}
		}
		files = append(files, f)
		if len(files) > 10 {
			return nil, formError("files", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
		}
	}
	if len(payload) > 0 {
		if err := json.Unmarshal(payload, v); err != nil {
			return nil, jsonError(err)
		}
	} else if m, ok := v.(*map[string]any); ok && fields != nil {
		if *m == nil {
			*m = map[string]any{}
		}
		for k, x := range fields {
			(*m)[k] = x
		}
	}
	return files, nil
}
