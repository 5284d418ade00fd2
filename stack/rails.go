package stack

import (
	"fmt"
	"strings"
)

var rails = stack{
	name: "rails", title: "Rails + Puma in cluster mode", stats: "GET /cache_info",
	snippets: func(s settings, mode string) []Snippet {
		return []Snippet{
			{Name: "config/puma.rb", Lang: "ruby", Code: puma(s)},
			{Name: "config/environments/production.rb", Lang: "ruby", Code: railsStore(s, mode)},
			{Name: "app/controllers/items_controller.rb", Lang: "ruby", Code: railsController(s, mode)},
			{Name: "command line", Lang: "shell", Code: "bundle exec puma -C config/puma.rb\n"},
		}
	},
	serve: func(s settings, port int) string {
		return fmt.Sprintf("bundle exec puma -C config/puma.rb -w 0 -p %d", port)
	},
	notes: func(s settings) []string {
		n := []string{"Puma's cluster mode (workers N) forks N processes. :memory_store lives inside each of them, so it is the same pitfall; " +
			"threads inside one worker share its store. :redis_cache_store and :mem_cache_store are shared by every worker and every host."}
		if s.MaxRequests > 0 {
			n = append(n, "Puma has no max-requests; gems such as puma_worker_killer restart workers by memory or age, and each restart empties that worker's :memory_store.")
		}
		return n
	},
}

func puma(s settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "workers %d # cluster mode: %d processes, each with its own memory\n", s.Workers, s.Workers)
	if s.Threads > 1 {
		fmt.Fprintf(&b, "threads %d, %d\n", s.Threads, s.Threads)
	}
	if s.Timeout > 0 {
		fmt.Fprintf(&b, "worker_timeout %d\n", s.Timeout)
	}
	if s.Preload {
		b.WriteString("preload_app! # the app boots once in the master; workers fork from it\n")
	}
	b.WriteString("port ENV.fetch(\"PORT\", 3000)\n")
	return b.String()
}

// expiresIn is a process's own store's TTL; the shared store has none, as
// in the engine, where an entry stays until it is evicted or deleted.
func expiresIn(s settings) string {
	if s.TTL > 0 {
		return fmt.Sprintf(", expires_in: %d.seconds", s.TTL)
	}
	return ""
}

func railsStore(s settings, mode string) string {
	var b strings.Builder
	b.WriteString("Rails.application.configure do\n")
	memory := fmt.Sprintf("  # :memory_store is sized in bytes; the simulation holds %d entries in each of the %d workers.\n", s.Cache, s.Workers)
	redis := fmt.Sprintf(`  # %d entries: size Redis with maxmemory and maxmemory-policy allkeys-lru.
  config.cache_store = :redis_cache_store, { url: ENV.fetch("REDIS_URL", "redis://127.0.0.1:6379/0") }
  # Memcached instead: config.cache_store = :mem_cache_store, "127.0.0.1:11211"
`, s.Shared)
	if s.failOpen(mode) {
		redis = fmt.Sprintf(`  # %d entries: size Redis with maxmemory and maxmemory-policy allkeys-lru.
  # It fails open already: an error is logged, a read returns nil (a miss, so Item.find runs)
  # and a write or delete returns false. Keep its timeouts short and count the errors.
  config.x.cache_errors = Concurrent::AtomicFixnum.new # this worker's failed cache calls: alert on it
  config.cache_store = :redis_cache_store, {
    url: ENV.fetch("REDIS_URL", "redis://127.0.0.1:6379/0"),
    connect_timeout: 0.1, read_timeout: 0.1, write_timeout: 0.1, # seconds
    error_handler: ->(method:, returning:, exception:) {
      Rails.configuration.x.cache_errors.increment
      Rails.logger.warn("cache #{method} failed: #{exception.class}")
    },
  }
  # Memcached instead: config.cache_store = :mem_cache_store, "127.0.0.1:11211", { socket_timeout: 0.1 }
  # (Dalli's errors are logged and read as misses too.)
`, s.Shared)
	}
	switch mode {
	case "local":
		b.WriteString(memory + "  config.cache_store = :memory_store, { size: 64.megabytes" + expiresIn(s) + " }\n")
	case "shared":
		b.WriteString(redis)
	case "tiered":
		b.WriteString(redis + memory + "  config.x.local_cache = ActiveSupport::Cache::MemoryStore.new(size: 64.megabytes" + expiresIn(s) + ")\n")
	}
	b.WriteString("end\n")
	return b.String()
}

func railsController(s settings, mode string) string {
	lock, failOpen, flight := s.lock(mode), s.failOpen(mode), s.Coalesce == "worker"
	var b strings.Builder
	b.WriteString("class ItemsController < ApplicationController\n")
	if flight {
		b.WriteString("  FLIGHTS = Concurrent::Map.new # id -> Mutex: single flight inside this worker\n\n")
	}
	b.WriteString("  def show\n    render json: load_item(params[:id])\n  end\n")
	if s.Writes {
		b.WriteString("\n  def update\n    Item.find(params[:id]).update!(params.require(:item).permit!)\n")
		switch mode {
		case "local":
			b.WriteString("    Rails.cache.delete(\"item/#{params[:id]}\") # this worker's copy only\n")
		case "shared":
			b.WriteString("    Rails.cache.delete(\"item/#{params[:id]}\") # the one copy, for every worker\n")
		case "tiered":
			b.WriteString("    Rails.cache.delete(\"item/#{params[:id]}\")\n    local_cache.delete(\"item/#{params[:id]}\") # the other workers keep theirs" + untilTTL(s) + "\n")
		}
		b.WriteString("    head :no_content\n  end\n")
	}
	info := "{ pid: Process.pid, store: Rails.cache.class.name }"
	if failOpen {
		info = "{ pid: Process.pid, store: Rails.cache.class.name, cache_errors: Rails.configuration.x.cache_errors.value }"
	}
	b.WriteString("\n  def cache_info # get \"cache_info\", to: \"items#cache_info\" in config/routes.rb\n    render json: " + info + "\n  end\n\n  private\n\n")
	if mode == "tiered" {
		b.WriteString("  def local_cache\n    Rails.configuration.x.local_cache\n  end\n\n")
	}
	fn := "load_item"
	if flight {
		fn = "cached_item"
		b.WriteString("  def load_item(id)\n    # One thread fetches a key; this worker's other threads wait for it and read its copy.\n")
		if s.Threads <= 1 {
			b.WriteString("    # With one thread per worker no second request ever waits: this changes nothing there.\n")
		}
		b.WriteString("    FLIGHTS.compute_if_absent(id) { Mutex.new }.synchronize { cached_item(id) }\n  end\n\n")
	}
	shared, lockFn := "Rails.cache.fetch(\"item/#{id}\") { Item.find(id).as_json }", "shared_item"
	if lock && mode != "tiered" {
		lockFn = fn
	} else if lock {
		shared = "shared_item(id)"
	}
	if mode == "tiered" {
		fmt.Fprintf(&b, "  def %s(id)\n    local_cache.fetch(\"item/#{id}\") { %s }\n  end\n", fn, shared)
	} else if !lock {
		fmt.Fprintf(&b, "  def %s(id)\n    %s\n  end\n", fn, shared)
	}
	if lock {
		if mode == "tiered" {
			b.WriteString("\n")
		}
		b.WriteString(`  def ` + lockFn + `(id)
    key = "item/#{id}"
    250.times do # wait out another worker's fetch, up to the lock's 5 s
      item = Rails.cache.read(key)
      return item unless item.nil?
      # unless_exist: SET NX in Redis, add in Memcached: one fetch for all workers.
      # Fetch when this worker took the lock, or there is none to wait for (it expired, or the cache is down).
      if Rails.cache.write("lock/#{key}", 1, unless_exist: true, expires_in: 5.seconds) || !Rails.cache.exist?("lock/#{key}")
        item = Rails.cache.read(key) # filled just before its lock was freed: no second fetch
        break if item.nil?

        Rails.cache.delete("lock/#{key}")
        return item
      end
      sleep 0.02
    end
    item = Item.find(id).as_json
    Rails.cache.write(key, item)
    Rails.cache.delete("lock/#{key}") # the others read the copy now
    item
  end
`)
	}
	b.WriteString("end\n")
	return b.String()
}
