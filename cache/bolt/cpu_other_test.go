//go:build !js && !unix

package bolt_test

import "time"

func cpuTime() time.Duration { return 0 }
