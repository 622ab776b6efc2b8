//go:build !js && !unix

package bolt

import "os"

func unlock(f *os.File) {}
