//go:build unix

package photo

import "syscall"

// cpuSeconds is the process's CPU time so far: on a shared machine a
// benchmark's wall time swings with the load, its CPU time much less.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
