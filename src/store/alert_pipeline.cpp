// AlertPipeline: one batch of alerts into ticket requests on SQLite
// (docs/security-alert-pipeline.md). A batch is one transaction; incidents a batch touches are
// kept in memory until its end and written once each. This file is the order of the steps; the
// steps are in security/alert_{prepare,correlation,tickets}.cpp (no SQL) and
// store/alert_{schema,index,writer}.cpp.
#include <mspcore/core/error.hpp>
#include <mspcore/security/alert_pipeline.hpp>

#include "core/made_ahead.hpp"
#include "core/parallel.hpp"
#include "security/alert_correlation.hpp"
#include "security/alert_keys.hpp"
#include "security/alert_pipeline_config.hpp"
#include "security/alert_prepare.hpp"
#include "security/alert_tickets.hpp"
#include "store/alert_index.hpp"
#include "store/alert_schema.hpp"
#include "store/alert_writer.hpp"
#include "store/sqlite_db.hpp"

#include <exception>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mspcore {
inline namespace v1 {

using namespace detail::pipeline;

struct AlertPipeline::Impl {
  std::string path;
  AlertPipelineConfig config;
  SQLite::Database db;
  AlertIndex key_index;
  AlertWriter writer;
  SQLite::Statement incident_by_id;
  TicketTemplate title_template;
  TicketTemplate body_template;

  Impl(const std::string& p, AlertPipelineConfig c)
      : path(p),
        config(std::move(c)),
        db(open_alert_state(p)),
        key_index(db),
        writer(db),
        incident_by_id(db, std::string(kIncidentColumns) + "WHERE id = ?1"),
        title_template(config.title_template, "title_template"),
        body_template(config.body_template, "body_template") {}

  std::optional<Work> load_by_id(std::int64_t id) {
    incident_by_id.reset();
    incident_by_id.bind(1, id);
    std::optional<Work> w;
    if (incident_by_id.executeStep()) w = read_incident(incident_by_id);
    incident_by_id.reset();
    return w;
  }

  // The incident `id` when it lies inside `scope` (the filter is in the query, so a row
  // outside it is never read).
  std::optional<Incident> scoped(const TenantScope& scope, std::int64_t id) {
    SQLite::Statement q(db, std::string(kIncidentColumns) + "WHERE id = ?1 AND (?2 IS NULL OR tenant = ?2)");
    q.bind(1, id);
    store::bind_scope(q, 2, scope);
    if (!q.executeStep()) return std::nullopt;
    return read_incident(q).inc;
  }

  // One batch, inside its transaction. The batch reads as it goes and writes at its end:
  // what it decides is held in memory (`work`, `keys`, the rows below) until then, and
  // lookups see it there first.
  IngestResult ingest(std::span<const AlertRecord> items, Instant now, const AlertPipeline::Decided& decided) {
    IngestResult result;
    std::int64_t next_id = key_index.prepare(items.size()) + 1;  // what SQLite would give: max(id) + 1
    KeyIndex batch_keys;                                       // without the index: this batch's own keys
    KeyIndex& keys = key_index.held() != nullptr ? *key_index.held() : batch_keys;
    std::vector<Work> work;                                    // in order of first touch
    std::unordered_map<std::int64_t, std::size_t> by_id;       // incident id -> `work`
    std::vector<AlertWrite> new_alerts;
    std::vector<AlertWrite> changed_alerts;                    // in batch order: the last one wins
    const std::int64_t now_s = unix_seconds(now);

    auto remember = [&](Work w) {
      const std::size_t i = work.size();
      by_id[w.inc.id] = i;
      work.push_back(std::move(w));
      return i;
    };
    // The incident in `work`, loaded from the file when the batch has not touched it yet;
    // `alert` (alert_id()) names the alert that led there in the error.
    auto touch = [&](std::int64_t incident_id, const std::string& alert) {
      if (const auto it = by_id.find(incident_id); it != by_id.end()) return it->second;
      auto loaded = load_by_id(incident_id);
      if (!loaded) {
        throw Error(ErrorCode::INTERNAL, "alert " + quoted(std::string_view(alert)) + " names a missing incident");
      }
      return remember(std::move(*loaded));
    };

    // The first record of each payload: only those are normalised (ahead of the loop, by a
    // second thread and the loop itself).
    const bool parallel = items.size() >= kParallelRecords;
    const std::vector<std::int64_t> fingerprints = fingerprints_of(items, parallel);
    std::unordered_map<std::int64_t, FirstRecord> first_by_fingerprint;
    first_by_fingerprint.reserve(items.size());
    std::vector<bool> firsts(items.size());
    for (std::size_t index = 0; index < items.size(); ++index) {
      const auto [first, fresh] = first_by_fingerprint.try_emplace(fingerprints[index]);
      if (fresh) first->second.index = index;
      firsts[index] = fresh;
    }
    std::optional<detail::MadeAhead<Prepared>> prepared;
    prepared.emplace(items.size(), std::move(firsts), [&](std::size_t i) { return prepare(items[i], config.priority); },
                     parallel);
    // Sized for a batch of new alerts, the common case, so the containers are not rehashed or
    // moved as they grow.
    work.reserve(items.size());
    new_alerts.reserve(items.size());
    result.requests.reserve(items.size());
    by_id.reserve(items.size());
    keys.alerts.reserve(keys.alerts.size() + items.size());
    keys.latest.reserve(keys.latest.size() + items.size());

    for (std::size_t index = 0; index < items.size(); ++index) {
      const AlertRecord& item = items[index];
      // The source's name is checked by normalize_alert(); a valid one is spelled the way
      // to_string() spells it, so this is the fingerprint stored for the alert.
      const std::int64_t fp = fingerprints[index];
      FirstRecord& first = first_by_fingerprint.find(fp)->second;
      const bool is_first = first.index == index;
      if (!is_first && items[first.index].source == item.source && items[first.index].payload == item.payload) {
        // The same bytes as an earlier record of this batch: the same outcome, without
        // normalising again. Only when a record in between changed the alert does it go
        // the whole way (as an update).
        if (first.failed) {
          result.errors.push_back({index, first.code, "record " + std::to_string(index) + ": " + first.error});
          continue;
        }
        const auto known =
            key_index.find_alert(keys, alert_id(first.source, first.source_id), source_name(first.source), first.source_id);
        if (known && known->fingerprint == fp) {
          ++result.unchanged_alerts;
          continue;
        }
      }
      Prepared p;
      try {
        p = is_first ? prepared->take(index) : prepare(item, config.priority);
      } catch (const Error& e) {
        if (is_first) {
          first.failed = true;
          first.code = e.code();
          first.error = e.what();
        }
        result.errors.push_back({index, e.code(), "record " + std::to_string(index) + ": " + e.what()});
        continue;
      }
      if (is_first) {
        first.source = p.source;
        first.source_id = p.source_id;
      }
      const auto known = key_index.find_alert(keys, p.alert_id, source_name(p.source), p.source_id);
      if (known && known->fingerprint == fp) {
        ++result.unchanged_alerts;
        continue;
      }
      if (p.priority_failure) std::rethrow_exception(p.priority_failure);
      if (known) {
        ++result.updated_alerts;
        keys.alerts[p.alert_id] = KnownAlert{known->incident_id, fp};
        Work& w = work[touch(known->incident_id, p.alert_id)];
        changed_alerts.push_back({p.source, std::move(p.source_id), known->incident_id, fp, p.priority});
        if (p.last_seen > w.inc.last_seen) {
          w.inc.last_seen = p.last_seen;
          w.dirty = true;
        }
        if (raise_priority(w, p)) w.alert_ids.push_back(std::move(p.alert_id));
        continue;
      }

      ++result.new_alerts;
      std::optional<std::size_t> wi;
      if (const auto id = key_index.latest_id(keys, p.incident_key, p.tenant, p.asset, p.threat)) wi = touch(*id, p.alert_id);
      if (wi && correlate(work[*wi], p.first_seen, config)) {
        join(work[*wi], p);
      } else {
        const std::int64_t ordinal = wi ? work[*wi].ordinal + 1 : 1;
        wi = remember(open_incident(p, next_id++, ordinal));
        keys.latest[std::move(p.incident_key)] = work[*wi].inc.id;
      }
      const std::int64_t incident_id = work[*wi].inc.id;
      keys.alerts.emplace(std::move(p.alert_id), KnownAlert{incident_id, fp});
      new_alerts.push_back({p.source, std::move(p.source_id), incident_id, fp, p.priority});
    }

    prepared.reset();  // its helper thread has no more to do

    // A request and an event for every incident the batch created, reopened, grew or raised.
    std::vector<EventWrite> events;
    std::vector<std::size_t> asked;  // their `work` indexes
    for (std::size_t i = 0; i < work.size(); ++i) {
      const Work& w = work[i];
      const std::optional<TicketAction> action = action_for(w);
      if (!action) continue;
      events.push_back({w.inc.id, *action, w.inc.priority, static_cast<std::int64_t>(w.alert_ids.size())});
      asked.push_back(i);
    }
    // The rows are written while the requests are made and handed to `decided`, on two
    // threads for a large batch; the batch commits once both are done.
    auto hand_over = [&] {
      result.requests.reserve(asked.size());
      for (std::size_t k = 0; k < asked.size(); ++k) {
        result.requests.push_back(make_request(work[asked[k]], events[k].action, config, title_template, body_template));
      }
      if (decided) decided(result);
    };
    if (parallel) {
      detail::run_parts(2, [&](std::size_t part) {
        if (part == 0) writer.write(work, new_alerts, changed_alerts, events, now_s);
        else hand_over();
      });
    } else {
      writer.write(work, new_alerts, changed_alerts, events, now_s);
      hand_over();
    }
    return result;
  }
};

AlertPipeline::AlertPipeline(const std::string& path, AlertPipelineConfig config) {
  check_config(config);
  impl_ = store::guard(path, [&] { return std::make_unique<Impl>(path, std::move(config)); });
}

AlertPipeline::~AlertPipeline() = default;
AlertPipeline::AlertPipeline(AlertPipeline&&) noexcept = default;
AlertPipeline& AlertPipeline::operator=(AlertPipeline&&) noexcept = default;

IngestResult AlertPipeline::ingest(std::span<const AlertRecord> items, Instant now) { return ingest(items, now, {}); }

IngestResult AlertPipeline::ingest(std::span<const AlertRecord> items, Instant now, const Decided& decided) {
  check_instant_range(now, "now");
  try {
    return store::write_transaction(impl_->db, impl_->path, [&] { return impl_->ingest(items, now, decided); });
  } catch (...) {
    impl_->key_index.drop();  // it may hold rows of the batch that was just rolled back
    impl_->writer.reset();
    impl_->incident_by_id.tryReset();
    throw;
  }
}

namespace {

// An id outside the scope reads exactly as an unknown one: the caller learns nothing of
// another tenant's incidents.
[[noreturn]] void incident_not_found(const TenantScope& scope, std::int64_t id) {
  throw Error(ErrorCode::NOT_FOUND, "incident " + std::to_string(id) + " does not exist in " + scope.to_string());
}

}  // namespace

void AlertPipeline::resolve_incident(const TenantScope& scope, std::int64_t incident_id, Instant at) {
  check_instant_range(at, "at");
  store::write_transaction(impl_->db, impl_->path, [&] {
    const auto inc = impl_->scoped(scope, incident_id);
    if (!inc) incident_not_found(scope, incident_id);
    if (!inc->open) {
      throw Error(ErrorCode::INVALID_STATE, "incident " + std::to_string(incident_id) + " is already resolved");
    }
    SQLite::Statement q(impl_->db, "UPDATE incidents SET open = 0, resolved_at = ?2, updated_at = ?2 WHERE id = ?1");
    q.bind(1, incident_id);
    q.bind(2, unix_seconds(at));
    q.exec();
    impl_->writer.event(incident_id, "resolve", inc->priority, 0, at);
    return 0;
  });
}

std::vector<Incident> AlertPipeline::incidents(std::string_view tenant) const {
  return store::guard(impl_->path, [&] {
    SQLite::Statement q(impl_->db, std::string(kIncidentColumns) + "WHERE tenant = ?1 ORDER BY id");
    q.bind(1, std::string(tenant));
    std::vector<Incident> out;
    while (q.executeStep()) out.push_back(read_incident(q).inc);
    return out;
  });
}

Incident AlertPipeline::incident(const TenantScope& scope, std::int64_t incident_id) const {
  return store::guard(impl_->path, [&] {
    auto inc = impl_->scoped(scope, incident_id);
    if (!inc) incident_not_found(scope, incident_id);
    return std::move(*inc);
  });
}

std::int64_t AlertPipeline::alert_count(const TenantScope& scope) const {
  return store::guard(impl_->path, [&] {
    // alerts has no tenant of its own: it is its incident's.
    SQLite::Statement q(impl_->db,
                        "SELECT count(*) FROM alerts JOIN incidents ON incidents.id = alerts.incident_id "
                        "WHERE ?1 IS NULL OR incidents.tenant = ?1");
    store::bind_scope(q, 1, scope);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

const AlertPipelineConfig& AlertPipeline::config() const noexcept { return impl_->config; }

int AlertPipeline::schema_version() noexcept { return alert_schema().version(); }

}  // namespace v1
}  // namespace mspcore
