package scale

import (
	"encoding/json"

	"github.com/gloamdev/gloam/model"
)

// storedSession is a model.Session as the session bucket holds it.
type storedSession struct {
	ID        string `json:"id"`
	Seq       int64  `json:"seq"`
	ResumeURL string `json:"resume_url,omitempty"`
}

func encodeSession(s model.Session) []byte {
	data, _ := json.Marshal(storedSession{ID: s.ID, Seq: s.Seq, ResumeURL: s.ResumeURL})
	return data
}

func decodeSession(data []byte) (model.Session, bool) {
	var s storedSession
	if json.Unmarshal(data, &s) != nil || s.ID == "" || s.Seq < 0 {
		return model.Session{}, false
	}
	return model.Session{ID: s.ID, Seq: s.Seq, ResumeURL: s.ResumeURL}, true
}
