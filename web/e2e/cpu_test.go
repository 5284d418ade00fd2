package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// rendererCPU is the CPU time, in seconds, that the main threads of the
// shared browser's renderer processes have used, read from /proc (Linux
// only; ok is false elsewhere). A page's JavaScript, its wasm and the
// browser's style, layout and paint all run there, and unlike screen
// updates per second this cost per update hardly moves when other work
// shares the machine, so old and new can be compared at any load.
func rendererCPU() (sec float64, ok bool) {
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return 0, false
	}
	profile := filepath.Join(env.tmp, "profile")
	parent := map[string]string{}
	root := ""
	for _, p := range procs {
		st, err := os.ReadFile(filepath.Join("/proc", p.Name(), "stat"))
		if err != nil {
			continue
		}
		f := statFields(string(st))
		if len(f) < 13 {
			continue
		}
		parent[p.Name()] = f[1]
		cmd, _ := os.ReadFile(filepath.Join("/proc", p.Name(), "cmdline"))
		if strings.Contains(string(cmd), profile) && !strings.Contains(string(cmd), "--type=") {
			root = p.Name()
		}
	}
	if root == "" {
		return 0, false
	}
	for pid := range parent {
		if !descends(pid, root, parent) {
			continue
		}
		cmd, _ := os.ReadFile(filepath.Join("/proc", pid, "cmdline"))
		if !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		st, err := os.ReadFile(filepath.Join("/proc", pid, "task", pid, "stat")) // the main thread's id is the process's
		if err != nil {
			continue
		}
		f := statFields(string(st))
		utime, _ := strconv.ParseFloat(f[11], 64)
		stime, _ := strconv.ParseFloat(f[12], 64)
		sec += (utime + stime) / 100 // clock ticks (USER_HZ, 100 on Linux)
	}
	return sec, true
}

// statFields are the fields of a /proc stat line after the command name,
// from the state on.
func statFields(s string) []string {
	i := strings.LastIndex(s, ")")
	if i < 0 || i+2 > len(s) {
		return nil
	}
	return strings.Fields(s[i+2:])
}

// descends reports whether process pid is root or one of its descendants.
func descends(pid, root string, parent map[string]string) bool {
	for range 16 {
		if pid == root {
			return true
		}
		p, ok := parent[pid]
		if !ok || p == "0" {
			return false
		}
		pid = p
	}
	return false
}
