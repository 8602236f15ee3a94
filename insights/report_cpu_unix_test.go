//go:build unix

package insights_test

import "syscall"

// cpuSeconds is the process's user and system CPU time so far: beside a
// benchmark's wall time it shows how much of the machine the run had.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
