// Package e2e drives the playground in headless Chromium and checks the
// numbers on screen against the engine run natively with the same settings.
package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// env is shared by every test: one server binary, one browser.
var env struct {
	root    string // repository root
	bin     string // the cachepit binary
	base    string // http://127.0.0.1:port of the running server
	browser context.Context
	shots   string // screenshot folder
	skip    string // why browser tests cannot run here

	chromium string // the browser binary
	tmp      string // scratch folder, removed at the end
}

// allocOptions starts headless Chromium with a fresh profile and without
// the background traffic that floods a closed network.
func allocOptions(profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(env.chromium),
		chromedp.NoSandbox,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1440, 1000),
	)
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	_, file, _, _ := runtime.Caller(0)
	env.root = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	chromium := findChromium()
	if chromium == "" {
		env.skip = "no Chromium found: apt-get install chromium"
		return m.Run()
	}
	tmp, err := os.MkdirTemp("", "cachepit-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	env.shots = filepath.Join(env.root, "screenshots")
	if err := os.MkdirAll(env.shots, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := ensureWasm(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	env.bin = filepath.Join(tmp, "cachepit")
	if out, err := goCmd("build", "-o", env.bin, "./cmd/cachepit").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the server: %v\n%s", err, out)
		return 1
	}
	addr, err := freeAddr()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := exec.Command(env.bin, "serve", "--addr", addr, "--dir", env.root)
	srv.Stdout, srv.Stderr = os.Stderr, os.Stderr
	if err := srv.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer srv.Process.Kill()
	env.base = "http://" + addr
	if err := waitListening(addr, 10*time.Second); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: server:", err)
		return 1
	}
	env.chromium, env.tmp = chromium, tmp
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOptions(filepath.Join(tmp, "profile"))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Run(bctx); err != nil { // starts the browser
		fmt.Fprintln(os.Stderr, "e2e: starting Chromium:", err)
		return 1
	}
	env.browser = bctx
	fmt.Fprintln(os.Stderr, "e2e: screenshots in", env.shots)
	return m.Run()
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// ensureWasm builds web/app.wasm when it is missing (make test builds it first).
func ensureWasm() error {
	wasm := filepath.Join(env.root, "web", "app.wasm")
	if _, err := os.Stat(wasm); err == nil {
		return nil
	}
	fmt.Fprintln(os.Stderr, "e2e: web/app.wasm missing, building it (make wasm)")
	cmd := goCmd("build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./cmd/cachepit")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building app.wasm: %v\n%s", err, out)
	}
	return nil
}

func goCmd(args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = env.root
	return cmd
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitListening(addr string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// needBrowser skips (or, under CI, fails) when Chromium is missing.
func needBrowser(t *testing.T) {
	t.Helper()
	if env.skip == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(env.skip)
	}
	t.Skip(env.skip)
}
