// The knowledge base for mspcore.KnowledgeBase: records in through the records layer (dicts or
// a table), answers out as columns of Python values; python/mspcore/kb.py makes the frames.
#include "bindings.hpp"
#include "py_fields.hpp"

#include <mspcore/comanaged/kb_records.hpp>
#include <mspcore/comanaged/knowledge_base.hpp>
#include <mspcore/core/error.hpp>

#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mspcore::python {
namespace {

// SQLite works with the GIL released; the read predicate takes it back for each call. The
// connection has its own lock (recursive: a predicate may read the same knowledge base).
class KbHandle {
 public:
  explicit KbHandle(const std::string& path) : kb_(KnowledgeBase(path)) {}

  template <class Body>
  auto with(Body&& body) {
    py::gil_scoped_release release;
    const std::lock_guard lock(mutex_);
    if (!kb_) throw Error(ErrorCode::INVALID_STATE, "the knowledge base is closed");
    return body(*kb_);
  }
  void close() {
    py::gil_scoped_release release;
    const std::lock_guard lock(mutex_);
    kb_.reset();
  }

 private:
  std::recursive_mutex mutex_;
  std::optional<KnowledgeBase> kb_;
};

// `fn` (None: every space) as a KbMayRead; it must answer True or False. It refers to `fn`,
// which outlives the call, so copies of the function never touch Python reference counts.
KbMayRead may_read_of(const py::object& fn) {
  if (fn.is_none()) return {};
  return [&fn](std::string_view tenant, std::string_view space) {
    py::gil_scoped_acquire acquire;
    const py::object answer = fn(py::str(tenant.data(), tenant.size()), py::str(space.data(), space.size()));
    if (!PyBool_Check(answer.ptr())) {
      throw Error(ErrorCode::INVALID_TYPE, "may_read(" + quoted(tenant) + ", " + quoted(space) + ") returned " +
                                               std::string(py::repr(answer)) + ", not True or False");
    }
    return answer.ptr() == Py_True;
  };
}

py::dict version_columns(const std::vector<KbArticleVersion>& versions) {
  py::list tenant, space, article, version, title, body, author, at;
  for (const auto& v : versions) {
    tenant.append(v.tenant);
    space.append(v.space);
    article.append(v.article);
    version.append(v.version);
    title.append(v.title);
    body.append(v.body);
    author.append(v.author);
    at.append(unix_seconds(v.at));
  }
  py::dict out;
  out["tenant"] = tenant;
  out["space"] = space;
  out["article"] = article;
  out["version"] = version;
  out["title"] = title;
  out["body"] = body;
  out["author"] = author;
  out["at"] = at;
  return out;
}

py::dict hit_columns(const std::vector<KbHit>& hits) {
  py::list rank, score, tenant, space, article, version, title, snippet;
  for (const auto& h : hits) {
    rank.append(h.rank);
    score.append(h.score);
    tenant.append(h.tenant);
    space.append(h.space);
    article.append(h.article);
    version.append(h.version);
    title.append(h.title);
    snippet.append(h.snippet);
  }
  py::dict out;
  out["rank"] = rank;
  out["score"] = score;
  out["tenant"] = tenant;
  out["space"] = space;
  out["article"] = article;
  out["version"] = version;
  out["title"] = title;
  out["snippet"] = snippet;
  return out;
}

}  // namespace

void bind_kb(py::module_& m) {
  m.attr("KB_SPACE_FIELDS") = py::tuple(py::cast(std::vector<std::string_view>(kKbSpaceFields.begin(), kKbSpaceFields.end())));
  m.attr("KB_ARTICLE_FIELDS") =
      py::tuple(py::cast(std::vector<std::string_view>(kKbArticleFields.begin(), kKbArticleFields.end())));
  m.def("kb_fts_query", [](const std::string& text) { return kb_fts_query(text); }, py::arg("text"));
  py::class_<KbHandle>(m, "KnowledgeBase", "Native knowledge base; use mspcore.KnowledgeBase.")
      .def(py::init<const std::string&>(), py::arg("path"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly_static("schema_version", [](const py::object&) { return KnowledgeBase::schema_version(); })
      .def(
          "add_space",
          [](KbHandle& self, const std::optional<std::string>& scope, const py::handle& record) {
            const KbSpace space = read_kb_space(PyRecord(record.ptr(), kKbSpaceFields, "spaces[0]"), 0);
            const TenantScope s = scope_of(scope);
            return self.with([&](KnowledgeBase& kb) { return kb.add_space(s, space); });
          },
          py::arg("tenant_scope"), py::arg("space"))
      .def(
          "put_articles",
          [](KbHandle& self, const std::optional<std::string>& scope, const py::handle& table) {
            PyTable t(table, kKbArticleFields, "articles");
            std::vector<KbArticle> articles;
            articles.reserve(t.size());
            for (std::size_t i = 0; i < t.size(); ++i) articles.push_back(read_kb_article(t.row(i), i));
            const TenantScope s = scope_of(scope);
            const auto results = self.with([&](KnowledgeBase& kb) { return kb.put_articles(s, articles); });
            py::list version, changed;
            for (const auto& r : results) {
              version.append(r.version);
              changed.append(r.changed);
            }
            return py::make_tuple(version, changed);
          },
          py::arg("tenant_scope"), py::arg("articles"))
      .def(
          "spaces",
          [](KbHandle& self, const std::optional<std::string>& scope, const py::object& may_read) {
            const TenantScope s = scope_of(scope);
            const KbMayRead pred = may_read_of(may_read);
            const auto spaces = self.with([&](KnowledgeBase& kb) { return kb.spaces(s, pred); });
            py::list tenant, space, title;
            for (const auto& sp : spaces) {
              tenant.append(sp.tenant);
              space.append(sp.space);
              title.append(sp.title);
            }
            py::dict out;
            out["tenant"] = tenant;
            out["space"] = space;
            out["title"] = title;
            return out;
          },
          py::arg("tenant_scope"), py::arg("may_read"))
      .def(
          "versions",
          [](KbHandle& self, const std::optional<std::string>& scope, const std::string& tenant,
             const std::string& space, const std::string& article, const py::object& may_read, bool latest_only) {
            const TenantScope s = scope_of(scope);
            const KbMayRead pred = may_read_of(may_read);
            const auto versions = self.with([&](KnowledgeBase& kb) {
              return latest_only ? std::vector<KbArticleVersion>{kb.article(s, tenant, space, article, pred)}
                                 : kb.versions(s, tenant, space, article, pred);
            });
            return version_columns(versions);
          },
          py::arg("tenant_scope"), py::arg("tenant"), py::arg("space"), py::arg("article"), py::arg("may_read"),
          py::arg("latest_only"))
      .def(
          "search",
          [](KbHandle& self, const std::optional<std::string>& scope, const std::string& query,
             const py::object& may_read, std::int64_t limit) {
            const TenantScope s = scope_of(scope);
            const KbMayRead pred = may_read_of(may_read);
            if (limit < 1) {
              throw Error(ErrorCode::OUT_OF_RANGE,
                          "search: limit " + std::to_string(limit) + " is outside 1 .. " + std::to_string(kKbMaxLimit));
            }
            const auto hits =
                self.with([&](KnowledgeBase& kb) { return kb.search(s, query, pred, static_cast<std::size_t>(limit)); });
            return hit_columns(hits);
          },
          py::arg("tenant_scope"), py::arg("query"), py::arg("may_read"), py::arg("limit"))
      .def("close", &KbHandle::close);
}

}  // namespace mspcore::python
