#include <mspcore/sla/sla_engine.hpp>

#include <nlohmann/json.hpp>

namespace mspcore {
inline namespace v1 {

std::string sla_evaluation_to_json(const SlaEvaluation& evaluation) {
  static const char* kinds[] = {"counted", "closed", "paused"};
  nlohmann::json doc = nlohmann::json::object();
  for (SlaTarget target : kSlaTargets) {
    const SlaResult& r = evaluation[static_cast<std::size_t>(target)];
    nlohmann::json j;
    j["status"] = to_string(r.status);
    j["due"] = r.due ? nlohmann::json(format_instant(*r.due)) : nlohmann::json(nullptr);
    j["target_minutes"] = r.target_seconds > 0 ? nlohmann::json(static_cast<double>(r.target_seconds) / 60.0)
                                               : nlohmann::json(nullptr);
    j["elapsed_seconds"] = r.elapsed_seconds;
    j["elapsed_minutes"] = r.elapsed_minutes;
    j["remaining_minutes"] = r.remaining_minutes ? nlohmann::json(*r.remaining_minutes) : nlohmann::json(nullptr);
    j["consumed_ratio"] = r.consumed_ratio ? nlohmann::json(*r.consumed_ratio) : nlohmann::json(nullptr);
    if (r.status == SlaStatus::Invalid) {
      j["error"] = error_code_name(r.error);
      j["message"] = r.message;
    }
    if (!r.explanation.empty()) {
      nlohmann::json segments = nlohmann::json::array();
      for (const Segment& s : r.explanation) {
        segments.push_back({{"start", format_instant(s.start)}, {"end", format_instant(s.end)},
                            {"kind", kinds[static_cast<int>(s.kind)]}});
      }
      j["explanation"] = segments;
    }
    doc[std::string(to_string(target))] = j;
  }
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
