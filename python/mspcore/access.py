"""Access control for co-managed IT (docs/access-control.md): roles with allow and deny
grants, role inheritance, external technicians confined to their home tenants; a deny beats
every allow.

Thin glue: the model (a dict or a JSON text) and each resource (a dict {"kind", "tenant",
"scope"}) go to the core's decoders; the C++ core decides, and the decision comes back as the
C ABI's JSON document.
"""
from __future__ import annotations

import json

from . import _core

MODEL_KEYS = _core.ACCESS_MODEL_FIELDS
ROLE_KEYS = _core.ACCESS_ROLE_FIELDS
GRANT_KEYS = _core.ACCESS_GRANT_FIELDS
PRINCIPAL_KEYS = _core.ACCESS_PRINCIPAL_FIELDS
RESOURCE_KEYS = _core.ACCESS_RESOURCE_FIELDS


class Decision:
    """The answer of :meth:`AccessModel.authorize`: ``allowed``, ``reason`` (allowed, denied,
    no_grant, outside_home_tenants, unknown_principal), the deciding grant's ``role``,
    ``grant_index`` and ``grant_id`` (None when no grant decided, or the grant has no id) and
    ``chain``, the roles from the principal's assigned role to ``role``. True when allowed."""

    __slots__ = ("_document", "allowed", "reason", "role", "grant_index", "grant_id", "chain")

    def __init__(self, document: str):
        self._document = document
        d = json.loads(document)
        self.allowed = d["allowed"]
        self.reason = d["reason"]
        self.role = d["role"]
        self.grant_index = d["grant_index"]
        self.grant_id = d["grant_id"]
        self.chain = tuple(d["chain"])

    def __bool__(self) -> bool:
        return self.allowed

    def to_json(self) -> str:
        """The decision as the C ABI writes it (msp_access_authorize_json)."""
        return self._document

    def to_dict(self) -> dict:
        return json.loads(self._document)

    def __repr__(self) -> str:
        via = f" by {self.role}[{self.grant_index}]" if self.role is not None else ""
        return f"Decision({'allowed' if self.allowed else 'refused'}: {self.reason}{via})"


class AccessModel:
    """A checked, compiled access model. ``model`` is a dict or a JSON text:
    {"parties": [...], "roles": [...], "principals": [...]} (docs/access-control.md).

    An unknown role, an inheritance cycle or an external principal without home tenants is an
    ``InvalidArgumentError`` naming the place (``model.roles: inheritance cycle 'a' -> 'b' ->
    'a'``)."""

    __slots__ = ("_model",)

    def __init__(self, model):
        self._model = _core.AccessModel(model)

    def authorize(self, principal: str, action: str, resource) -> Decision:
        """May ``principal`` do ``action`` (read, write, approve) to ``resource`` ({"kind":
        ticket | queue | report | kb_space | contract, "tenant", "scope"?})? A refusal is an
        answer, not an exception (an unknown principal too)."""
        return Decision(self._model.authorize_json(principal, action, resource))

    def allows(self, principal: str, action: str, resource) -> bool:
        """Only the yes or no of :meth:`authorize`."""
        return self._model.allows(principal, action, resource)

    def scope_for(self, principal: str, action: str, kind: str, *, tenant: str | None = None) -> str | None:
        """The ``tenant=`` a store call for ``principal`` must pass: None (every tenant) or one
        tenant. ``PermissionDeniedError`` when the principal may not do ``action`` on every
        ``kind`` of ``tenant``, or, without a tenant, when it must name one."""
        return self._model.scope_for(principal, action, kind, tenant)

    tenant_scope = scope_for  # the same call under the name the issue gives it

    @property
    def grant_count(self) -> int:
        return self._model.grant_count

    def __repr__(self) -> str:
        return f"AccessModel({self.grant_count} grants)"
