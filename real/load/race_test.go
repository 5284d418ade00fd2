//go:build race

package load

// raceDetector reports whether the tests run under the race detector.
const raceDetector = true
