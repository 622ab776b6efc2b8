package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	pathpkg "path"
	"strconv"
	"strings"

	"github.com/gloamdev/gloam/model"
)

// File is a file to upload with a message. Its Reader is read once, when
// the request is encoded, so that a retried request sends the same bytes.
type File struct {
	// Name is the file name Discord shows, e.g. "report.png".
	Name string
	// ContentType is the MIME type. Zero: guessed from Name's extension,
	// else application/octet-stream.
	ContentType string
	// Description is the attachment's alt text.
	Description string
	// Reader gives the contents.
	Reader io.Reader
}

// AttachmentRef names an attachment in a message body: a new upload by
// its index in Files, or an existing attachment (to keep on edit) by ID.
type AttachmentRef struct {
	ID          model.Snowflake `json:"id"`
	Filename    string          `json:"filename,omitempty"`
	Description string          `json:"description,omitempty"`
}

// attachmentsFor lists the files as attachments, after those given.
func attachmentsFor(given []AttachmentRef, files []File) []AttachmentRef {
	if len(files) == 0 {
		return given
	}
	for _, a := range given {
		if int(a.ID) < len(files) {
			return given // the caller numbered the uploads
		}
	}
	out := append([]AttachmentRef(nil), given...)
	for i, f := range files {
		out = append(out, AttachmentRef{ID: model.Snowflake(i), Filename: f.Name, Description: f.Description})
	}
	return out
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// multipartBody encodes body as payload_json and the files as files[n].
func multipartBody(body any, files []File) ([]byte, string, error) {
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="payload_json"`)
	h.Set("Content-Type", "application/json")
	pw, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	pw.Write(payload)
	for i, f := range files {
		if err := writeFile(w, "files["+strconv.Itoa(i)+"]", f); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// former is a body sent as plain form fields and one file (stickers).
type former interface {
	form() (fields [][2]string, part string, f File)
}

// formBody encodes fields and a file (the part named part) as
// multipart/form-data.
func formBody(fields [][2]string, part string, f File) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, kv := range fields {
		if err := w.WriteField(kv[0], kv[1]); err != nil {
			return nil, "", err
		}
	}
	if err := writeFile(w, part, f); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// writeFile adds f to a form as the part named name.
func writeFile(w *multipart.Writer, name string, f File) error {
	if f.Reader == nil {
		return fmt.Errorf("file %q has no Reader", f.Name)
	}
	ct := f.ContentType
	if ct == "" {
		ct = mime.TypeByExtension(pathpkg.Ext(f.Name))
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+name+`"; filename="`+quoteEscaper.Replace(f.Name)+`"`)
	h.Set("Content-Type", ct)
	fw, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, f.Reader); err != nil {
		return fmt.Errorf("file %q: %w", f.Name, err)
	}
	return nil
}
