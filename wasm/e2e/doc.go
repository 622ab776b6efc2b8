// Package e2e tests the browser dashboard end to end: `gloam run` on its
// embedded fake Discord, the page in headless Chromium driven by chromedp.
// It is a module of its own so that users of gloam never download the
// browser-test dependencies.
//
// Run it from this directory with `go test ./...`; it needs Chromium
// (/usr/bin/chromium, or $GLOAM_CHROMIUM) and skips without it unless
// $GLOAM_E2E_REQUIRE is set. GLOAM_E2E_SCREENSHOT=1 writes the page's
// screenshot to testdata/screenshot.png.
package e2e
