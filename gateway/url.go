package gateway

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrResumeURL is wrapped by the error that refuses a resume URL: one
// weaker than the gateway URL (ws where it is wss) or on a host outside
// the gateway URL's domain. The shard then resumes on the gateway URL.
var ErrResumeURL = errors.New("gateway: resume URL refused")

// gatewayURL adds v, encoding and compress to base.
func gatewayURL(base string, c Compression) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("v", "10")
	q.Set("encoding", "json")
	if c != NoCompression {
		q.Set("compress", string(c))
	} else {
		q.Del("compress")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// checkResumeURL reports whether resume, a resume_gateway_url from READY
// or from a stored session, may be dialled instead of main, the gateway
// URL: its scheme is ws or wss and never ws when main's is wss, it holds
// no credentials, and its host is main's host or shares main's
// registrable domain (gateway-us-east1-b.discord.gg for
// gateway.discord.gg). An IP address matches only itself.
func checkResumeURL(resume, main string) error {
	refuse := func(why string) error {
		return fmt.Errorf("%w: %q: %s", ErrResumeURL, resume, why)
	}
	ru, err := url.Parse(resume)
	if err != nil {
		return refuse(err.Error())
	}
	mu, err := url.Parse(main)
	if err != nil {
		return refuse("gateway URL: " + err.Error())
	}
	rs, ms := strings.ToLower(ru.Scheme), strings.ToLower(mu.Scheme)
	switch {
	case rs != "ws" && rs != "wss":
		return refuse("scheme is not ws or wss")
	case ms == "wss" && rs != "wss":
		return refuse("ws where the gateway URL is wss")
	case ru.User != nil:
		return refuse("credentials in the URL")
	}
	rh := strings.TrimSuffix(strings.ToLower(ru.Hostname()), ".")
	mh := strings.TrimSuffix(strings.ToLower(mu.Hostname()), ".")
	if rh == "" {
		return refuse("no host")
	}
	if rh == mh {
		return nil
	}
	if net.ParseIP(rh) != nil || net.ParseIP(mh) != nil {
		return refuse("not the gateway URL's host " + mh)
	}
	d := registrableDomain(mh)
	if rh != d && !strings.HasSuffix(rh, "."+d) {
		return refuse("host outside " + d)
	}
	return nil
}

// registrableDomain approximates the domain a name was registered under
// without the public suffix list: the host less its first label when it
// has three or more (gateway.discord.gg is under discord.gg), except
// where the rest looks like a public suffix of a country (co.uk, com.au),
// and the host itself otherwise. When in doubt it is narrower, which
// refuses more resume URLs but never one from another owner.
func registrableDomain(host string) string {
	labels := strings.Split(host, ".")
	if len(labels) < 3 {
		return host
	}
	rest := labels[1:]
	if len(rest) == 2 && len(rest[1]) == 2 && len(rest[0]) <= 3 {
		return host // e.g. example.co.uk: co.uk is a public suffix
	}
	return strings.Join(rest, ".")
}
