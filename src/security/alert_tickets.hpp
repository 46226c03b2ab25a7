// Private to the alert pipeline: the ticket request of an incident, its title and body
// rendered from the configured templates ({placeholder} names the values).
#pragma once

#include <mspcore/security/alert_pipeline.hpp>

#include "security/alert_correlation.hpp"

#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// A template split once into literal text and placeholders, so a request is rendered without
/// searching the template again.
class TicketTemplate {
 public:
  TicketTemplate() = default;
  /// Error(INVALID_ARGUMENT) naming `what` for a '{' without '}' or an unknown placeholder.
  TicketTemplate(const std::string& text, const char* what);

  /// The text for `w` asking for `action`.
  std::string render(const Work& w, TicketAction action) const;

 private:
  struct Part {
    std::string text;  // literal text before the placeholder
    int placeholder;   // index into the placeholder names, -1 after the last one
  };
  std::vector<Part> parts_;
};

/// The request for `w`. It copies the strings the batch's writes bind (they may be running on
/// another thread) and takes the alert ids, which they do not read.
TicketRequest make_request(Work& w, TicketAction action, const AlertPipelineConfig& config,
                           const TicketTemplate& title, const TicketTemplate& body);

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
