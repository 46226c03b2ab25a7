// Private to the alert pipeline: the checks a configuration passes however it was made
// (from JSON or field by field), before a pipeline uses it.
#pragma once

#include <mspcore/security/alert_pipeline.hpp>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

/// Error(INVALID_ARGUMENT) for a negative window, a queue of a priority outside 1-5, or a
/// template that does not render.
void check_config(const AlertPipelineConfig& c);

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
