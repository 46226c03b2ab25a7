// Thin glue for alignment_score(): the standard (a dict, read by the records layer's decoder,
// or a JSON text) and the answers (a dict of columns from a DataFrame, or a sequence of dicts)
// go to the core's decoders (mspcore/vcio/alignment_records.hpp); the result comes back as the
// C ABI's JSON document.
#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/vcio/alignment_records.hpp>

#include <pybind11/stl.h>

#include <string>
#include <string_view>
#include <vector>

namespace mspcore::python {
namespace {

std::vector<std::string_view> names_of(FieldNames names) { return {names.begin(), names.end()}; }

Standard standard_of(const py::handle& standard) {
  if (py::isinstance<py::str>(standard)) return standard_from_json(standard.cast<std::string>());
  if (py::isinstance<py::bytes>(standard)) return standard_from_json(standard.cast<std::string>());
  return read_standard(PyRecord(standard.ptr(), kStandardFields, "standard"));
}

}  // namespace

void bind_alignment(py::module_& m) {
  m.attr("STANDARD_FIELDS") = py::tuple(py::cast(names_of(kStandardFields)));
  m.attr("SECTION_FIELDS") = py::tuple(py::cast(names_of(kSectionFields)));
  m.attr("QUESTION_FIELDS") = py::tuple(py::cast(names_of(kQuestionFields)));
  m.attr("ANSWER_FIELDS") = py::tuple(py::cast(names_of(kAnswerFields)));
  m.def(
      "_alignment_json",
      [](const py::handle& standard, const py::handle& answers, const py::handle& options) {
        const Standard st = standard_of(standard);
        std::vector<AssessmentAnswer> records;
        if (!answers.is_none()) {
          PyTable t(answers, kAnswerFields, "answers");
          records.reserve(t.size());
          for (std::size_t i = 0; i < t.size(); ++i) records.push_back(read_assessment_answer(t.row(i), i));
        }
        const AlignmentOptions o = read_alignment_options(PyRecord(options.ptr(), kAlignmentRequestFields, "alignment"));
        py::gil_scoped_release release;
        return alignment_result_json(score_alignment(st, records, o), st, records);
      },
      py::arg("standard"), py::arg("answers"), py::arg("options"));
}

}  // namespace mspcore::python
