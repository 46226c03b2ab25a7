// The knowledge base through the C ABI: a handle around KnowledgeBase, records in as JSON
// (through the records layer), answers out as JSON; the read predicate is a C callback.
#include "capi/boundary.hpp"

#include <mspcore/comanaged/knowledge_base.hpp>

#include "comanaged/kb_json.hpp"

#include <string>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

struct msp_kb {
  KnowledgeBase kb;
};

namespace {

TenantScope scope_of(const char* tenant) { return tenant == nullptr ? TenantScope::all() : TenantScope::only(tenant); }

// The callback as a KbMayRead; NULL admits every space in scope. Its arguments are copies
// with their NUL, valid for the call only.
KbMayRead may_read_of(msp_kb_may_read_fn fn, void* ctx) {
  if (fn == nullptr) return {};
  return [fn, ctx](std::string_view tenant, std::string_view space) {
    const std::string t(tenant), s(space);
    return fn(ctx, t.c_str(), s.c_str()) != 0;
  };
}

}  // namespace

extern "C" {

msp_status msp_kb_open(const char* path, msp_kb** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    *out = new msp_kb{KnowledgeBase(std::string(text(path, "path")))};
  });
}

void msp_kb_close(msp_kb* kb) { delete kb; }

msp_status msp_kb_add_space_json(msp_kb* kb, const char* tenant, const char* space_json, int* added, msp_error* err) {
  return guarded(err, [&] {
    KnowledgeBase& k = deref(kb, "kb").kb;
    const KbSpace space = kb_json::space_from_json(text(space_json, "space_json"));
    const bool was_added = k.add_space(scope_of(tenant), space);
    if (added != nullptr) *added = was_added ? 1 : 0;
  });
}

msp_status msp_kb_put_articles_json(msp_kb* kb, const char* tenant, const char* articles_json, int64_t* versions,
                                    int* changed, size_t cap, size_t* count, msp_error* err) {
  return guarded(err, [&] {
    KnowledgeBase& k = deref(kb, "kb").kb;
    const auto articles = kb_json::articles_from_json(text(articles_json, "articles_json"));
    if (count != nullptr) *count = articles.size();
    // Checked before anything is written: a short buffer must not leave versions behind.
    if (!articles.empty() && (cap < articles.size() || versions == nullptr)) {
      throw Error(ErrorCode::BUFFER_TOO_SMALL, "room for " + std::to_string(versions == nullptr ? 0 : cap) +
                                                   " versions is too small: " + std::to_string(articles.size()) +
                                                   " needed; nothing was written");
    }
    const auto results = k.put_articles(scope_of(tenant), articles);
    for (std::size_t i = 0; i < results.size(); ++i) {
      versions[i] = results[i].version;
      if (changed != nullptr) changed[i] = results[i].changed ? 1 : 0;
    }
  });
}

msp_status msp_kb_spaces_json(const msp_kb* kb, const char* tenant, msp_kb_may_read_fn may_read, void* ctx, char* buf,
                              size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const KnowledgeBase& k = deref(kb, "kb").kb;
    capi::write_string(kb_json::spaces_json(k.spaces(scope_of(tenant), may_read_of(may_read, ctx))), buf, buf_size,
                       required);
  });
}

msp_status msp_kb_article_json(const msp_kb* kb, const char* tenant, const char* article_tenant, const char* space,
                               const char* article, msp_kb_may_read_fn may_read, void* ctx, char* buf, size_t buf_size,
                               size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const KnowledgeBase& k = deref(kb, "kb").kb;
    const auto v = k.article(scope_of(tenant), text(article_tenant, "article_tenant"), text(space, "space"),
                             text(article, "article"), may_read_of(may_read, ctx));
    capi::write_string(kb_json::version_json(v), buf, buf_size, required);
  });
}

msp_status msp_kb_versions_json(const msp_kb* kb, const char* tenant, const char* article_tenant, const char* space,
                                const char* article, msp_kb_may_read_fn may_read, void* ctx, char* buf,
                                size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const KnowledgeBase& k = deref(kb, "kb").kb;
    const auto v = k.versions(scope_of(tenant), text(article_tenant, "article_tenant"), text(space, "space"),
                              text(article, "article"), may_read_of(may_read, ctx));
    capi::write_string(kb_json::versions_json(v), buf, buf_size, required);
  });
}

msp_status msp_kb_search_json(const msp_kb* kb, const char* tenant, const char* query, size_t limit,
                              msp_kb_may_read_fn may_read, void* ctx, char* buf, size_t buf_size, size_t* required,
                              msp_error* err) {
  return guarded(err, [&] {
    const KnowledgeBase& k = deref(kb, "kb").kb;
    const auto hits = k.search(scope_of(tenant), text(query, "query"), may_read_of(may_read, ctx), limit);
    capi::write_string(kb_json::hits_json(hits), buf, buf_size, required);
  });
}

}  // extern "C"
